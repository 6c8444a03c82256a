"""What is wrong with a file, written for the person who has to fix it: what, and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NoReturn

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from citybridge.lib.spreadsheets import limits


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    message: str
    fix: str
    file: str | None = None
    """The file it is in, when an import reads several."""

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(_("Row %(row)s") % {"row": self.row})
        if self.column is not None:
            where.append(_("column '%(column)s'") % {"column": self.column})
        prefix = ", ".join(where)
        prefix = prefix[:1].upper() + prefix[1:]
        text = f"{self.message} {self.fix}".strip()
        return f"{prefix}: {text}" if prefix else text


class SheetError(Exception):
    def __init__(self, problems: Problem | Sequence[Problem]) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ValueProblem(ValueError):
    """A single cell could not be read; `message` and `fix` are for a `Problem` about it."""

    def __init__(self, message: str, fix: str) -> None:
        self.message = message
        self.fix = fix
        super().__init__(f"{message} {fix}")

    def at(self, row: int | None, column: str | None) -> Problem:
        return Problem(row, column, self.message, self.fix)


def refuse(
    message: str, fix: str, *, row: int | None = None, column: str | None = None
) -> NoReturn:
    raise SheetError(Problem(row, column, message, fix))


def save_as() -> str:
    return _("Open it in Excel and use File > Save As > 'CSV UTF-8' or 'Excel Workbook (.xlsx)'.")


def check_letters() -> str:
    return _(
        "%(save_as)s Then check that names with č, ć, š, ž, đ, ë, ç or Cyrillic look right."
    ) % {"save_as": save_as()}


def too_many_columns() -> NoReturn:
    refuse(
        _("The sheet has more than %(limit)s columns.") % {"limit": limits.MAX_COLUMNS},
        _("Delete the columns you did not mean to send, and save again."),
    )


def too_many_rows() -> NoReturn:
    refuse(
        _("The sheet has more than %(limit)s rows.")
        % {"limit": number_format(limits.MAX_ROWS, force_grouping=True)},
        _("Split it into smaller files, or delete the empty rows under your data."),
    )
