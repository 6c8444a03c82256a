"""Attendance sheets as partners send them: each row kept as written, then the people resolved.

A row belongs to the engagement its engagement column names (by key or title), else to the
engagement given, else to the one whose key is the file's stem (E012.csv -> E012): one export of
a sign-in form reused at every event goes to several engagements. A KoboToolbox or ODK export is
imported by submission: a newer export adds the submissions not stored yet, rewrites the ones
corrected on the server since (their history keeps the earlier version) and leaves the rest
alone. Every row is stored with its source file, its 1-based row number and all its cells (by
engagement.sheets.store_sheet); then the hub's people are resolved again, so a new sheet can link
to people seen before. The preview says, row by row, who is new, who was recognised (as whom,
and why) and who waits for review.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance, Engagement, ReviewPair, Sheet
from citybridge.engagement.resolution import EARLY_ROWS, EarlyResolution, resolve_hub
from citybridge.engagement.sheets import (
    SHIFT,
    correct_rows,
    sheet_of,
    store_sheet,
    stored_records,
)
from citybridge.imports.reading import ReadSheet, heading_key
from citybridge.imports.registry import Batch, importer
from citybridge.imports.rows import Cells
from citybridge.lib.headers import ATTENDANCE, CONSENT_FIELDS
from citybridge.lib.kobo import KoboLayout, Role
from citybridge.lib.resolution.reasons import why_same
from citybridge.lib.spreadsheets import Problem, Row
from citybridge.network.consents import give_consents, ticked
from citybridge.network.models import Hub, Person
from citybridge.network.notice import version_on
from citybridge.network.places import known_places

# Rows whose people the preview names one by one, per sheet; the rest are counted.
PEOPLE_SHOWN = 50
NEW, RECOGNISED, REVIEW = "new", "recognised", "review"


def _engagements_by_key(hub: Hub) -> dict[str, Engagement]:
    """The hub's engagements by upper-cased key (keys match case-insensitively, as `iexact`):
    one query for a thousand sheets instead of one each."""
    found: dict[str, Engagement] = {}
    # In the model's order, so that of two keys differing only in case the one .first() picked.
    for engagement in Engagement.objects.filter(hub=hub):
        found.setdefault(engagement.key.upper(), engagement)
    return found


def engagement_words(engagement: Engagement) -> str:
    """ "WB17 · Peer exchange (15 Feb 2024)", the date as the reader's language writes it (a job
    runs in the language of the person who started it)."""
    return f"{engagement.key} · {engagement.title} ({formats.date_format(engagement.starts_on)})"


@dataclass
class Plan:
    """Where a sheet's rows go: {engagement id: its rows}, in the sheet's order."""

    engagements: dict[int, Engagement] = field(default_factory=dict)
    rows: dict[int, list[Row]] = field(default_factory=dict)

    def add(self, engagement: Engagement, row: Row) -> None:
        self.engagements[engagement.pk] = engagement
        self.rows.setdefault(engagement.pk, []).append(row)


@importer(
    "attendance",
    label=gettext_lazy("Attendance sheets"),
    rows=gettext_lazy("attendance"),
    spec=ATTENDANCE,
    many_files=True,
    keeps_cells=True,
)
def import_attendance(batch: Batch) -> None:
    plans = _check(batch)
    batch.refuse_if_problems()
    hub, report = batch.hub, batch.report
    people_before = set(hub.people.values_list("pk", flat=True))
    # City cells repeat across the sheets of an import: each written form is looked up once.
    place_of = cache(known_places(hub.country_codes()).lookup)
    # Every sheet imported before, in one query rather than one per file: {(engagement,
    # file name): sha256}. The sheets' engagements are the hub's, or the one given.
    earlier = Q(engagement__hub=hub)
    if batch.engagement is not None:
        earlier |= Q(engagement=batch.engagement)
    fingerprints = {
        (engagement_id, file_name): sha256
        for engagement_id, file_name, sha256 in Sheet.objects.filter(earlier).values_list(
            "engagement_id", "file_name", "sha256"
        )
    }
    stored: dict[int, str] = {}  # sheet id -> file name
    saved = 0
    batch.progress("saving", saved)
    planned: list[tuple[ReadSheet, Engagement, list[Row]]] = []
    for sheet in batch.sheets:
        plan = plans[sheet.file_name]
        if _by_submission(sheet):
            # Written at once, before the new sheets' resolution starts on the hub's rows.
            batch.progress("saving", saved)
            saved += len(sheet.table.rows)
            stored |= _resync(batch, sheet, plan, place_of)
            continue
        for engagement_id, rows in plan.rows.items():
            target = plan.engagements[engagement_id]
            previous = fingerprints.get((target.pk, sheet.file_name))
            if previous == sheet.sha256:
                saved += len(rows)
                report.unchanged += len(rows)
                report.notes.append(
                    _("%(file)s was already imported: nothing changed.") % {"file": sheet.file_name}
                )
                continue
            if previous:
                batch.reading.problems.append(
                    Problem(
                        None,
                        None,
                        _("A different %(file)s was already imported for %(key)s.")
                        % {"file": sheet.file_name, "key": target.key},
                        _(
                            "Remove the earlier sheet on the engagement's page first, or give this file another name."
                        ),
                        file=sheet.file_name,
                    )
                )
                continue
            # Known at once: the same file twice in one upload is then "unchanged" the second time.
            fingerprints[(target.pk, sheet.file_name)] = sheet.sha256
            planned.append((sheet, target, rows))
    batch.refuse_if_problems()
    early = _resolution_started(hub, planned, place_of)
    try:
        planned_ids: list[int] = []
        for sheet, target, rows in planned:
            batch.progress("saving", saved)
            saved += len(rows)
            stored_sheet = store_sheet(
                target,
                file_name=sheet.file_name,
                sha256=sheet.sha256,
                encoding=sheet.table.encoding or sheet.table.file_format,
                rows=rows,
                columns=sheet.columns,
                place_of=place_of,
                acting_user=batch.acting_user,
            )
            stored[stored_sheet.pk] = sheet.file_name
            planned_ids.append(stored_sheet.pk)
            report.created += len(rows)
            report.rows += len(rows)
        batch.progress("linking", saved)
        if early is None:
            resolve_hub(hub)
        else:
            early.finish(planned_ids)
    finally:
        if early is not None:
            early.cancel()
    consents = _record_consents(hub, planned)
    report.extra = {
        "new people": hub.people.count() - len(people_before),
        # The pairs this import's rows are in: the queue's older pairs are not its doing.
        "pairs to review": ReviewPair.objects.filter(
            Q(first__sheet_id__in=stored) | Q(second__sheet_id__in=stored), hub=hub
        ).count(),
    }
    if consents:
        report.extra["consents"] = consents
    if batch.dry_run:
        batch.people = _people_seen(hub, stored, people_before)
    elif report.created or report.updated:
        count = report.created + report.updated
        transaction.on_commit(
            lambda: log_access(batch.acting_user, AccessLog.Action.IMPORT, hub=hub, count=count)
        )


def _record_consents(hub: Hub, planned: list[tuple[ReadSheet, Engagement, list[Row]]]) -> int:
    """The agreements ticked on a sheet's consent columns (a paper sign-in sheet's,
    checkin.paper), recorded on each row's person as check-in records them: given on the
    engagement's day, under the privacy notice in force that day (network.notice.version_on,
    the version the sheet printed for it carried). An empty box withdraws nothing. Returns how
    many rows gave any."""
    given = 0
    for sheet, target, rows in planned:
        headings = {f: sheet.columns[f] for f in CONSENT_FIELDS if f in sheet.columns}
        agreed = {
            row.number: [f for f, heading in headings.items() if ticked(row.cells.get(heading, ""))]
            for row in rows
        }
        agreed = {number: fields for number, fields in agreed.items() if fields}
        if not agreed:
            continue
        version = version_on(hub, target.starts_on)
        for number, person_id in Attendance.objects.filter(
            engagement=target,
            source_file=sheet.file_name,
            row_number__in=list(agreed),
            person__isnull=False,
        ).values_list("row_number", "person_id"):
            given += give_consents(
                person_id,
                agreed[number],
                on=target.starts_on,
                how=f"sign-in sheet {target.key} {sheet.file_name} row {number}, "
                f"privacy notice {version}",
                reason="sign-in sheet",
            )
    return given


def _resolution_started(
    hub: Hub,
    planned: list[tuple[ReadSheet, Engagement, list[Row]]],
    place_of: Callable[[str], int | None],
) -> EarlyResolution | None:
    """The hub's resolution started beside the storing of many rows (EarlyResolution), where a
    second process can be forked."""
    if (
        sum(len(rows) for _sheet, _target, rows in planned) < EARLY_ROWS
        or (os.cpu_count() or 1) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    return EarlyResolution(
        hub,
        [
            (target, sheet.file_name, [row.number for row in rows])
            for sheet, target, rows in planned
        ],
        # Made in the second process: store_sheet makes them again as it stores.
        lambda: [
            stored_records(
                target,
                file_name=sheet.file_name,
                rows=rows,
                columns=sheet.columns,
                place_of=place_of,
            )
            for sheet, target, rows in planned
        ],
    )


# --- re-sync of a form tool's exports -----------------------------------------------------------


def _by_submission(sheet: ReadSheet) -> bool:
    """Whether the sheet is an export of a form tool whose rows carry their submission's id."""
    kobo = sheet.kobo
    return kobo is not None and any(kobo.submission_keys(r.cells) for r in sheet.table.rows)


