"""The row reader every importer uses: a sheet's rows field by field, every problem collected.

An importer asks a row for what it needs (`row.text("title", missing=...)`, `row.date("start")`,
`row.country("country")`, `row.choice("type", kinds)`); a cell that cannot be read becomes a
`Problem` at its row and column, saying what is wrong and how to fix it, and the import goes on
reading so that one refusal lists them all. A value a vocabulary cannot place is not a problem:
it is kept as written and asked about on the preview (`Unplaced`), unless the officer placed it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from citybridge.imports.reading import ReadSheet
from citybridge.lib.cells import parse_bool, parse_date, parse_email
from citybridge.lib.spreadsheets import Problem, Row, ValueProblem
from citybridge.lib.text import fold


class Vocabulary(Protocol):
    """What a choice cell is matched against: values, their labels, synonyms."""

    def match(self, text: str) -> str | None: ...

    def choices(self) -> list[tuple[str, str]]: ...

    def suggest(self, text: str) -> list[str]: ...


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

    @property
    def key(self) -> str:
        return placement_key(self.field, self.written)


def placement_key(field_name: str, written: str) -> str:
    return f"{field_name}:{' '.join(fold(written).split())}"


@dataclass
class Reading:
    """What the rows of an import said besides their values: problems and unplaced values."""

    placements: dict[str, str] = dataclasses.field(default_factory=dict)
    """{placement_key: value, or "" to keep it as written}: the officer's answers."""
    problems: list[Problem] = dataclasses.field(default_factory=list)
    unplaced: dict[str, Unplaced] = dataclasses.field(default_factory=dict)

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

    def choice(self, name: str, vocabulary: Vocabulary, *, label: str) -> tuple[str | None, str]:
        """(the matched value, or None; the cell as written). An unmatched value is kept as
        written and listed for the preview, unless the officer has placed it."""
        written = self.text(name)
        return (self.place(name, written, vocabulary, label=label) if written else None), written

    def choices(
        self, name: str, vocabulary: Vocabulary, *, label: str, split: Callable[[str], list[str]]
    ) -> tuple[list[str], list[str]]:
        """A cell listing several values: (the matched values, the parts kept as written)."""
        matched: list[str] = []
        kept: list[str] = []
        for part in split(self.raw(name)):
            value = self.place(name, part, vocabulary, label=label)
            if value is None:
                kept.append(part)
            elif value not in matched:
                matched.append(value)
        return matched, kept

    def place(self, name: str, written: str, vocabulary: Vocabulary, *, label: str) -> str | None:
        value = vocabulary.match(written)
        if value is not None:
            return value
        key = placement_key(name, written)
        if key in self.reading.placements:
            return self.reading.placements[key] or None
        unplaced = self.reading.unplaced.get(key)
        if unplaced is None:
            choices = vocabulary.choices()
            suggestions = vocabulary.suggest(written)
            labels = dict(choices)
            unplaced = Unplaced(
                name,
                label,
                written,
                suggestions=suggestions,
                choices=choices,
                suggestion_labels=[labels.get(v, v) for v in suggestions],
            )
            self.reading.unplaced[key] = unplaced
        unplaced.rows.append(self.number)
        if self.sheet.file_name not in unplaced.files:
            unplaced.files.append(self.sheet.file_name)
        return None
