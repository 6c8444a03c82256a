"""Reading partners' sheets: encodings, delimiters, XLSX, and every refusal. All names invented."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from citybridge.lib.cells import parse_bool, parse_date, parse_email
from citybridge.lib.charsets import detect_encoding
from citybridge.lib.spreadsheets import (
    ATTENDANCE,
    MEMBERS,
    PRACTICES,
    SheetError,
    ValueProblem,
    map_columns,
    read_table,
)
from citybridge.lib.tests.files import xlsx_bytes

CYRILLIC_SHEET = (
    "#;Име и презиме;Организација;Функција;Град / Општина;Е-пошта;Пол;Потпис\r\n"
    "1;Драгана Тестић;Општина Тестград;Градоначелник;Тестград;;Ж;\r\n"
    "2;Ѓорѓи Пробевски;Општина Другово;Заменик градоначалник;Другово;;М;\r\n"
    "3;Љубица Њежић;Центар за социјални рад;Социјални радник;Тестград;;Ж;\r\n"
)
LATIN_SHEET = (
    "#,Ime i prezime,Institucija,Pozicija,Općina,E-mail adresa,Spol,Potpis\r\n"
    "1,Šemsa Ćorić,Općina Testgrad,Načelnik općine,Testgrad,,Ž,\r\n"
    "2,Đorđe Žižić,Policija Drugovo,Policijski službenik,Drugovo,,M,\r\n"
    "3,Ëndrit Çelaj,Komuna e Drugovës,Nënkryetar,Drugovë,,M,\r\n"
)


def problems_text(error: pytest.ExceptionInfo[SheetError]) -> str:
    return " ".join(str(p) for p in error.value.problems)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"), ("cp1251", "cp1251")],
)
def test_cyrillic_csv_is_decoded_from_its_content(encoding: str, expected: str) -> None:
    table = read_table(CYRILLIC_SHEET.encode(encoding), "lista.csv")
    assert table.encoding == expected
    assert table.delimiter == ";"
    assert table.rows[0].cells["Име и презиме"] == "Драгана Тестић"
    assert table.rows[1].cells["Име и презиме"] == "Ѓорѓи Пробевски"
    assert [r.number for r in table.rows] == [1, 2, 3]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1250"])
def test_latin_csv_is_decoded_from_its_content(encoding: str) -> None:
    data = LATIN_SHEET.replace("Ë", "E").replace("ë", "e").replace("Ç", "C").replace("ç", "c")
    if encoding != "cp1250":
        data = LATIN_SHEET
    table = read_table(data.encode(encoding), "lista.csv")
    assert table.encoding == encoding
    assert table.delimiter == ","
    assert table.rows[0].cells["Ime i prezime"] == "Šemsa Ćorić"
    assert table.rows[1].cells["Ime i prezime"] == "Đorđe Žižić"


def test_cp1250_and_cp1251_are_told_apart_even_with_few_letters() -> None:
    # cp1250 "Šćekić" read as cp1251 is "Љжekiж": valid letters, impossible words.
    assert detect_encoding("Ime;Grad\nMarko Šćekić;Testgrad\n".encode("cp1250")) == "cp1250"
    assert detect_encoding("Ime;Grad\nMarko Petrovic;Тестград\n".encode("cp1251")) == "cp1251"
    assert detect_encoding(b"Ime;Grad\nMarko;Testgrad\n") == "utf-8"


def test_windows_1251_capitals_holding_utf8_lookalike_bytes_are_read() -> None:
    # "РЈ" in Windows-1251 is the byte pair of UTF-8 "У": two such surnames in capitals once
    # made a plain Cyrillic sheet look like one with pasted UTF-8 rows, and it was refused.
    data = "Име и презиме;Град\nЈован МАРЈАНОВИЋ;Тестград\nМАРЈАНОВИЋ Ана;Тестград\n".encode(
        "cp1251"
    )
    table = read_table(data, "lista.csv")
    assert table.encoding == "cp1251"
    assert [row.cells["Име и презиме"] for row in table.rows] == [
        "Јован МАРЈАНОВИЋ",
        "МАРЈАНОВИЋ Ана",
    ]


def test_csv_cells_are_kept_exactly_as_written() -> None:
    data = (
        "Full name,Organisation,Notes\n"
        '"  Testić, Marko ",=HYPERLINK("http://example.invalid"),=1+1\n'
        "Ana Probić,,   \n"
    ).encode()
    table = read_table(data, "list.csv")
    first, second = table.rows
    assert first.cells["Full name"] == "  Testić, Marko "
    assert first.cells["Organisation"] == '=HYPERLINK("http://example.invalid")'
    assert first.cells["Notes"] == "=1+1"
    assert second.cells == {"Full name": "Ana Probić", "Organisation": "", "Notes": ""}


def test_title_lines_blank_rows_and_empty_columns_are_skipped() -> None:
    data = (
        "Lista prisutnih, Testgrad 19.07.2024;;;\n"
        "#;Ime i prezime;Potpis;\n"
        "1;Marko Testić;;\n"
        ";;;\n"
        "3;Ana Probić;;\n"
    ).encode()
    table = read_table(data, "list.csv")
    assert table.headers == ["#", "Ime i prezime", "Potpis"]
    assert [r.number for r in table.rows] == [1, 3]
    assert table.skipped_rows == [2]


def test_excel_sep_line_sets_the_delimiter() -> None:
    table = read_table(b"sep=;\nName;City\nMarko, Jr;Testgrad\n", "list.csv")
    assert table.delimiter == ";"
    assert table.rows[0].cells == {"Name": "Marko, Jr", "City": "Testgrad"}


def test_xlsx_values_are_rendered_as_text() -> None:
    data = xlsx_bytes(
        [
            ["#", "Ime", "Prezime", "Datum", "Broj", "Iznos", "Formula"],
            [1, "Marko", "Testić", dt.datetime(2024, 3, 9), 12.0, 12.5, "=1+1"],
            [2, "Ана", "Пробић", dt.date(2023, 11, 1), 38761000111, None, None],
        ]
    )
    table = read_table(data, "lista.xlsx")
    assert table.sheet == "Lista"
    assert table.encoding == "" and table.delimiter == ""
    first, second = table.rows
    assert first.cells["#"] == "1"
    assert first.cells["Datum"] == "2024-03-09"
    assert first.cells["Broj"] == "12"
    assert first.cells["Iznos"] == "12.5"
    # data_only: a formula is never evaluated by us; without a cached value it reads as empty.
    assert first.cells["Formula"] == ""
    assert second.cells["Ime"] == "Ана"
    assert second.cells["Broj"] == "38761000111"
    assert second.cells["Iznos"] == ""


def test_csv_separators_past_the_last_column_read_are_dropped() -> None:
    padding = ";" * 300  # Excel writes one per formatted column
    data = f"#;Ime i prezime{padding}\r\n1;Mara Testić{padding}\r\n".encode()
    table = read_table(data, "lista.csv")
    assert table.headers == ["#", "Ime i prezime"]
    assert table.rows[0].cells == {"#": "1", "Ime i prezime": "Mara Testić"}


def test_csv_data_past_the_last_column_read_is_refused() -> None:
    data = ("#;Ime i prezime\r\n1;Mara Testić" + ";" * 250 + "Testgrad\r\n").encode()
    with pytest.raises(SheetError, match="more than 200 columns"):
        read_table(data, "lista.csv")


def with_sheet_xml(data: bytes, change) -> bytes:
    """The workbook `data` with its first sheet's XML rewritten by `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            archive.writestr(info.filename, content)
    return buffer.getvalue()


