"""The paper fallback reads like check-in: the importer's own columns, the same people counted."""

import csv
import datetime as dt
import io
import random

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citybridge.checkin.actions import record_arrival
from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.paper import HEADINGS, NUMBER, SIGNATURE, sheet_headings, sheet_html
from citybridge.checkin.tests.conftest import answers
from citybridge.demo.sheets import City, invent_people
from citybridge.engagement.actions import remove_sheet
from citybridge.engagement.models import Attendance, Sheet
from citybridge.imports.registry import run_import
from citybridge.lib.headers import ATTENDANCE
from citybridge.lib.spreadsheets.columns import map_columns
from citybridge.network.models import LocalGovernment, Person, PrivacyNotice
from citybridge.network.notice import NOTICE_VERSION, save_notice
from citybridge.reports.figures import individuals_engaged


def test_the_sheets_headings_are_the_importers_own():
    assert map_columns(sheet_headings(), ATTENDANCE) == HEADINGS
    assert NUMBER in sheet_headings() and SIGNATURE in sheet_headings()


def test_the_sheet_prints_as_a_pdf_with_the_qr(check_in, officer):
    client = Client()
    client.force_login(officer)
    response = client.get(reverse("checkin:checkin_sheet", args=[check_in.engagement_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_sheet_is_refused_to_the_outsider(check_in, outsider):
    client = Client()
    client.force_login(outsider)
    url = reverse("checkin:checkin_sheet", args=[check_in.engagement_id])
    assert client.get(url).status_code == 404


def typed_sheet(officer, engagement, rows: list[dict]) -> bytes:
    """The blank sheet's spreadsheet as the product gives it, typed up as a partner would."""
    client = Client()
    client.force_login(officer)
    blank = client.get(
        reverse("checkin:checkin_sheet", args=[engagement.pk]) + "?format=csv"
    ).content.decode("utf-8-sig")
    headings = next(csv.reader(io.StringIO(blank)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    fields = [*HEADINGS]
    for n, row in enumerate(rows, 1):
        writer.writerow([n, *(row.get(f, "") for f in fields), ""])
    return out.getvalue().encode("utf-8")


def participants(hub, count: int) -> list[dict]:
    """The development data set's kind of people: invented by the demo's own generator, in the
    languages and scripts of the region's cities."""
    cities = [
        City(c.name, c.country_id, c.name_cyrillic, c.name_albanian)
        for c in LocalGovernment.objects.filter(country__in=hub.country_codes())
    ]
    people = invent_people(cities, count, random.Random(21))
    return [
        {
            "full_name": f"{p.given} {p.family}",
            "city": p.city.written(p.language),
            "organisation": "",
            "role": p.role,
            "email": p.email,
            "gender": "female" if p.female else "male",
        }
        for p in people
    ]


def people_at(engagement) -> list[str]:
    """The names of the distinct people the engagement's rows resolved to."""
    people = dict(
        Attendance.objects.filter(engagement=engagement, person__isnull=False).values_list(
            "person_id", "person__full_name"
        )
    )
    return sorted(people.values())


def test_check_in_counts_the_same_people_as_paper(hub, check_in, officer, city):
    LocalGovernment.objects.create(name="Podgorica", name_cyrillic="Подгорица", country_id="ME")
    LocalGovernment.objects.create(name="Prishtinë", name_cyrillic="Приштина", country_id="XK")
    LocalGovernment.objects.create(name="Ohrid", name_cyrillic="Охрид", country_id="MK")
    engagement = check_in.engagement
    rows = participants(hub, 40)
    # Some came before: their earlier sheet is in the hub, each flow must find them.
    earlier = engagement.__class__.objects.create(
        hub=hub, key="E00", title="Earlier", kind="workshop",
        starts_on=dt.date(2026, 6, 1), ends_on=dt.date(2026, 6, 1),
    )  # fmt: skip
    run_import(
        "attendance",
        [("E00.csv", typed_sheet(officer, earlier, rows[:15]))],
        hub=hub,
        acting_user=officer,
    )
    day = (engagement.starts_on, engagement.ends_on)
    for row in rows:
        form = ArrivalForm(
            answers(
                row["full_name"],
                city=row["city"],
                organisation=row["organisation"],
                position=row["role"],
                email=row["email"],
                gender=row["gender"],
            )
        )
        assert form.is_valid(), form.errors
        record_arrival(check_in, form.answers("en"))
    by_check_in = (people_at(engagement), individuals_engaged(hub, *day).value)

    remove_sheet(Sheet.objects.get(engagement=engagement), acting_user=officer)
    assert not Attendance.objects.filter(engagement=engagement).exists()
    report = run_import(
        "attendance",
        [(f"{engagement.key}.csv", typed_sheet(officer, engagement, rows))],
        hub=hub,
        acting_user=officer,
    )
    assert report.created == 40
    by_paper = (people_at(engagement), individuals_engaged(hub, *day).value)
    assert by_check_in == by_paper
    assert by_check_in[1] == len(by_check_in[0]) > 30


def test_a_paper_sheets_ticks_are_the_persons_consents(hub, engagement, officer):
    rows = [
        {"full_name": "Milica Petrović", "city": "Testgrad", "consent_contact": "✓",
         "consent_quote": "x"},
        {"full_name": "Arben Krasniqi", "city": "Testgrad", "consent_photo": "da"},
        {"full_name": "Горан Стојанов", "city": "Testgrad", "consent_contact": "no"},
    ]  # fmt: skip
    report = run_import(
        "attendance",
        [(f"{engagement.key}.csv", typed_sheet(officer, engagement, rows))],
        hub=hub,
        acting_user=officer,
    )
    assert report.created == 3
    assert report.extra["consents"] == 2
    rows_people = Attendance.objects.filter(engagement=engagement).values("person_id")
    people = {p.full_name: p for p in Person.objects.filter(pk__in=rows_people)}
    milica, arben, goran = (
        people["Milica Petrović"], people["Arben Krasniqi"], people["Горан Стојанов"]
    )  # fmt: skip
    assert (milica.consent_contact, milica.consent_photo, milica.consent_quote) == (
        True, False, True
    )  # fmt: skip
    assert (arben.consent_contact, arben.consent_photo, arben.consent_quote) == (
        False, True, False
    )  # fmt: skip
    assert not (goran.consent_contact or goran.consent_photo or goran.consent_quote)
    assert milica.consent_recorded_on == engagement.starts_on
    assert f"sign-in sheet {engagement.key}" in milica.consent_how
    assert f"privacy notice {NOTICE_VERSION}" in milica.consent_how
    assert milica.history.first().history_change_reason == "sign-in sheet"


def test_paper_consents_name_the_hubs_notice_of_the_engagements_day(hub, engagement, officer):
    written = save_notice(hub, {"en": "Our own words."}, acting_user=officer)
    assert written is not None
    PrivacyNotice.objects.filter(pk=written.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(engagement.starts_on, dt.time(8)))
    )
    later = save_notice(hub, {"en": "Words written after the event."}, acting_user=officer)
    assert later is not None
    PrivacyNotice.objects.filter(pk=later.pk).update(
        created_at=timezone.make_aware(
            dt.datetime.combine(engagement.starts_on + dt.timedelta(days=3), dt.time(8))
        )
    )
    written.refresh_from_db()
    rows = [{"full_name": "Milica Petrović", "city": "Testgrad", "consent_photo": "✓"}]
    run_import(
        "attendance",
        [(f"{engagement.key}.csv", typed_sheet(officer, engagement, rows))],
        hub=hub,
        acting_user=officer,
    )
    person = Person.objects.get(attendances__engagement=engagement)
    assert person.consent_photo
    assert person.consent_how.endswith(f"privacy notice {written.version}")


def test_the_sheet_prints_the_notice_and_its_version(check_in):
    html = sheet_html(check_in.engagement, check_in, "https://example.org/c/x/", "", "en")
    assert f"Privacy notice, version {NOTICE_VERSION}" in html
    assert "The hub may quote what I say, with my name." in html
