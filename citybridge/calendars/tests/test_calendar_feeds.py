"""Calendar feeds: a hub's and a city's engagements and milestone due dates as iCalendar, at a
private address per user, fetched without a session, scoped like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from citybridge.accounts.models import Role
from citybridge.calendars.actions import feed_key_of
from citybridge.calendars.models import FeedKey
from citybridge.conftest import make_user
from citybridge.engagement.models import Engagement
from citybridge.support.models import Expert, Milestone, SupportAction


@pytest.fixture
def records(hub, city, other_city):
    """In city A (Testgrad, the focal point's) and city B (Drugovo): an engagement each, and
    support with a milestone each; the expert is deployed on city B's support."""
    made: dict[str, Any] = {}
    for key, place in (("a", city), ("b", other_city)):
        made[f"engagement_{key}"] = Engagement.objects.create(
            hub=hub,
            key=f"C{key.upper()}",
            title=f"Roundtable with the mayor of {place.name}",
            kind=Engagement.Kind.ROUNDTABLE,
            starts_on=dt.date(2023, 7, 10),
            ends_on=dt.date(2023, 7, 11),
            host_city=place,
        )
        action = SupportAction.objects.create(
            hub=hub, title=f"Council for {place.name}", kind=SupportAction.Kind.GUIDANCE, city=place
        )
        made[f"milestone_{key}"] = Milestone.objects.create(
            action=action, title=f"Statute of {place.name}", due_on=dt.date(2024, 2, 1)
        )
        made[f"action_{key}"] = action
    expert_user = make_user("expert", hub, Role.Kind.EXPERT)
    expert = Expert.objects.create(
        hub=hub, full_name="Pool Expert", languages="en", user=expert_user
    )
    made["action_b"].experts.add(expert)
    made["expert"] = expert_user
    return made


def feed_url(user, hub, city=None) -> str:
    token = feed_key_of(user).token()
    if city is None:
        return reverse("calendars:hub_feed", kwargs={"token": token, "hub": hub.slug})
    return reverse("calendars:city_feed", kwargs={"token": token, "hub": hub.slug, "pk": city.pk})


def fetch(url: str) -> Calendar:
    """As a calendar program fetches it: no session, no cookie."""
    response = Client().get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def test_an_officer_s_hub_feed_holds_every_engagement_and_due_date(officer, hub, records):
    calendar = fetch(feed_url(officer, hub))
    assert summaries(calendar) == [
        "Due: Statute of Drugovo (Council for Drugovo)",
        "Due: Statute of Testgrad (Council for Testgrad)",
        "Roundtable with the mayor of Drugovo",
        "Roundtable with the mayor of Testgrad",
    ]


def test_a_focal_point_s_feeds_hold_their_city_only(focal, hub, city, other_city, records):
    for url in (feed_url(focal, hub), feed_url(focal, hub, city)):
        assert summaries(fetch(url)) == [
            "Due: Statute of Testgrad (Council for Testgrad)",
            "Roundtable with the mayor of Testgrad",
        ]
    # Another city's feed is not theirs to have.
    assert Client().get(feed_url(focal, hub, other_city)).status_code == 404


def test_a_city_feed_of_an_officer_holds_that_city(officer, hub, other_city, records):
    assert summaries(fetch(feed_url(officer, hub, other_city))) == [
        "Due: Statute of Drugovo (Council for Drugovo)",
        "Roundtable with the mayor of Drugovo",
    ]


def test_a_donor_s_feed_has_no_titles_and_no_support(donor, hub, records):
    calendar = fetch(feed_url(donor, hub))
    assert summaries(calendar) == ["Roundtable · Drugovo", "Roundtable · Testgrad"]
    assert b"mayor" not in calendar.to_ical() and b"Council" not in calendar.to_ical()


def test_an_expert_s_feed_holds_their_deployment_s_milestones(hub, records):
    assert summaries(fetch(feed_url(records["expert"], hub))) == [
        "Due: Statute of Drugovo (Council for Drugovo)"
    ]


def test_a_reset_token_is_a_404_and_the_new_one_works(client_for, officer, hub, records):
    old = feed_url(officer, hub)
    response = client_for(officer).post(reverse("calendars:feed_reset"))
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    assert fetch(feed_url(officer, hub)).walk("VEVENT")


def test_reset_refuses_get_and_the_signed_out(client, officer):
    key = feed_key_of(officer).secret
    assert Client().post(reverse("calendars:feed_reset")).status_code == 302  # to sign in
    signed_in = Client()
    signed_in.force_login(officer)
    assert signed_in.get(reverse("calendars:feed_reset")).status_code == 405
    assert FeedKey.objects.get(user=officer).secret == key


@pytest.mark.parametrize(
    "token", ["", "1-" + "0" * 40, "junk", "999999-" + "a" * 40, "1-" + "A" * 40]
)
def test_a_made_up_token_is_a_404(hub, officer, token):
    url = f"/calendars/{token}/{hub.slug}.ics"
    assert Client().get(url).status_code == 404


def test_a_deactivated_user_s_feed_is_a_404(officer, hub, records):
    url = feed_url(officer, hub)
    officer.is_active = False
    officer.save()
    assert Client().get(url).status_code == 404


def test_another_hub_s_feed_is_a_404(outsider, hub, records):
    assert Client().get(feed_url(outsider, hub)).status_code == 404


def test_uids_are_stable_across_fetches_and_dates_are_whole_days(officer, hub, records):
    url = feed_url(officer, hub)
    first, second = fetch(url), fetch(url)
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == 4
    engagement = records["engagement_a"]
    event = next(
        e
        for e in first.walk("VEVENT")
        if e["UID"] == f"engagement-{engagement.pk}@{hub.slug}.citybridge"
    )
    # All-day, on the engagement's own dates: DTEND is the day after its last day.
    assert event.decoded("DTSTART") == dt.date(2023, 7, 10) and event.decoded("DTEND") == dt.date(
        2023, 7, 12
    )
    assert event["DTSTART"].params.get("VALUE") == "DATE"


def test_the_feed_declares_the_hub_s_timezone(officer, hub, records, settings):
    calendar = fetch(feed_url(officer, hub))
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Belgrade"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Belgrade"]
    stamps = [e.decoded("DTSTAMP") for e in calendar.walk("VEVENT")]
    assert all(s.utcoffset() == dt.timedelta(0) for s in stamps)  # RFC 5545: DTSTAMP in UTC


def test_the_feed_speaks_the_user_s_language(officer, hub, records):
    officer.language = "sq"
    officer.save()
    calendar = fetch(feed_url(officer, hub))
    assert not any(s.startswith("Due:") for s in summaries(calendar))


def test_the_page_shows_the_addresses_that_work(client_for, focal, hub, city, records):
    page = client_for(focal).get(reverse("calendars:calendar_feeds"))
    html = page.content.decode()
    url = feed_url(focal, hub, city)
    assert f"http://testserver{url}" in html and f"webcal://testserver{url}" in html
    assert feed_url(focal, hub) not in html  # a focal point's hub feed is their city's anyway
    assert summaries(fetch(url))


def test_an_officer_chooses_a_city_to_see_its_address(client_for, officer, hub, other_city):
    client = client_for(officer)
    html = client.get(reverse("calendars:calendar_feeds")).content.decode()
    assert feed_url(officer, hub) in html and ".ics" not in html.replace(feed_url(officer, hub), "")
    html = client.get(reverse("calendars:calendar_feeds"), {"city": other_city.pk}).content.decode()
    assert feed_url(officer, hub, other_city) in html
