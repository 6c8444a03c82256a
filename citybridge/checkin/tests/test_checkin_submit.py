"""A participant's check-in: one attendance row, resolved like a sheet's, consent recorded."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citybridge.checkin.actions import close_check_in
from citybridge.checkin.models import SOURCE, Arrival
from citybridge.checkin.tests.conftest import answers
from citybridge.engagement.models import Attendance
from citybridge.network.models import Person

JSON = {"HTTP_ACCEPT": "application/json"}


def send(check_in, data, client=None, **headers):
    client = client or Client()
    url = reverse("checkin:checkin_submit", args=[check_in.token])
    return client.post(url, data, **headers)


def test_a_submission_becomes_an_attendance_row_resolved_to_a_person(check_in, city):
    data = answers(consent_contact="on", consent_quote="on")
    response = send(check_in, data, **JSON)
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    row = Attendance.objects.get(engagement=check_in.engagement)
    assert row.source_file == SOURCE
    assert row.row_number == 1
    assert row.full_name == "Milica Petrović"
    assert row.cells["Position"] == "Savjetnica"
    assert row.resolved_city == city
    assert row.submission_keys == [data["uuid"]]
    person = row.person
    assert person is not None and person.full_name == "Milica Petrović"
    assert person.consent_contact and person.consent_quote and not person.consent_photo
    assert person.consent_recorded_on == timezone.localdate()
    assert "privacy notice 2026-12-07" in person.consent_how
    arrival = Arrival.objects.get()
    assert arrival.attendance == row and arrival.notice_version == "2026-12-07"


def test_a_plain_form_post_is_sent_to_the_thank_you_page(check_in):
    response = send(check_in, answers(), client=Client())
    assert response.status_code == 302
    assert reverse("checkin:checkin_thanks", args=[check_in.token]) in response["Location"]
    assert Attendance.objects.count() == 1


def test_the_same_submission_twice_makes_one_row(check_in):
    data = answers()
    assert send(check_in, data, **JSON).status_code == 200
    assert send(check_in, data, **JSON).status_code == 200
    assert Attendance.objects.count() == 1
    assert Arrival.objects.count() == 1


def test_the_same_person_twice_is_one_person_in_two_scripts(check_in):
    send(check_in, answers("Dragan Jovanović", position="Gradonačelnik"), **JSON)
    send(check_in, answers("Драган Јовановић", position="Градоначелник"), **JSON)
    rows = Attendance.objects.filter(engagement=check_in.engagement)
    assert [r.row_number for r in rows] == [1, 2]
    assert len({r.person_id for r in rows}) == 1


def test_a_closed_check_in_refuses_and_stores_nothing(check_in, officer):
    close_check_in(check_in, acting_user=officer)
    response = send(check_in, answers(), **JSON)
    assert response.status_code == 410
    assert Client().get(reverse("checkin:checkin_form", args=[check_in.token])).status_code == 410
    assert not Attendance.objects.exists()


def test_a_window_not_yet_open_refuses(check_in):
    check_in.opens_at = timezone.now() + dt.timedelta(hours=1)
    check_in.save()
    assert send(check_in, answers(), **JSON).status_code == 410


def test_an_unknown_link_is_a_404(db):
    url = reverse("checkin:checkin_submit", args=["nosuchlink"])
    assert Client().post(url, answers()).status_code == 404
    assert Client().get(reverse("checkin:checkin_form", args=["nosuchlink"])).status_code == 404


def test_the_honeypot_answers_like_a_person_and_stores_nothing(check_in):
    response = send(check_in, answers(website="http://spam.example"), **JSON)
    assert response.status_code == 200
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", "<script>alert(1)</script>"),
        ("city", "javascript:alert(1)"),
        ("name", "x" * 151),
        ("name", ""),
        ("email", "not an address"),
        ("uuid", "not-a-uuid"),
    ],
)
def test_scripted_or_oversized_answers_are_refused_plainly(check_in, field, value):
    response = send(check_in, answers(**{field: value}), **JSON)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Attendance.objects.exists()


def test_a_body_too_large_is_refused(check_in):
    response = send(check_in, answers(organisation="x" * 9000), **JSON)
    assert response.status_code == 413
    assert not Attendance.objects.exists()


def test_the_rate_limit_per_address_keeps_the_rest_for_later(check_in, monkeypatch):
    from citybridge.checkin import limits
    from citybridge.lib import rates

    monkeypatch.setattr(limits, "PER_ADDRESS", 3)
    monkeypatch.setattr(rates, "clock", lambda: 1_800_000_000.0)  # one minute throughout
    statuses = [send(check_in, answers(f"Person {i}"), **JSON) for i in range(5)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
    assert statuses[-1]["Retry-After"] == "60"
    assert Attendance.objects.count() == 3


def test_the_rate_limit_per_engagement_counts_every_address(check_in, monkeypatch):
    from citybridge.checkin import limits
    from citybridge.lib import rates

    monkeypatch.setattr(limits, "PER_ENGAGEMENT", 2)
    monkeypatch.setattr(rates, "clock", lambda: 1_800_000_000.0)
    statuses = [
        send(check_in, answers(f"Person {i}"), REMOTE_ADDR=f"10.0.0.{i}", **JSON).status_code
        for i in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_the_answer_reveals_nothing_about_who_is_registered(check_in, hub, city):
    Person.objects.create(hub=hub, full_name="Milica Petrović", city=city)
    known = send(check_in, answers("Milica Petrović"), **JSON)
    new = send(check_in, answers("Zorica Novaković"), **JSON)
    assert known.status_code == new.status_code == 200
    assert known.content == new.content
    thanks = Client().get(reverse("checkin:checkin_thanks", args=[check_in.token]))
    assert b"Milica" not in thanks.content and b"Zorica" not in thanks.content


def test_an_unticked_consent_withdraws_nothing(check_in):
    send(check_in, answers(consent_photo="on"), **JSON)
    send(check_in, answers(), **JSON)
    person = Person.objects.get()
    assert person.consent_photo


def test_the_form_speaks_the_language_asked_for(check_in):
    page = Client().get(reverse("checkin:checkin_form", args=[check_in.token]) + "?lang=sr")
    assert page.status_code == 200
    assert '<html lang="sr-Cyrl">' in page.content.decode()
    assert "Тестград" in page.content.decode()  # the city box's suggestions, every script


def test_the_service_worker_is_served_for_the_check_in_links(db):
    response = Client().get(reverse("checkin:service_worker"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/c/"
    assert "Content-Security-Policy" in response
