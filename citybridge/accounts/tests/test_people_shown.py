"""Every page that shows a person-level row writes one access-log row naming the people shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from citybridge.accounts.models import AccessLog, PersonShown
from citybridge.accounts.tests.erasure_cast import NAME, make_records
from citybridge.advocacy import models as advocacy
from citybridge.engagement.models import Attendance, Engagement, ReviewPair
from citybridge.network.models import Person

PERIOD = {"start": "2023-01-01", "end": "2023-12-31"}
Action = AccessLog.Action


@pytest.fixture
def cast(hub, city, officer):
    """Four people of the city at two workshops, a pair to review, a testimonial; the officer
    may also open the admin site's people, attendance and testimonials."""
    milica = make_records(hub, city)
    people = {p.full_name.split()[0]: p for p in Person.objects.of_hub(hub)}
    assert set(people) == {"Milica", "Ana", "Petar", "Jovana"} and people["Milica"] == milica
    e1 = Engagement.objects.get(key="E1")
    ana, petar = (
        Attendance.objects.get(engagement=e1, full_name=n) for n in ("Ana Ostaje", "Petar Petrović")
    )
    ReviewPair.objects.create(hub=hub, first=ana, second=petar, score=0.6)
    advocacy.Testimonial.objects.create(
        hub=hub,
        person=people["Jovana"],
        quote="Invented words.",
        city=city,
        said_on=dt.date(2023, 7, 1),
    )
    officer.is_staff = True
    officer.save()
    for codename in ("view_person", "view_attendance", "view_testimonial"):
        officer.user_permissions.add(Permission.objects.get(codename=codename))
    return people


def pages(cast, hub, city):
    """(page, query, action, the people it shows, by first name)."""
    everyone = set(cast)
    milica = cast["Milica"].pk
    e1 = Engagement.objects.get(key="E1").pk
    row = Attendance.objects.get(engagement_id=e1, full_name=NAME).pk
    return [
        (reverse("network:person_detail", args=[milica]), {}, Action.PERSON_VIEWED, {"Milica"}),
        (reverse("network:person_edit", args=[milica]), {}, Action.PERSON_VIEWED, {"Milica"}),
        (reverse("network:person_list"), {}, Action.PEOPLE_VIEWED, everyone),
        (reverse("network:person_list"), {"q": "Ostaje"}, Action.PEOPLE_SEARCHED, {"Ana"}),
        (reverse("network:city_detail", args=[city.pk]), {}, Action.PEOPLE_VIEWED, everyone),
        (reverse("reports:city_story", args=[city.pk]), PERIOD, Action.PEOPLE_VIEWED, everyone),
        (reverse("engagement:engagement_detail", args=[e1]), {}, Action.PEOPLE_VIEWED, everyone),
        (reverse("engagement:review_list"), {}, Action.PEOPLE_VIEWED, {"Ana", "Petar"}),
        (reverse("advocacy:testimonial_list"), {}, Action.PEOPLE_VIEWED, {"Jovana"}),
        (
            reverse("reports:figure_detail", args=["individuals_engaged"]),
            PERIOD,
            Action.PEOPLE_VIEWED,
            everyone,
        ),
        (
            reverse("reports:figure_person", args=["individuals_engaged", milica]),
            PERIOD,
            Action.PERSON_VIEWED,
            {"Milica"},
        ),
        (reverse("admin:network_person_changelist"), {}, Action.PEOPLE_VIEWED, everyone),
        (
            reverse("admin:network_person_changelist"),
            {"q": "Ostaje"},
            Action.PEOPLE_SEARCHED,
            {"Ana"},
        ),
        (
            reverse("admin:network_person_change", args=[milica]),
            {},
            Action.PERSON_VIEWED,
            {"Milica"},
        ),
        (
            reverse("admin:network_person_history", args=[milica]),
            {},
            Action.PERSON_VIEWED,
            {"Milica"},
        ),
        (
            reverse("admin:engagement_attendance_changelist"),
            {"q": "Petar"},
            Action.PEOPLE_SEARCHED,
            {"Petar"},
        ),
        (
            reverse("admin:engagement_attendance_change", args=[row]),
            {},
            Action.PERSON_VIEWED,
            {"Milica"},
        ),
        (reverse("admin:advocacy_testimonial_changelist"), {}, Action.PEOPLE_VIEWED, {"Jovana"}),
    ]


def test_each_person_level_page_writes_one_row_naming_the_people_it_shows(
    client_for, hub, city, officer, cast
):
    client = client_for(officer)
    names = {p.pk: first for first, p in cast.items()}
    for url, query, action, shown in pages(cast, hub, city):
        before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(url, query)
        assert response.status_code == 200, url
        rows = list(AccessLog.objects.filter(pk__gt=before))
        assert len(rows) == 1, (url, query, rows)
        row = rows[0]
        assert (row.user, row.action) == (officer, action), url
        people = PersonShown.objects.filter(entry=row).values_list("person_id", flat=True)
        assert {names[pk] for pk in people} == shown, (url, query)
        for first in shown:  # and a person's access log (their subject access) lists the look
            assert AccessLog.objects.about(cast[first]).filter(pk=row.pk).exists(), url


def test_the_log_filtered_by_person_finds_the_pages_that_listed_them(
    client_for, hub, city, officer, hub_admin, cast
):
    client_for(officer).get(
        reverse("engagement:engagement_detail", args=[Engagement.objects.get(key="E1").pk])
    )
    page = client_for(hub_admin).get(reverse("accounts:access_log"), {"person": cast["Ana"].pk})
    assert [r.action for r in page.context["page"]] == [Action.PEOPLE_VIEWED]


def test_a_page_that_shows_nobody_writes_nothing_and_a_search_always_does(
    client_for, hub, city, officer
):
    client = client_for(officer)
    before = AccessLog.objects.count()
    client.get(reverse("network:city_detail", args=[city.pk]))
    assert AccessLog.objects.count() == before
    client.get(reverse("network:person_list"), {"q": "Nobody"})
    row = AccessLog.objects.order_by("-pk")[0]
    assert (row.action, row.count, row.people.count()) == (Action.PEOPLE_SEARCHED, 0, 0)


def test_the_people_links_command_names_the_people_it_printed_and_who_ran_it(hub, officer, cast):
    from io import StringIO

    from django.core.management import call_command

    call_command("people", "links", "--format", "csv", "--as", "officer", stdout=StringIO())
    row = AccessLog.objects.get(action=Action.EXPORT)
    assert (row.user, row.count) == (officer, 8)
    assert set(row.people.values_list("person_id", flat=True)) == {p.pk for p in cast.values()}
