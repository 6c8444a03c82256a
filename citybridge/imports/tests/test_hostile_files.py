"""Hostile and broken files through the attendance importer: each is refused with a clear
message and nothing written, or imported exactly as written, quickly and in bounded memory.

citybridge/lib/tests/test_spreadsheets.py checks the reader's refusals one by one; this corpus
goes through `import_attendance`, the way an upload does, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest

from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.imports.registry import run_import
from citybridge.lib.spreadsheets import MAX_FILE_BYTES, SheetError
from citybridge.lib.tests.files import xlsx_bytes as xlsx
from citybridge.network.models import Person

HEADER = "#;Ime i prezime;Funkcija;Grad / Opština\r\n"
CYRILLIC_HEADER = "#;Име и презиме;Функција;Град\r\n"
ASCII_HEADER = "#;Ime i prezime;Funkcija;Grad\r\n"
LATIN = ["Šemsa Ćorić", "Đorđe Žižić", "Ljiljana Čolaković"]
CYRILLIC = ["Ђорђе Жижић", "Љиљана Чолаковић", "Његош Шћекић"]


def csv(names: list[str], encoding: str = "utf-8", header: str = HEADER) -> bytes:
    rows = "".join(f"{i};{n};Savjetnik;Budva\r\n" for i, n in enumerate(names, 1))
    return (header + rows).encode(encoding)


SIMPLE_XLSX: list[list[object]] = [["#", "Ime i prezime", "Grad"], [1, "Šemsa Ćorić", "Budva"]]


def with_part(part: str, change: Callable[[bytes], bytes], rows=SIMPLE_XLSX) -> bytes:
    """A real workbook with one of its XML parts rewritten."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, change(content) if info.filename == part else content)
    return buffer.getvalue()


def entity_cell(doctype: bytes) -> Callable[[bytes], bytes]:
    """Declare `doctype` in front of the sheet and use its entity &x; in a new row."""

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet", doctype + b"<worksheet", 1)
        return xml.replace(
            b"</sheetData>",
            b'<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="inlineStr"><is><t>&x;</t></is></c>'
            b"</row></sheetData>",
        )

    return change


LAUGHS = (
    b'<!DOCTYPE worksheet [<!ENTITY a "lol">'
    + b"".join(
        b'<!ENTITY %c "%s">' % (98 + i, b"&" + bytes([97 + i]) + b";" * 1 * 10) for i in range(8)
    )
    + b'<!ENTITY x "&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;">]>'
)
XXE = b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def cached_formula(value: bytes) -> Callable[[bytes], bytes]:
    """The name cell as Excel writes a formula: the formula, and the value it last showed."""

    def change(xml: bytes) -> bytes:
        start = xml.index(b'<c r="B2"')
        end = xml.index(b"</c>", start) + 4
        formula = b'<c r="B2" t="str"><f>CONCATENATE("Ana"," Ani&#263;")</f>' + value + b"</c>"
        return xml[:start] + formula + xml[end:]

    return change


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def many_parts() -> bytes:
    return zip_of(
        {"xl/workbook.xml": b"<workbook/>"} | {f"xl/media/p{i}.xml": b"<p/>" for i in range(1200)}
    )