def _stored_submissions(hub: Hub) -> dict[str, dict[str, Any]]:
    """The hub's rows of form tools' exports, by every id their submission is known by."""
    found: dict[str, dict[str, Any]] = {}
    for record in (
        Attendance.objects.filter(engagement__hub=hub)
        .exclude(submission_keys=[])
        .values("id", "engagement_id", "source_file", "row_number", "cells", "submission_keys")
    ):
        row: dict[str, Any] = dict(record)
        for key in row["submission_keys"]:
            found.setdefault(key, row)
    return found


def _same_answers(stored: dict[str, str], cells: dict[str, str], kobo: KoboLayout) -> bool:
    """Whether a stored row and a row of a newer export say the same: every filled cell alike,
    but the row's place in the export (`_index`), which moves as submissions arrive."""

    def kept(row: dict[str, str]) -> dict[str, str]:
        return {h: v for h, v in row.items() if v.strip() and kobo.role(h) is not Role.INDEX}

    return kept(stored) == kept(cells)


def _resync(
    batch: Batch, sheet: ReadSheet, plan: Plan, place_of: Callable[[str], int | None]
) -> dict[int, str]:
    """Import an export of a form tool by submission: a submission not stored yet is added, one
    corrected since (a new version, the same steady id) is rewritten in place, one unchanged is
    left alone. Importing the same export again changes nothing. Returns {sheet id: file name}
    of the sheets written to."""
    kobo, report, name = sheet.kobo, batch.report, sheet.file_name
    if kobo is None:
        return {}
    known = _stored_submissions(batch.hub)
    stored: dict[int, str] = {}
    written = 0
    for engagement_id, rows in plan.rows.items():
        target = plan.engagements[engagement_id]
        keys_of = {row.number: kobo.submission_keys(row.cells) for row in rows}
        new: list[Row] = []
        corrected: list[tuple[int, Row, tuple[str, ...]]] = []
        renumbered: dict[int, int] = {}  # unchanged record id -> its row in this file
        for row in rows:
            record = next((known[k] for k in keys_of[row.number] if k in known), None)
            if record is None:
                new.append(row)
            elif not _same_answers(record["cells"], row.cells, kobo):
                corrected.append((record["id"], row, keys_of[row.number]))
            else:
                report.unchanged += 1
                if (
                    record["source_file"] == name
                    and record["engagement_id"] == target.pk
                    and record["row_number"] != row.number
                ):
                    renumbered[record["id"]] = row.number
        if not new and not corrected:
            continue
        if not _room_for(batch, sheet, target, new, corrected, renumbered):
            continue
        encoding = sheet.table.encoding or sheet.table.file_format
        sheet_written = sheet_of(
            target,
            file_name=name,
            sha256=sheet.sha256,
            encoding=encoding,
            acting_user=batch.acting_user,
        )
        # Rows of a file imported before under this name take their numbers in this download:
        # out of the way first, the corrected ones rewritten, then the unchanged ones placed.
        Attendance.objects.filter(pk__in=renumbered).update(row_number=F("row_number") + SHIFT)
        correct_rows(
            corrected,
            sheet=sheet_written,
            columns=sheet.columns,
            place_of=place_of,
            acting_user=batch.acting_user,
        )
        moved = Attendance.objects.in_bulk(list(renumbered))
        for pk, number in renumbered.items():
            moved[pk].row_number = number
        Attendance.objects.bulk_update(moved.values(), ["row_number"])
        store_sheet(
            target,
            file_name=name,
            sha256=sheet.sha256,
            encoding=encoding,
            rows=new,
            columns=sheet.columns,
            place_of=place_of,
            acting_user=batch.acting_user,
            submission_keys=keys_of,
            into=sheet_written,
        )
        stored[sheet_written.pk] = name
        report.created += len(new)
        report.updated += len(corrected)
        report.rows += len(new) + len(corrected)
        written += len(new) + len(corrected)
    if not written:
        report.notes.append(_("%(file)s was already imported: nothing changed.") % {"file": name})
    return stored


