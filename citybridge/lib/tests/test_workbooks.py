"""Workbooks other than today's .xlsx: Excel 97-2003 (.xls) and OpenDocument (.ods), read by
calamine in the reader process, and what is refused before and while reading them.

The files in workbooks/ were saved by LibreOffice Calc (workbooks/make_workbooks.py says how);
the compound files built here are what no office suite would save for us: a macro project, an
encrypted .xlsx. All names invented.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from citybridge.lib.spreadsheets import ACCEPT, SheetError, limits, read_table, workbooks
from citybridge.lib.spreadsheets.calamine_process import cell_text
from citybridge.lib.spreadsheets.compound import MAGIC, NotCompound, read_compound
from citybridge.lib.spreadsheets.workbooks import READER
from citybridge.lib.tests.files import xlsx_bytes

FILES = Path(__file__).with_name("workbooks")


def workbook(name: str) -> bytes:
    return (FILES / name).read_bytes()


def refusal(data: bytes, filename: str) -> str:
    with pytest.raises(SheetError) as error:
        read_table(data, filename)
    assert all(p.fix for p in error.value.problems), "every refusal says what to do"
    return " ".join(str(p) for p in error.value.problems)


# --- a compound file of our own making ---------------------------------------------------------

END, FREE, NONE = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
Tree = dict[str, "bytes | Tree"]


def compound_file(tree: Tree) -> bytes:
    """A version 3 compound file holding `tree` (a storage is a dict, a stream its bytes).
    Streams are padded to 4,096 bytes or more, so none lives in the mini stream."""
    entries: list[list[Any]] = [["Root Entry", 5, b"", NONE, NONE]]

    def add(items: Tree) -> int:
        indexes = []
        for name, node in items.items():
            indexes.append(len(entries))
            if isinstance(node, dict):
                entries.append([name, 1, b"", NONE, NONE])
                entries[indexes[-1]][3] = add(node)
            else:
                entries.append(
                    [name, 2, node.ljust(max(4096, -(-len(node) // 512) * 512)), NONE, NONE]
                )
        for left, right in itertools.pairwise(indexes):
            entries[left][4] = right  # siblings as one chain of right siblings
        return indexes[0] if indexes else NONE

    entries[0][3] = add(tree)
    directory_sectors = -(-len(entries) // 4)
    fat = [
        0xFFFFFFFD,
        *range(2, directory_sectors + 1),
        END,
    ]  # the FAT's own sector, then the directory's
    starts = []
    for entry in entries:
        if entry[1] == 2:
            count = len(entry[2]) // 512
            starts.append(len(fat))
            fat += [*range(len(fat) + 1, len(fat) + count), END]
        else:
            starts.append(END)
    assert len(fat) <= 128
    header = (
        MAGIC
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", 0, *[FREE] * 108)
    )
    directory = b""
    for (name, kind, data, child, right), start in zip(entries, starts, strict=True):
        encoded = name.encode("utf-16-le") + b"\0\0"
        directory += (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, NONE, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, len(data))
        )
    directory = directory.ljust(directory_sectors * 512, b"\0")
    streams = b"".join(e[2] for e in entries if e[1] == 2)
    fat_sector = struct.pack(f"<{len(fat)}I", *fat).ljust(512, b"\xff")
    return header + fat_sector + directory + streams


BOF = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0)
FILEPASS = struct.pack("<HH", 0x002F, 6) + bytes(6)
EOF = struct.pack("<HH", 0x000A, 0)


def test_the_compound_reader_lists_what_libreoffice_saved() -> None:
    compound = read_compound(workbook("attendance.xls"))
    assert "workbook" in compound.names() and not compound.has_filepass
    assert read_compound(workbook("encrypted-attendance.xls")).has_filepass
    ours = read_compound(compound_file({"Workbook": BOF + FILEPASS + EOF, "Other": b"x"}))
    assert ours.names() == {"root entry", "workbook", "other"} and ours.has_filepass


# --- reading -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "file_format"), [("attendance.xls", "xls"), ("attendance.ods", "ods")]
)
def test_xls_and_ods_are_read_as_a_person_sees_them(name: str, file_format: str) -> None:
    table = read_table(workbook(name), name)
    # The first sheet is hidden and the second empty; the fourth is never read.
    assert (table.sheet, table.file_format) == ("Lista", file_format)
    assert table.encoding == "" and table.delimiter == ""
    assert table.headers == [
        "#", "Ime i prezime", "Organizacija", "Grad / Općina", "Datum", "Vrijeme", "Broj", "Iznos",
    ]  # fmt: skip
    first, second, third = (row.cells for row in table.rows)
    assert first == {
        "#": "1",
        "Ime i prezime": "Šemsa Ćorić",
        "Organizacija": "Općina Testgrad",
        "Grad / Općina": "Testgrad",
        "Datum": "2024-07-19",
        "Vrijeme": "10:30",
        "Broj": "38761000111",
        "Iznos": "12.5",
    }
    assert (second["Ime i prezime"], second["Datum"], second["Iznos"]) == (
        "Ђорђе Жижић",
        "2024-07-19 14:05",
        "3",
    )
    assert (third["Ime i prezime"], third["Datum"], third["Broj"]) == (
        "Ëndrit Çelaj",
        "2023-11-01",
        "",
    )


@pytest.mark.parametrize(
    ("stored", "sent_as", "file_format"),
    [("attendance.xls", "lista.xlsx", "xls"), ("attendance.ods", "lista.xls", "ods")],
)
def test_a_workbook_is_read_as_what_its_bytes_are(
    stored: str, sent_as: str, file_format: str
) -> None:
    table = read_table(workbook(stored), sent_as)
    assert table.file_format == file_format and len(table.rows) == 3


def test_cells_away_from_a1_keep_their_column_letters() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C4"], sheet["D4"], sheet["C5"], sheet["D5"] = "Ime", "Ime", "Mara Testić", "Testgrad"
    buffer = io.BytesIO()
    book.save(buffer)
    assert "(columns C and D)" in refusal(buffer.getvalue(), "lista.xlsx")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  ", ""),
        (" Ana ", " Ana "),
        (True, "TRUE"),
        (7, "7"),
        (7.0, "7"),
        (0.5, "0.5"),
        (dt.datetime(2024, 3, 9), "2024-03-09"),
        (dt.datetime(2024, 3, 9, 9, 5, 30), "2024-03-09 09:05"),
        (dt.date(2024, 3, 9), "2024-03-09"),
        (dt.time(9, 5), "09:05"),
        (dt.timedelta(hours=26, minutes=30), "26:30"),
    ],
)
def test_cell_values_read_as_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_forms_offer_every_kind_read() -> None:
    assert ACCEPT == ".csv,.xlsx,.xls,.ods"


# --- refusals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: workbook("encrypted-attendance.xls"), id="xls with a password"),
        pytest.param(lambda: workbook("encrypted-attendance.ods"), id="ods with a password"),
        pytest.param(
            lambda: compound_file({"Workbook": BOF + FILEPASS + EOF}), id="FILEPASS after BOF"
        ),
        pytest.param(
            lambda: compound_file(
                {"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"?"}
            ),
            id="an encrypted xlsx",
        ),
    ],
)
def test_password_protected_workbooks_are_refused(data: Callable[[], bytes]) -> None:
    for name in ("lista.xls", "lista.xlsx", "lista.ods"):
        assert f"'{name}' is password-protected. Remove the password" in refusal(data(), name)


@pytest.mark.parametrize(
    "tree",
    [
        {"Workbook": BOF + EOF, "_VBA_PROJECT_CUR": {"VBA": {"dir": b"\x01"}, "PROJECT": b"ID"}},
        {"Workbook": BOF + EOF, "VBA": {"_VBA_PROJECT": b"\xcc\x61"}},
    ],
)
def test_xls_with_a_macro_project_is_refused(tree: Tree) -> None:
    text = refusal(compound_file(tree), "lista.xls")
    assert "'lista.xls' holds macros, and files with macros are not taken." in text
    assert "Save As > 'Excel Workbook (.xlsx)'" in text


def test_the_same_file_without_its_macro_project_is_not_refused_for_macros() -> None:
    assert "macros" not in refusal(compound_file({"Workbook": BOF + EOF}), "lista.xls")


def test_xls_with_an_excel_4_macro_sheet_is_refused() -> None:
    data = bytearray(workbook("attendance.xls"))
    # The hidden sheet's BOUNDSHEET record (type 0x85): position, visibility, sheet type, name.
    name = data.index(b"Skriveno")
    assert data[name - 12 : name - 10] == b"\x85\x00" and data[name - 2] == len("Skriveno")
    data[name - 3] = 0x01  # a macro sheet
    assert "holds macros" in refusal(bytes(data), "lista.xls")


def test_xlsx_with_a_vba_project_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Ime"], ["Ana"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        archive.writestr("xl/vbaProject.bin", compound_file({"VBA": {"dir": b"\x01"}}))
    assert "holds macros" in refusal(buffer.getvalue(), "lista.xlsx")


def _looping(data: bytes) -> bytes:
    """The directory's sector chain pointed back at itself."""
    changed = bytearray(data)
    first_directory = struct.unpack_from("<I", data, 48)[0]
    struct.pack_into("<I", changed, 512 + 4 * first_directory, first_directory)
    return bytes(changed)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: workbook("attendance.xls")[:3000], id="truncated"),
        pytest.param(lambda: MAGIC + bytes(100), id="a header and nothing"),
        pytest.param(lambda: _looping(compound_file({"Workbook": BOF + EOF})), id="looping"),
    ],
)
def test_damaged_xls_is_refused_in_plain_words(data: Callable[[], bytes]) -> None:
    assert "'lista.xls' is damaged" in refusal(data(), "lista.xls")
    with pytest.raises(NotCompound):
        read_compound(data())


