"""The importers, one per kind of file, and the one entry every import goes through.

An importer is one function taking a `Batch` (the files read, their columns placed, the row
reader, the report to fill) and writing through its app's actions; `@importer(...)` above it
is the one line that makes it a kind the upload page, the background job and
`citybridge import KIND` all offer. `run_import` reads the files, places their columns, runs the
importer in one transaction (rolled back for a preview), and returns the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.models import Engagement
from citybridge.imports.reading import NOT_USED, Choices, ReadSheet, SheetRefused, read_files
from citybridge.imports.reports import ImportReport
from citybridge.imports.rows import Reading
from citybridge.lib.kobo import SOURCE_NAMES
from citybridge.lib.spreadsheets import ColumnSpec, Problem, SheetError
from citybridge.network.models import Hub

# Told how far an import is: ("checking" | "saving" | "linking", rows done so far).
Progress = Callable[[str, int], None]

FIRST_ROWS = 5


def no_progress(stage: str, rows: int) -> None:
    pass


@dataclass
class Batch:
    """One import's files as its importer gets them."""

    sheets: list[ReadSheet]
    hub: Hub
    engagement: Engagement | None
    dry_run: bool
    acting_user: User | None
    report: ImportReport
    reading: Reading
    progress: Progress = no_progress
    targets: dict[str, str] = field(default_factory=dict)
    """{file name: where its rows go, in words}, for the preview; the hub by default."""
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    """{file name: its rows' people as the preview shows them} (attendance)."""
    routes: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    """{file name: [(an engagement in words, its rows)]} when a file's rows go to several."""

    def refuse_if_problems(self) -> None:
        """Raise the problems the rows read so far, before anything is written."""
        if self.reading.problems:
            raise RowsRefused(self.reading.problems, self.sheets, self.reading.unplaced_data())


class RowsRefused(SheetRefused):
    """Rows' problems, with the values no vocabulary placed: a country a member city needs may
    be one of them, and the refused preview asks the officer to place it."""

    def __init__(
        self, problems: list[Problem], sheets: list[ReadSheet], unplaced: list[dict[str, Any]]
    ) -> None:
        super().__init__(problems, sheets)
        self.unplaced = unplaced


@dataclass(frozen=True)
class Importer:
    kind: str
    label: str | Promise
    """What such files hold, for the upload form: "Attendance sheets"."""
    rows: str | Promise
    """What one row is, for the report: "attendance"."""
    spec: ColumnSpec
    run: Callable[[Batch], None]
    many_files: bool
    keeps_cells: bool
    """Whether every cell is stored as written (so a column not used is still kept)."""


IMPORTERS: dict[str, Importer] = {}


def importer(
    kind: str,
    *,
    label: str | Promise,
    rows: str | Promise,
    spec: ColumnSpec,
    many_files: bool = False,
    keeps_cells: bool = False,
) -> Callable[[Callable[[Batch], None]], Callable[[Batch], None]]:
    def register(run: Callable[[Batch], None]) -> Callable[[Batch], None]:
        IMPORTERS[kind] = Importer(kind, label, rows, spec, run, many_files, keeps_cells)
        return run

    return register


def kinds() -> list[tuple[str, str | Promise]]:
    """The kinds of file an officer can import, in the order they were registered."""
    return [(i.kind, i.label) for i in IMPORTERS.values()]