def _room_for(
    batch: Batch,
    sheet: ReadSheet,
    target: Engagement,
    new: list[Row],
    corrected: list[tuple[int, Row, tuple[str, ...]]],
    renumbered: dict[int, int],
) -> bool:
    """Whether the new and corrected rows find their numbers free when the export was imported
    before under the same file name (Kobo's own names differ at every download; a renamed one
    does not): a stored row no longer in the export that holds a number needed is a problem."""
    earlier = dict(
        Attendance.objects.filter(engagement=target, source_file=sheet.file_name).values_list(
            "id", "row_number"
        )
    )
    if not earlier:
        return True
    moving = set(renumbered) | {pk for pk, _row, _keys in corrected}
    needed = {row.number for row in new} | {row.number for _pk, row, _keys in corrected}
    needed |= set(renumbered.values())
    staying = {number for pk, number in earlier.items() if pk not in moving}
    if blocked := sorted(needed & staying):
        batch.reading.problems.append(
            Problem(
                blocked[0],
                None,
                _(
                    "Row %(row)s of the %(file)s imported before is not in this export, and this "
                    "export has another submission in that row."
                )
                % {"row": blocked[0], "file": sheet.file_name},
                _("Give this export another file name (as the form tool names its downloads)."),
                file=sheet.file_name,
            )
        )
        return False
    return True


