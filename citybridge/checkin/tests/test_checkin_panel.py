"""The officer's check-in: open, close, kiosk, the live arrivals, spam removed."""

import pytest
from django.test import Client
from django.urls import reverse

from citybridge.checkin.actions import record_arrival
from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.models import CheckIn
from citybridge.checkin.tests.conftest import answers
from citybridge.engagement.models import Attendance


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def arrive(check_in, name: str, **extra):
    form = ArrivalForm(answers(name, **extra))
    assert form.is_valid(), form.errors
    return record_arrival(check_in, form.answers("en"))[0]


def test_the_officer_opens_check_in_and_gets_a_link_and_qr(engagement, officer):
    client = signed_in(officer)
    response = client.post(reverse("checkin:checkin_open", args=[engagement.pk]), {"hours": 2})
    assert response.status_code == 302
    check_in = CheckIn.objects.get(engagement=engagement)
    assert check_in.is_open()
    page = client.get(reverse("checkin:checkin_panel", args=[engagement.pk])).content.decode()
    assert f"/c/{check_in.token}/" in page
    assert "<svg" in page


def test_opening_rejects_get(engagement, officer):
    response = signed_in(officer).get(reverse("checkin:checkin_open", args=[engagement.pk]))
    assert response.status_code == 405
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "focal", "donor"])
def test_opening_refuses_those_who_may_not(engagement, who, request):
    user = request.getfixturevalue(who)
    response = signed_in(user).post(
        reverse("checkin:checkin_open", args=[engagement.pk]), {"hours": 2}
    )
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_closing_and_reopening_keep_the_link(check_in, officer):
    client = signed_in(officer)
    pk = check_in.engagement_id
    client.post(reverse("checkin:checkin_close", args=[pk]))
    check_in.refresh_from_db()
    assert not check_in.is_open()
    client.post(reverse("checkin:checkin_open", args=[pk]), {"hours": 1})
    reopened = CheckIn.objects.get(pk=check_in.pk)
    assert reopened.is_open() and reopened.token == check_in.token


def test_closing_refuses_the_outsider(check_in, outsider):
    signed_in(outsider).post(reverse("checkin:checkin_close", args=[check_in.engagement_id]))
    check_in.refresh_from_db()
    assert check_in.is_open()


def test_the_arrivals_count_by_city_gender_and_role_and_name_for_staff(check_in, officer):
    arrive(check_in, "Milica Petrović", gender="female", position="Gradonačelnica")
    arrive(check_in, "Arben Krasniqi", gender="male", city="Drugovo", position="Policija")
    arrive(check_in, "Jelena Ilić", gender="")
    page = signed_in(officer).get(
        reverse("checkin:checkin_arrivals", args=[check_in.engagement_id])
    )
    text = page.content.decode()
    assert "3 people checked in." in text
    assert "Testgrad" in text and "Drugovo" in text
    assert "Prefer not to say" in text and "Woman" in text and "Man" in text
    assert "Mayor" in text
    assert "Arben Krasniqi" in text


def test_the_arrivals_are_nobody_elses(check_in, focal, donor, outsider):
    arrive(check_in, "Milica Petrović")
    url = reverse("checkin:checkin_arrivals", args=[check_in.engagement_id])
    for user in (focal, donor, outsider):
        assert signed_in(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the sign-in page


def test_spam_is_removed_and_its_retry_stays_out(check_in, officer):
    arrival = arrive(check_in, "Buy Cheap Watches")
    response = signed_in(officer).post(reverse("checkin:arrival_remove", args=[arrival.pk]))
    assert response.status_code == 302
    assert not Attendance.objects.exists()
    arrival.refresh_from_db()
    assert arrival.removed_at is not None and arrival.removed_by == officer
    form = ArrivalForm(answers("Buy Cheap Watches", uuid=str(arrival.uuid)))
    assert form.is_valid()
    record_arrival(check_in, form.answers("en"))
    assert not Attendance.objects.exists()


def test_removing_rejects_get_and_the_outsider(check_in, officer, outsider):
    arrival = arrive(check_in, "Milica Petrović")
    url = reverse("checkin:arrival_remove", args=[arrival.pk])
    assert signed_in(officer).get(url).status_code == 405
    assert signed_in(outsider).post(url).status_code == 404
    assert Attendance.objects.count() == 1


def test_kiosk_mode_signs_the_officer_out_and_leaves_with_the_pin(check_in, officer):
    client = signed_in(officer)
    pk = check_in.engagement_id
    client.post(reverse("checkin:checkin_pin", args=[pk]), {"pin": "4321"})
    response = client.post(reverse("checkin:checkin_kiosk", args=[pk]))
    assert response["Location"] == reverse("checkin:checkin_form", args=[check_in.token])
    assert client.get(reverse("checkin:checkin_panel", args=[pk])).status_code == 302
    form = client.get(response["Location"]).content.decode()
    assert "checkin-kiosk" in form and "Leave kiosk mode" in form
    leave = reverse("checkin:kiosk_leave", args=[check_in.token])
    assert "not the PIN" in client.post(leave, {"pin": "0000"}).content.decode()
    assert client.post(leave, {"pin": "4321"})["Location"] == reverse("accounts:login")
    assert "checkin-kiosk" not in client.get(response["Location"]).content.decode()


def test_the_kiosk_pin_is_kept_hashed(check_in, officer):
    signed_in(officer).post(
        reverse("checkin:checkin_pin", args=[check_in.engagement_id]), {"pin": "4321"}
    )
    check_in.refresh_from_db()
    assert check_in.kiosk_pin and "4321" not in check_in.kiosk_pin
