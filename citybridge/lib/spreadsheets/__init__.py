"""Read the CSV, XLSX, XLS and ODS files partners send, safely, and say plainly what is wrong
with them.

`read_table` turns bytes into a `Table` of text cells exactly as written; `map_columns` finds
which column holds which field whatever language the headings are in (single cells are read by
citybridge.lib.cells). Every refusal is a `SheetError` listing `Problem`s written for the person
who has to fix the file: what is wrong, and what to do.

The package: `problems` (the refusals), `limits`, `delimited` (CSV), `workbooks` (.xlsx, .xls
and .ods: `packages` and `compound` check the file, `calamine_process` reads it), `tables`
(records to a `Table`), `columns` (headings to fields).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from citybridge.lib.headers import (
    ATTENDANCE,
    ENGAGEMENTS,
    MEMBERS,
    PRACTICES,
    ColumnSpec,
    Field,
)
from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.columns import map_columns
from citybridge.lib.spreadsheets.compound import MAGIC as COMPOUND_MAGIC
from citybridge.lib.spreadsheets.delimited import read_csv
from citybridge.lib.spreadsheets.limits import (
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
)
from citybridge.lib.spreadsheets.problems import Problem, SheetError, ValueProblem, refuse, save_as
from citybridge.lib.spreadsheets.tables import Row, Table
from citybridge.lib.spreadsheets.workbooks import read_workbook

__all__ = [
    "ACCEPT",
    "ATTENDANCE",
    "ENGAGEMENTS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_ZIP_MEMBERS",
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

EXTENSIONS = ("csv", "xlsx", "xls", "ods")
ACCEPT = ",".join(f".{e}" for e in EXTENSIONS)
"""For a file input's `accept` attribute: the file picker offers these first."""


def read_table(data: bytes, filename: str) -> Table:
    """Read a CSV file, or the first visible sheet with data of an .xlsx, .xls or .ods
    workbook, into text cells, refusing anything unsafe or unreadable.

    The name's extension says whether the file is a CSV or a workbook; which kind of workbook
    is read from its bytes, so an .xls saved under the name .xlsx is read as what it is."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in EXTENSIONS:
        refuse(
            _("'%(file)s' is not a CSV, Excel (.xlsx, .xls) or OpenDocument (.ods) spreadsheet.")
            % {"file": filename},
            _("Send the sheet as .csv, .xlsx, .xls or .ods. %(save_as)s") % {"save_as": save_as()},
        )
    if not data or not data.strip():
        refuse(
            _("'%(file)s' is empty.") % {"file": filename},
            _("Check you attached the right file, and send it again."),
        )
    if len(data) > limits.MAX_FILE_BYTES:
        refuse(
            _("'%(file)s' is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "file": filename,
                "size": f"{len(data) / 1024 / 1024:.0f}",
                "limit": limits.MAX_FILE_BYTES // 1024 // 1024,
            },
            _("Split it into smaller files, or remove pictures and other sheets from it."),
        )
    disguise = _sniff_other_format(data)
    if extension == "csv":
        if disguise:
            refuse(
                _("'%(file)s' is really %(format)s, not a CSV file.")
                % {"file": filename, "format": disguise},
                save_as(),
            )
        return read_csv(data)
    if not data.startswith((b"PK\x03\x04", COMPOUND_MAGIC)):
        actual = disguise or _("a text file (perhaps a CSV)")
        refuse(
            _("'%(file)s' is really %(format)s, not an Excel or OpenDocument spreadsheet.")
            % {"file": filename, "format": actual},
            save_as(),
        )
    return read_workbook(data, filename)


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
