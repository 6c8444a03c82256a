"""Erasure that keeps the counts, and bulk pseudonymisation of old attendance identifiers.

A person is replaced by a pseudonym ("Erased 7KQ2MX4P") everywhere their identifiers were
written: their record, the attendance rows resolved to them (name, e-mail, organisation and role
as written, the sheet cells), every text column of every table that quotes their name or e-mail
(notes, stories, published articles, review evidence), the history tables, binary columns and
files (Word and Excel files rewritten, see citybridge.lib.redact), and staged uploads. The
person row and the links of their records stay, with their city, gender, organisation and
positions' roles and dates, so every key figure of every period is the same before and after.
Officers' "same person" decisions are written between the records, so no later resolution can
split or re-merge them.

The other apps' models are reached by label (network may not import them); an app whose files
need more than a text rewrite (reports re-renders a published brief's PDF) registers a
rewriter with `register_rewriter`, which `erase` calls before the sweep of the database.
"""

from __future__ import annotations

import base64
import html
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

from citybridge.accounts.history import records_acting_user
from citybridge.lib import redact
from citybridge.lib.text import fold
from citybridge.network.models import Person
from citybridge.network.versions import take_next_version

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
# Never rewritten: append-only by design, and it holds no names (only ids, counts and hashes).
SKIPPED = {"accounts.accesslog"}
# Matches nothing: the person's own rows are still rewritten when no identifier is safe to sweep.
NOTHING = re.compile(r"(?!)")


def pseudonym() -> str:
    """One random token after a fixed word: no two pseudonyms resolve as one person."""
    return "Erased " + base64.b32encode(secrets.token_bytes(5)).decode()


@dataclass
class ErasureReport:
    placeholder: str
    records: int = 0
    rows_rewritten: int = 0
    # What the registered rewriters changed ("published brief 3"), and files rewritten in place.
    rewritten: list[str] = field(default_factory=list)
    files_rewritten: list[str] = field(default_factory=list)
    # Files that named the person and could not be rewritten safely (a PDF, an image): deleted,
    # and the records that pointed at them cleared.
    files_removed: list[str] = field(default_factory=list)
    # Binary values no rewriter claims and that cannot be rewritten: for a person to handle.
    files_to_check: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scrubber:
    """What an erasure replaces and with what: handed to the registered rewriters."""

    identifiers: frozenset[str]
    pattern: re.Pattern[str]
    placeholder: str

    def text(self, value: Any) -> Any:
        return scrub(value, self.pattern, self.placeholder)

    def mentions(self, value: str) -> bool:
        return self.pattern.search(value) is not None

    def file(self, data: bytes) -> bytes | None:
        """The file rewritten (the same bytes when it never named the person), or None when it
        names them and cannot be rewritten safely."""
        return redact.redact(data, self.text, self.pattern)


Rewriter = Callable[[Scrubber], list[str]]
# Rewriters registered by other apps (AppConfig.ready), by the label of the model whose binary
# columns they take care of: the generic sweep of binary columns leaves those models to them.
REWRITERS: dict[str, Rewriter] = {}


def register_rewriter(model_label: str, rewriter: Rewriter) -> None:
    """`rewriter(scrubber)` rewrites what names the person in `model_label`'s rows and files
    and returns a line for each record it changed. Called by every erasure, before the sweep of
    the database's text columns, so it still sees the person's name where it was written."""
    REWRITERS[model_label.lower()] = rewriter


def identifiers_of(person: Person) -> set[str]:
    """Every way the person's name and e-mail were written, and their folded forms."""
    Attendance = apps.get_model("engagement", "Attendance")
    written: set[str] = {person.full_name, person.email}
    for row in Attendance.objects.filter(person=person).values(
        "full_name", "given_name", "family_name", "email"
    ):
        written |= {row["full_name"], row["email"]}
        written.add(f"{row['given_name']} {row['family_name']}".strip())
        written.add(f"{row['family_name']} {row['given_name']}".strip())
    written |= {fold(w) for w in written}
    # As HTML and XML files write them: "O'Brien" is "O&#x27;Brien" in a published article.
    written |= {e for w in written for e in escaped_forms(w)}
    # A lone given name would rewrite other people's text: only full names and e-mails count.
    return {w.strip() for w in written if len(w.strip()) >= 5 and (" " in w.strip() or "@" in w)}


