import io
from decimal import Decimal

from openpyxl import load_workbook

from citybridge.lib.exports import Table, csv_bytes, neutralise, xlsx_bytes


def test_text_that_could_run_as_a_formula_is_quoted():
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralise("+381 11 123") == "'+381 11 123"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"


def test_plain_values_are_left_alone():
    assert neutralise("Danilovgrad") == "Danilovgrad"
    assert neutralise(-5) == -5
    assert neutralise(Decimal("12.50")) == Decimal("12.50")
    assert neutralise(None) == ""


def test_csv_holds_each_table_with_its_title():
    tables = [
        Table("Status", ["Status", "Support actions"], [["Approved", 2]]),
        Table("Kind", ["Kind", "Support actions"], [["=cmd|' /C calc'!A0", 1]]),
    ]
    text = csv_bytes(tables).decode("utf-8-sig")
    assert text.splitlines() == [
        "Status",
        "Status,Support actions",
        "Approved,2",
        "",
        "Kind",
        "Kind,Support actions",
        "'=cmd|' /C calc'!A0,1",
    ]


def test_xlsx_has_a_sheet_per_table_and_no_live_formula():
    tables = [Table("Theme", ["Theme", "Support actions"], [["=1+1", 3], ["Youth", 1]])]
    book = load_workbook(io.BytesIO(xlsx_bytes(tables)))
    sheet = book["Theme"]
    assert [c.value for c in sheet[2]] == ["'=1+1", 3]
    assert sheet["A2"].data_type == "s"


def test_every_csv_the_product_writes_goes_through_the_neutralising_writer():
    """A csv.writer or a CSV response outside lib/exports.py would write cells unneutralised."""
    from pathlib import Path

    import citybridge

    root = Path(citybridge.__file__).parent
    # Synthetic partner sheets for the importer, written as a partner's program would write
    # them (a "+381" telephone stays as typed): input for the product, not its output.
    partner_input = {"demo/sheets.py"}
    writers = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if "/tests/" in f"/{relative}" or relative in partner_input | {"lib/exports.py"}:
            continue
        text = path.read_text(encoding="utf-8")
        if any(s in text for s in ("csv.writer", "csv.DictWriter", "text/csv")):
            writers.append(relative)
    assert writers == []


def test_the_shared_writer_neutralises_every_cell():
    from citybridge.lib.exports import csv_writer

    out = io.StringIO()
    writer = csv_writer(out, lineterminator="\n")
    writer.writerow(["=1+1", 2, "@me", "fine"])
    writer.writerows([["-x"], [None]])
    assert out.getvalue().splitlines() == ["'=1+1,2,'@me,fine", "'-x", '""']