def test_xlsx_cells_outside_the_declared_dimension_are_read() -> None:
    data = xlsx_bytes([["#", "Ime i prezime", "Grad"], [1, "Mara Testić", "Testgrad"]])
    # A workbook whose <dimension> claims less than it holds (other tools write such files).
    data = with_sheet_xml(data, lambda xml: xml.replace(b'ref="A1:C2"', b'ref="A1:A1"'))
    table = read_table(data, "lista.xlsx")
    assert table.headers == ["#", "Ime i prezime", "Grad"]
    assert table.rows[0].cells == {"#": "1", "Ime i prezime": "Mara Testić", "Grad": "Testgrad"}


def test_xlsx_rows_formatted_out_to_the_last_column_read_as_their_data() -> None:
    data = xlsx_bytes([["#", "Ime i prezime"], [1, "Mara Testić"], [2, "Nada Probić"]])

    def format_to_xfd(xml: bytes) -> bytes:
        for row in (1, 2, 3):
            xml = xml.replace(b"</row>", b'<c r="XFD%d" s="0"/></row>' % row, 1)
            xml = xml.replace(b"</row>", b"</ROW>", 1)
        return xml.replace(b"</ROW>", b"</row>")

    table = read_table(with_sheet_xml(data, format_to_xfd), "lista.xlsx")
    assert table.headers == ["#", "Ime i prezime"]
    assert [r.cells["Ime i prezime"] for r in table.rows] == ["Mara Testić", "Nada Probić"]