def test_a_compound_file_without_a_workbook_is_refused() -> None:
    word = compound_file({"WordDocument": b"\xec\xa5", "1Table": b""})
    assert "is not an Excel workbook or an OpenDocument spreadsheet" in refusal(word, "lista.xls")


def with_content(change: Callable[[bytes], bytes], mimetype: bytes | None = None) -> bytes:
    """The LibreOffice .ods with its content.xml (or its mimetype) rewritten."""
    source = zipfile.ZipFile(io.BytesIO(workbook("attendance.ods")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "content.xml":
                content = change(content)
            if info.filename == "mimetype" and mimetype is not None:
                content = mimetype
            archive.writestr(info.filename, content)
    return buffer.getvalue()


def repeated_cell(rows: int, columns: int) -> Callable[[bytes], bytes]:
    """One cell holding a value, repeated `columns` times across and `rows` times down: a
    few bytes that calamine lays out as rows x columns cells."""

    def change(xml: bytes) -> bytes:
        row = (
            b'<table:table-row table:number-rows-repeated="%d"><table:table-cell '
            b'table:number-columns-repeated="%d" office:value-type="float" office:value="1">'
            b"<text:p>1</text:p></table:table-cell></table:table-row>" % (rows, columns)
        )
        # Under the list's five rows, where LibreOffice wrote the empty rows to the sheet's end.
        lista = xml.index(b'table:name="Lista"')
        end = xml.rindex(b"<table:table-row", lista, xml.index(b"number-rows-repeated", lista))
        return xml[:end] + row + xml[end:]

    return change


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            lambda: with_content(
                lambda xml: xml.replace(
                    b"<office:document-content",
                    b'<!DOCTYPE x [<!ENTITY a "b">]><office:document-content',
                    1,
                )
            ),
            "could overload the server",
            id="a DTD in content.xml",
        ),
        pytest.param(
            lambda: with_content(lambda xml: xml, b"application/vnd.oasis.opendocument.text"),
            "is an OpenDocument file, but not a spreadsheet",
            id="a text document",
        ),
        pytest.param(
            lambda: with_content(
                lambda xml: xml.replace(b"<text:p>", b"<text:p>" + b" " * 60_000_000, 1)
            ),
            "could overload the server",
            id="a zip bomb",
        ),
        pytest.param(
            lambda: with_content(repeated_cell(30_000, 3)),
            "reaches down to row 30,005; the limit is 20,000 rows",
            id="rows repeated past the limit",
        ),
        pytest.param(
            lambda: with_content(repeated_cell(10, 300)),
            "more than 200 columns",
            id="columns repeated past the limit",
        ),
        pytest.param(
            lambda: with_content(repeated_cell(1_000_000, 20)),
            "more than 20,000 rows or more than 200 columns",
            id="20 million cells from one",
        ),
        pytest.param(
            # calamine itself refuses to lay out this many, and says only that it could not.
            lambda: with_content(repeated_cell(1_000_000, 1000)),
            "could not be opened: its contents are damaged or unsafe",
            id="a billion cells from one",
        ),
    ],
)
def test_hostile_ods_is_refused(data: Callable[[], bytes], expected: str) -> None:
    assert expected in refusal(data(), "lista.ods")