def _check(batch: Batch) -> dict[str, Plan]:
    """Every row's engagement, name and e-mail checked, before anything is written: {file name:
    where its rows go}. A row goes to the engagement its engagement column names (by key or
    title: a form reused at every event sends one export for all of them), else to the one
    chosen, else to the one whose key is the file's stem."""
    by_key = _engagements_by_key(batch.hub)
    by_title: dict[str, Engagement] = {}
    for engagement in by_key.values():
        by_title.setdefault(heading_key(engagement.title), engagement)
    plans: dict[str, Plan] = {}
    checked = 0
    for sheet in batch.sheets:
        batch.progress("checking", checked)
        checked += len(sheet.table.rows)
        stem = PurePath(sheet.file_name).stem
        fallback = batch.engagement or by_key.get(stem.upper())
        column = sheet.columns.get("engagement")
        named = column and any(r.cells.get(column, "").strip() for r in sheet.table.rows)
        if fallback is None and not named:
            batch.reading.problems.append(
                Problem(
                    None,
                    None,
                    _("No engagement of this hub has the key '%(key)s'.") % {"key": stem},
                    _(
                        "Name the file after the engagement's key (e.g. E012.csv) or choose the engagement."
                    ),
                    file=sheet.file_name,
                )
            )
            continue
        plan = plans[sheet.file_name] = Plan()
        names = [
            sheet.columns[c] for c in ("full_name", "first_name", "last_name") if c in sheet.columns
        ]
        email = sheet.columns.get("email")
        for row in batch.reading.rows(sheet):
            target = fallback
            written = row.raw("engagement") if named else ""
            if written:
                target = by_key.get(written.upper()) or by_title.get(heading_key(written))
                if target is None:
                    row.problem(
                        "engagement",
                        _("No engagement of this hub has the key or title '%(value)s'.")
                        % {"value": written},
                        _(
                            "Write the engagement's key (e.g. E012) or its title, or add the engagement first."
                        ),
                    )
            elif target is None:
                row.problem(
                    "engagement",
                    _("The row names no engagement, and the file's name is no engagement's key."),
                    _(
                        "Write the engagement's key or title in this column, or choose the engagement."
                    ),
                )
            if target is not None:
                plan.add(target, Row(row.number, row.cells))
            _check_row(row, names, email)
        _describe(batch, sheet, plan, column if named else None)
    return plans


