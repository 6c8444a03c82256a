"""Read the files of an import: each file's table, and which column holds which field.

Every column is accounted for: read as a field the platform knows from its heading ("known"),
as the officer chose on a preview ("chosen", and "remembered" the next time the hub sees that
heading), or named as not used. A column is never dropped without being named.

A KoboToolbox or ODK export (citybridge.lib.kobo) is read as the tool wrote it: a question in a
group (`participant/organization`) by its own part, in XML names or labels; the tool's own
columns (`start`, `_uuid`, `KEY`...) named as "form metadata", never read as a field; a
select_multiple's split columns (`question/code`, 1 or 0) as choices of their question.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from citybridge.lib.kobo import ROLE_LABELS, KoboLayout, layout
from citybridge.lib.spreadsheets import (
    ColumnSpec,
    Problem,
    SheetError,
    Table,
    map_columns,
    read_table,
)
from citybridge.lib.spreadsheets.workbooks import READER
from citybridge.lib.text import fold

# How a column came to be read as what it is, in the preview's words (see ColumnRead.how).
KNOWN, CHOSEN, REMEMBERED, NOT_USED = "known", "chosen", "remembered", "not used"
# A form tool's own column (read for what it is, never as a field), and a select_multiple's
# split column (read as a choice of its question).
METADATA, CHOICE = "form metadata", "choice"
SAMPLE_ROWS = 3
# Rows of an export looked at to tell a select_multiple's split columns (1/0) from answers.
KOBO_SAMPLE_ROWS = 200


def heading_key(heading: str) -> str:
    """A heading as a remembered choice is keyed: case, diacritics, script and spacing aside."""
    return " ".join(fold(heading).split())


@dataclass
class ColumnRead:
    heading: str
    field: str
    """The field it is read as; "" when it is not used."""
    label: str
    """The field's name for people, in the reader's language; "" when not used."""
    how: str
    sample: list[str] = dataclasses.field(default_factory=list)
    """Its first few filled cells, as written."""
    note: str = ""
    """For form metadata, what the tool recorded in it ("when the form was opened"); for a
    split choice column, its question and choice ("participant/sector = ngo")."""

    def as_data(self) -> dict[str, Any]:
        """As dataclasses.asdict gives it, without deep-copying each value: the preview keeps
        every sheet's columns, 8,000 of them in an import of 1,000 sheets."""
        return {**vars(self), "sample": list(self.sample)}


@dataclass
class ReadSheet:
    file_name: str
    sha256: str
    table: Table
    columns: dict[str, str]
    """{field: heading} for the fields read."""
    reads: list[ColumnRead]
    kobo: KoboLayout | None = None
    """What each heading is, when the file is a KoboToolbox or ODK export."""


@dataclass(frozen=True)
class Choices:
    """The officer's column choices: {heading_key: field name, or "" for "not used"}; `chosen`
    were made on this preview, the others remembered from earlier imports of the hub."""

    chosen: dict[str, str] = dataclasses.field(default_factory=dict)
    remembered: dict[str, str] = dataclasses.field(default_factory=dict)

    def of(self, heading: str) -> tuple[str, str] | None:
        key = heading_key(heading)
        if key in self.chosen:
            return self.chosen[key], CHOSEN
        if key in self.remembered:
            return self.remembered[key], REMEMBERED
        return None


class SheetRefused(SheetError):
    """A file's problems, with what was read of its columns so far (for the preview)."""

    def __init__(self, problems: list[Problem], sheets: list[ReadSheet]) -> None:
        super().__init__(problems)
        self.sheets = sheets