def bomb() -> bytes:
    return zip_of(
        {"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b" " * 60_000_000}
    )


def blank_cells_at_the_last_column() -> bytes:
    """20,000 rows without a name, each reaching column XFD (16,384) with a blank cell."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>%d</v></c>'
        b'<c r="XFD%d" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>'
        % (n, n, n, n)
        for n in range(3, 20_003)
    )
    return with_part(
        "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")
    )


def just_over_the_limit() -> bytes:
    head = csv(LATIN)
    return head + b"x" * (MAX_FILE_BYTES + 1 - len(head))


# (id, file name, content, what must happen): "refused: <words of the message>", or the names
# the import must store, exactly as written.
CASES: list[tuple[str, str, Callable[[], bytes], str | list[str]]] = [
    # Encodings.
    ("utf-16 with BOM", "H01.csv", lambda: csv(LATIN, "utf-16"), LATIN),
    ("utf-16 without BOM", "H01.csv", lambda: csv(LATIN, "utf-16-le"), "refused: NUL"),
    ("windows-1250", "H01.csv", lambda: csv(LATIN, "cp1250"), LATIN),
    ("windows-1251", "H01.csv", lambda: csv(CYRILLIC, "cp1251", CYRILLIC_HEADER), CYRILLIC),
    (
        "iso-8859-2",
        "H01.csv",
        lambda: csv(["Dragana Živković", "Željko Šarić"], "iso-8859-2"),
        ["Dragana Živković", "Željko Šarić"],
    ),
    (
        "shift-jis",
        "H01.csv",
        lambda: csv(["山田太郎"], "shift_jis", ASCII_HEADER),
        "refused: letters could not be read",
    ),
    (
        "koi8-r",
        "H01.csv",
        lambda: csv(["Иван Петров"], "koi8-r", "#;Име и презиме;Улога;Град\r\n"),
        "refused: was recognised as its",
    ),
    (
        "utf-8 rows pasted into windows-1250",
        "H01.csv",
        lambda: csv(LATIN * 4, "cp1250") + "13;Šemsa Ćorić;Savjetnik;Budva\r\n".encode(),
        "refused: different text encodings",
    ),
    (
        "windows-1250 and windows-1251 rows",
        "H01.csv",
        lambda: csv(LATIN, "cp1250") + "4;Ђорђе Жижић;Саветник;Будва\r\n".encode("cp1251"),
        "refused: different text encodings",
    ),
    (
        "invalid utf-8 after a BOM",
        "H01.csv",
        lambda: b"\xef\xbb\xbf" + csv(LATIN) + b"\xff\xfe",
        "refused: not",
    ),
    # NUL bytes: SQLite would store them, PostgreSQL cannot; both must refuse.
    ("NUL in a csv cell", "H01.csv", lambda: csv(["Šemsa\x00 Ćorić"]), "refused: NUL"),
    (
        "NUL character reference in xlsx",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", lambda x: x.replace(b"Budva", b"Bud&#0;va")),
        "refused: damaged",
    ),
    # XML attacks inside a workbook.
    (
        "billion laughs",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", entity_cell(LAUGHS)),
        "refused: overload",
    ),
    (
        "external entity",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", entity_cell(XXE)),
        "refused: overload",
    ),
    (
        "external entity after 64 KB of padding",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", entity_cell(b" " * 70_000 + XXE)),
        "refused: could not be opened",
    ),
    (
        "broken sheet xml",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", lambda x: x[:-40]),
        "refused: damaged",
    ),
    # Archives.
    ("zip bomb", "H01.xlsx", bomb, "refused: overload"),
    ("a thousand parts", "H01.xlsx", many_parts, "refused: too many parts"),
    ("truncated workbook", "H01.xlsx", lambda: xlsx(SIMPLE_XLSX)[:900], "refused: damaged"),
    ("csv named .xlsx", "H01.xlsx", lambda: csv(LATIN), "refused: not an Excel"),
    # Size and shape.
    ("just over the size limit", "H01.csv", just_over_the_limit, "refused: the limit is 20 MB"),
    ("empty", "H01.csv", lambda: b"", "refused: is empty"),
    (
        "only a BOM and blank lines",
        "H01.csv",
        lambda: b"\xef\xbb\xbf\r\n\r\n",
        "refused: no headings and no data",
    ),
    ("header only", "H01.csv", lambda: HEADER.encode(), "refused: no rows of data"),
    (
        "every row reaching the last column",
        "H01.xlsx",
        blank_cells_at_the_last_column,
        "refused: more than 200 columns",
    ),
    (
        "a line of ten million separators",
        "H01.csv",
        lambda: csv(LATIN) + b";" * 10_000_000 + b"\r\n",
        LATIN,
    ),
    (
        "duplicated headers",
        "H01.csv",
        lambda: csv(LATIN, header="#;Ime i prezime;IME I  PREZIME;Grad\r\n"),
        "refused: Two columns are headed",
    ),
    (
        "no name column",
        "H01.csv",
        lambda: b"#;Funkcija;Grad\r\n1;Savjetnik;Budva\r\n",
        "refused: was recognised as its",
    ),
    ("a name missing on one row", "H01.csv", lambda: csv([*LATIN, " "]), "refused: Row 4"),
    # Formulas: the value Excel last showed is read, never the formula run; CSV text that
    # looks like one is kept as written (exports quote it).
    (
        "formula with the value Excel saved",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", cached_formula(b"<v>Ana Ani&#263;</v>")),
        ["Ana Anić"],
    ),
    (
        "formula without a saved value",
        "H01.xlsx",
        lambda: with_part("xl/worksheets/sheet1.xml", cached_formula(b"")),
        "refused: The name is missing",
    ),
    (
        "formula injection in csv",
        "H01.csv",
        lambda: csv(["=cmd|' /C calc'!A0"]),
        ["=cmd|' /C calc'!A0"],
    ),
    # Web pages saved with a spreadsheet's name.
    (
        "html table named .csv",
        "H01.csv",
        lambda: b"\xef\xbb\xbf  \r\n<TABLE><TR><TD>Ime i prezime</TD></TR></TABLE>",
        "refused: web page",
    ),
    (
        "html named .xlsx",
        "H01.xlsx",
        lambda: b"<html><table><tr><td>Ana</td></tr></table></html>",
        "refused: web page",
    ),
]


@pytest.fixture
def engagement(hub) -> Engagement:
    return Engagement.objects.create(
        hub=hub,
        key="H01",
        title="Hostile files",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 3, 1),
    )


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [pytest.param(name, content, expected, id=case) for case, name, content, expected in CASES],
)
def test_hostile_file(hub, engagement, file_name, content, expected):
    data = content()
    tracemalloc.start()
    started = time.monotonic()
    try:
        report = run_import("attendance", [(file_name, data)], hub=hub, acting_user=None)
        outcome: str | list[str] = list(
            Attendance.objects.order_by("row_number").values_list("full_name", flat=True)
        )
    except SheetError as error:
        report = None
        outcome = "refused: " + " ".join(str(p) for p in error.problems)
        assert all(p.fix for p in error.problems), "every refusal says what to do"
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert peak < 256 * 1024 * 1024 - len(data), f"{peak / 2**20:.0f} MB"
    if isinstance(expected, str):
        assert isinstance(outcome, str) and expected.removeprefix("refused: ") in outcome, outcome
        assert (Attendance.objects.count(), Sheet.objects.count(), Person.objects.count()) == (
            0,
            0,
            0,
        )
    else:
        assert outcome == expected
        assert report is not None and report.created == len(expected)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("45360", "45361"),  # Excel serials, as a CSV saved from Excel may carry them
        ("09.03.2024.", "10.3.2024"),
        ("2024-03-09", "2024-03-10 00:00"),
    ],
)
def test_dates_as_excel_serials_and_as_text(hub, start, end):
    data = f"key,title,type,start,end\nD01,Dates,workshop,{start},{end}\n".encode()
    run_import("engagements", [("engagements.csv", data)], hub=hub, acting_user=None)
    engagement = Engagement.objects.get(key="D01")
    assert (engagement.starts_on, engagement.ends_on) == (dt.date(2024, 3, 9), dt.date(2024, 3, 10))


def test_xlsx_dates_typed_as_dates_and_as_text(hub):
    rows: list[list[object]] = [
        ["key", "title", "type", "start", "end"],
        ["D01", "Dates", "workshop", dt.datetime(2024, 3, 9), "10.03.2024"],
    ]
    run_import("engagements", [("engagements.xlsx", xlsx(rows))], hub=hub, acting_user=None)
    engagement = Engagement.objects.get(key="D01")
    assert (engagement.starts_on, engagement.ends_on) == (dt.date(2024, 3, 9), dt.date(2024, 3, 10))


def test_a_date_that_is_not_one_refuses_the_whole_file(hub):
    data = b"key,title,type,start\nD01,Fine,workshop,2024-03-09\nD02,Bad,workshop,31.02.2024\n"
    with pytest.raises(SheetError, match="Row 2, column 'start'"):
        run_import("engagements", [("engagements.csv", data)], hub=hub, acting_user=None)
    assert not Engagement.objects.exists()
