"""Read the files of an import: each file's table, and which column holds which field.

Every column is accounted for: read as a field the platform knows from its heading ("known"),
as the officer chose on a preview ("chosen", and "remembered" the next time the hub sees that
heading), or named as not used. A column is never dropped without being named.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

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
SAMPLE_ROWS = 3


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


@dataclass
class ReadSheet:
    file_name: str
    sha256: str
    table: Table
    columns: dict[str, str]
    """{field: heading} for the fields read."""
    reads: list[ColumnRead]


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
        found = map_columns(left, dataclasses.replace(spec, required=()))
    except SheetError as error:
        problems += error.problems
        found = {}
    # A field the officer placed takes that column; a heading it was also known by is then
    # not used (and named as such), rather than two columns claiming one field.
    columns = {name: heading for name, heading in found.items() if name not in chosen} | chosen
    for heading in columns.values():
        how.setdefault(heading, KNOWN)
    reads = [_column_read(table, spec, heading, columns, how) for heading in table.headers]
    for alternatives in spec.required:
        if not any(all(name in columns for name in option) for option in alternatives):
            problems.append(_missing_column(spec, alternatives))
    sheet = ReadSheet(file_name, hashlib.sha256(data).hexdigest(), table, columns, reads)
    if problems:
        raise SheetRefused([dataclasses.replace(p, file=file_name) for p in problems], [sheet])
    return sheet


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
