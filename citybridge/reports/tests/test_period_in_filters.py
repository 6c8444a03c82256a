"""The date boxes say the period the page shows, and a default period that does not end today
says why."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from lxml import html


def boxes(response) -> dict[str, str]:
    assert response.status_code == 200
    doc = html.fromstring(response.content.decode())
    # The filter forms' boxes; a list's download form carries the same filters as typed.
    forms = "//form[@method='get'][not(contains(@class, 'download'))]"
    return {box.get("name"): box.get("value") for box in doc.xpath(f"{forms}//input")}


def test_the_figures_filters_show_the_period_of_the_heading(client_for, officer, hub):
    hub.launched_on = dt.date(2022, 11, 10)
    hub.save()
    today = timezone.localdate()
    shown = boxes(client_for(officer).get(reverse("reports:figures")))
    assert shown["start"] == "10 Nov 2022"
    assert shown["end"] == f"{today.day} {today:%b} {today.year}"


def test_a_box_left_empty_shows_the_days_the_page_used(client_for, officer, hub):
    response = client_for(officer).get(
        reverse("reports:figures"), {"start": "5.12.2024", "end": ""}
    )
    today = timezone.localdate()
    shown = boxes(response)
    assert shown["start"] == "5.12.2024"  # as typed
    assert shown["end"] == f"{today.day} {today:%b} {today.year}"


def test_the_home_says_why_its_twelve_months_end_before_today(client_for, officer, forum):
    # The hub's latest engagement (6 May 2024) is more than a year ago.
    body = client_for(officer).get(reverse("reports:home")).content.decode()
    assert "No engagement was recorded in the last twelve months" in body
    assert "up to the latest one (6 May 2024)." in body
    shown = boxes(client_for(officer).get(reverse("reports:home")))
    assert (shown["start"], shown["end"]) == ("7 May 2023", "6 May 2024")


def test_the_home_says_nothing_when_its_period_ends_today(client_for, officer, forum):
    forum.starts_on = forum.ends_on = timezone.localdate()
    forum.save()
    body = client_for(officer).get(reverse("reports:home")).content.decode()
    assert "No engagement was recorded in the last twelve months" not in body


def test_a_needs_filter_day_that_names_no_day_says_what_to_type(client_for, officer):
    response = client_for(officer).get(reverse("needs:need_list"), {"from": "12052024"})
    body = response.content.decode()
    assert "These digits can be read as more than one day" in body
    assert 'value="12052024"' in body and 'aria-invalid="true"' in body
    shown = boxes(client_for(officer).get(reverse("needs:need_list"), {"from": "2024-12-05"}))
    assert shown["from"] == "5 Dec 2024"
