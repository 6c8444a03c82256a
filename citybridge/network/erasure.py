"""Erasure that keeps the counts, and bulk pseudonymisation of old attendance identifiers.

A person is replaced by a pseudonym ("Erased 7KQ2MX4P") everywhere their identifiers were
written: their record, the attendance rows resolved to them (name, e-mail, organisation and role
as written, the sheet cells), every text column of every table that quotes their name or e-mail
(notes, stories, published articles, review evidence), the history tables, binary columns and
files (Word and Excel files rewritten, see citybridge.lib.redact), and staged uploads. Their
name is found however it was written (citybridge.lib.name_search): given family, family given,
"Family, Given", in Latin or Cyrillic, with or without diacritics, and over two cells of one
row (a sheet's given and family name columns, a record's two columns). Their family name
written alone may be them or a relative: it is not rewritten but listed in the report's
`to_check`, which the erasure page and the access log show a hub admin. The
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.lib import redact
from citybridge.lib.name_search import (
    WrittenName,
    family_alone,
    names_regex,
    split_cells,
    written_names,
)
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
    # Binary values no rewriter claims and that cannot be rewritten, and text cells whose
    # rewrite would not fit their column: they still name the person, for a person to handle.
    files_to_check: list[str] = field(default_factory=list)
    # Places that write their family name without their given name ("advocacy action 4: what
    # came of it", a file's path): them or a relative, for a person to decide.
    to_check: list[str] = field(default_factory=list)

    def log_detail(self, done: str) -> str:
        """The access log's detail for this erasure: `done`, and how many places a person must
        check by hand (the erasure page lists them; the log holds no name, nor any place)."""
        checks = len(self.files_to_check) + len(self.to_check)
        return f"{done}; {checks} to check by hand" if checks else done


@dataclass(frozen=True)
class Scrubber:
    """What an erasure replaces and with what: handed to the registered rewriters."""

    identifiers: frozenset[str]
    pattern: re.Pattern[str]
    placeholder: str
    names: frozenset[WrittenName] = frozenset()

    def text(self, value: Any) -> Any:
        return scrub(value, self.pattern, self.placeholder, self.names)

    def cells(self, row: list) -> list:
        """One row's cells with the name written over two of them replaced."""
        return split_cells(row, self.names, self.placeholder) if self.names else row

    def mentions(self, value: str) -> bool:
        return self.pattern.search(value) is not None

    def alone(self, value: str) -> bool:
        """True when `value` writes their family name without their given name."""
        return family_alone(value, self.names)

    def mentions_file(self, data: bytes) -> bool:
        return redact.mentions(data, self.pattern, self.cells)

    def file(self, data: bytes) -> bytes | None:
        """The file rewritten (the same bytes when it never named the person), or None when it
        names them and cannot be rewritten safely."""
        return redact.redact(data, self.text, self.pattern, self.cells)


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


def names_of(person: Person) -> set[WrittenName]:
    """The person's name as each of their records, and each earlier version of their own
    record, wrote it: what every spelling, script and order is searched by."""
    Attendance = apps.get_model("engagement", "Attendance")
    written = {(person.full_name, "", "")}
    written |= {(n, "", "") for n in person.history.values_list("full_name", flat=True)}
    written |= set(
        Attendance.objects.filter(person=person).values_list(
            "full_name", "given_name", "family_name"
        )
    )
    return written_names(written)


def escaped_forms(text: str) -> set[str]:
    escaped = html.escape(text, quote=True)
    return {escaped, escaped.replace("&#x27;", "&#39;").replace("&quot;", "&#34;")}


def pattern_of(
    identifiers: Iterable[str], names: Iterable[WrittenName] = ()
) -> re.Pattern[str] | None:
    """Any identifier, in any case, with any run of white space where it has a space (a PDF's
    text layer or a wrapped line breaks a name where the sheet had a space), and any way of
    writing one of `names` (citybridge.lib.name_search). E-mails come first, so a name is not
    taken out of the middle of an address; then the names, so a declined ending goes with them."""
    words = sorted({" ".join(w.split()) for w in identifiers if w.strip()}, key=len, reverse=True)
    literal = [re.escape(w).replace(r"\ ", r"\s+") for w in words]
    emails = [w for w, word in zip(literal, words, strict=True) if "@" in word]
    others = [w for w, word in zip(literal, words, strict=True) if "@" not in word]
    spelled = [names_regex(names)] if names else []
    alternatives = emails + spelled + others
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def scrub(
    value: Any, pattern: re.Pattern[str], placeholder: str, names: Iterable[WrittenName] = ()
) -> Any:
    """`value` with every identifier replaced, walking JSON lists and dicts; a dict's values are
    also read as one row's cells, for a name written over two of them."""
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [scrub(v, pattern, placeholder, names) for v in value]
    if isinstance(value, dict):
        out = {k: scrub(v, pattern, placeholder, names) for k, v in value.items()}
        if names:
            keys = list(out)
            out = dict(
                zip(keys, split_cells([out[k] for k in keys], names, placeholder), strict=True)
            )
        return out
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


