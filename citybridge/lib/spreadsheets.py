"""Read the CSV and XLSX files partners send, safely, and say plainly what is wrong with them.

`read_table` turns bytes into a `Table` of text cells exactly as written; `map_columns` finds
which column holds which field whatever language the headings are in (single cells are read by
citybridge.lib.cells). Every refusal is a `SheetError` listing `Problem`s written for the person
who has to fix the file: what is wrong, and what to do.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NoReturn

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from citybridge.lib.charsets import CODE_PAGES, detect_encoding, mixes_encodings
from citybridge.lib.documents import ZIP_ERRORS
from citybridge.lib.headers import (
    ATTENDANCE,
    ENGAGEMENTS,
    MEMBERS,
    PRACTICES,
    ColumnSpec,
    Field,
)
from citybridge.lib.text import fold

__all__ = [
    "ATTENDANCE",
    "ENGAGEMENTS",
    "MEMBERS",
    "PRACTICES",
    "ColumnSpec",
    "Field",
    "Problem",
    "Row",
    "SheetError",
    "Table",
    "ValueProblem",
    "map_columns",
    "read_table",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# Sheet XML compresses 10-30x; a zip bomb compresses hundreds or thousands of times.
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
# Headers may sit under a title line or two ("Lista prisutnih, Budva 19.07.2024").
_HEADER_SEARCH_ROWS = 10


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
    """The CSV's text encoding ("utf-8", "utf-8-sig", "cp1250", "cp1251"); "" for XLSX."""
    delimiter: str
    """The CSV's delimiter; "" for XLSX."""
    sheet: str = ""
    """The worksheet read from an XLSX; "" for CSV."""
    skipped_rows: list[int] = field(default_factory=list)
    """Row numbers that were completely empty and left out of `rows`."""


def _refuse(
    message: str, fix: str, *, row: int | None = None, column: str | None = None
) -> NoReturn:
    raise SheetError(Problem(row, column, message, fix))


# --- reading ---------------------------------------------------------------------------------


def _save_as() -> str:
    return _("Open it in Excel and use File > Save As > 'CSV UTF-8' or 'Excel Workbook (.xlsx)'.")


def _check_letters() -> str:
    return _(
        "%(save_as)s Then check that names with č, ć, š, ž, đ, ë, ç or Cyrillic look right."
    ) % {"save_as": _save_as()}


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV or XLSX file into text cells, refusing anything unsafe or unreadable."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in ("csv", "xlsx"):
        _refuse(
            _("'%(file)s' is not a CSV or Excel (.xlsx) file.") % {"file": filename},
            _("Send the sheet as .csv or .xlsx. %(save_as)s") % {"save_as": _save_as()},
        )
    if not data or not data.strip():
        _refuse(
            _("'%(file)s' is empty.") % {"file": filename},
            _("Check you attached the right file, and send it again."),
        )
    if len(data) > MAX_FILE_BYTES:
        _refuse(
            _("'%(file)s' is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "file": filename,
                "size": f"{len(data) / 1024 / 1024:.0f}",
                "limit": MAX_FILE_BYTES // 1024 // 1024,
            },
            _("Split it into smaller files, or remove pictures and other sheets from it."),
        )
    disguise = _sniff_other_format(data)
    if extension == "csv":
        if disguise:
            _refuse(
                _("'%(file)s' is really %(format)s, not a CSV file.")
                % {"file": filename, "format": disguise},
                _save_as(),
            )
        return _read_csv(data)
    if not data.startswith(b"PK\x03\x04"):
        actual = disguise or _("a text file (perhaps a CSV)")
        _refuse(
            _("'%(file)s' is really %(format)s, not an Excel (.xlsx) workbook.")
            % {"file": filename, "format": actual},
            _save_as(),
        )
    return _read_xlsx(data, filename)


def _sniff_other_format(data: bytes) -> str | None:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return _("a PDF document")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _("an old-style Excel (.xls) or a password-protected file")
    if head.startswith(b"pk\x03\x04"):
        return _("a zipped document (an Excel workbook or similar)")
    if head.startswith((b"\x89png", b"\xff\xd8\xff", b"gif8")):
        return _("a picture")
    if head.startswith(b"{\\rtf"):
        return _("a Word (RTF) document")
    if head.startswith(b"<"):
        if b"<html" in head or b"<!doctype html" in head or b"<table" in head:
            return _("a web page (HTML)")
        return _("an XML document")
    return None


