"""Read the files of an import: each file's table, and which column holds which field.

Every column is accounted for: read as a field the platform knows from its heading ("known"),
as the officer chose on a preview ("chosen", and "remembered" the next time the hub sees that
heading), or named as not used. A column is never dropped without being named.
"""

from __future__ import annotations

import dataclasses
import hashlib
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