def _describe(batch: Batch, sheet: ReadSheet, plan: Plan, column: str | None) -> None:
    """Where the preview says the sheet's rows go: the engagement, or each engagement with
    its rows when the sheet's engagement column names several."""
    if len(plan.engagements) == 1 or (column is None and plan.engagements):
        batch.targets[sheet.file_name] = engagement_words(next(iter(plan.engagements.values())))
        return
    n = len(plan.engagements)
    batch.targets[sheet.file_name] = ngettext(
        "%(n)s engagement, as the column '%(column)s' says",
        "%(n)s engagements, as the column '%(column)s' says",
        n,
    ) % {"n": n, "column": column}
    batch.routes[sheet.file_name] = [
        (engagement_words(plan.engagements[pk]), len(rows))
        for pk, rows in sorted(plan.rows.items(), key=lambda e: plan.engagements[e[0]].starts_on)
    ]


def _check_row(row: Cells, names: list[str], email: str | None) -> None:
    """A row's name and e-mail checked; `names` are the sheet's headings of name fields and
    `email` its e-mail's, found once per sheet rather than for each row."""
    cells = row.cells
    if not any(cells.get(heading, "").strip() for heading in names):
        row.problem(
            "full_name" if "full_name" in row.sheet.columns else "last_name",
            _("The name is missing."),
            _("Write the person's name, or delete the row if nobody signed it."),
        )
    if email is not None and cells.get(email, "").strip():
        row.email("email")


_SEEN = ("id", "sheet_id", "row_number", "full_name", "email", "organisation", "city")


def _people_seen(
    hub: Hub, stored: dict[int, str], people_before: set[int]
) -> dict[str, dict[str, Any]]:
    """{file name: {"counts": {status: rows}, "rows": [{row, name, status, as, why}]}} for the
    preview: each stored row's person as new, recognised (as whom, and why) or waiting for
    review; the first PEOPLE_SHOWN rows of a sheet one by one. Read inside the preview's
    transaction, before it is rolled back."""
    rows = list(
        Attendance.objects.filter(sheet_id__in=stored)
        .order_by("sheet_id", "row_number")
        .values(*_SEEN, "person_id", "resolved_city_id")
    )
    in_review: set[int] = set()
    for pair in ReviewPair.objects.filter(hub=hub).values_list("first_id", "second_id"):
        in_review.update(pair)
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row["id"] in in_review:
            row["status"] = REVIEW
        elif row["person_id"] in people_before:
            row["status"] = RECOGNISED
        else:
            row["status"] = NEW
        entry = seen.setdefault(
            stored[row["sheet_id"]], {"counts": {NEW: 0, RECOGNISED: 0, REVIEW: 0}, "rows": []}
        )
        entry["counts"][row["status"]] += 1
        if len(entry["rows"]) < PEOPLE_SHOWN:
            entry["rows"].append(row)
    shown = [r for entry in seen.values() for r in entry["rows"]]
    recognised = {r["person_id"] for r in shown if r["status"] == RECOGNISED}
    earlier: dict[int, list[dict]] = {}
    for record in (
        Attendance.objects.filter(person_id__in=recognised)
        .exclude(sheet_id__in=stored)
        .values(*_SEEN, "person_id", "resolved_city_id")
    ):
        earlier.setdefault(record["person_id"], []).append(record)
    names = dict(Person.objects.filter(pk__in=recognised).values_list("pk", "full_name"))
    for entry in seen.values():
        entry["rows"] = [
            {
                "row": r["row_number"],
                "name": r["full_name"],
                "status": r["status"],
                "as": names.get(r["person_id"], "") if r["status"] == RECOGNISED else "",
                "why": why_same(r, earlier.get(r["person_id"], []))
                if r["status"] == RECOGNISED
                else "",
            }
            for r in entry["rows"]
        ]
    return seen