def _read_csv(data: bytes) -> Table:
    encoding = detect_encoding(data)
    if encoding is None:
        _refuse(
            _(
                "The file's letters could not be read reliably (its text encoding is not UTF-8, "
                "Windows-1250 or Windows-1251)."
            ),
            _check_letters(),
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        _refuse(
            _("The file says it is UTF-8 but contains bytes that are not."),
            _save_as(),
        )
    if "\x00" in text:
        _refuse(_("The file contains NUL characters, so it is not a plain-text CSV."), _save_as())
    if encoding in CODE_PAGES and mixes_encodings(data):
        _refuse(
            _(
                "Parts of the file are saved in different text encodings (for example some rows "
                "in UTF-8 and others in Windows-1250, or Latin and Cyrillic code pages), so some "
                "names would be read wrongly."
            ),
            _check_letters(),
        )
    text = text.lstrip("\ufeff")
    lines = _lines_of(text)
    first = next(lines, "")
    delimiter = ""
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel writes "sep=;" as the first line when asked to remember the delimiter.
        delimiter = first.strip()[4]
        first = ""
    delimiter = delimiter or _sniff_delimiter(text)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            if len(records) > MAX_ROWS + _HEADER_SEARCH_ROWS:
                _too_many_rows()
            if len(record) > MAX_COLUMNS:
                # Trailing separators (Excel writes them for formatted columns) are dropped;
                # a table is then never wider than MAX_COLUMNS, whatever one line holds.
                if any(c.strip() for c in itertools.islice(record, MAX_COLUMNS, None)):
                    _too_many_columns()
                del record[MAX_COLUMNS:]
            records.append(record)
    except csv.Error as error:
        _refuse(
            _(
                "Line %(line)s of the file could not be read (%(error)s); usually a quote "
                'mark (") that opens a cell and never closes it.'
            )
            % {"line": reader.line_num, "error": error},
            _("Remove the stray quote mark, or save the file again from Excel."),
        )
    return _build_table(records, encoding=encoding, delimiter=delimiter)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines_of(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, one at a time, as a file opened with newline=""
    gives them: a list of them, or io.StringIO (four bytes a letter), would copy a 20 MB file
    several times over."""
    return (m.group() for m in _LINE.finditer(text))


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most consistent, columns."""
    sample = text[:20_000]
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t"):
        try:
            rows = [
                r
                for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                if any(r)
            ]
        except csv.Error:
            continue
        rows = rows[:20]
        if not rows:
            continue
        widths = [len(r) for r in rows[:-1]] or [len(rows[0])]
        header_width = max(widths)
        consistent = sum(1 for w in widths if w == header_width)
        score = header_width * 100 + consistent if header_width > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _too_many_columns() -> NoReturn:
    _refuse(
        _("The sheet has more than %(limit)s columns.") % {"limit": MAX_COLUMNS},
        _("Delete the columns you did not mean to send, and save again."),
    )


def _too_many_rows() -> NoReturn:
    _refuse(
        _("The sheet has more than %(limit)s rows.")
        % {"limit": number_format(MAX_ROWS, force_grouping=True)},
        _("Split it into smaller files, or delete the empty rows under your data."),
    )


def _read_xlsx(data: bytes, filename: str) -> Table:
    _check_zip(data, filename)
    # Imported here: openpyxl takes a moment to import and CSV readers never need it.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        _refuse(
            _("'%(file)s' could not be opened as an Excel workbook.") % {"file": filename},
            _save_as(),
        )
    except Exception as error:  # defusedxml's refusals and XML syntax errors
        _refuse(
            _("'%(file)s' could not be opened: its contents are damaged or unsafe (%(error)s).")
            % {"file": filename, "error": type(error).__name__},
            _save_as(),
        )
    try:
        for worksheet in workbook.worksheets:
            if getattr(worksheet, "sheet_state", "visible") != "visible":
                continue
            declared_rows = getattr(worksheet, "max_row", None) or 0
            if declared_rows > MAX_ROWS + _HEADER_SEARCH_ROWS:
                _refuse(
                    _(
                        "The sheet '%(sheet)s' reaches down to row %(row)s; the limit is %(limit)s rows."
                    )
                    % {
                        "sheet": worksheet.title,
                        "row": number_format(declared_rows, force_grouping=True),
                        "limit": number_format(MAX_ROWS, force_grouping=True),
                    },
                    _(
                        "Delete the empty rows under your data (select them, right-click, Delete) "
                        "and save again."
                    ),
                )
            # Without a declared size openpyxl makes each row as wide as its last cell, not as
            # wide as max_col (a sheet of nine columns read as 201 mostly empty ones took a
            # third of a large import); no cell is dropped whatever the dimension claimed.
            worksheet.reset_dimensions()  # type: ignore[attr-defined]
            try:
                records = list(_xlsx_records(worksheet))
            except SheetError:
                raise
            except Exception as error:  # read-only sheets parse their XML only now
                _refuse(
                    _(
                        "'%(file)s' could not be read: its contents are damaged or unsafe (%(error)s)."
                    )
                    % {"file": filename, "error": type(error).__name__},
                    _save_as(),
                )
            if any(any(cell for cell in record) for record in records):
                table = _build_table(records, encoding="", delimiter="")
                table.sheet = worksheet.title
                return table
    finally:
        workbook.close()
    _refuse(
        _("'%(file)s' has no data in any visible sheet.") % {"file": filename},
        _("Check you attached the right file."),
    )


def _xlsx_records(worksheet: object) -> Iterator[list[str]]:
    limit = MAX_ROWS + _HEADER_SEARCH_ROWS
    # An explicit row bound: a workbook may claim (or pad to) a million rows. Each row is as
    # wide as its last cell (at most 16,384 columns); only the first MAX_COLUMNS are read.
    rows = worksheet.iter_rows(  # type: ignore[attr-defined]
        min_row=1, max_row=limit + 1, values_only=True
    )
    for number, values in enumerate(rows, start=1):
        if len(values) > MAX_COLUMNS:
            _refuse_cells_beyond(values[MAX_COLUMNS:])
            values = values[:MAX_COLUMNS]
        record = [_cell_text(v) for v in values]
        if number > limit and any(record):
            _too_many_rows()
        yield record


def _refuse_cells_beyond(extra: Sequence[object]) -> None:
    """Refuse a row with any value right of the last column read. Cells that are only
    formatted have none and pass; so few sheets hold a blank text that far out that it is
    refused too, since telling it apart costs a Python loop over up to 16,384 cells a row."""
    # count() compares in C: microseconds for a row reaching column XFD.
    if extra.count(None) != len(extra):
        _too_many_columns()


def _cell_text(value: object) -> str:
    """An Excel value as the text a person reading the sheet would see."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    text = str(value)
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text; no sheet typed by a person holds one.
        _refuse(_("A cell contains a NUL character, so the file is damaged."), _save_as())
    return "" if not text.strip() else text


def _check_zip(data: bytes, filename: str) -> None:
    """Refuse zip bombs, entity bombs and non-workbooks before any XML is parsed, and damaged
    packages (bad checksums, sizes that lie, corrupt or truncated streams) with a clear word
    instead of the zip module's exception."""
    try:
        _check_zip_parts(data, filename)
    except ZIP_ERRORS:
        _refuse(
            _("'%(file)s' is damaged (it is not a complete Excel file).") % {"file": filename},
            _save_as(),
        )


def _check_zip_parts(data: bytes, filename: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            _refuse(
                _("'%(file)s' has too many parts to be a sheet of names.") % {"file": filename},
                _save_as(),
            )
        unsafe = _(
            "'%(file)s' is built in a way that could overload the server "
            "(it expands to far more than its size)."
        ) % {"file": filename}
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            _refuse(unsafe, _save_as())
        for member in members:
            if member.flag_bits & 0x1:
                _refuse(
                    _("'%(file)s' is password-protected.") % {"file": filename},
                    _("Remove the password and send it again."),
                )
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
                _refuse(unsafe, _save_as())
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            if "mimetype" in names:
                wrong = _("'%(file)s' is an OpenDocument spreadsheet.")
            else:
                wrong = _("'%(file)s' is not an Excel workbook.")
            _refuse(wrong % {"file": filename}, _save_as())
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as part:
                    head = part.read(64 * 1024)
                # Excel never writes a DTD; one in a workbook is an entity-expansion attack.
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    _refuse(unsafe, _save_as())


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _build_table(records: list[list[str]], *, encoding: str, delimiter: str) -> Table:
    # Blank cells become "" and every record as wide as the widest, once: emptiness is then
    # plain truthiness, tested in C (any(), zip()), which matters on a sheet of 20,000 rows.
    records = [[c if c.strip() else "" for c in r] for r in records]
    header_index = _find_header(records)
    if header_index is None:
        _refuse(_("The file has no headings and no data."), _("Check you attached the right file."))
    header_width = len(records[header_index])
    table = records[header_index:]
    width = max(len(r) for r in table)
    for record in table:
        record.extend([""] * (width - len(record)))
    raw_headers, body = table[0], table[1:]
    used = [i for i, column in enumerate(zip(*table, strict=True)) if any(column)]
    headers = [" ".join(raw_headers[i].split()) or f"(column {_column_letter(i)})" for i in used]
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
        _refuse(
            _("The sheet has headings but no rows of data under them."),
            _("Fill in the rows, or check you attached the right file."),
        )
    return Table(headers, rows, encoding, delimiter, skipped_rows=skipped)


def _find_header(records: list[list[str]]) -> int | None:
    """The first row with two or more filled cells; title lines above it are skipped."""
    first_filled = None
    for index, record in enumerate(records[:_HEADER_SEARCH_ROWS]):
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
                        "first": _column_letter(seen[key]),
                        "second": _column_letter(index),
                    },
                    _("Rename or delete one of them, so that every heading appears once."),
                )
            )
        else:
            seen[key] = index
    return problems