def test_xlsx_data_beyond_the_last_column_read_is_refused_not_dropped() -> None:
    far = [None] * 298 + ["Testgrad"]  # column KM, past MAX_COLUMNS
    data = xlsx_bytes([["#", "Ime i prezime"], [1, "Mara Testić", *far]])
    with pytest.raises(SheetError, match="more than 200 columns"):
        read_table(data, "lista.xlsx")


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"", "list.csv", "is empty"),
        (b"  \r\n", "list.csv", "is empty"),
        (b"Name,City\n", "list.csv", "no rows of data"),
        (b"Name,City\nMarko\x00,Testgrad\n", "list.csv", "NUL"),
        (b"<!DOCTYPE html><html><body><table>", "list.csv", "web page"),
        (b"%PDF-1.7\n...", "list.csv", "PDF"),
        (b"%PDF-1.7\n...", "list.xlsx", "PDF"),
        (b"Name,City\nMarko,Testgrad\n", "list.xlsx", "text file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "list.xlsx", ".xls"),
        (
            b"Name,City\nMarko,Testgrad\n",
            "list.docx",
            "not a CSV, Excel (.xlsx, .xls) or OpenDocument",
        ),
        (b"Name,City\nMarko,Testgrad\n", "list", "not a CSV, Excel (.xlsx, .xls) or OpenDocument"),
        (b"Name,Name\nMarko,Testgrad\n", "list.csv", "Two columns are headed 'Name'"),
        (b'Name,City\n"Marko,Testgrad\n', "list.csv", "quote"),
        (b"Name,City\nTestic, Marko,Testgrad\n", "list.csv", "more cells than there are"),
    ],
)
def test_refusals_say_what_is_wrong(data: bytes, filename: str, expected: str) -> None:
    with pytest.raises(SheetError) as error:
        read_table(data, filename)
    assert expected in problems_text(error)
    assert all(p.fix for p in error.value.problems)


def test_header_only_xlsx_is_refused() -> None:
    with pytest.raises(SheetError) as error:
        read_table(xlsx_bytes([["Ime", "Prezime"]]), "lista.xlsx")
    assert "no rows of data" in problems_text(error)


def test_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200_000
    with pytest.raises(SheetError) as error:
        read_table(data, "lista.xlsx")
    assert "overload" in problems_text(error)


def test_entity_bomb_in_sheet_xml_is_refused() -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Ime"], ["Marko"]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = laughs.encode()
            archive.writestr(info.filename, content)
    with pytest.raises(SheetError) as error:
        read_table(buffer.getvalue(), "lista.xlsx")
    assert "overload" in problems_text(error)


def _damaged(change: str) -> bytes:
    """A real workbook with its zip structure broken the way damaged files arrive."""
    data = bytearray(xlsx_bytes([["Ime", "Grad"], ["Marko Marković", "Budva"]]))
    members = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()
    docprops = next(m for m in members if m.filename == "docProps/app.xml")
    local = docprops.header_offset
    # The part's entry in the central directory: 46 bytes of header, then its name.
    central = data.find(b"docProps/app.xml", data.find(b"PK\x01\x02")) - 46
    if change == "crc":  # a checksum that does not match the part
        for at in (local + 14, central + 16):
            data[at] ^= 0xFF
    elif change == "sizes":  # a declared size smaller than the part really is
        for at in (local + 22, central + 24):
            data[at : at + 4] = (1).to_bytes(4, "little")
    elif change == "stream":  # bytes of the compressed stream overwritten
        name_length = int.from_bytes(data[local + 26 : local + 28], "little")
        extra_length = int.from_bytes(data[local + 28 : local + 30], "little")
        start = local + 30 + name_length + extra_length
        for at in range(start + 2, start + docprops.compress_size - 1):
            data[at] ^= 0x55
    elif change == "method":  # a compression method no one knows
        for at in (local + 8, central + 10):
            data[at : at + 2] = (99).to_bytes(2, "little")
    elif change == "header":  # the local header's name disagrees with the directory
        data[local + 30] ^= 0x20
    return bytes(data)


@pytest.mark.parametrize("change", ["crc", "sizes", "stream", "method", "header"])
def test_damaged_xlsx_is_refused_in_plain_words(change: str) -> None:
    with pytest.raises(SheetError) as error:
        read_table(_damaged(change), "lista.xlsx")
    assert "'lista.xlsx' is damaged" in problems_text(error)


def test_non_workbook_zip_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(SheetError) as error:
        read_table(buffer.getvalue(), "lista.xlsx")
    assert "not an Excel workbook" in problems_text(error)


def test_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("citybridge.lib.spreadsheets.limits.MAX_ROWS", 5)
    rows = [["Ime"]] + [[f"Osoba {i}"] for i in range(30)]
    with pytest.raises(SheetError) as error:
        read_table(xlsx_bytes(rows), "lista.xlsx")
    assert "the limit is 5 rows" in problems_text(error)
    csv_data = "\n".join(["Ime", *(f"Osoba {i}" for i in range(30))]).encode()
    with pytest.raises(SheetError):
        read_table(csv_data, "lista.csv")


