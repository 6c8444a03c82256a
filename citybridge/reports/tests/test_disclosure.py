"""Issue #13 (8): a donor cannot recover a count under 5 by differencing what the pages show.

Two periods that overlap and differ by one month, whose counts are 26 and 27 leaders around a
"<5" month, and "published 6, now 10 — 4 added" beside a frozen brief, were enough. The rule
(accounts.disclosure): whole months, numbers of people rounded to 5 with "<5" under 5, and a
change shown only as "fewer than 5" or rounded. Staff still see exact numbers.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from citybridge.accounts.disclosure import (
    months_before,
    people_change,
    people_count,
    people_text,
    shown_difference,
    whole_months,
)
from citybridge.advocacy.models import AdvocacyAction
from citybridge.network.models import Person
from citybridge.reports.briefs.actions import publish_brief
from citybridge.reports.briefs.assemble import chart_data
from citybridge.reports.dashboard import Trend
from citybridge.reports.figures import leaders_engaged
from citybridge.reports.tests.roundtables import roundtable

pytestmark = pytest.mark.django_db

FEBRUARY_END = dt.date(2024, 2, 29)
MARCH_END = dt.date(2024, 3, 31)


def test_the_rule_on_plain_numbers():
    assert [people_count(n) for n in (0, 1, 4, 5, 7, 8, 12, 13, 26, 27, 28)] == [
        0,
        None,
        None,
        5,
        5,
        10,
        10,
        15,
        25,
        25,
        30,
    ]
    assert people_text(3) == "<5" and people_text(239) == "240"
    assert [people_change(d) for d in (0, 1, 4, -4, 5, -9, 12)] == [0, None, None, None, 5, -10, 10]
    assert shown_difference(30, 25) == 5 and shown_difference(None, 25) is None
    assert whole_months(dt.date(2024, 1, 17), dt.date(2024, 3, 10)) == (
        dt.date(2024, 1, 1),
        MARCH_END,
    )
    assert whole_months(None, dt.date(2024, 2, 3)) == (None, FEBRUARY_END)
    assert months_before(dt.date(2024, 3, 1), dt.date(2025, 2, 28)) == (
        dt.date(2023, 3, 1),
        FEBRUARY_END,
    )


@pytest.fixture
def leaders(hub, city):
    """26 mayors at roundtables in January and February 2024, and one more in March."""
    mayors = [
        Person.objects.create(hub=hub, full_name=f"Gradonačelnik Izmišljeni {n}") for n in range(27)
    ]
    for key, day, who in (
        ("L01", dt.date(2024, 1, 16), mayors[:13]),
        ("L02", dt.date(2024, 2, 20), mayors[13:26]),
        ("L03", dt.date(2024, 3, 12), mayors[26:]),
    ):
        engagement = roundtable(hub, city, key, day, who)
        engagement.attendances.update(role_kind="mayor")
    return mayors


def figure_on(html: str, key: str) -> str:
    """The number a figure card shows."""
    found = re.search(rf'aria-describedby="fig-{key}">([^<]*)</a>', html)
    assert found, key
    return found.group(1)


def figures_page(client, start: str, end: str) -> str:
    page = client.get(reverse("reports:figures"), {"start": start, "end": end})
    assert page.status_code == 200
    return page.content.decode()


def test_two_overlapping_periods_do_not_single_out_the_leader_of_march(
    client_for, donor, officer, hub, leaders
):
    assert leaders_engaged(hub, dt.date(2024, 1, 1), FEBRUARY_END).value == 26
    assert leaders_engaged(hub, dt.date(2024, 1, 1), MARCH_END).value == 27
    client = client_for(donor)
    shown = {
        figure_on(figures_page(client, "2024-01-01", end), "leaders_engaged")
        # up to February; up to the day of March's roundtable; the whole of March
        for end in ("2024-02-29", "2024-03-12", "2024-03-31")
    }
    assert shown == {"25"}  # no difference: the one leader of March is not told apart
    march = figures_page(client, "2024-03-01", "2024-03-31")
    assert figure_on(march, "leaders_engaged") == "&lt;5"
    # A period that stops the day before the roundtable is widened to the whole month.
    assert figure_on(figures_page(client, "2024-01-01", "2024-03-11"), "leaders_engaged") == "25"

    detail = client.get(
        reverse("reports:figure_detail", args=["leaders_engaged"]),
        {"start": "2024-01-01", "end": "2024-03-12"},
    ).content.decode()
    # The exact count appears nowhere as a number (the page's CSRF token may hold the digits).
    assert "<h1>25 " in detail and not re.search(r"\b2[67]\b", detail)
    assert "Izmišljeni" not in detail

    staff = client_for(officer)
    assert figure_on(figures_page(staff, "2024-01-01", "2024-02-29"), "leaders_engaged") == "26"
    assert figure_on(figures_page(staff, "2024-01-01", "2024-03-31"), "leaders_engaged") == "27"


def test_the_running_totals_of_the_charts_are_rounded_for_a_donor(hub, leaders):
    donor = chart_data(hub, dt.date(2024, 1, 1), MARCH_END, "en", hide_small=True)
    assert [(p.people_shown, p.cumulative_shown) for p in donor.over_time] == [
        ("15", "15"),
        ("15", "25"),
        ("<5", "25"),  # 26 then 27 so far: the same number shown
    ]
    staff = chart_data(hub, dt.date(2024, 1, 1), MARCH_END, "en", hide_small=False)
    assert [(p.people, p.cumulative) for p in staff.over_time] == [(13, 13), (13, 26), (1, 27)]


def test_the_home_trend_is_the_change_of_the_numbers_shown(
    client_for, donor, officer, hub, leaders
):
    figure = leaders_engaged(hub, dt.date(2024, 1, 1), MARCH_END, with_records=False)
    assert Trend(figure, 26).delta == 1
    donors = Trend(figure, 26, hide_small=True)
    assert (donors.delta, donors.direction, donors.previous_shown) == (0, "same", "25")
    assert Trend(figure, 3, hide_small=True).direction == "unknown"

    query = {"start": "2024-01-01", "end": "2024-03-12"}
    html = client_for(donor).get(reverse("reports:home"), query).content.decode()
    assert figure_on(html, "leaders_engaged") == "25"
    assert "Key figures, 1 Jan 2024 – 31 Mar 2024" in html  # whole months
    staff = client_for(officer).get(reverse("reports:home"), query).content.decode()
    assert figure_on(staff, "leaders_engaged") == "27"


@pytest.fixture
def published_then_four_more(hub, city, officer):
    """A brief published with 6 people engaged; 4 more people signed a sheet since."""
    people = [Person.objects.create(hub=hub, full_name=f"Izmišljena Osoba {n}") for n in range(10)]
    roundtable(hub, city, "P01", dt.date(2023, 5, 4), people[:6])
    published = publish_brief(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31), acting_user=officer)
    roundtable(hub, city, "P02", dt.date(2023, 9, 4), people[6:])
    return published


def test_a_donor_is_not_told_that_four_people_were_added_since_publishing(
    client_for, donor, published_then_four_more
):
    url = reverse("reports:brief_detail", args=[published_then_four_more.pk])
    html = client_for(donor).get(url).content.decode()
    changes = html.split('id="changes"')[1].split("</section>")[0]
    assert "published 6" in changes
    assert "fewer than 5 added" in changes
    assert "now 10" not in changes and "4 added" not in changes


def test_staff_see_the_exact_change_since_publishing(client_for, officer, published_then_four_more):
    url = reverse("reports:brief_detail", args=[published_then_four_more.pk])
    changes = client_for(officer).get(url).content.decode().split('id="changes"')[1]
    assert "published 6, now 10" in changes and "4 added" in changes


def test_the_people_an_advocacy_action_carried_are_shown_by_the_rule(
    client_for, donor, officer, hub, city
):
    action = AdvocacyAction.objects.create(
        hub=hub,
        title="Input to the law on local safety councils",
        date=dt.date(2024, 4, 2),
        audience=AdvocacyAction.Audience.NATIONAL_GOVERNMENT,
        form=AdvocacyAction.Form.LEGAL_INPUT,
    )
    action.people.set(
        [Person.objects.create(hub=hub, full_name=f"Glas Izmišljeni {n}") for n in range(3)]
    )
    url = reverse("advocacy:advocacy_pipeline")
    donors = client_for(donor).get(url, {"format": "csv"}).content.decode()
    assert "All advocacy,1,0,<5" in donors
    staff = client_for(officer).get(url, {"format": "csv"}).content.decode()
    assert "All advocacy,1,0,3" in staff
