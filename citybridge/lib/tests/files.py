"""Files made in memory for the tests of readers and importers."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl


def xlsx_bytes(rows: Sequence[Sequence[object]], title: str = "Lista") -> bytes:
    """A workbook of one sheet holding `rows`, as openpyxl writes it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