def test_problem_reads_as_a_sentence() -> None:
    problem = ValueProblem("'marko@' is not an e-mail address.", "Correct it or leave it empty.")
    assert str(problem.at(14, "Email")) == (
        "Row 14, column 'Email': 'marko@' is not an e-mail address. Correct it or leave it empty."
    )


# --- column mapping --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        ["#", "Ime i prezime", "Institucija", "Pozicija", "Općina", "E-mail adresa", "Spol"],
        ["#", "Име и презиме", "Организација / Институција", "Функција", "Град / Општина",
         "Е-маил", "Пол", "Потпис"],
        ["Nr.", "Emri dhe mbiemri", "Organizata / Institucioni", "Pozita", "Komuna / Bashkia",
         "Email", "Gjinia", "Nënshkrimi"],
        ["No.", "FULL NAME", "Organisation", "Position", "City / Municipality", "E-mail",
         "Gender", "Signature"],
        ["Emri e mbiemri", "Institucioni", "Funksioni", "Bashkia", "E-pošta", "Pol"],
    ],
)  # fmt: skip
def test_attendance_headers_in_every_language_map(headers: list[str]) -> None:
    mapping = map_columns(headers, ATTENDANCE)
    assert set(mapping) == {"full_name", "organisation", "role", "city", "email", "gender"}
    assert all(mapping[f] in headers for f in mapping)


def test_first_and_last_name_columns_satisfy_attendance() -> None:
    mapping = map_columns(["Име", "Презиме", "Град"], ATTENDANCE)
    assert mapping == {"first_name": "Име", "last_name": "Презиме", "city": "Град"}
    assert map_columns(["Emri", "Mbiemri"], ATTENDANCE) == {
        "first_name": "Emri",
        "last_name": "Mbiemri",
    }


def test_missing_name_column_names_the_accepted_headings() -> None:
    with pytest.raises(SheetError) as error:
        map_columns(["#", "Ime", "Institucija"], ATTENDANCE)
    text = problems_text(error)
    assert "full name" in text and "'Ime i prezime'" in text and "'Prezime'" in text


def test_two_columns_for_one_field_are_refused() -> None:
    with pytest.raises(SheetError) as error:
        map_columns(["Ime i prezime", "Grad", "Općina"], ATTENDANCE)
    assert "'Grad', 'Općina'" in problems_text(error)


def test_other_specs_map_and_require() -> None:
    assert map_columns(["city", "country", "joined", "left"], MEMBERS)["left"] == "left"
    with pytest.raises(SheetError):
        map_columns(["city", "joined"], MEMBERS)
    assert map_columns(["Title", "Summary", "HRBA"], PRACTICES)["human_rights_based"] == "HRBA"


def test_synonyms_are_unique_within_each_spec() -> None:
    from citybridge.lib.headers import SPECS
    from citybridge.lib.spreadsheets.columns import _key

    for spec in SPECS:
        owners: dict[str, str] = {}
        for f in spec.fields:
            for synonym in f.synonyms:
                assert owners.setdefault(_key(synonym), f.name) == f.name, (spec.kind, synonym)
        assert not set(owners) & {_key(i) for i in spec.ignored}


# --- single values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-09", dt.date(2024, 3, 9)),
        ("2024-03-09 00:00", dt.date(2024, 3, 9)),
        ("09.03.2024.", dt.date(2024, 3, 9)),
        ("9.3.2024", dt.date(2024, 3, 9)),
        ("09/03/2024", dt.date(2024, 3, 9)),
        ("45360", dt.date(2024, 3, 9)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "31.02.2024", "March 2024", "2024", "9.3.24"])
def test_parse_date_refuses_in_plain_words(text: str) -> None:
    with pytest.raises(ValueProblem) as error:
        parse_date(text)
    assert "day.month.year" in error.value.fix


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Yes", True), ("da", True), ("Po", True), ("да", True), ("1", True), ("x", True),
     ("TRUE", True), ("no", False), ("NE", False), ("jo", False), ("не", False), ("0", False),
     ("false", False)],
)  # fmt: skip
def test_parse_bool(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_parse_bool_and_email_refuse_in_plain_words() -> None:
    with pytest.raises(ValueProblem, match="not a yes or no"):
        parse_bool("maybe")
    assert parse_email(" Marko.Testic@Example.org ") == "Marko.Testic@Example.org"
    with pytest.raises(ValueProblem, match="'marko@' is not an e-mail address"):
        parse_email("marko@")


def test_utf8_without_bom_holding_a_little_cyrillic_is_not_read_as_cp1251():
    data = "city,country,joined\nDanilovgrad,ME,2022-11-10\nПриштина,XK,2022-12-01\n".encode()
    table = read_table(data, "members.csv")
    assert table.encoding == "utf-8"
    assert table.rows[1].cells["city"] == "Приштина"
