"""Excel workbooks (.xlsx): the package checked before any XML is parsed, the first visible
sheet with data read as text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from citybridge.lib.documents import ZIP_ERRORS
from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.problems import (
    SheetError,
    refuse,
    save_as,
    too_many_columns,
    too_many_rows,
)
from citybridge.lib.spreadsheets.tables import Table, build_table


def read_xlsx(data: bytes, filename: str) -> Table:
    _check_zip(data, filename)
    # Imported here: openpyxl takes a moment to import and CSV readers never need it.
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        refuse(
            _("'%(file)s' could not be opened as an Excel workbook.") % {"file": filename},
            save_as(),
        )
    except Exception as error:  # defusedxml's refusals and XML syntax errors
        refuse(
            _("'%(file)s' could not be opened: its contents are damaged or unsafe (%(error)s).")
            % {"file": filename, "error": type(error).__name__},
            save_as(),
        )
    try:
        for worksheet in workbook.worksheets:
            if getattr(worksheet, "sheet_state", "visible") != "visible":
                continue
            declared_rows = getattr(worksheet, "max_row", None) or 0
            if declared_rows > limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS:
                refuse(
                    _(
                        "The sheet '%(sheet)s' reaches down to row %(row)s; the limit is %(limit)s rows."
                    )
                    % {
                        "sheet": worksheet.title,
                        "row": number_format(declared_rows, force_grouping=True),
                        "limit": number_format(limits.MAX_ROWS, force_grouping=True),
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
                refuse(
                    _(
                        "'%(file)s' could not be read: its contents are damaged or unsafe (%(error)s)."
                    )
                    % {"file": filename, "error": type(error).__name__},
                    save_as(),
                )
            if any(any(cell for cell in record) for record in records):
                table = build_table(records, encoding="", delimiter="")
                table.sheet = worksheet.title
                return table
    finally:
        workbook.close()
    refuse(
        _("'%(file)s' has no data in any visible sheet.") % {"file": filename},
        _("Check you attached the right file."),
    )


def _xlsx_records(worksheet: object) -> Iterator[list[str]]:
    limit = limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS
    # An explicit row bound: a workbook may claim (or pad to) a million rows. Each row is as
    # wide as its last cell (at most 16,384 columns); only the first limits.MAX_COLUMNS are read.
    rows = worksheet.iter_rows(  # type: ignore[attr-defined]
        min_row=1, max_row=limit + 1, values_only=True
    )
    for number, values in enumerate(rows, start=1):
        if len(values) > limits.MAX_COLUMNS:
            _refuse_cells_beyond(values[limits.MAX_COLUMNS :])
            values = values[: limits.MAX_COLUMNS]
        record = [_cell_text(v) for v in values]
        if number > limit and any(record):
            too_many_rows()
        yield record


def _refuse_cells_beyond(extra: Sequence[object]) -> None:
    """Refuse a row with any value right of the last column read. Cells that are only
    formatted have none and pass; so few sheets hold a blank text that far out that it is
    refused too, since telling it apart costs a Python loop over up to 16,384 cells a row."""
    # count() compares in C: microseconds for a row reaching column XFD.
    if extra.count(None) != len(extra):
        too_many_columns()


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
        refuse(_("A cell contains a NUL character, so the file is damaged."), save_as())
    return "" if not text.strip() else text


def _check_zip(data: bytes, filename: str) -> None:
    """Refuse zip bombs, entity bombs and non-workbooks before any XML is parsed, and damaged
    packages (bad checksums, sizes that lie, corrupt or truncated streams) with a clear word
    instead of the zip module's exception."""
    try:
        _check_zip_parts(data, filename)
    except ZIP_ERRORS:
        refuse(
            _("'%(file)s' is damaged (it is not a complete Excel file).") % {"file": filename},
            save_as(),
        )


def _check_zip_parts(data: bytes, filename: str) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.MAX_ZIP_MEMBERS:
            refuse(
                _("'%(file)s' has too many parts to be a sheet of names.") % {"file": filename},
                save_as(),
            )
        unsafe = _(
            "'%(file)s' is built in a way that could overload the server "
            "(it expands to far more than its size)."
        ) % {"file": filename}
        if sum(m.file_size for m in members) > limits.MAX_UNCOMPRESSED_BYTES:
            refuse(unsafe, save_as())
        for member in members:
            if member.flag_bits & 0x1:
                refuse(
                    _("'%(file)s' is password-protected.") % {"file": filename},
                    _("Remove the password and send it again."),
                )
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > limits.MAX_COMPRESSION_RATIO:
                refuse(unsafe, save_as())
        names = {m.filename for m in members}
        if "xl/workbook.xml" not in names:
            if "mimetype" in names:
                wrong = _("'%(file)s' is an OpenDocument spreadsheet.")
            else:
                wrong = _("'%(file)s' is not an Excel workbook.")
            refuse(wrong % {"file": filename}, save_as())
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as part:
                    head = part.read(64 * 1024)
                # Excel never writes a DTD; one in a workbook is an entity-expansion attack.
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    refuse(unsafe, save_as())