# --- column mapping --------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[/|()\[\],;:\n]+")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def _header_keys(header: str) -> tuple[str, list[str]]:
    """The folded heading, and its parts when it is written as "Grad / Opština" or similar."""
    parts = [_key(p) for p in _SEPARATORS.split(header)]
    return _key(header), [p for p in parts if p]


@functools.cache
def _spec_keys(spec: ColumnSpec) -> tuple[frozenset[str], dict[str, str]]:
    """The spec's ignored headings and {synonym: field name}, folded: the same for every sheet
    of an import (folding the synonyms each time was a second per thousand sheets)."""
    ignored = frozenset({_key(s) for s in spec.ignored} | {""})
    return ignored, {_key(s): f.name for f in spec.fields for s in f.synonyms}


def map_columns(headers: Iterable[str], spec: ColumnSpec) -> dict[str, str]:
    """Which heading holds each field of `spec`: {canonical field name: heading as written}.

    Headings match a field's synonyms folded (case, diacritics, script and punctuation
    ignored), either whole or by one part of a heading written as "Komuna / Bashkia".
    Raises SheetError when a required field has no column, or two columns claim one field.
    """
    ignored, synonyms = _spec_keys(spec)
    whole: dict[str, list[str]] = {}
    partial: dict[str, list[str]] = {}
    for header in headers:
        full, parts = _header_keys(header)
        if full in ignored:
            continue
        if full in synonyms:
            whole.setdefault(synonyms[full], []).append(header)
            continue
        names = {synonyms[p] for p in parts if p in synonyms}
        if len(names) == 1:
            partial.setdefault(names.pop(), []).append(header)
    problems: list[Problem] = []
    mapping: dict[str, str] = {}
    for f in spec.fields:
        found = whole.get(f.name) or partial.get(f.name) or []
        if len(found) > 1:
            listed = ", ".join(f"'{h}'" for h in found)
            problems.append(
                Problem(
                    None,
                    found[1],
                    _("Columns %(headings)s all look like the %(field)s column.")
                    % {"headings": listed, "field": f.label},
                    _("Rename or delete one of them, so we know which one to read."),
                )
            )
        elif found:
            mapping[f.name] = found[0]
    for alternatives in spec.required:
        if any(all(name in mapping for name in option) for option in alternatives):
            continue
        problems.append(_missing_column_problem(spec, alternatives))
    if problems:
        raise SheetError(problems)
    return mapping


def _missing_column_problem(spec: ColumnSpec, alternatives: tuple[tuple[str, ...], ...]) -> Problem:
    # "full name / first name + last name": one of the options, each a set of columns.
    described = " / ".join(
        " + ".join(str(spec.field(name).label) for name in option) for option in alternatives
    )
    accepted = "; ".join(
        _("for %(field)s: %(headings)s")
        % {
            "field": spec.field(name).label,
            "headings": ", ".join(f"'{s}'" for s in spec.field(name).synonyms[:8]),
        }
        for option in alternatives
        for name in option
    )
    return Problem(
        None,
        None,
        _("The %(sheet)s needs a column for %(columns)s, and none of its headings is one we know.")
        % {"sheet": spec.kind, "columns": described},
        _("Rename the heading to one of these (%(accepted)s) and upload it again.")
        % {"accepted": accepted},
    )