def escaped_forms(text: str) -> set[str]:
    escaped = html.escape(text, quote=True)
    return {escaped, escaped.replace("&#x27;", "&#39;").replace("&quot;", "&#34;")}


def pattern_of(identifiers: Iterable[str]) -> re.Pattern[str] | None:
    """Any identifier, in any case, with any run of white space where it has a space (a PDF's
    text layer or a wrapped line breaks a name where the sheet had a space)."""
    words = sorted({" ".join(w.split()) for w in identifiers if w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words), re.IGNORECASE)


def scrub(value: Any, pattern: re.Pattern[str], placeholder: str) -> Any:
    """`value` with every identifier replaced, walking JSON lists and dicts."""
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [scrub(v, pattern, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v, pattern, placeholder) for k, v in value.items()}
    return value


def rewrite_attendance(person: Person, placeholder: str, pattern: re.Pattern[str]) -> list[int]:
    """The person's rows keep their engagement, city, role kind and link; lose what names them."""
    from citybridge.network.models import RoleKind

    Attendance = apps.get_model("engagement", "Attendance")
    rows = list(Attendance.objects.filter(person=person).order_by("pk"))
    for row in rows:
        role = RoleKind(row.role_kind).label if row.role_kind else ""
        written = {row.organisation, row.role, row.email} - {""}
        # The person's own names as this row wrote them, however short ("Ana" alone is too
        # short to sweep other tables for, not too short to remove from their own row).
        names = {
            n.strip().casefold()
            for n in (row.full_name, row.given_name, row.family_name, person.full_name)
            if n.strip()
        }
        cells = {}
        for header, value in row.cells.items():
            text = str(value) if value is not None else ""
            if text.strip().casefold() in names:
                cells[header] = placeholder
            elif text in written:
                cells[header] = str(role) if text == row.role else ""
            else:
                cells[header] = scrub(text, pattern, placeholder)
        row.cells = cells
        row.full_name, row.given_name, row.family_name = placeholder, "", ""
        row.email = row.organisation = ""
        row.role = str(role)
    Attendance.objects.bulk_update(
        rows, ["cells", "full_name", "given_name", "family_name", "email", "organisation", "role"]
    )
    return [r.pk for r in rows]


def pin_together(record_ids: list[int], acting_user) -> None:
    """ "Same person" decisions between the records, re-applied by every later resolution."""
    LinkDecision = apps.get_model("engagement", "LinkDecision")
    first = record_ids[0] if record_ids else None
    for other in record_ids[1:]:
        LinkDecision.objects.update_or_create(
            first_id=first,
            second_id=other,
            defaults={"verdict": "same", "decided_by": acting_user},
        )


def sweep_database(identifiers: set[str], pattern: re.Pattern[str], placeholder: str) -> int:
    """Rewrite every text column of every table (history tables included) that holds an
    identifier. Returns how many rows changed."""
    changed = 0
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED or model._meta.proxy:
            continue
        columns = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key
        ]
        for name in columns:
            changed += _sweep_column(model, name, identifiers, pattern, placeholder)
    return changed


def sweep_binary_columns(scrubber: Scrubber) -> tuple[int, list[str]]:
    """Binary columns of the models no rewriter claims: each value that names the person is
    rewritten (Word, Excel, text) or, when that cannot be done safely, listed to check."""
    changed, to_check = 0, []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in REWRITERS or label in SKIPPED or model._meta.proxy:
            continue
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.BinaryField):
                continue
            manager = model._base_manager
            for pk, value in (
                manager.exclude(**{f"{f.name}__isnull": True}).values_list("pk", f.name).iterator()
            ):
                data = bytes(value)
                new = scrubber.file(data)
                if new is None:
                    to_check.append(f"{label} {pk} ({f.name})")
                elif new != data:
                    manager.filter(pk=pk).update(**{f.name: new})
                    changed += 1
    return changed, to_check


def _sweep_column(
    model, name: str, identifiers: set[str], pattern: re.Pattern[str], placeholder: str
) -> int:
    manager = model._base_manager
    changed = 0
    # JSON columns are searched as text in Python: JSON lookups differ between databases.
    is_json = isinstance(model._meta.get_field(name), models.JSONField)
    if is_json:
        candidates = manager.exclude(**{f"{name}__isnull": True}).values_list("pk", name)
    else:
        # SQLite folds case for ASCII only: the usual casings of a Cyrillic name are asked too.
        forms = {f for w in identifiers for f in (w, w.lower(), w.upper(), w.title())}
        q = models.Q()
        for word in forms:
            q |= models.Q(**{f"{name}__icontains": word})
        candidates = manager.filter(q).values_list("pk", name)
    for pk, value in candidates.iterator():
        new = scrub(value, pattern, placeholder)
        if new != value:
            manager.filter(pk=pk).update(**{name: new})
            changed += 1
    return changed


