"""The row reader every importer uses: a sheet's rows field by field, every problem collected.

An importer asks a row for what it needs (`row.text("title", missing=...)`, `row.date("start")`,
`row.choice("type", kinds)`, `row.choices("themes", themes)`); a cell that cannot be read
becomes a `Problem` at its row and column, saying what is wrong and how to fix it, and the import
goes on reading so that one refusal lists them all. A value a vocabulary
(citybridge.lib.vocabularies) cannot place is not a problem: it is kept as written (or read as
the importer's `instead`) and asked about on the preview (`Unplaced`), unless the officer placed
it; only a value the row cannot do without (`required`, a member city's country) holds its row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from citybridge.imports.reading import ReadSheet
from citybridge.lib.cells import parse_bool, parse_date, parse_email
from citybridge.lib.spreadsheets import Problem, Row, ValueProblem
from citybridge.lib.text import fold
from citybridge.lib.vocabularies import Match, Placed


class Vocabulary(Protocol):
    """What a choice cell is matched against (citybridge.lib.vocabularies.Vocabulary): a value
    by its label, code, synonym or part of a label; a cell listing several values; every value
    with its label, for a person to choose from; the values a written text looks like."""

    def match(self, text: str) -> Match | None: ...

    def split_and_match(self, cell: str) -> Placed: ...

    def choices(self) -> list[tuple[str, str]]: ...

    def suggest(self, text: str, n: int = 3) -> list[str]: ...


@dataclass
class Unplaced:
    """A written value no vocabulary entry matched, for the officer to place or keep."""

    field: str
    label: str
    written: str
    rows: list[int] = dataclasses.field(default_factory=list)
    files: list[str] = dataclasses.field(default_factory=list)
    suggestions: list[str] = dataclasses.field(default_factory=list)
    choices: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    suggestion_labels: list[str] = dataclasses.field(default_factory=list)
    placed: str | None = None
    """The value the officer placed it as on the preview; None while it is not placed."""
    instead: str = ""
    """What its rows get while it is not placed ("Other"), when not the cell as written."""
    required: bool = False
    """Whether the rows cannot be imported until it is placed (a member city's country)."""

    @property
    def key(self) -> str:
        return placement_key(self.field, self.written)


def placement_key(field_name: str, written: str) -> str:
    return f"{field_name}:{' '.join(fold(written).split())}"


@dataclass
class Reading:
    """What the rows of an import said besides their values: problems and unplaced values."""

    placements: dict[str, str | None] = dataclasses.field(default_factory=dict)
    """{placement_key: value, or None to keep it as written}: the officer's answers."""
    problems: list[Problem] = dataclasses.field(default_factory=list)
    unplaced: dict[str, Unplaced] = dataclasses.field(default_factory=dict)

    def unplaced_data(self) -> list[dict[str, Any]]:
        """The unplaced values as plain data, for the preview (kept as JSON on a preview job)."""
        return [dataclasses.asdict(u) for u in self.unplaced.values()]

    def rows(self, sheet: ReadSheet) -> Iterator[Cells]:
        for row in sheet.table.rows:
            yield Cells(self, sheet, row)


class Cells:
    """One row of a sheet as an importer reads it."""

    def __init__(self, reading: Reading, sheet: ReadSheet, row: Row) -> None:
        self.reading = reading
        self.sheet = sheet
        self.number = row.number
        self.cells = row.cells

    def heading(self, name: str) -> str | None:
        return self.sheet.columns.get(name)

    def problem(self, name: str | None, message: str, fix: str) -> None:
        column = self.sheet.columns.get(name, name) if name else None
        self.reading.problems.append(
            Problem(self.number, column, message, fix, file=self.sheet.file_name)
        )

    def raw(self, name: str) -> str:
        heading = self.sheet.columns.get(name)
        return self.cells.get(heading, "").strip() if heading else ""

    def text(self, name: str, *, missing: tuple[str, str] | None = None) -> str:
        """The cell, trimmed and with its inner spaces single; `missing` (message, fix) makes
        an empty cell a problem."""
        value = " ".join(self.raw(name).split())
        if not value and missing:
            self.problem(name, *missing)
        return value

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        value = self.raw(name)
        if not value and not required:
            return None
        try:
            return parse_date(value)
        except ValueProblem as error:
            self.problem(name, error.message, error.fix)
            return None

    def flag(self, name: str) -> bool:
        value = self.raw(name)
        if not value:
            return False
        try:
            return parse_bool(value)
        except ValueProblem as error:
            self.problem(name, error.message, error.fix)
            return False

    def email(self, name: str) -> str:
        value = self.raw(name)
        if value:
            try:
                return parse_email(value)
            except ValueProblem as error:
                self.problem(name, error.message, error.fix)
        return value

    def choice(
        self,
        name: str,
        vocabulary: Vocabulary,
        *,
        label: str | None = None,
        instead: str = "",
        required: bool = False,
    ) -> tuple[str | None, str]:
        """(the matched value, or None; the cell as written). A value the vocabulary cannot
        place is listed for the preview (see `place`), unless the officer has placed it."""
        written = self.text(name)
        if not written:
            return None, written
        value = self.place(
            name, written, vocabulary, label=label, instead=instead, required=required
        )
        return value, written

    def choices(
        self, name: str, vocabulary: Vocabulary, *, label: str | None = None
    ) -> tuple[list[str], list[str]]:
        """A cell listing several values ("Teachers, pupils and parents"; Kobo's
        space-separated choice names): (the matched values, the parts kept as written)."""
        placed = vocabulary.split_and_match(self.raw(name))
        matched = placed.values
        kept: list[str] = []
        for part in placed.unplaced:
            value = self._unplaced(name, part, vocabulary, label=label)
            if value is None:
                kept.append(part)
            elif value not in matched:
                matched.append(value)
        return matched, kept

    def place(
        self,
        name: str,
        written: str,
        vocabulary: Vocabulary,
        *,
        label: str | None = None,
        instead: str = "",
        required: bool = False,
    ) -> str | None:
        """The value `written` names (which may be "", as gender's Not stated), else the one the
        officer placed it as; else None, and it is listed for the preview: kept as written, or
        read as `instead`, or (`required`) the row waits for it to be placed."""
        found = vocabulary.match(written)
        if found is not None:
            return found.value
        return self._unplaced(
            name, written, vocabulary, label=label, instead=instead, required=required
        )

    def _unplaced(
        self,
        name: str,
        written: str,
        vocabulary: Vocabulary,
        *,
        label: str | None,
        instead: str = "",
        required: bool = False,
    ) -> str | None:
        key = placement_key(name, written)
        unplaced = self.reading.unplaced.get(key)
        if unplaced is None:
            # In the reader's alphabetical order, for a person to find a value among them.
            choices = sorted(vocabulary.choices(), key=lambda choice: fold(choice[1]))
            labels = dict(choices)
            placed = self.reading.placements.get(key)
            suggestions = vocabulary.suggest(written)
            unplaced = Unplaced(
                name,
                label if label is not None else self._label(name),
                written,
                suggestions=suggestions,
                choices=choices,
                suggestion_labels=[labels.get(v, v) for v in suggestions],
                # A value the vocabulary does not hold (a stale or forged form) is not placed.
                placed=placed if placed in labels else None,
                instead=instead,
                required=required,
            )
            self.reading.unplaced[key] = unplaced
        unplaced.rows.append(self.number)
        if self.sheet.file_name not in unplaced.files:
            unplaced.files.append(self.sheet.file_name)
        return unplaced.placed

    def _label(self, name: str) -> str:
        """The field's name for people, as the preview's columns say it."""
        return next((r.label for r in self.sheet.reads if r.field == name), name)
