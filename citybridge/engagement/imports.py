"""Import engagements and attendance sheets as partners send them: all or nothing.

A sheet belongs to the engagement given, or to the one whose key is the file's stem (E012.csv ->
E012). Every row is kept exactly as written with its source file and 1-based row number; then the
hub's people are resolved again, so a new sheet can link to people seen before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import PurePath

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog, User
from citybridge.engagement.models import Engagement, Sheet
from citybridge.engagement.resolution import resolve_hub
from citybridge.engagement.sheets import store_sheet
from citybridge.lib.cells import parse_date, parse_email
from citybridge.lib.headers import ATTENDANCE, ENGAGEMENTS
from citybridge.lib.importing import ImportReport
from citybridge.lib.spreadsheets import (
    Problem,
    SheetError,
    Table,
    ValueProblem,
    map_columns,
    read_table,
)
from citybridge.lib.text import fold
from citybridge.network.imports import country_code
from citybridge.network.models import Country, Hub
from citybridge.network.places import find_or_create_city, known_places

# Told how far an import is: ("checking" | "saving" | "linking", rows done so far).
Progress = Callable[[str, int], None]


def no_progress(stage: str, rows: int) -> None:
    pass


KIND_WORDS = {fold(str(label)): value for value, label in Engagement.Kind.choices} | {
    fold(value.replace("_", " ")): value for value in Engagement.Kind.values
}


def engagement_kind(text: str) -> str | None:
    return KIND_WORDS.get(fold(text.replace("_", " ")))


@records_acting_user
def import_engagements(
    data: bytes, file_name: str, *, hub: Hub, dry_run: bool = False, acting_user: User | None
) -> ImportReport:
    table = read_table(data, file_name)
    columns = map_columns(table.headers, ENGAGEMENTS)
    countries = dict(Country.objects.values_list("code", "name"))
    problems: list[Problem] = []
    parsed = []
    seen: dict[str, int] = {}
    for row in table.rows:
        cell = {key: row.cells.get(header, "").strip() for key, header in columns.items()}
        key, title = cell.get("key", ""), " ".join(cell.get("title", "").split())
        if not key:
            problems.append(
                Problem(
                    row.number,
                    columns["key"],
                    _("The key is missing."),
                    _("Give each engagement a short unique key, e.g. E012."),
                )
            )
        elif key in seen:
            problems.append(
                Problem(
                    row.number,
                    columns["key"],
                    _("The key %(key)s is also on row %(row)s.") % {"key": key, "row": seen[key]},
                    _("Give each engagement its own key."),
                )
            )
        seen.setdefault(key, row.number)
        if not title:
            problems.append(
                Problem(
                    row.number,
                    columns["title"],
                    _("The title is missing."),
                    _("Write the engagement's title."),
                )
            )
        kind = engagement_kind(cell["type"]) if cell.get("type") else Engagement.Kind.OTHER
        if kind is None:
            allowed = ", ".join(Engagement.Kind.values)
            problems.append(
                Problem(
                    row.number,
                    columns["type"],
                    _("'%(value)s' is not a type of engagement.") % {"value": cell["type"]},
                    _("Use one of: %(allowed)s.") % {"allowed": allowed},
                )
            )
        dates: list[dt.date] = []
        for field in ("start", "end"):
            if field == "end" and not cell.get("end"):
                dates += dates[:1]  # a one-day engagement
                continue
            try:
                dates.append(parse_date(cell.get(field, "")))
            except ValueError:
                problems.append(
                    Problem(
                        row.number,
                        columns[field],
                        _("'%(value)s' is not a date.") % {"value": cell.get(field, "")},
                        _("Write it as YYYY-MM-DD."),
                    )
                )
        if len(dates) == 2 and dates[1] < dates[0]:
            problems.append(
                Problem(
                    row.number,
                    columns.get("end"),
                    _("The engagement ends before it starts."),
                    _("Check the start and end dates."),
                )
            )
        code = None
        if cell.get("country"):
            code = country_code(cell["country"], countries)
            if code is None:
                problems.append(
                    Problem(
                        row.number,
                        columns["country"],
                        _("'%(value)s' is not a country code.") % {"value": cell["country"]},
                        _("Use the ISO 3166 two-letter code, e.g. ME."),
                    )
                )
        if len(dates) == 2 and kind and key and title:
            parsed.append(
                (row.number, key, title, kind, dates[0], dates[1], cell.get("city", ""), code)
            )
    if problems:
        raise SheetError(problems)

    report = ImportReport(
        kind=_("engagement"), file_names=[file_name], dry_run=dry_run, rows=len(parsed)
    )
    with transaction.atomic():
        index = known_places()
        for _row, key, title, kind, start, end, city_name, code in parsed:
            city = None
            if city_name and code:
                city, created = find_or_create_city(
                    city_name, code, index=index, acting_user=acting_user
                )
                if created:
                    report.new_places.append(f"{city.name} ({code})")
            values = {
                "title": title,
                "kind": kind,
                "starts_on": start,
                "ends_on": end,
                "host_city": city,
                "country_id": code,
                "place": city.name if city else city_name,
            }
            engagement = Engagement.objects.filter(hub=hub, key=key).first()
            if engagement is None:
                Engagement.objects.create(hub=hub, key=key, **values)
                report.created += 1
            elif all(getattr(engagement, f) == v for f, v in values.items()):
                report.unchanged += 1
            else:
                for f, v in values.items():
                    setattr(engagement, f, v)
                # A new version (read in this transaction): an edit opened before is refused.
                engagement.version += 1
                engagement.save()
                report.updated += 1
        if dry_run:
            transaction.set_rollback(True)
    return report


@dataclass
class ParsedSheet:
    file_name: str
    sha256: str
    engagement: Engagement
    table: Table
    columns: dict[str, str]


def _engagements_by_key(hub: Hub) -> dict[str, Engagement]:
    """The hub's engagements by upper-cased key (keys match case-insensitively, as `iexact`):
    one query for a thousand sheets instead of one each."""
    found: dict[str, Engagement] = {}
    # In the model's order, so that of two keys differing only in case the one .first() picked.
    for engagement in Engagement.objects.filter(hub=hub):
        found.setdefault(engagement.key.upper(), engagement)
    return found


def parse_sheets(
    files: list[tuple[str, bytes]],
    *,
    hub: Hub,
    engagement: Engagement | None,
    progress: Progress = no_progress,
) -> list[ParsedSheet]:
    """Read and check every file before anything is written; one SheetError lists all problems."""
    problems: list[Problem] = []
    parsed: list[ParsedSheet] = []
    checked = 0
    by_key = _engagements_by_key(hub) if engagement is None else {}
    for name, data in files:
        progress("checking", checked)
        try:
            table = read_table(data, name)
            columns = map_columns(table.headers, ATTENDANCE)
        except SheetError as error:
            problems += [replace(p, file=name) for p in error.problems]
            continue
        target = engagement or by_key.get(PurePath(name).stem.upper())
        if target is None:
            problems.append(
                Problem(
                    None,
                    None,
                    _("No engagement of this hub has the key '%(key)s'.")
                    % {"key": PurePath(name).stem},
                    _(
                        "Name the file after the engagement's key (e.g. E012.csv) or choose the engagement."
                    ),
                    file=name,
                )
            )
            continue
        for row in table.rows:
            name_cells = [
                row.cells.get(columns[c], "")
                for c in ("full_name", "first_name", "last_name")
                if c in columns
            ]
            if not any(v.strip() for v in name_cells):
                problems.append(
                    Problem(
                        row.number,
                        columns.get("full_name") or columns.get("last_name"),
                        _("The name is missing."),
                        _("Write the person's name, or delete the row if nobody signed it."),
                        file=name,
                    )
                )
            email = row.cells.get(columns["email"], "").strip() if "email" in columns else ""
            if email:
                try:
                    parse_email(email)
                except ValueProblem as error:
                    problems.append(replace(error.at(row.number, columns["email"]), file=name))
        parsed.append(ParsedSheet(name, hashlib.sha256(data).hexdigest(), target, table, columns))
        checked += len(table.rows)
    if problems:
        raise SheetError(problems)
    return parsed


@records_acting_user
def import_attendance(
    files: list[tuple[str, bytes]],
    *,
    hub: Hub,
    engagement: Engagement | None = None,
    dry_run: bool = False,
    acting_user: User | None,
    progress: Progress = no_progress,
) -> ImportReport:
    sheets = parse_sheets(files, hub=hub, engagement=engagement, progress=progress)
    report = ImportReport(
        kind=_("attendance"), file_names=[s.file_name for s in sheets], dry_run=dry_run
    )
    with transaction.atomic():
        people_before = hub.people.count()
        # City cells repeat across the sheets of an import: each written form is looked up once.
        place_of = cache(known_places(hub.country_codes()).lookup)
        # Every sheet imported before, in one query rather than one per file: {(engagement,
        # file name): sha256}. The sheets' engagements are the hub's, or the one given.
        earlier = Q(engagement__hub=hub)
        if engagement is not None:
            earlier |= Q(engagement=engagement)
        fingerprints = {
            (engagement_id, file_name): sha256
            for engagement_id, file_name, sha256 in Sheet.objects.filter(earlier).values_list(
                "engagement_id", "file_name", "sha256"
            )
        }
        conflicts: list[Problem] = []
        saved = 0
        for sheet in sheets:
            progress("saving", saved)
            saved += len(sheet.table.rows)
            previous = fingerprints.get((sheet.engagement.pk, sheet.file_name))
            if previous == sheet.sha256:
                report.unchanged += len(sheet.table.rows)
                report.notes.append(
                    _("%(file)s was already imported: nothing changed.") % {"file": sheet.file_name}
                )
                continue
            if previous:
                conflicts.append(
                    Problem(
                        None,
                        None,
                        _("A different %(file)s was already imported for %(key)s.")
                        % {"file": sheet.file_name, "key": sheet.engagement.key},
                        _(
                            "Remove the earlier sheet on the engagement's page first, or give this file another name."
                        ),
                        file=sheet.file_name,
                    )
                )
                continue
            # Known at once: the same file twice in one upload is then "unchanged" the second time.
            fingerprints[(sheet.engagement.pk, sheet.file_name)] = sheet.sha256
            store_sheet(
                sheet.engagement,
                file_name=sheet.file_name,
                sha256=sheet.sha256,
                encoding=sheet.table.encoding or "xlsx",
                rows=sheet.table.rows,
                columns=sheet.columns,
                place_of=place_of,
                acting_user=acting_user,
            )
            report.created += len(sheet.table.rows)
            report.rows += len(sheet.table.rows)
            # Its rows are in the database now; resolution reads them from there.
            sheet.table.rows = []
        if conflicts:
            raise SheetError(conflicts)
        progress("linking", saved)
        summary = resolve_hub(hub)
        report.extra = {
            "new people": hub.people.count() - people_before,
            "pairs to review": summary.uncertain,
        }
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run and report.created:
        log_access(acting_user, AccessLog.Action.IMPORT, hub=hub, count=report.created)
    return report
