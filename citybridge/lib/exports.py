"""Tables exactly as a page shows them, downloaded as CSV or XLSX, and every other CSV the
product writes (`csv_writer`: the command line's `people links` too).

A list page adds its download with `list_download(request, name=..., title=..., columns=...,
rows=...)`: the same filtered queryset the page pages through, described by `Column`s (a header
in the reader's language, how a row gives the cell, and its HXL hashtag). `?format=csv|xlsx`
asks for it; `&hxl=1` adds the HXL hashtag row under the header (the Humanitarian Exchange
Language: https://hxlstandard.org), for those who exchange data with humanitarian systems.

A cell that a spreadsheet would read as a formula (=, +, -, @, or a leading tab or carriage
return) is prefixed with an apostrophe, so an opened download never runs what someone typed
(or what a file name, a sheet cell or an organisation's name says).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[object]] = field(default_factory=list)
    # HXL hashtags, one per column, written under the header when asked for (`?hxl=1`).
    hashtags: list[str] | None = None


def neutralise(value: object) -> object:
    """The value as a cell: numbers stay numbers, text that could run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class CsvWriter:
    """`csv.writer` that neutralises every cell: the one way the product writes CSV."""

    def __init__(self, out: Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(c) for c in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Writable, **options: Any) -> CsvWriter:
    """A CSV writer on `out` (options as `csv.writer` takes them) whose cells never run."""
    return CsvWriter(out, **options)


def csv_bytes(tables: Sequence[Table]) -> bytes:
    """Tables one under another: a title row, the header, the rows, a blank row between tables."""
    out = io.StringIO()
    writer = csv_writer(out)
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        if len(tables) > 1:
            writer.writerow([table.title])
        writer.writerow(table.headers)
        if table.hashtags:
            writer.writerow(table.hashtags)
        writer.writerows(table.rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (Cyrillic names).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base[:25]} ({n})", n + 1
    taken.add(name.lower())
    return name


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(sheet_title(table.title, taken))
        sheet.append([neutralise(h) for h in table.headers])
        if table.hashtags:
            sheet.append([neutralise(h) for h in table.hashtags])
        for row in table.rows:
            sheet.append([neutralise(c) for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_response(tables: Sequence[Table], *, fmt: str, filename: str) -> HttpResponse:
    """A download of the tables; `fmt` is "csv" or "xlsx", `filename` without its extension."""
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(tables), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(tables), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@dataclass(frozen=True)
class Column:
    """One column of a list's download: its header (lazy, so it is in the reader's language when
    the file is written), the cell a row gives, and its HXL hashtag with attributes."""

    header: Any
    value: Callable[[Any], object]
    hxl: str = ""


def rows_table(title: Any, columns: Sequence[Column], rows: Iterable[Any], *, hxl: bool) -> Table:
    return Table(
        title=str(title),
        headers=[str(c.header) for c in columns],
        rows=[[c.value(row) for c in columns] for row in rows],
        hashtags=[c.hxl for c in columns] if hxl else None,
    )


def download_format(request: HttpRequest) -> str | None:
    """The format a list's download asks for (`?format=csv|xlsx`), or None for the page."""
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def wants_hxl(request: HttpRequest) -> bool:
    return request.GET.get("hxl") == "1"


def list_download(
    request: HttpRequest,
    *,
    name: str,
    title: Any,
    columns: Sequence[Column],
    rows: Iterable[Any],
    more: Sequence[tuple[Any, Sequence[Column], Iterable[Any]]] = (),
) -> HttpResponse | None:
    """The page's rows as a file when the request asks for one, else None (and `rows`, a lazy
    queryset, is never read). `name` starts the file's name, dated today; `more`: further
    tables (title, columns, rows) after the first, one under another in CSV, a sheet each in
    XLSX."""
    fmt = download_format(request)
    if fmt is None:
        return None
    return rows_download(
        request, fmt, name=name, title=title, columns=columns, rows=rows, more=more
    )


def rows_download(
    request: HttpRequest,
    fmt: str,
    *,
    name: str,
    title: Any,
    columns: Sequence[Column],
    rows: Iterable[Any],
    more: Sequence[tuple[Any, Sequence[Column], Iterable[Any]]] = (),
) -> HttpResponse:
    """`list_download` once the format is known: for a view that must do something first (log
    the people the file holds)."""
    hxl = wants_hxl(request)
    tables = [rows_table(t, c, r, hxl=hxl) for t, c, r in [(title, columns, rows), *more]]
    filename = f"{name}-{timezone.localdate().isoformat()}"
    return export_response(tables, fmt=fmt, filename=filename)


def yes_no(value: bool) -> str:
    return gettext("Yes") if value else gettext("No")


def day(value: Any) -> str:
    """A date cell: ISO 8601, which every spreadsheet reads as a date whatever its language."""
    return value.isoformat() if value else ""
