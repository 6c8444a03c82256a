"""Attendance sheets as partners send them: each row kept as written, then the people resolved.

A sheet belongs to the engagement given, or to the one whose key is the file's stem (E012.csv ->
E012). Every row is stored with its source file, its 1-based row number and all its cells (by
engagement.sheets.store_sheet); then the hub's people are resolved again, so a new sheet can link
to people seen before. The preview says, row by row, who is new, who was recognised (as whom,
and why) and who waits for review.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from functools import cache
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance, Engagement, ReviewPair, Sheet
from citybridge.engagement.resolution import EARLY_ROWS, EarlyResolution, resolve_hub
from citybridge.engagement.sheets import store_sheet, stored_records
from citybridge.imports.reading import ReadSheet
from citybridge.imports.registry import Batch, importer
from citybridge.lib.headers import ATTENDANCE
from citybridge.lib.resolution.reasons import why_same
from citybridge.lib.spreadsheets import Problem
from citybridge.network.models import Hub, Person
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
    return f"{engagement.key} · {engagement.title} ({engagement.starts_on.isoformat()})"


@importer(
    "attendance",
    label=gettext_lazy("Attendance sheets"),
    rows=gettext_lazy("attendance"),
    spec=ATTENDANCE,
    many_files=True,
    keeps_cells=True,
)
def import_attendance(batch: Batch) -> None:
    targets = _check(batch)
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
    planned: list[tuple[ReadSheet, Engagement]] = []
    for sheet in batch.sheets:
        target = targets[sheet.file_name]
        previous = fingerprints.get((target.pk, sheet.file_name))
        if previous == sheet.sha256:
            saved += len(sheet.table.rows)
            report.unchanged += len(sheet.table.rows)
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
        planned.append((sheet, target))
    batch.refuse_if_problems()
    early = _resolution_started(hub, planned, place_of)
    try:
        for sheet, target in planned:
            batch.progress("saving", saved)
            saved += len(sheet.table.rows)
            stored_sheet = store_sheet(
                target,
                file_name=sheet.file_name,
                sha256=sheet.sha256,
                encoding=sheet.table.encoding or sheet.table.file_format,
                rows=sheet.table.rows,
                columns=sheet.columns,
                place_of=place_of,
                acting_user=batch.acting_user,
            )
            stored[stored_sheet.pk] = sheet.file_name
            report.created += len(sheet.table.rows)
            report.rows += len(sheet.table.rows)
        batch.progress("linking", saved)
        if early is None:
            resolve_hub(hub)
        else:
            early.finish(list(stored))
    finally:
        if early is not None:
            early.cancel()
    report.extra = {
        "new people": hub.people.count() - len(people_before),
        # The pairs this import's rows are in: the queue's older pairs are not its doing.
        "pairs to review": ReviewPair.objects.filter(
            Q(first__sheet_id__in=stored) | Q(second__sheet_id__in=stored), hub=hub
        ).count(),
    }
    if batch.dry_run:
        batch.people = _people_seen(hub, stored, people_before)
    elif report.created:
        count = report.created
        transaction.on_commit(
            lambda: log_access(batch.acting_user, AccessLog.Action.IMPORT, hub=hub, count=count)
        )


def _resolution_started(
    hub: Hub, planned: list[tuple[ReadSheet, Engagement]], place_of: Callable[[str], int | None]
) -> EarlyResolution | None:
    """The hub's resolution started beside the storing of many rows (EarlyResolution), where a
    second process can be forked."""
    if (
        sum(len(sheet.table.rows) for sheet, _ in planned) < EARLY_ROWS
        or (os.cpu_count() or 1) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    return EarlyResolution(
        hub,
        [
            (
                target,
                stored_records(
                    target,
                    file_name=sheet.file_name,
                    rows=sheet.table.rows,
                    columns=sheet.columns,
                    place_of=place_of,
                ),
            )
            for sheet, target in planned
        ],
    )


def _check(batch: Batch) -> dict[str, Engagement]:
    """Every sheet's engagement, and every row's name and e-mail checked, before anything is
    written: {file name: engagement}."""
    by_key = _engagements_by_key(batch.hub) if batch.engagement is None else {}
    targets: dict[str, Engagement] = {}
    checked = 0
    for sheet in batch.sheets:
        batch.progress("checking", checked)
        checked += len(sheet.table.rows)
        stem = PurePath(sheet.file_name).stem
        target = batch.engagement or by_key.get(stem.upper())
        if target is None:
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
        targets[sheet.file_name] = target
        batch.targets[sheet.file_name] = engagement_words(target)
        _check_rows(batch, sheet)
    return targets


def _check_rows(batch: Batch, sheet: ReadSheet) -> None:
    names = [
        sheet.columns[c] for c in ("full_name", "first_name", "last_name") if c in sheet.columns
    ]
    for row in batch.reading.rows(sheet):
        if not any(row.cells.get(heading, "").strip() for heading in names):
            row.problem(
                "full_name" if "full_name" in sheet.columns else "last_name",
                _("The name is missing."),
                _("Write the person's name, or delete the row if nobody signed it."),
            )
        if "email" in sheet.columns:
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
        .values(*_SEEN, "person_id", "local_government_id")
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
        .values(*_SEEN, "person_id", "local_government_id")
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
