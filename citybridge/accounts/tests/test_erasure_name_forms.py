"""Erasure finds a name however it was written: given family, family given, "Family, Given",
in Latin or Cyrillic, with or without diacritics, and in split given/family columns; what it
cannot rewrite safely is listed for a hub admin to check, never left silently."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from citybridge.accounts.models import AccessLog
from citybridge.accounts.tests.erasure_cast import engagement, figures_of, row
from citybridge.accounts.tests.traces import readable, traces_in_database, traces_in_files
from citybridge.advocacy.models import AdvocacyAction
from citybridge.engagement.models import Attendance
from citybridge.engagement.resolution import resolve_hub
from citybridge.network.actions import erase_person
from citybridge.network.models import Person
from citybridge.reports.briefs.actions import publish_brief

# The person is only ever written in Latin on their sheets; others write them in every way.
GIVEN, FAMILY = "Milica", "Brisanović"
SPELLINGS = [(GIVEN, FAMILY), ("Milica", "Brisanovic"), ("Милица", "Брисановић")]
NEEDLES = [
    form
    for given, family in SPELLINGS
    for form in (f"{given} {family}", f"{family} {given}", f"{family}, {given}")
]
MENTIONS = (
    "Met BRISANOVIĆ, Milica and Брисановић Милица at the roundtable; "
    "brisanovic milica sent the minutes, Милица Брисановић chaired."
)
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


@pytest.fixture
def person(hub, city):
    first = engagement(hub, city, "E1", dt.date(2023, 2, 1))
    second = engagement(hub, city, "E2", dt.date(2023, 7, 1))
    row(first, 1, f"{GIVEN} {FAMILY}", "", "Gradonačelnica")
    row(second, 1, f"{FAMILY} {GIVEN}", "", "Gradonačelnica")
    for n, other in enumerate(["Ana Ostaje", "Petar Petrović", "Jovana Brisanović"], start=2):
        row(first, n, other)
        row(second, n, other)
    resolve_hub(hub)
    return Attendance.objects.get(engagement=first, row_number=1).person


def plant(hub) -> AdvocacyAction:
    """The name in another person's notes and an advocacy summary, live and in their history;
    the summary goes into a published brief."""
    other = Person.objects.get(full_name="Ana Ostaje")
    other.notes = "First draft."
    other.save()
    other.notes = MENTIONS
    other.save()
    action = AdvocacyAction.objects.create(
        hub=hub,
        title="Input to the law on Local Safety Councils",
        date=dt.date(2023, 5, 10),
        audience=AdvocacyAction.Audience.NATIONAL_GOVERNMENT,
        form=AdvocacyAction.Form.LEGAL_INPUT,
        summary="Draft.",
    )
    action.summary = MENTIONS
    # Their surname alone may be them or a relative: for a person to decide.
    action.outcome = "Mrs Brisanović will follow up with the ministry."
    action.save()
    return action


def media_sheet() -> Path:
    """A participants list under MEDIA_ROOT, given and family names in separate columns."""
    path = Path(settings.MEDIA_ROOT) / "practices" / "participants.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(
        "Prezime;Ime;Grad\r\n"
        "Brisanović;Milica;Testgrad\r\n"
        "Ostaje;Ana;Testgrad\r\n"
        "BRISANOVIC;MILICA;Testgrad\r\n"
        "Брисановић;Милица;Тестград\r\n"
        "Brisanović;Jovana;Testgrad\r\n".encode()
    )
    return path


def test_every_order_script_and_split_column_is_erased(person, hub, officer, hub_admin):
    action = plant(hub)
    published = publish_brief(hub, *YEAR, lang="en", acting_user=officer)
    sheet = media_sheet()
    for content in (published.article, readable(bytes(published.pdf))):
        assert "brisanović, milica" in content.lower()
    assert traces_in_database(NEEDLES)
    before = figures_of(hub)

    report = erase_person(person, acting_user=hub_admin)

    # A full scan: every cell of every table (history included, binary cells opened), every file.
    assert traces_in_database(NEEDLES) == []
    assert traces_in_files(Path(settings.MEDIA_ROOT), NEEDLES) == []
    published.refresh_from_db()
    for text in (
        published.article,
        readable(bytes(published.pdf)),
        readable(bytes(published.docx)),
    ):
        assert "roundtable" in text.lower()  # the rest of the summary stays
        assert not [n for n in NEEDLES if n.lower() in " ".join(text.lower().split())]
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")), delimiter=";"))
    assert rows == [
        ["Prezime", "Ime", "Grad"],
        ["", report.placeholder, "Testgrad"],
        ["Ostaje", "Ana", "Testgrad"],
        ["", report.placeholder, "Testgrad"],
        ["", report.placeholder, "Тестград"],
        ["Brisanović", "Jovana", "Testgrad"],  # a relative, named in full: not them
    ]
    assert figures_of(hub) == before
    # Jovana Brisanović is someone else: her name stays wherever it is written.
    assert Person.objects.filter(full_name="Jovana Brisanović").exists()
    # The surname alone is not rewritten, and not left silently: it is listed to check.
    action.refresh_from_db()
    assert action.outcome == "Mrs Brisanović will follow up with the ministry."
    assert f"advocacy action {action.pk}: what came of it" in report.to_check
    logged = AccessLog.objects.about(person).get(action=AccessLog.Action.ERASURE)
    assert "to check by hand" in logged.detail


def test_the_erasure_page_lists_what_to_check_by_hand(client_for, person, hub, hub_admin):
    action = plant(hub)
    url = reverse("network:person_erase", args=[person.pk])

    response = client_for(hub_admin).post(url, {"confirm": "erase"}, follow=True)

    shown = [str(m) for m in response.context["messages"]]
    assert any(
        f"advocacy action {action.pk}: what came of it" in m and "family name" in m for m in shown
    )


def test_split_columns_of_word_and_excel_tables_are_rewritten(person, hub_admin):
    import docx
    from openpyxl import Workbook, load_workbook

    folder = Path(settings.MEDIA_ROOT) / "practices"
    folder.mkdir(parents=True)
    table = [["Ime", "Prezime"], ["Milica", "Brisanović"], ["Milica", "Petrović"]]
    book = Workbook()
    for line in table:
        book.active.append(line)
    book.save(folder / "list.xlsx")
    document = docx.Document()
    word_table = document.add_table(rows=3, cols=2)
    for r, line in enumerate(table):
        for c, text in enumerate(line):
            word_table.cell(r, c).text = text
    document.save(str(folder / "list.docx"))

    report = erase_person(person, acting_user=hub_admin)

    assert sorted(report.files_rewritten) == ["practices/list.docx", "practices/list.xlsx"]
    expected = [["Ime", "Prezime"], [report.placeholder, None], ["Milica", "Petrović"]]
    sheet = load_workbook(folder / "list.xlsx").active
    assert [[c.value for c in line] for line in sheet.iter_rows()] == expected
    cells = docx.Document(str(folder / "list.docx")).tables[0].rows
    assert [[c.text or None for c in line.cells] for line in cells] == expected


def test_a_rewrite_that_would_not_fit_its_column_is_listed_not_forced(hub, city, hub_admin):
    """A short name in a full column: the pseudonym is longer, and PostgreSQL would refuse the
    whole erasure. The cell is left and listed for a person to rewrite."""
    day = engagement(hub, city, "E1", dt.date(2023, 2, 1))
    row(day, 1, "Ana Lo")
    resolve_hub(hub)
    short = Attendance.objects.get(engagement=day, row_number=1).person
    assert short is not None
    full = "x" * 240 + " Ana Lo"
    action = AdvocacyAction.objects.create(
        hub=hub,
        title="Partner event",
        date=dt.date(2023, 5, 10),
        audience=AdvocacyAction.Audience.OTHER,
        form=AdvocacyAction.Form.PARTNER_EVENT,
        audience_detail=full,
    )

    report = erase_person(short, acting_user=hub_admin)

    action.refresh_from_db()
    assert action.audience_detail == full
    assert f"advocacy action {action.pk}: audience, in words" in report.files_to_check
    logged = AccessLog.objects.about(short).get(action=AccessLog.Action.ERASURE)
    assert logged.detail.endswith("to check by hand")
