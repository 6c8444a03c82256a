import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citybridge.support.actions import add_milestone
from citybridge.support.models import Milestone, SupportAction


def test_add_milestone_works(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).post(
        reverse("support:milestone_add", args=[action.pk]),
        {"title": "Draft the council's statute", "due_on": "2023-05-01"},
    )
    assert response.status_code == 302
    assert action.milestones.get().title == "Draft the council's statute"


def test_add_milestone_rejects_get(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).get(reverse("support:milestone_add", args=[action.pk]))
    assert response.status_code == 405


def test_add_milestone_refuses_the_outsider(client_for, outsider, make_support, city):
    action = make_support(city=city)
    response = client_for(outsider).post(
        reverse("support:milestone_add", args=[action.pk]),
        {"title": "Sneaky", "due_on": "2023-05-01"},
    )
    assert response.status_code == 404
    assert not Milestone.objects.exists()


def test_a_milestone_due_before_the_start_is_refused(client_for, officer, make_support, city):
    action = make_support(city=city, starts_on=dt.date(2023, 3, 1))
    response = client_for(officer).post(
        reverse("support:milestone_add", args=[action.pk]),
        {"title": "Too early", "due_on": "2023-02-01"},
    )
    assert response.status_code == 400
    assert "cannot be due before the action starts (1 Mar 2023)" in response.content.decode()
    assert not Milestone.objects.exists()
    with pytest.raises(ValidationError):
        add_milestone(
            Milestone(action=action, title="Too early", due_on=dt.date(2023, 2, 1)),
            acting_user=None,
        )
    assert not Milestone.objects.exists()


def test_overdue_lists_open_milestones_due_before_the_day(hub, make_support, city, other_city):
    going = make_support(city=city, status=SupportAction.Status.IN_PROGRESS)
    finished = make_support(city=other_city, status=SupportAction.Status.COMPLETED)
    late = Milestone.objects.create(action=going, title="Late", due_on=dt.date(2023, 4, 1))
    Milestone.objects.create(
        action=going, title="Done", due_on=dt.date(2023, 4, 1), done_on=dt.date(2023, 4, 2)
    )
    Milestone.objects.create(action=going, title="Not yet", due_on=dt.date(2023, 9, 1))
    Milestone.objects.create(action=finished, title="Moot", due_on=dt.date(2023, 4, 1))
    overdue = Milestone.objects.overdue(on=dt.date(2023, 6, 1)).of_hub(hub)
    assert list(overdue) == [late]
    assert late.is_overdue_on(dt.date(2023, 6, 1))


def test_overdue_page_for_staff(client_for, officer, focal, make_support, city):
    going = make_support(city=city, status=SupportAction.Status.IN_PROGRESS)
    Milestone.objects.create(action=going, title="Statute drafted", due_on=dt.date(2023, 4, 1))
    body = client_for(officer).get(reverse("support:milestone_overdue")).content.decode()
    assert "Statute drafted" in body
    assert client_for(focal).get(reverse("support:milestone_overdue")).status_code == 404


def test_mark_a_milestone_done(client_for, officer, make_support, city):
    action = make_support(city=city)
    milestone = Milestone.objects.create(action=action, title="M", due_on=dt.date(2023, 4, 1))
    response = client_for(officer).post(
        reverse("support:milestone_done", args=[milestone.pk]), {"done_on": "2023-04-03"}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2023, 4, 3)


def test_mark_done_rejects_get_and_refuses_the_outsider(client_for, outsider, make_support, city):
    action = make_support(city=city)
    milestone = Milestone.objects.create(action=action, title="M", due_on=dt.date(2023, 4, 1))
    url = reverse("support:milestone_done", args=[milestone.pk])
    assert client_for(outsider).post(url, {"done_on": "2023-04-03"}).status_code == 404
    assert client_for(outsider).get(url).status_code == 405
    milestone.refresh_from_db()
    assert milestone.done_on is None
