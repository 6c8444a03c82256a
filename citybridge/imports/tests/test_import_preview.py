"""The preview of an import: where each file goes, how each column was read, the first rows,
and who is new, recognised or to review; a column not known placed once and remembered."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from citybridge.engagement.models import Attendance, Engagement
from citybridge.imports.models import ColumnChoice
from citybridge.imports.registry import run_import

HEADER = "Ime i prezime,Institucija,Grad,E-mail,Telefon\r\n"


@pytest.fixture
def meetings(hub, city):
    return [
        Engagement.objects.create(
            hub=hub, key=key, title=f"Meeting {key}", kind="workshop", starts_on=day, ends_on=day
        )
        for key, day in (("P01", dt.date(2024, 3, 1)), ("P02", dt.date(2024, 4, 1)))
    ]


def sheet(*rows: str, header: str = HEADER) -> bytes:
    return (header + "".join(f"{r}\r\n" for r in rows)).encode()


def upload(client, name: str, data: bytes, **fields):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(
        reverse("imports:upload"), {"kind": "attendance", "sheets": [file], **fields}
    )


def test_the_preview_names_every_column_and_the_people(client_for, officer, hub, meetings):
    run_import(
        "attendance",
        [("P01.csv", sheet("Petrović Marija,Opština Testgrad,Testgrad,mp@example.org,"))],
        hub=hub,
        acting_user=officer,
    )
    page = upload(
        client_for(officer),
        "P02.csv",
        sheet(
            "Петровић Марија,Општина Тестград,Тестград,,+382 67 000 001",
            "Jovana Novakov,NVO Most,Testgrad,jn@example.org,+382 67 000 002",
        ),
    )
    assert page.status_code == 200
    preview = page.context["result"]
    (read,) = preview["sheets"]
    assert read["target"] == "P02 · Meeting P02 (1 Apr 2024)"
    columns = {c["heading"]: (c["field"], c["how"]) for c in read["columns"]}
    assert columns["Ime i prezime"] == ("full_name", "known")
    assert columns["Telefon"] == ("", "not used")
    assert "P02.csv: not used: Telefon (their cells are kept as written)." in preview["notes"]
    assert read["first_rows"][0][:2] == [1, "Петровић Марија"]
    people = read["people"]
    assert people["counts"] == {"new": 1, "recognised": 1, "review": 0}
    marija, jovana = people["rows"]
    assert (marija["status"], marija["as"]) == ("recognised", "Marija Petrović")
    assert "Петровић Марија = Petrović Marija" in marija["why"] and "same city" in marija["why"]
    assert jovana["status"] == "new"
    text = page.content.decode()
    assert "recognised as Marija Petrović" in text and "Telefon" in text
    assert Attendance.objects.count() == 1  # the preview wrote nothing


def test_a_column_not_known_is_placed_once_and_remembered(client_for, officer, hub, meetings):
    header = "Učesnik br.,Puno ime i prezime polaznika,Institucija\r\n"
    client = client_for(officer)
    refused = upload(client, "P01.csv", sheet("1,Marija Petrović,NVO Most", header=header))
    assert refused.status_code == 400
    assert "was recognised as its full name" in refused.content.decode()
    columns = {c["heading"]: c["field"] for c in refused.context["result"]["sheets"][0]["columns"]}
    assert columns["Puno ime i prezime polaznika"] == ""
    placed = client.post(
        reverse("imports:revise"),
        {
            "token": refused.context["token"],
            "column:Puno ime i prezime polaznika": "full_name",
            "read:Puno ime i prezime polaznika": "",
            "column:Učesnik br.": "",
            "read:Učesnik br.": "",
            "column:Institucija": "organisation",
            "read:Institucija": "organisation",
        },
    )
    assert placed.status_code == 200
    columns = {c["heading"]: c["how"] for c in placed.context["result"]["sheets"][0]["columns"]}
    # Only what the officer changed is their choice; the rest stays as it was read.
    assert columns["Puno ime i prezime polaznika"] == "chosen"
    assert columns["Institucija"] == "known" and columns["Učesnik br."] == "not used"
    client.post(reverse("imports:confirm"), {"token": placed.context["token"]})
    assert list(Attendance.objects.values_list("full_name", flat=True)) == ["Marija Petrović"]
    choice = ColumnChoice.objects.get()
    assert (choice.heading, choice.field) == ("Puno ime i prezime polaznika", "full_name")
    assert (choice.chosen_by, choice.hub) == (officer, hub)

    # The partner's next sheet needs nothing: the choice is applied, and shown as remembered.
    again = upload(client, "P02.csv", sheet("1,Jovana Novakov,NVO Most", header=header))
    assert again.status_code == 200
    columns = {c["heading"]: c["how"] for c in again.context["result"]["sheets"][0]["columns"]}
    assert columns["Puno ime i prezime polaznika"] == "remembered"
    # The command line applies it too.
    assert (
        run_import(
            "attendance",
            [("P02.csv", sheet("1,Jovana Novakov,NVO Most", header=header))],
            hub=hub,
            dry_run=True,
            acting_user=None,
        ).rows
        == 1
    )


def test_a_choice_is_remembered_only_in_its_own_hub(client_for, officer, hub, meetings):
    from citybridge.network.models import Hub

    elsewhere = Hub.objects.create(name="Elsewhere", slug="elsewhere-two")
    ColumnChoice.objects.create(
        hub=elsewhere, kind="attendance", heading="Polaznik", heading_key="polaznik",
        field="full_name",
    )  # fmt: skip
    page = upload(
        client_for(officer), "P01.csv", sheet("Marija Petrović,x", header="Polaznik,Napomena\r\n")
    )
    assert page.status_code == 400


def test_the_command_line_places_a_column_and_names_the_ones_not_used(
    hub, meetings, tmp_path, capsys
):
    path = tmp_path / "P01.csv"
    path.write_bytes(sheet("1,Marija Petrović,+382 1", header="Br,Polaznik seminara,Telefon\r\n"))
    call_command(
        "import", "attendance", str(path), "--column", "Polaznik seminara=full_name",
        "--column", "Br=",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "P01.csv: not used: Br, Telefon (their cells are kept as written)." in out
    row = Attendance.objects.get()
    assert row.full_name == "Marija Petrović" and row.cells["Telefon"] == "+382 1"


def test_the_engagement_date_reads_in_the_readers_language(client_for, officer, hub, meetings):
    client = client_for(officer)
    client.cookies["django_language"] = "sr"
    page = upload(client, "P02.csv", sheet("Jovana Novakov,NVO Most,Testgrad,jn@example.org,"))
    (read,) = page.context["result"]["sheets"]
    assert read["target"] == "P02 · Meeting P02 (1. апр 2024.)"
