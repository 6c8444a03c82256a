"""The program of the workbook reader process: .xlsx, .xls and .ods read by calamine, cells
returned as the text a person sees.

calamine (Rust) lays each sheet out as one dense block of cells before handing back a row, so
a small file whose cells sit at A1 and XFD20000, or an .ods repeating one cell a million
times, asks for gigabytes. No size of file predicts that, so the reading happens here, in a
process of its own whose address space is capped (RLIMIT_AS): such a file makes this process
fail, never the server's. `citybridge.lib.spreadsheets.workbooks` starts it, sends it one file
at a time and bounds its time.

It runs as a script (`python -I calamine_process.py MEMORY_BYTES`): the standard library and
python_calamine only, no Django. Each request on stdin is a header (`<QII`: the file's length,
the rows and the columns that may be read) and the file's bytes; each answer on stdout is its
length (`<Q`) and a JSON object: {"sheet", "records"} with every cell as text, or
{"refusal": ...} saying why not. It says READY once, when calamine is loaded.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import sys
from typing import Any, BinaryIO

REQUEST = struct.Struct("<QII")
ANSWER = struct.Struct("<Q")
OUT_OF_MEMORY = b'{"refusal": "memory"}'
READY = b"calamine ready\n"


class _NulInCell(Exception):
    pass


def cell_text(value: object) -> str:
    """A cell's value as the text a person reading the sheet sees: dates as YYYY-MM-DD, whole
    numbers without ".0", times to the minute."""
    if type(value) is str:  # most cells: tested first
        if "\x00" in value:
            # PostgreSQL cannot store NUL in text; no sheet typed by a person holds one.
            raise _NulInCell
        return value if value.strip() else ""
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
    if isinstance(value, dt.timedelta):  # a duration, shown as Excel's [h]:mm
        minutes = round(value.total_seconds() / 60)
        sign = "-" if minutes < 0 else ""
        hours, minutes = divmod(abs(minutes), 60)
        return f"{sign}{hours}:{minutes:02d}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return cell_text(str(value))


def read(data: bytes, max_rows: int, max_columns: int) -> dict[str, Any]:
    """The first visible worksheet holding data, as rows of text from A1, or why not."""
    # Imported here so that cell_text can be imported without calamine installed.
    from python_calamine import (
        CalamineError,
        CalamineWorkbook,
        PasswordError,
        SheetTypeEnum,
        SheetVisibleEnum,
    )

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        return {"refusal": "password"}
    except CalamineError as error:
        return {"refusal": "damaged", "error": type(error).__name__}
    with workbook:
        sheets = workbook.sheets_metadata
        # Excel 4.0 macro sheets run when the file is opened, hidden or not.
        if any(s.typ == SheetTypeEnum.MacroSheet for s in sheets):
            return {"refusal": "macros"}
        for meta in sheets:
            if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
            except PasswordError:
                return {"refusal": "password"}
            except CalamineError as error:
                return {"refusal": "damaged", "error": type(error).__name__}
            if sheet.start is None or sheet.end is None:
                continue
            (top, left), (bottom, right) = sheet.start, sheet.end
            if bottom + 1 > max_rows:
                return {"refusal": "rows", "sheet": meta.name, "reach": bottom + 1}
            if right + 1 > max_columns:
                return {"refusal": "columns"}
            # From A1, as a person counts rows and columns: headings are looked for in the
            # first rows, and a column's letter is named in messages.
            records: list[list[str]] = [[] for _ in range(top)]
            pad = [""] * left
            try:
                records.extend([*pad, *map(cell_text, values)] for values in sheet.iter_rows())
            except _NulInCell:
                return {"refusal": "nul"}
            if any(any(record) for record in records):
                return {"sheet": meta.name, "records": records}
    return {"refusal": "empty"}


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Say it is ready, then answer requests until stdin closes; a request that runs out of
    memory ends the process after its answer (if it can still write one)."""
    answers.write(READY)
    answers.flush()
    while len(header := requests.read(REQUEST.size)) == REQUEST.size:
        size, max_rows, max_columns = REQUEST.unpack(header)
        data = requests.read(size)
        try:
            answer = read(data, max_rows, max_columns)
            body = json.dumps(answer, ensure_ascii=False).encode()
        except MemoryError:
            answers.write(ANSWER.pack(len(OUT_OF_MEMORY)) + OUT_OF_MEMORY)
            answers.flush()
            return
        answers.write(ANSWER.pack(len(body)) + body)
        answers.flush()


def cap_memory(budget: int) -> None:
    """Let this process grow by at most `budget` bytes of address space beyond what it holds."""
    import resource

    with open("/proc/self/statm") as statm:  # pages of address space in use
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = in_use + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


if __name__ == "__main__":
    import python_calamine  # noqa: F401  (loaded before the cap: its own size is not the file's)

    cap_memory(int(sys.argv[1]))
    serve(sys.stdin.buffer, sys.stdout.buffer)