@dataclass
class Sweep:
    """What the sweep of the database's text columns did and left."""

    rows: int = 0
    # Places that still write their family name alone, and cells left as they were because
    # the rewritten text would not fit the column.
    to_check: list[str] = field(default_factory=list)
    not_rewritten: list[str] = field(default_factory=list)


def sweep_database(scrubber: Scrubber) -> Sweep:
    """Rewrite every text column of every table (history tables included) that holds an
    identifier, or the name over two of a row's columns.

    Every row is read: a name in another script or without its diacritics has no spelling a
    database's LIKE could ask for. One query per table, its text columns together."""
    sweep = Sweep()
    for model in apps.get_models():
        if model._meta.label_lower in SKIPPED or model._meta.proxy:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_FIELDS) and not f.primary_key
        ]
        if fields:
            _sweep_table(model, fields, scrubber, sweep)
    sweep.to_check = list(dict.fromkeys(sweep.to_check))
    return sweep


def place(model, pk: Any, f: models.Field) -> str:
    """ "advocacy action 4: what came of it", in words a hub admin reads (never a name); an
    earlier version kept by a history table says so."""
    live = getattr(model, "instance_type", None)  # simple_history's historical models
    if live is not None:
        return _("%(record)s %(id)s: %(field)s (an earlier version)") % {
            "record": live._meta.verbose_name,
            "id": pk,
            "field": f.verbose_name,
        }
    return _("%(record)s %(id)s: %(field)s") % {
        "record": model._meta.verbose_name,
        "id": pk,
        "field": f.verbose_name,
    }


def _sweep_table(model, fields: Sequence[models.Field], scrubber: Scrubber, sweep: Sweep) -> None:
    manager = model._base_manager
    live = getattr(model, "instance_type", None)
    # A history row is shown by its record's id (the history table keeps it as a plain column).
    key = live._meta.pk.attname if live is not None else "pk"
    names = [f.name for f in fields]
    rows = manager.values_list("pk", key, *names).order_by("pk")
    pattern, placeholder = scrubber.pattern, scrubber.placeholder
    for pk, shown, *values in rows.iterator(chunk_size=2000):
        # Millions of cells: a string goes straight to the pattern, JSON through `scrub`.
        new = [pattern.sub(placeholder, v) if type(v) is str else scrubber.text(v) for v in values]
        new = scrubber.cells(new)
        changes = {}
        for f, old, value in zip(fields, values, new, strict=True):
            if value == old:
                pass
            elif isinstance(f, models.CharField) and f.max_length and len(value) > f.max_length:
                sweep.not_rewritten.append(place(model, shown, f))
                continue
            else:
                changes[f.name] = value
            # Free text may write the family name alone: them or a relative, to check.
            if isinstance(f, models.TextField) and isinstance(value, str) and scrubber.alone(value):
                sweep.to_check.append(place(model, shown, f))
        if changes:
            manager.filter(pk=pk).update(**changes)
            sweep.rows += 1


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


def sweep_files(scrubber: Scrubber) -> tuple[list[str], list[str], list[str], list[str]]:
    """Staged uploads that name the person are deleted (the import they wait for is not done
    yet). Files under MEDIA_ROOT that name them are rewritten in place when they can be (Word,
    Excel, text); the others (a PDF, an image) are deleted and the file fields that pointed at
    them cleared, so the record says the file is gone rather than pointing at nothing.

    Returns (removed, rewritten, media paths removed, media paths that write their family name
    alone), as paths relative to their root."""
    removed, rewritten, media_removed, to_check = [], [], [], []
    uploads = Path(settings.VAR_DIR) / "uploads"
    for path in _files(uploads):
        if scrubber.mentions_file(path.read_bytes()):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    media = Path(settings.MEDIA_ROOT)
    for path in _files(media):
        data = path.read_bytes()
        new = scrubber.file(data)
        relative = path.relative_to(media).as_posix()
        if new is None:
            path.unlink(missing_ok=True)
            media_removed.append(relative)
            continue
        if new != data:
            _replace(path, new)
            rewritten.append(relative)
        if scrubber.names and scrubber.alone(redact.file_text(new)):
            to_check.append(relative)
    _clear_file_fields(media_removed)
    return removed, rewritten, media_removed, to_check


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
    names = names_of(person)  # before their own rows and record lose the name
    pattern = pattern_of(identifiers, names) or NOTHING
    scrubber = Scrubber(frozenset(identifiers), pattern, placeholder, frozenset(names))
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
    swept = sweep_database(scrubber)
    binary_rows, report.files_to_check = sweep_binary_columns(scrubber)
    report.rows_rewritten = swept.rows + binary_rows
    report.files_to_check += swept.not_rewritten
    removed, report.files_rewritten, media_removed, files_alone = sweep_files(scrubber)
    report.files_removed = removed + media_removed
    report.to_check = swept.to_check + files_alone
    return report
