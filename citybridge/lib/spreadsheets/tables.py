"""Records of text cells into a `Table`: the heading row found under any title lines, blank rows
and columns left out, every cell kept as written."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.problems import Problem, SheetError, refuse


@dataclass(frozen=True)
class Row:
    number: int
    """1-based position under the header row: row 1 is the first line after the headings."""
    cells: dict[str, str]


@dataclass
class Table:
    headers: list[str]
    rows: list[Row]
    encoding: str
    """The CSV's text encoding ("utf-8", "utf-8-sig", "cp1250", "cp1251"); "" for a workbook."""
    delimiter: str
    """The CSV's delimiter; "" for a workbook."""
    sheet: str = ""
    """The worksheet read from a workbook; "" for CSV."""
    skipped_rows: list[int] = field(default_factory=list)
    """Row numbers that were completely empty and left out of `rows`."""
    file_format: str = "csv"
    """What the file was, read from its bytes: "csv", "xlsx", "xls" or "ods"."""


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_table(records: list[list[str]], *, encoding: str, delimiter: str) -> Table:
    # Blank cells become "" and every record as wide as the widest, once: emptiness is then
    # plain truthiness, tested in C (any(), zip()), which matters on a sheet of 20,000 rows.
    records = [[c if c.strip() else "" for c in r] for r in records]
    header_index = _find_header(records)
    if header_index is None:
        refuse(_("The file has no headings and no data."), _("Check you attached the right file."))
    header_width = len(records[header_index])
    table = records[header_index:]
    width = max(len(r) for r in table)
    for record in table:
        record.extend([""] * (width - len(record)))
    raw_headers, body = table[0], table[1:]
    used = [i for i, column in enumerate(zip(*table, strict=True)) if any(column)]
    headers = [" ".join(raw_headers[i].split()) or f"(column {column_letter(i)})" for i in used]
    problems = _duplicate_header_problems(headers, used)
    every_column = used == list(range(width))
    rows: list[Row] = []
    skipped: list[int] = []
    for number, record in enumerate(body, start=1):
        if not any(record):
            skipped.append(number)
            continue
        if delimiter and any(record[header_width:]):
            problems.append(
                Problem(
                    number,
                    None,
                    _(
                        "This row has more cells than there are headings, so its values have "
                        "shifted (often a '%(delimiter)s' typed inside a name or an organisation)."
                    )
                    % {"delimiter": delimiter},
                    _("Put quotes around the value containing it, or remove it, and save again."),
                )
            )
            continue
        cells = record if every_column else [record[i] for i in used]
        rows.append(Row(number, dict(zip(headers, cells, strict=True))))
    if problems:
        raise SheetError(problems)
    if not rows:
        refuse(
            _("The sheet has headings but no rows of data under them."),
            _("Fill in the rows, or check you attached the right file."),
        )
    return Table(headers, rows, encoding, delimiter, skipped_rows=skipped)


def _find_header(records: list[list[str]]) -> int | None:
    """The first row with two or more filled cells; title lines above it are skipped."""
    first_filled = None
    for index, record in enumerate(records[: limits.HEADER_SEARCH_ROWS]):
        filled = sum(1 for c in record if c.strip())
        if filled >= 2:
            return index
        if filled and first_filled is None:
            first_filled = index
    if first_filled is not None:
        return first_filled
    return next((i for i, r in enumerate(records) if any(c.strip() for c in r)), None)


def _duplicate_header_problems(headers: list[str], used: list[int]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for header, index in zip(headers, used, strict=True):
        key = header.casefold()
        if key in seen:
            problems.append(
                Problem(
                    None,
                    header,
                    _("Two columns are headed '%(heading)s' (columns %(first)s and %(second)s).")
                    % {
                        "heading": header,
                        "first": column_letter(seen[key]),
                        "second": column_letter(index),
                    },
                    _("Rename or delete one of them, so that every heading appears once."),
                )
            )
        else:
            seen[key] = index
    return problems
