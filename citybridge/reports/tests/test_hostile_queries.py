"""Query values no record has — ids past the database's integers, years and days at the
calendar's edges, NUL — answer with the page (the filter left out or a form error) or a 400,
never a server error. Found by walking every list page's filters with such values."""

from __future__ import annotations

import pytest
from django.urls import reverse

HUGE = "99999999999999999999999"
EDGES = ("0001-01-01", "9999-12-31")
CASES = [
    ("reports:home", {"start": "0001-01-01"}),
    ("reports:home", {"start": "9999-12-31"}),
    ("reports:home", {"end": "0001-01-01"}),
    ("reports:home", {"start": "0001-01-01", "end": "9999-12-31"}),
    ("reports:home", {"start": "2150-01-01"}),
    ("network:person_list", {"city": HUGE}),
    ("engagement:engagement_list", {"year": HUGE}),
    ("engagement:engagement_list", {"year": "0"}),
    ("needs:need_list", {"city": HUGE}),
    ("needs:need_list", {"from": "0001-01-01", "to": "9999-12-31"}),
    ("support:support_list", {"city": HUGE}),
    ("support:support_list", {"funder": HUGE}),
    ("support:support_pipeline", {"city": HUGE}),
    ("support:support_pipeline", {"funder": HUGE}),
    ("advocacy:advocacy_list", {"city": HUGE}),
    ("accounts:access_log", {"person": HUGE}),
]


@pytest.mark.parametrize(("name", "query"), CASES)
def test_hostile_query_values_are_no_server_error(client_for, hub_admin, name, query):
    response = client_for(hub_admin).get(reverse(name), query)
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize(
    "name", ["network:city_list", "practices:practice_list", "needs:consultation_list"]
)
def test_a_nul_in_the_query_is_a_400(client_for, hub_admin, name):
    response = client_for(hub_admin).get(reverse(name), {"country": "M\x00E", "kind": "a\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["reports:figures", "support:support_list", "accounts:access_log"])
@pytest.mark.parametrize("start", EDGES)
@pytest.mark.parametrize("end", EDGES)
def test_a_period_at_the_calendars_edges_is_a_form_error(client_for, hub_admin, name, start, end):
    response = client_for(hub_admin).get(reverse(name), {"start": start, "end": end})
    assert response.status_code in (200, 400)
    assert "Enter a date between 1900-01-01 and 2199-12-31." in response.content.decode()


def test_a_city_story_ending_on_29_february_starts_a_year_before(client_for, hub_admin, hub, city):
    hub.launched_on = None
    hub.save()
    url = reverse("reports:city_story", args=[city.pk])
    response = client_for(hub_admin).get(url, {"end": "2024-02-29"})
    assert response.status_code == 200
    assert response.context["start"].isoformat() == "2023-02-28"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_records_dated_at_the_calendars_edges_leave_the_home_page_working(
    client_for, hub_admin, hub, city, day
):
    """A date an import or an older form let through: the home page's default period and the
    period before it stay on the calendar."""
    import datetime as dt

    from citybridge.engagement.models import Engagement

    when = dt.date.fromisoformat(day)
    Engagement.objects.create(
        hub=hub,
        key="EDGE",
        title="Edge",
        kind=Engagement.Kind.CONSULTATION,
        starts_on=when,
        ends_on=when,
        host_city=city,
    )
    assert client_for(hub_admin).get(reverse("reports:home")).status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_engagement_at_the_calendars_edges_is_a_form_error(client_for, officer, hub, city, day):
    from citybridge.engagement.models import Engagement

    data = {
        "key": "EDGE",
        "title": "Edge",
        "kind": Engagement.Kind.CONSULTATION,
        "starts_on": day,
        "ends_on": day,
        "country": "ME",
        "host_city": city.pk,
    }
    response = client_for(officer).post(reverse("engagement:engagement_create"), data)
    assert response.status_code in (200, 400)
    assert "Enter a date between 1900-01-01 and 2199-12-31." in response.content.decode()
    assert not Engagement.objects.filter(key="EDGE").exists()


def date_fields_left_unbounded() -> list[str]:
    """Every form of the product whose date fields are not held to 1900-2199: a DayField, or a
    model form calling `bound_days(self)` (a date at the calendar's edges overflows later)."""
    import importlib
    import inspect
    import pkgutil

    from django import forms

    import citybridge
    from citybridge.lib.inputs import validate_day

    found = []
    for info in pkgutil.walk_packages(citybridge.__path__, "citybridge."):
        if not info.name.endswith("forms") or ".tests" in info.name:
            continue
        module = importlib.import_module(info.name)
        for name, form in vars(module).items():
            if not (inspect.isclass(form) and issubclass(form, (forms.Form, forms.ModelForm))):
                continue
            if form.__module__ != module.__name__:
                continue
            unbounded = [
                field
                for field, kind in form.base_fields.items()
                if isinstance(kind, forms.DateField) and validate_day not in kind.validators
            ]
            calls = any(
                "bound_days(self)" in inspect.getsource(cls)
                for cls in form.__mro__
                if cls.__module__.startswith("citybridge")
            )
            if unbounded and not calls:
                found.append(f"{info.name}.{name}: {unbounded}")
    return found


def test_every_forms_dates_are_held_to_the_calendar_the_product_can_count():
    assert date_fields_left_unbounded() == []


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_support_action_at_the_calendars_edges_is_a_form_error(
    client_for, officer, hub, city, day
):
    from citybridge.support.models import SupportAction

    data = {"title": "Edge", "kind": "hub_guidance", "city": city.pk, "starts_on": day}
    response = client_for(officer).post(reverse("support:support_create"), data)
    assert response.status_code in (200, 400)
    assert "Enter a date between 1900-01-01 and 2199-12-31." in response.content.decode()
    assert not SupportAction.objects.filter(title="Edge").exists()
