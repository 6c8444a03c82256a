"""A role counts only in its own hub (issue #13, finding 1).

The two-hub users: hub admin (or officer) of Elsewhere Hub, their first hub by name, and focal
point of Testgrad in the Western Balkans hub. Working there, this hub's records are out of their
reach; working here, they are a focal point and nothing more.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from citybridge.accounts.models import Role
from citybridge.accounts.scopes import Scope
from citybridge.conftest import make_user
from citybridge.engagement.models import Engagement
from citybridge.network.actions import save_person
from citybridge.network.models import Hub, Person
from citybridge.support.models import SupportAction


@pytest.fixture
def elsewhere(outsider) -> Hub:
    return Hub.objects.get(slug="elsewhere")


def two_hub_user(username: str, kind: str, elsewhere: Hub, hub: Hub, city):
    user = make_user(username, elsewhere, kind)
    Role.objects.create(user=user, hub=hub, kind=Role.Kind.FOCAL_POINT, city=city)
    return user


@pytest.fixture
def admin_there(elsewhere, hub, city):
    return two_hub_user("admin-there", Role.Kind.HUB_ADMIN, elsewhere, hub, city)


@pytest.fixture
def officer_there(elsewhere, hub, city):
    return two_hub_user("officer-there", Role.Kind.OFFICER, elsewhere, hub, city)


@pytest.fixture
def neighbour(hub, city) -> Person:
    """A person of the focal point's own city: the one they see by name, and nothing more."""
    return Person.objects.create(
        hub=hub, full_name="Danica Susjedova", email="danica@example.org", city=city
    )


def work_in(client, hub: Hub) -> None:
    response = client.post(reverse("network:hub_choose"), {"hub": hub.pk})
    assert (response.status_code, response["Location"]) == (302, reverse("reports:home"))


def test_a_two_hub_user_chooses_the_hub_they_work_in(client_for, admin_there, neighbour, hub):
    client = client_for(admin_there)
    assert neighbour.full_name not in client.get(reverse("network:person_list")).content.decode()
    work_in(client, hub)
    page = client.get(reverse("network:person_list")).content.decode()
    assert neighbour.full_name in page
    assert client.session["hub_id"] == hub.pk


def test_choosing_a_hub_rejects_get(client_for, admin_there, hub):
    client = client_for(admin_there)
    assert client.get(reverse("network:hub_choose"), {"hub": hub.pk}).status_code == 405
    assert "hub_id" not in client.session


def test_nobody_chooses_a_hub_they_have_no_role_in(client_for, outsider, hub):
    client = client_for(outsider)
    assert client.post(reverse("network:hub_choose"), {"hub": hub.pk}).status_code == 404
    assert "hub_id" not in client.session


def test_a_hub_admin_elsewhere_cannot_export_or_erase_a_person_here(
    client_for, admin_there, neighbour
):
    client = client_for(admin_there)
    export = client.get(reverse("network:person_export", args=[neighbour.pk]) + "?format=json")
    erase = client.post(reverse("network:person_erase", args=[neighbour.pk]), {"confirm": "erase"})
    assert (export.status_code, erase.status_code) == (404, 404)
    neighbour.refresh_from_db()
    assert neighbour.full_name == "Danica Susjedova" and not neighbour.is_pseudonymised


def test_a_hub_admin_elsewhere_cannot_move_a_person_into_their_hub(
    client_for, admin_there, neighbour, hub
):
    response = client_for(admin_there).post(
        reverse("network:person_edit", args=[neighbour.pk]), {"full_name": "Moved Away"}
    )
    assert response.status_code == 404
    neighbour.refresh_from_db()
    assert (neighbour.hub_id, neighbour.full_name) == (hub.pk, "Danica Susjedova")


def test_working_here_the_hub_admin_elsewhere_is_a_focal_point(
    client_for, admin_there, neighbour, hub
):
    client = client_for(admin_there)
    work_in(client, hub)
    detail = client.get(reverse("network:person_detail", args=[neighbour.pk]))
    export = client.get(reverse("network:person_export", args=[neighbour.pk]))
    edit = client.post(
        reverse("network:person_edit", args=[neighbour.pk]), {"full_name": "Moved Away"}
    )
    assert (detail.status_code, export.status_code, edit.status_code) == (200, 404, 404)
    neighbour.refresh_from_db()
    assert (neighbour.hub_id, neighbour.full_name) == (hub.pk, "Danica Susjedova")


def test_an_officer_elsewhere_cannot_open_this_hubs_edit_pages(
    client_for, officer_there, neighbour, hub, city
):
    engagement = Engagement.objects.create(
        hub=hub,
        key="T1",
        title="Roundtable in Testgrad",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=dt.date(2023, 7, 1),
        ends_on=dt.date(2023, 7, 1),
        host_city=city,
    )
    support = SupportAction.objects.create(
        hub=hub, title="A Local Safety Council", kind=SupportAction.Kind.GUIDANCE, city=city
    )
    client = client_for(officer_there)
    for hub_worked_in in (None, hub):
        if hub_worked_in:
            work_in(client, hub_worked_in)
        for url in (
            reverse("network:person_edit", args=[neighbour.pk]),
            reverse("engagement:engagement_edit", args=[engagement.pk]),
            reverse("support:support_edit", args=[support.pk]),
        ):
            assert client.get(url).status_code == 404, (hub_worked_in, url)


def test_a_save_never_moves_a_record_to_another_hub(neighbour, elsewhere, hub):
    with pytest.raises(ValueError, match="another hub"):
        save_person(neighbour, hub=elsewhere, acting_user=None)
    neighbour.refresh_from_db()
    assert neighbour.hub_id == hub.pk


def test_a_scope_within_a_hub_keeps_only_that_hubs_roles():
    scope = Scope(admin_hubs=frozenset({1}), focal_cities={2: frozenset({7})})
    assert scope.within(1) == Scope(admin_hubs=frozenset({1}))
    assert scope.within(2) == Scope(focal_cities={2: frozenset({7})})
    assert not scope.within(2).is_admin_of(1) and not scope.within(3).hubs