def test_the_reader_is_stopped_past_its_time_and_the_next_file_is_read(monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_READ_SECONDS", 0)  # already past when the file is sent
    text = refusal(workbook("attendance.ods"), "a.ods")
    assert "'a.ods' took more than 0 seconds to read, so reading it was stopped." in text
    assert READER._process is None
    monkeypatch.undo()
    assert len(read_table(workbook("attendance.ods"), "a.ods").rows) == 3


def test_a_file_that_exhausts_the_reader_leaves_it_reading_the_next() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in range(1, 3001):  # 3,000 rows as wide as 16,000 columns: 48 million cells
        sheet.cell(row, 1, "Ana")
        sheet.cell(row, 16_000, " ")
    buffer = io.BytesIO()
    book.save(buffer)
    assert "is far larger than can be read" in refusal(buffer.getvalue(), "lista.xlsx")
    assert READER._process is None
    assert len(read_table(workbook("attendance.xls"), "lista.xls").rows) == 3


def test_a_reader_that_cannot_start_is_the_servers_fault_not_the_files(monkeypatch, tmp_path):
    broken = tmp_path / "reader.py"
    broken.write_text("import python_calamine_missing\n")
    READER.stop()
    monkeypatch.setattr(workbooks, "PROGRAM", broken)
    with pytest.raises(RuntimeError, match="did not start"):
        read_table(workbook("attendance.xls"), "lista.xls")
    monkeypatch.undo()
    assert len(read_table(workbook("attendance.xls"), "lista.xls").rows) == 3
