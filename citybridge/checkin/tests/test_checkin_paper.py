"""The paper fallback reads like check-in: the importer's own columns, the same people counted."""

import csv
import datetime as dt
import io
import random

from django.test import Client
from django.urls import reverse

from citybridge.checkin.actions import record_arrival
from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.paper import HEADINGS, NUMBER, SIGNATURE, sheet_headings
from citybridge.checkin.tests.conftest import answers
from citybridge.demo.sheets import City, invent_people
from citybridge.engagement.actions import remove_sheet
from citybridge.engagement.models import Attendance, Sheet
from citybridge.imports.registry import run_import
from citybridge.lib.headers import ATTENDANCE
from citybridge.lib.spreadsheets.columns import map_columns
from citybridge.network.models import LocalGovernment
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
    fields = ["full_name", "city", "organisation", "role", "email", "gender"]
    for n, row in enumerate(rows, 1):
        writer.writerow([n, *(row[f] for f in fields), ""])
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
