"""Erasure that keeps the counts, and bulk pseudonymisation of old attendance identifiers.

A person is replaced by a pseudonym ("Erased 7KQ2MX4P") everywhere their identifiers were
written: their record, the attendance rows resolved to them (name, e-mail, organisation and role
as written, the sheet cells), every text column of every table that quotes their name or e-mail
(notes, stories, published articles, review evidence), the history tables, and staged uploads.
The person row and the links of their records stay, with their city, gender, organisation and
positions' roles and dates, so every key figure of every period is the same before and after.
Officers' "same person" decisions are written between the records, so no later resolution can
split or re-merge them.

The other apps' models are reached by label (network may not import them).
"""

from __future__ import annotations

import base64
import re
import secrets
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

from citybridge.lib.text import fold
from citybridge.network.models import Person

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)
# Never rewritten: append-only by design, and it holds no names (only ids, counts and hashes).
SKIPPED = {"accounts.accesslog"}
# The encodings sign-in sheets arrive in (citybridge.lib.charsets): a staged CSV may use any.
ENCODINGS = ("utf-8", "cp1250", "cp1251", "iso-8859-2")


def pseudonym() -> str:
    """One random token after a fixed word: no two pseudonyms resolve as one person."""
    return "Erased " + base64.b32encode(secrets.token_bytes(5)).decode()


@dataclass
class ErasureReport:
    placeholder: str
    records: int = 0
    rows_rewritten: int = 0
    files_removed: list[str] = field(default_factory=list)
    files_to_check: list[str] = field(default_factory=list)


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
    # A lone given name would rewrite other people's text: only full names and e-mails count.
    return {w.strip() for w in written if len(w.strip()) >= 5 and (" " in w.strip() or "@" in w)}


def pattern_of(identifiers: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({w for w in identifiers if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)


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
        cells = {}
        for header, value in row.cells.items():
            text = str(value) if value is not None else ""
            if text in written:
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


def sweep_files(identifiers: set[str]) -> tuple[list[str], list[str]]:
    """Staged uploads that mention the person are deleted; media files that do are listed for a
    person to handle (a PDF cannot be rewritten safely)."""
    needles = {w.lower().encode(enc) for w in identifiers for enc in ENCODINGS if _encodes(w, enc)}
    removed, to_check = [], []
    uploads = Path(settings.VAR_DIR) / "uploads"
    for path in _files(uploads):
        if _mentions(path, needles):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    for path in _files(Path(settings.MEDIA_ROOT)):
        if _mentions(path, needles):
            to_check.append(str(path))
    return removed, to_check


def _encodes(word: str, encoding: str) -> bool:
    try:
        word.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []


def _mentions(path: Path, needles: set[bytes]) -> bool:
    data = path.read_bytes()
    if zipfile.is_zipfile(path):  # XLSX and DOCX: look inside the compressed XML
        with zipfile.ZipFile(BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist())
    lowered = data.lower()
    return any(n in lowered for n in needles)


def erase(person: Person, *, acting_user) -> ErasureReport:
    """Replace every identifier of `person` with a pseudonym (call inside a transaction)."""
    placeholder = pseudonym()
    identifiers = identifiers_of(person)
    pattern = pattern_of(identifiers)
    report = ErasureReport(placeholder)
    if pattern is None:
        return report
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
    person._change_reason = "erasure"  # type: ignore[attr-defined]
    person.save()
    # Earlier versions of the person and of their rows: what the sweep below cannot tell apart.
    person.history.exclude(history_id=person.history.latest().history_id).update(
        full_name=placeholder, email="", notes="", consent_how=""
    )
    Attendance = apps.get_model("engagement", "Attendance")
    Attendance.history.filter(id__in=record_ids).update(
        full_name=placeholder, given_name="", family_name="", email="", organisation=""
    )
    report.rows_rewritten = sweep_database(identifiers, pattern, placeholder)
    report.files_removed, report.files_to_check = sweep_files(identifiers)
    return report
