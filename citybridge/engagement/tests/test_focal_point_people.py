"""A focal point sees the people of their own city by name; at engagements their city took part
in, the others only as counts by city and role (issue #13, finding 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import Person, RoleKind

OWN = ("Jelena Domaca", "jelena.domaca@example.org")
GUEST = ("Goran Gostovic", "goran.gostovic@example.org")


@pytest.fixture
def roundtable(hub, city, other_city) -> Engagement:
    """Hosted by the focal point's city; the mayor of another city came too."""
    engagement = Engagement.objects.create(
        hub=hub,
        key="T7",
        title="Roundtable on the Local Safety Council",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=dt.date(2023, 7, 12),
        ends_on=dt.date(2023, 7, 12),
        host_city=city,
    )
    engagement.participating_cities.add(other_city)
    for row, place, role, (name, email) in (
        (1, city, RoleKind.MUNICIPAL_OFFICIAL, OWN),
        (2, other_city, RoleKind.MAYOR, GUEST),
    ):
        person = Person.objects.create(hub=hub, full_name=name, email=email, city=place)
        Attendance.objects.create(
            engagement=engagement,
            source_file="T7.csv",
            row_number=row,
            cells={"Name": name, "E-mail": email},
            full_name=name,
            email=email,
            role_kind=role,
            resolved_city=place,
            person=person,
        )
    return engagement


def test_a_focal_point_lists_only_their_own_citys_people(client_for, focal, roundtable):
    body = client_for(focal).get(reverse("network:person_list")).content.decode()
    assert OWN[0] in body
    assert GUEST[0] not in body and GUEST[1] not in body


def test_a_focal_point_cannot_open_a_guest_of_their_citys_engagement(client_for, focal, roundtable):
    guest = Person.objects.get(full_name=GUEST[0])
    client = client_for(focal)
    assert client.get(reverse("network:person_detail", args=[guest.pk])).status_code == 404


def test_a_focal_point_sees_the_other_participants_as_counts(client_for, focal, roundtable):
    response = client_for(focal).get(reverse("engagement:engagement_detail", args=[roundtable.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert OWN[0] in body
    assert GUEST[0] not in body and GUEST[1] not in body
    assert response.context["others"] == [
        {"city_name": "Drugovo", "role_kind": "mayor", "role": "Mayor", "n": 1}
    ]


def test_hub_staff_see_every_participant_by_name(client_for, officer, roundtable):
    response = client_for(officer).get(
        reverse("engagement:engagement_detail", args=[roundtable.pk])
    )
    body = response.content.decode()
    assert OWN[0] in body and GUEST[0] in body
    assert response.context["others"] == []
