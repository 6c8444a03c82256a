"""A support action recorded by mistake is withdrawn, never deleted: who, when and why are kept,
no count includes it any more, and a need it moved to being addressed is open again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citybridge.needs.models import Need
from citybridge.reports.briefs.assemble import assemble_brief
from citybridge.reports.dashboard import home_state
from citybridge.support.actions import (
    add_milestone,
    answer_need,
    move_support_status,
    save_support_action,
    withdraw_support_action,
)
from citybridge.support.models import Milestone, SupportAction
from citybridge.support.pipeline import pipeline_actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def mistake(hub, need, officer, make_support):
    """An action a match recorded for the need, which it moved to being addressed."""
    action = make_support(city=need.city, title="Deployed by accident")
    action.needs.add(need)
    answer_need(action, need, acting_user=officer)
    return action


def test_withdrawing_keeps_the_record_with_who_when_and_why(client_for, officer, mistake, need):
    url = reverse("support:support_withdraw", args=[mistake.pk])
    response = client_for(officer).post(url, {"withdraw-reason": "Clicked the wrong expert."})
    assert response.status_code == 302
    mistake.refresh_from_db()
    assert mistake.is_withdrawn and mistake.withdrawn_by == officer
    assert mistake.withdrawal_reason == "Clicked the wrong expert."
    assert SupportAction.objects.filter(pk=mistake.pk).exists()  # not deleted
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN  # the action had moved it: it goes back
    page = client_for(officer).get(reverse("support:support_detail", args=[mistake.pk]))
    html = page.content.decode()
    assert "Clicked the wrong expert." in html and "Withdrawn" in html
    assert reverse("support:support_withdraw", args=[mistake.pk]) not in html
    assert mistake.history.filter(withdrawn_at__isnull=False).exists()  # in the history too


def test_withdraw_needs_a_reason_rejects_get_and_refuses_others(
    client_for, officer, focal, donor, outsider, mistake
):
    url = reverse("support:support_withdraw", args=[mistake.pk])
    assert client_for(officer).get(url).status_code == 405
    response = client_for(officer).post(url, {"withdraw-reason": "  "})
    assert response.status_code == 400
    for user in (focal, donor, outsider):
        assert client_for(user).post(url, {"withdraw-reason": "Not mine."}).status_code == 404
    mistake.refresh_from_db()
    assert not mistake.is_withdrawn


def test_a_withdrawn_action_moves_no_more_and_is_withdrawn_once(officer, mistake):
    withdraw_support_action(mistake, reason="Duplicate.", acting_user=officer)
    with pytest.raises(ValidationError):
        withdraw_support_action(mistake, reason="Again.", acting_user=officer)
    with pytest.raises(ValidationError):
        move_support_status(
            mistake, SupportAction.Status.APPROVED, reason="Go.", acting_user=officer
        )
    assert SupportAction.objects.get(pk=mistake.pk).status == SupportAction.Status.REQUESTED


def test_the_need_stays_addressed_when_other_support_answers_it(
    officer, mistake, need, make_support
):
    other = make_support(city=need.city, title="The real deployment")
    other.needs.add(need)
    withdraw_support_action(mistake, reason="Duplicate.", acting_user=officer)
    need.refresh_from_db()
    assert need.status == Need.Status.BEING_ADDRESSED


def test_a_need_the_action_did_not_move_keeps_its_status(officer, need, make_support):
    Need.objects.filter(pk=need.pk).update(status=Need.Status.BEING_ADDRESSED)
    action = make_support(city=need.city)
    action.needs.add(need)
    withdraw_support_action(action, reason="Mistake.", acting_user=officer)
    need.refresh_from_db()
    assert need.status == Need.Status.BEING_ADDRESSED


def test_no_count_includes_a_withdrawn_action(client_for, officer, hub, city, make_support):
    """The pipeline, the list, the home's support under way, overdue milestones, the city page
    and the brief count support actions; none counts a withdrawn one."""
    kept = make_support(city=city, title="Kept grant", starts_on=dt.date(2024, 3, 1))
    gone = make_support(city=city, title="Withdrawn grant", starts_on=dt.date(2024, 3, 1))
    for action in (kept, gone):
        for to in (SupportAction.Status.APPROVED, SupportAction.Status.IN_PROGRESS):
            move_support_status(
                action, to, reason="Go.", acting_user=officer, effective_on=dt.date(2024, 3, 1)
            )
        Milestone.objects.create(action=action, title="Report", due_on=dt.date(2024, 4, 1))
    withdraw_support_action(gone, reason="Entered twice.", acting_user=officer)

    _state, counts = home_state(hub, dt.date(2025, 1, 1), with_reviews=False)
    assert counts.support_under_way["in_progress"] == 1
    assert counts.overdue == 1
    assert Milestone.objects.of_hub(hub).overdue(on=dt.date(2025, 1, 1)).count() == 1
    client = client_for(officer)
    listing = client.get(reverse("support:support_list")).content.decode()
    assert "Kept grant" in listing and "Withdrawn grant" not in listing
    withdrawn = client.get(reverse("support:support_list"), {"withdrawn": "1"})
    assert "Withdrawn grant" in withdrawn.content.decode()
    shown = client.get(reverse("support:support_list"), {"withdrawn": "1", "format": "csv"})
    assert (
        "Withdrawn grant" in shown.content.decode() and "Kept grant" not in shown.content.decode()
    )
    pipeline = client.get(reverse("support:support_pipeline"), {"format": "csv"})
    assert "Withdrawn grant" not in pipeline.content.decode()
    assert [
        a.title for a in pipeline_actions(SupportAction.objects.of_hub(hub).not_withdrawn())
    ] == ["Kept grant"]
    story = client.get(reverse("reports:city_story", args=[city.pk])).content.decode()
    assert "Kept grant" in story and "Withdrawn grant" not in story
    brief = assemble_brief(hub, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    told = " ".join(str(line.record) for s in brief.stories for line in s.lines)
    assert "Kept grant" in told and "Withdrawn grant" not in told
    assert "1 support action" in brief.support_summary


def test_a_withdrawn_action_refuses_its_edit_and_additions_by_url(client_for, officer, mistake):
    """Its edit, move, milestone and disbursement URLs, typed or from an old tab: a plain
    message on the action's page, and nothing changed."""
    milestone = Milestone.objects.create(action=mistake, title="Sign", due_on=dt.date(2023, 5, 1))
    withdraw_support_action(mistake, reason="Duplicate.", acting_user=officer)
    client = client_for(officer)
    detail = reverse("support:support_detail", args=[mistake.pk])
    attempts = [
        ("get", reverse("support:support_edit", args=[mistake.pk]), {}),
        ("post", reverse("support:support_edit", args=[mistake.pk]), {"title": "Renamed"}),
        ("post", reverse("support:support_move", args=[mistake.pk]), {"move-to": "approved"}),
        (
            "post",
            reverse("support:milestone_add", args=[mistake.pk]),
            {"milestone-title": "More", "milestone-due_on": "2023-06-01"},
        ),
        ("post", reverse("support:milestone_done", args=[milestone.pk]), {"done_on": "2023-05-01"}),
        (
            "post",
            reverse("support:disbursement_add", args=[mistake.pk]),
            {"disbursement-amount": "100", "disbursement-paid_on": "2023-05-01"},
        ),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data, follow=True)
        assert response.redirect_chain == [(detail, 302)], url
        assert "was withdrawn, so it can no longer be changed" in response.content.decode()
    mistake.refresh_from_db()
    assert mistake.title == "Deployed by accident"
    assert mistake.status == SupportAction.Status.REQUESTED
    assert list(mistake.milestones.values_list("title", "done_on")) == [("Sign", None)]
    assert not mistake.disbursements.exists()


def test_the_actions_refuse_changes_to_a_withdrawn_action(hub, officer, mistake):
    withdraw_support_action(mistake, reason="Duplicate.", acting_user=officer)
    mistake.title = "Renamed"
    with pytest.raises(ValidationError):
        save_support_action(mistake, hub=hub, acting_user=officer)
    with pytest.raises(ValidationError):
        add_milestone(
            Milestone(action=mistake, title="More", due_on=dt.date(2023, 6, 1)),
            acting_user=officer,
        )
    assert SupportAction.objects.get(pk=mistake.pk).title == "Deployed by accident"