@records_acting_user
def run_import(
    kind: str,
    files: list[tuple[str, bytes]],
    *,
    hub: Hub,
    engagement: Engagement | None = None,
    dry_run: bool = False,
    acting_user: User | None,
    choices: Choices | None = None,
    placements: dict[str, str | None] | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Import `files` (name, bytes) of one kind into `hub`, all or nothing.

    Raises SheetRefused (or SheetError for an unreadable file) listing every problem; nothing
    is written then. With `dry_run` nothing is written either, and the report is the preview.
    """
    from citybridge.imports.models import ColumnChoice  # the app's model, once apps are ready

    found = IMPORTERS[kind]
    if len(files) > 1 and not found.many_files:
        raise SheetError(
            Problem(
                None,
                None,
                _("Only one file of %(kind)s can be imported at a time.") % {"kind": found.label},
                _("Upload them one after another."),
            )
        )
    choices = choices or Choices()
    choices = dataclasses.replace(choices, remembered=ColumnChoice.objects.remembered(hub, kind))
    sheets: list[ReadSheet] = []
    problems: list[Problem] = []
    for (name, _data), read in zip(
        files, read_files(files, found.spec, choices, progress), strict=True
    ):
        if isinstance(read, ReadSheet):
            sheets.append(read)
        elif isinstance(read, SheetRefused):
            problems += read.problems
            sheets += read.sheets
        else:
            problems += [dataclasses.replace(p, file=name) for p in read.problems]
    if problems:
        raise SheetRefused(problems, sheets)
    report = ImportReport(kind=found.rows, file_names=[name for name, _ in files], dry_run=dry_run)
    batch = Batch(
        sheets,
        hub,
        engagement,
        dry_run,
        acting_user,
        report,
        Reading(placements=placements or {}),
        progress,
    )
    with transaction.atomic():
        found.run(batch)
        batch.refuse_if_problems()
        if dry_run:
            transaction.set_rollback(True)
    report.sheets = [previewed(batch, sheet) for sheet in sheets]
    report.unplaced = batch.reading.unplaced_data()
    report.notes += _kept_as_written(batch) + _not_used(sheets, kept=found.keeps_cells)
    return report


def previewed(batch: Batch, sheet: ReadSheet) -> dict[str, Any]:
    """What the preview shows of one file: where it goes, how each column was read, its first
    rows as read, and (attendance) its people."""
    read = [r for r in sheet.reads if r.field]
    return {
        "file_name": sheet.file_name,
        "target": batch.targets.get(sheet.file_name, batch.hub.name),
        "routes": [
            {"target": target, "rows": rows}
            for target, rows in batch.routes.get(sheet.file_name, [])
        ],
        "source": str(SOURCE_NAMES[sheet.kobo.source]) if sheet.kobo else "",
        "rows": len(sheet.table.rows),
        "columns": [r.as_data() for r in sheet.reads],
        "headings": [r.label for r in read],
        "first_rows": [
            [row.number, *(row.cells.get(r.heading, "") for r in read)]
            for row in sheet.table.rows[:FIRST_ROWS]
        ],
        "people": batch.people.get(sheet.file_name),
    }


def _not_used(sheets: list[ReadSheet], *, kept: bool) -> list[str]:
    """One sentence per file naming the columns holding data that were not read."""
    notes = []
    for sheet in sheets:
        unused = ", ".join(
            r.heading for r in sheet.reads if not r.field and r.how == NOT_USED and r.sample
        )
        if not unused:
            continue
        if kept:
            note = _("%(file)s: not used: %(columns)s (their cells are kept as written).")
        else:
            note = _("%(file)s: not used: %(columns)s.")
        notes.append(note % {"file": sheet.file_name, "columns": unused})
    return notes


def _kept_as_written(batch: Batch) -> list[str]:
    """One sentence per value no vocabulary placed and the officer did not place either: what
    its rows got instead (a value that refuses its rows is said among the problems)."""
    notes = []
    for u in batch.reading.unplaced.values():
        if u.placed is not None or u.required:
            continue
        values = {"value": u.written, "field": u.label, "rows": ", ".join(map(str, u.rows[:10]))}
        if u.instead:
            note = ngettext(
                "'%(value)s' (%(field)s, row %(rows)s) matched nothing the platform knows: read "
                "as %(instead)s.",
                "'%(value)s' (%(field)s, rows %(rows)s) matched nothing the platform knows: read "
                "as %(instead)s.",
                len(u.rows),
            )
            values["instead"] = u.instead
        else:
            note = ngettext(
                "'%(value)s' (%(field)s, row %(rows)s) matched nothing the platform knows: kept "
                "as written.",
                "'%(value)s' (%(field)s, rows %(rows)s) matched nothing the platform knows: kept "
                "as written.",
                len(u.rows),
            )
        notes.append(note % values)
    return notes