def sweep_files(scrubber: Scrubber) -> tuple[list[str], list[str], list[str]]:
    """Staged uploads that name the person are deleted (the import they wait for is not done
    yet). Files under MEDIA_ROOT that name them are rewritten in place when they can be (Word,
    Excel, text); the others (a PDF, an image) are deleted and the file fields that pointed at
    them cleared, so the record says the file is gone rather than pointing at nothing.

    Returns (removed, rewritten, media paths removed), as paths relative to their root."""
    removed, rewritten, media_removed = [], [], []
    uploads = Path(settings.VAR_DIR) / "uploads"
    for path in _files(uploads):
        if redact.mentions(path.read_bytes(), scrubber.pattern):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    media = Path(settings.MEDIA_ROOT)
    for path in _files(media):
        data = path.read_bytes()
        new = scrubber.file(data)
        if new == data:
            continue
        relative = path.relative_to(media).as_posix()
        if new is None:
            path.unlink(missing_ok=True)
            media_removed.append(relative)
        else:
            _replace(path, new)
            rewritten.append(relative)
    _clear_file_fields(media_removed)
    return removed, rewritten, media_removed


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _replace(path: Path, data: bytes) -> None:
    """Write beside, then rename over: a crash leaves the old file or the new, never half."""
    partial = path.with_name(path.name + ".erasing")
    partial.write_bytes(data)
    partial.replace(path)


def _clear_file_fields(names: list[str]) -> None:
    if not names:
        return
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField):
                model._base_manager.filter(**{f"{f.name}__in": names}).update(**{f.name: ""})


@records_acting_user
def erase(person: Person, *, acting_user, placeholder: str | None = None) -> ErasureReport:
    """Replace every identifier of `person` with a pseudonym (call inside a transaction).

    `placeholder` is given when an erasure is applied again (network.ledger, after a restore),
    so the person keeps the pseudonym they had."""
    placeholder = placeholder or pseudonym()
    identifiers = identifiers_of(person)
    pattern = pattern_of(identifiers) or NOTHING
    scrubber = Scrubber(frozenset(identifiers), pattern, placeholder)
    report = ErasureReport(placeholder)
    record_ids = rewrite_attendance(person, placeholder, pattern)
    report.records = len(record_ids)
    pin_together(record_ids, acting_user)
    Testimonial = apps.get_model("advocacy", "Testimonial")
    quotes = list(Testimonial.objects.filter(person=person).values_list("pk", flat=True))
    Testimonial.objects.filter(pk__in=quotes).delete()
    Testimonial.history.filter(id__in=quotes).delete()  # their words, kept by the history too
    person.positions.update(title="")
    person.full_name = placeholder
    person.email = person.notes = person.consent_how = ""
    person.consent_contact = person.consent_quote = person.consent_photo = False
    person.consent_recorded_on = None
    person.is_pseudonymised = True
    # A form opened before the erasure must not write the name back (network.versions).
    take_next_version(person)
    person._change_reason = "erasure"  # type: ignore[attr-defined]
    if acting_user is not None:
        person._history_user = acting_user  # type: ignore[attr-defined]
    person.save()
    # Earlier versions of the person and of their rows: what the sweep below cannot tell apart.
    person.history.exclude(history_id=person.history.latest().history_id).update(
        full_name=placeholder, email="", notes="", consent_how=""
    )
    Attendance = apps.get_model("engagement", "Attendance")
    Attendance.history.filter(id__in=record_ids).update(
        full_name=placeholder, given_name="", family_name="", email="", organisation=""
    )
    if pattern is NOTHING:
        return report
    for rewriter in REWRITERS.values():
        report.rewritten += rewriter(scrubber)
    report.rows_rewritten = sweep_database(identifiers, pattern, placeholder)
    binary_rows, report.files_to_check = sweep_binary_columns(scrubber)
    report.rows_rewritten += binary_rows
    removed, report.files_rewritten, media_removed = sweep_files(scrubber)
    report.files_removed = removed + media_removed
    return report