def read_sheet(file_name: str, data: bytes, spec: ColumnSpec, choices: Choices) -> ReadSheet:
    """Read one file and place its columns. Raises SheetRefused (problems and the columns as
    read, when the file could be read at all) or SheetError (an unreadable file)."""
    table = read_table(data, file_name)
    kobo = layout(table.headers, (row.cells for row in table.rows[:KOBO_SAMPLE_ROWS]))
    chosen: dict[str, str] = {}  # field -> heading
    how: dict[str, str] = {}  # heading -> how
    valid = {f.name for f in spec.fields}
    left = []
    for heading in table.headers:
        choice = choices.of(heading)
        if choice is None or (choice[0] and choice[0] not in valid):
            left.append(heading)
            continue
        name, source = choice
        how[heading] = source
        if name:
            chosen.setdefault(name, heading)
    problems: list[Problem] = []
    try:
        if kobo is None:
            found = map_columns(left, dataclasses.replace(spec, required=()))
        else:
            found = _export_columns(kobo, left, dataclasses.replace(spec, required=()))
    except SheetError as error:
        problems += error.problems
        found = {}
    # A field the officer placed takes that column; a heading it was also known by is then
    # not used (and named as such), rather than two columns claiming one field.
    columns = {name: heading for name, heading in found.items() if name not in chosen} | chosen
    for heading in columns.values():
        how.setdefault(heading, KNOWN)
    reads = [_column_read(table, spec, heading, columns, how) for heading in table.headers]
    if kobo is not None:
        reads = [_export_read(kobo, read, columns) for read in reads]
        _fill_choices(table, kobo, columns)
    for alternatives in spec.required:
        if not any(all(name in columns for name in option) for option in alternatives):
            problems.append(_missing_column(spec, alternatives))
    sheet = ReadSheet(file_name, hashlib.sha256(data).hexdigest(), table, columns, reads, kobo)
    if problems:
        raise SheetRefused([dataclasses.replace(p, file=file_name) for p in problems], [sheet])
    return sheet


def _export_columns(kobo: KoboLayout, left: list[str], spec: ColumnSpec) -> dict[str, str]:
    """{field: heading} of an export's answers: each question read by its own part
    (`participant/organization` as "organization"), else by a longer tail of its group path,
    else whole; the tool's metadata and split choice columns never. A select_multiple exported
    as split columns only is placed by its question's path."""
    placed = set(left)
    questions = [
        q for q in kobo.fields if (q in placed or q not in kobo.headings) and q not in kobo.metadata
    ]
    own = {kobo.fields[q]: q for q in questions}
    found = {name: own[part] for name, part in map_columns(list(own), spec).items()}
    for question in questions:
        if question in found.values():
            continue
        for reading in kobo.field_headings(question)[1:]:
            name = next(iter(map_columns([reading], spec)), None)
            if name is not None and name not in found:
                found[name] = question
                break
    return found


def _export_read(kobo: KoboLayout, read: ColumnRead, columns: dict[str, str]) -> ColumnRead:
    """A column of an export as the preview names it: the tool's own columns as form metadata,
    a split choice column as a choice of its question (when the question is read)."""
    if read.field or read.how != NOT_USED:
        return read
    role = kobo.role(read.heading)
    if role is not None:
        return dataclasses.replace(read, how=METADATA, note=str(ROLE_LABELS[role]))
    if read.heading in kobo.choice_of:
        question, code = kobo.choice_of[read.heading]
        if question in columns.values():
            return dataclasses.replace(read, how=CHOICE, note=f"{question} = {code}")
    return read


def _fill_choices(table: Table, kobo: KoboLayout, columns: dict[str, str]) -> None:
    """A field read from a select_multiple exported as split columns only: its codes written
    into each row as one cell under the question's path, the form's own way ("ngo police"),
    beside the split cells, which stay as they were."""
    for question in set(columns.values()) - set(table.headers):
        for row in table.rows:
            row.cells[question] = kobo.codes(question, row.cells)


def _column_read(
    table: Table, spec: ColumnSpec, heading: str, columns: dict[str, str], how: dict[str, str]
) -> ColumnRead:
    name = next((n for n, h in columns.items() if h == heading), "")
    sample: list[str] = []
    for row in table.rows:
        value = row.cells.get(heading, "").strip()
        if value:
            sample.append(value)
            if len(sample) == SAMPLE_ROWS:
                break
    label = str(spec.field(name).label) if name else ""
    return ColumnRead(
        heading, name, label, how.get(heading, NOT_USED) if name else NOT_USED, sample
    )


def _missing_column(spec: ColumnSpec, alternatives: tuple[tuple[str, ...], ...]) -> Problem:
    described = " / ".join(
        " + ".join(str(spec.field(name).label) for name in option) for option in alternatives
    )
    return Problem(
        None,
        None,
        _("No column of the %(sheet)s was recognised as its %(columns)s.")
        % {"sheet": spec.kind, "columns": described},
        _(
            "On the preview, choose which column holds it; or, on the command line, name it "
            "with --column 'Heading=field'."
        ),
    )


