"""The charts' counts (reports.briefs.assemble.chart_data), shared by the brief and the hub home:
people per month, people so far, and the people behind the country and gender bars."""

from __future__ import annotations

import datetime as dt

import pytest

from citybridge.network.models import Gender, Person
from citybridge.reports.briefs.assemble import chart_data
from citybridge.reports.figures import individuals_engaged
from citybridge.reports.tests.roundtables import roundtable

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(hub, city):
    return [
        Person.objects.create(hub=hub, full_name=name, gender=gender, city=city)
        for name, gender in (
            ("Ana Testić", Gender.FEMALE),
            ("Ivana Primerić", Gender.FEMALE),
            ("Marko Uzorić", Gender.MALE),
            ("Petar Probić", Gender.MALE),
        )
    ]


def test_people_are_counted_once_per_month_and_once_so_far(hub, city, people):
    ana, ivana, marko, petar = people
    roundtable(hub, city, "T01", dt.date(2023, 1, 10), [ana, ivana])
    roundtable(hub, city, "T02", dt.date(2023, 1, 25), [ana, marko])  # Ana again, same month
    # February: nobody. March: Ana a third time, Petar for the first time.
    roundtable(hub, city, "T03", dt.date(2023, 3, 31), [ana, petar])
    roundtable(hub, city, "T04", dt.date(2023, 4, 1), [ivana])  # the day after the period
    start, end = dt.date(2023, 1, 15), dt.date(2023, 3, 31)

    charts = chart_data(hub, start, end, "en", hide_small=False)

    # T01 started before the period: January counts T02's two people, not T01's.
    assert [(p.label, p.engagements, p.people, p.cumulative) for p in charts.over_time] == [
        ("Jan 23", 1, 2, 2),
        ("Feb 23", 0, 0, 2),
        ("Mar 23", 1, 2, 3),
    ]
    assert [(b.label, b.value) for b in charts.by_gender] == [("Women", 1), ("Men", 2)]
    assert [(b.label, b.value) for b in charts.by_country] == [("Montenegro", 3)]
    # The line ends where the figure of the same period does.
    assert charts.over_time[-1].cumulative == individuals_engaged(hub, start, end).value


def test_a_long_period_is_counted_by_quarter(hub, city, people):
    ana, ivana, marko, _petar = people
    roundtable(hub, city, "T01", dt.date(2022, 2, 1), [ana])
    roundtable(hub, city, "T02", dt.date(2022, 3, 30), [ana, ivana])
    roundtable(hub, city, "T03", dt.date(2023, 8, 1), [marko, ivana])

    charts = chart_data(hub, dt.date(2022, 1, 1), dt.date(2023, 9, 30), "en", hide_small=False)

    counted = [(p.people, p.cumulative) for p in charts.over_time]
    assert len(counted) == 7  # Q1 2022 to Q3 2023
    assert counted[0] == (2, 2) and counted[-1] == (2, 3)
    assert all(people == 0 for people, _so_far in counted[1:-1])


def test_a_period_of_more_quarters_than_one_statement_may_join(hub, city, people):
    ana, ivana, _marko, _petar = people
    roundtable(hub, city, "T01", dt.date(2023, 5, 4), [ana, ivana])

    charts = chart_data(hub, dt.date(1850, 1, 1), dt.date(2023, 12, 31), "en", hide_small=False)

    assert len(charts.over_time) == 696  # beyond SQLite's 500 SELECTs in one UNION
    assert charts.over_time[-3].people == 2 and charts.over_time[-1].cumulative == 2
    assert sum(p.people or 0 for p in charts.over_time) == 2
