import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citybridge.support.actions import move_support_status
from citybridge.support.models import StatusChange, SupportAction

Status = SupportAction.Status


def test_a_new_action_is_requested_and_that_is_recorded(make_support, city, officer):
    action = make_support(city=city)
    assert action.status == Status.REQUESTED
    first = action.status_changes.get()
    assert (first.from_status, first.to_status, first.changed_by) == ("", Status.REQUESTED, officer)
    assert first.effective_on == dt.date(2023, 3, 1)
    assert first.reason == "", "stored without words: the page says it in its reader's language"


@pytest.mark.parametrize(("language", "words"), [("en", "Recorded."), ("sr", "Евидентирано.")])
def test_the_first_change_reads_recorded_in_the_readers_language(
    client_for, make_support, city, officer, language, words
):
    action = make_support(city=city)
    client = client_for(officer)
    client.cookies["django_language"] = language
    page = client.get(reverse("support:support_detail", args=[action.pk]))
    assert f"<td>{words}</td>" in page.content.decode()


def test_status_moves_along_the_workflow_with_who_when_why(make_support, city, officer):
    action = make_support(city=city)
    move_support_status(
        action, Status.APPROVED, reason="Mayor's letter received.", acting_user=officer
    )
    action.refresh_from_db()
    assert action.status == Status.APPROVED
    change = action.status_changes.last()
    assert (change.from_status, change.to_status) == (Status.REQUESTED, Status.APPROVED)
    assert change.reason == "Mayor's letter received."
    assert change.changed_by == officer and change.changed_at is not None


def test_a_move_off_the_workflow_is_refused_and_nothing_changes(make_support, city, officer):
    action = make_support(city=city)
    with pytest.raises(ValidationError, match="cannot move to Completed"):
        move_support_status(action, Status.COMPLETED, reason="Done.", acting_user=officer)
    action.refresh_from_db()
    assert action.status == Status.REQUESTED
    assert action.status_changes.count() == 1


def test_a_final_status_moves_nowhere(make_support, city, officer):
    action = make_support(city=city, status=Status.DECLINED)
    assert action.next_statuses() == []
    with pytest.raises(ValidationError, match="final"):
        move_support_status(action, Status.APPROVED, reason="Again.", acting_user=officer)


def test_a_move_needs_a_reason(make_support, city, officer):
    action = make_support(city=city)
    with pytest.raises(ValidationError):
        move_support_status(action, Status.APPROVED, reason="  ", acting_user=officer)
    assert SupportAction.objects.get(pk=action.pk).status == Status.REQUESTED


def test_a_move_cannot_predate_the_previous_one(make_support, city, officer):
    action = make_support(city=city)
    with pytest.raises(ValidationError, match="before the previous one"):
        move_support_status(
            action,
            Status.APPROVED,
            reason="Backdated.",
            acting_user=officer,
            effective_on=dt.date(2023, 1, 1),
        )
    assert StatusChange.objects.filter(action=action).count() == 1


def test_move_page_works(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).post(
        reverse("support:support_move", args=[action.pk]),
        {"to": Status.APPROVED, "reason": "Council agreed."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.APPROVED
    assert action.status_changes.last().reason == "Council agreed."


def test_move_page_shows_why_a_bad_move_is_refused(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).post(
        reverse("support:support_move", args=[action.pk]),
        {"to": Status.COMPLETED, "reason": "Skipping ahead."},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "cannot move to Completed" in body and "Approved, Declined, Cancelled" in body
    action.refresh_from_db()
    assert action.status == Status.REQUESTED


def test_move_page_rejects_get(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).get(reverse("support:support_move", args=[action.pk]))
    assert response.status_code == 405


def test_move_page_refuses_the_outsider_and_the_focal_point(
    client_for, outsider, focal, make_support, city
):
    action = make_support(city=city)
    for user in (outsider, focal):
        response = client_for(user).post(
            reverse("support:support_move", args=[action.pk]),
            {"to": Status.APPROVED, "reason": "Sneaky."},
        )
        assert response.status_code == 404
    assert SupportAction.objects.get(pk=action.pk).status == Status.REQUESTED