# Files of more than this many bytes in all are read by two processes, each about half of them:
# reading (decoding, parsing, the workbook reader) is a fifth of a large import's time.
READ_IN_TWO_BYTES = 1_000_000


def read_files(
    files: list[tuple[str, bytes]],
    spec: ColumnSpec,
    choices: Choices,
    progress: Callable[[str, int], None],
) -> list[ReadSheet | SheetError]:
    """Each file (name, bytes) read by read_sheet, in order: the sheet, or the SheetError (a
    SheetRefused with what was read of it) it was refused with. Many bytes are shared with a
    forked process where one can be forked; anything it could not send back (an unexpected
    error, a process that died) is read here, so the outcome is the same. `progress` is told
    ("checking", rows read) before each file read here."""
    theirs: set[int] = set()
    if (
        len(files) >= 2
        and sum(len(data) for _, data in files) >= READ_IN_TWO_BYTES
        and (os.cpu_count() or 1) >= 2
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        theirs = _half(files)
    reads: dict[int, ReadSheet | SheetError | None] = {}
    receive = worker = None
    if theirs:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(
            target=_read_for, args=(files, sorted(theirs), spec, choices, send), daemon=True
        )
        worker.start()
        send.close()
    checked = 0
    for index, (name, data) in enumerate(files):
        if index in theirs:
            continue
        progress("checking", checked)
        reads[index] = _read(name, data, spec, choices)
        checked += _rows(reads[index])
    if receive is not None and worker is not None:
        # A worker that died, or sent what does not load: its files are read here below.
        with contextlib.suppress(Exception):
            reads |= {index: _unpacked(sent) for index, sent in receive.recv().items()}
        worker.join()
        receive.close()
    for index, (name, data) in enumerate(files):
        if reads.get(index) is None:
            progress("checking", checked)
            reads[index] = _read(name, data, spec, choices, unexpected=True)
            checked += _rows(reads[index])
    return [reads[index] for index in range(len(files))]  # type: ignore[misc]


def _read(
    name: str, data: bytes, spec: ColumnSpec, choices: Choices, *, unexpected: bool = False
) -> ReadSheet | SheetError | None:
    """read_sheet's sheet or refusal; None for any other error, unless `unexpected` (raised)."""
    try:
        return read_sheet(name, data, spec, choices)
    except SheetError as error:
        return error
    except Exception:
        if unexpected:
            raise
        return None


def _rows(read: ReadSheet | SheetError | None) -> int:
    return len(read.table.rows) if isinstance(read, ReadSheet) else 0


def _half(files: list[tuple[str, bytes]]) -> set[int]:
    """The indexes of about half the bytes, the largest files first, each to the lighter half."""
    mine = theirs = 0
    half: set[int] = set()
    for index in sorted(range(len(files)), key=lambda i: -len(files[i][1])):
        if theirs < mine:
            half.add(index)
            theirs += len(files[index][1])
        else:
            mine += len(files[index][1])
    return half


def _read_for(
    files: list[tuple[str, bytes]], indexes: list[int], spec: ColumnSpec, choices: Choices, send
) -> None:
    # In the forked process: its files read, sent back whole; a file that failed otherwise than
    # with a SheetError is left to the parent (None), which reads it again and raises the same.
    reads = {index: _packed(_read(*files[index], spec, choices)) for index in indexes}
    READER.stop()  # this process's own workbook reader, if it started one
    try:
        send.send(reads)
    except Exception:  # what does not pickle: the parent reads them all again
        send.send({})
    send.close()


# A refusal travels as its problems (and sheets): an exception pickles as its message only.
def _packed(read: ReadSheet | SheetError | None) -> object:
    if type(read) is SheetRefused:
        return ("refused", read.problems, read.sheets)
    if type(read) is SheetError:
        return ("error", read.problems)
    return read if isinstance(read, ReadSheet) else None


def _unpacked(sent: object) -> ReadSheet | SheetError | None:
    if isinstance(sent, tuple) and sent[0] == "refused":
        return SheetRefused(sent[1], sent[2])
    if isinstance(sent, tuple) and sent[0] == "error":
        return SheetError(sent[1])
    return sent if isinstance(sent, ReadSheet) else None
