"""A city focal point's home is their city: its figures, needs, support, next engagements and
what the hub asks of them; nothing of another city, and none of the hub-wide figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.support.actions import move_support_status, save_support_action
from citybridge.support.models import Milestone, SupportAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_work(hub, officer, city, other_city, need, youth):
    """The focal point's city: a need answered by support under way with a late milestone, a
    need nobody answers yet, an engagement ahead. The other city: a need and late support."""
    today = timezone.localdate()
    unanswered = Need.objects.create(
        hub=hub, city=city, theme=youth, statement="Youth council has no room.", raised_on=today
    )
    answered = save_support_action(
        SupportAction(title="Council secretariat", kind=SupportAction.Kind.GUIDANCE, city=city),
        hub=hub,
        needs=[need],
        acting_user=officer,
    )
    move_support_status(answered, "approved", reason="Agreed.", acting_user=officer)
    Milestone.objects.create(action=answered, title="First report", due_on=today.replace(day=1))
    theirs = save_support_action(
        SupportAction(title="Elsewhere grant", kind=SupportAction.Kind.GUIDANCE, city=other_city),
        hub=hub,
        acting_user=officer,
    )
    move_support_status(theirs, "approved", reason="Agreed.", acting_user=officer)
    Milestone.objects.create(action=theirs, title="Their late report", due_on=dt.date(2024, 1, 1))
    Need.objects.create(
        hub=hub, city=other_city, theme=youth, statement="Not yours.", raised_on=today
    )
    ahead = Engagement.objects.create(
        hub=hub,
        key="T90",
        title="Roundtable ahead",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=today + dt.timedelta(days=20),
        ends_on=today + dt.timedelta(days=20),
        host_city=city,
    )
    return {"unanswered": unanswered, "answered": answered, "ahead": ahead}


def test_the_focal_points_home_is_their_city(client_for, focal, city, need, city_work):
    response = client_for(focal).get(reverse("reports:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Testgrad" in html
    assert "What the hub asks of you" in html
    assert "First report" in html  # the late milestone of the city's support
    assert "Youth council has no room." in html  # open, and no support answers it
    assert "Council secretariat" in html and "Roundtable ahead" in html
    assert need.statement[:30] in html
    # Nothing of the other city, and none of the hub's own figures.
    for hidden in ("Their late report", "Not yours.", "Elsewhere grant", "Drugovo"):
        assert hidden not in html, hidden
    assert "Individual stakeholders engaged" not in html
    assert "Member cities" not in html
    figures = response.context["homes"][0].figures
    assert (figures.needs_open, figures.support_under_way, figures.engagements) == (2, 1, 2)


def test_the_officer_keeps_the_hubs_dashboard(client_for, officer, city_work):
    html = client_for(officer).get(reverse("reports:home")).content.decode()
    assert "Individual stakeholders engaged" in html
    assert "What the hub asks of you" not in html


def test_the_home_refuses_an_outsider(client, client_for, outsider):
    assert client.get(reverse("reports:home")).status_code == 302  # to sign in
    response = client_for(outsider).get(reverse("reports:home"))
    assert "What the hub asks of you" not in response.content.decode()


def test_the_focal_points_needs_page_has_no_country_or_city_filter(
    client_for, focal, officer, need
):
    html = client_for(focal).get(reverse("needs:need_list")).content.decode()
    assert 'name="country"' not in html and 'name="city"' not in html
    assert 'name="theme"' in html and 'name="status"' in html
    html = client_for(officer).get(reverse("needs:need_list")).content.decode()
    assert 'name="country"' in html and 'name="city"' in html
