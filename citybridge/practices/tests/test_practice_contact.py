"""A practice's contact person: shown only to those who may see that person, and only with
their consent to be contacted; editing the practice from another hub keeps them."""

import datetime as dt

import pytest
from django.urls import reverse

from citybridge.accounts.models import Role
from citybridge.conftest import make_user
from citybridge.network.models import Person

NAME, EMAIL = "Ana Kontaktić", "ana.kontaktic@example.org"
THROUGH_THE_HUB = "Contact through the hub"


@pytest.fixture
def contact(hub, other_city) -> Person:
    return Person.objects.create(
        hub=hub,
        full_name=NAME,
        email=EMAIL,
        city=other_city,
        consent_contact=True,
        consent_recorded_on=dt.date(2024, 1, 10),
    )


@pytest.fixture
def practice_with_contact(practice, contact):
    practice.contact = contact
    practice.save()
    return practice


def detail(client, practice) -> str:
    response = client.get(reverse("practices:practice_detail", args=[practice.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_hub_officer_sees_the_contact(client_for, officer, practice_with_contact):
    body = detail(client_for(officer), practice_with_contact)
    assert NAME in body and EMAIL in body and THROUGH_THE_HUB not in body


def test_donors_experts_other_hubs_and_other_cities_are_sent_to_the_hub(
    client_for, hub, donor, focal, outsider, practice_with_contact
):
    hub.contact_email = "hub@citybridge.example"
    hub.save()
    expert = make_user("expert", hub, Role.Kind.EXPERT)
    for user in (donor, expert, outsider, focal):
        body = detail(client_for(user), practice_with_contact)
        assert NAME not in body and EMAIL not in body, user.username
        assert THROUGH_THE_HUB in body and "hub@citybridge.example" in body, user.username


def test_a_focal_point_sees_a_contact_of_their_own_city(
    client_for, focal, city, contact, practice_with_contact
):
    contact.city = city
    contact.save()
    assert NAME in detail(client_for(focal), practice_with_contact)


def test_without_consent_even_the_officer_is_sent_to_the_hub(
    client_for, officer, contact, practice_with_contact
):
    contact.consent_contact = False
    contact.save()
    body = detail(client_for(officer), practice_with_contact)
    assert NAME not in body and EMAIL not in body and THROUGH_THE_HUB in body


def edit_data(practice) -> dict:
    return {
        "title": "Youth Council, renamed",
        "summary": practice.summary,
        "origin_city_name": practice.origin_city_name,
        "origin_country": practice.origin_country_id,
        "themes": [t.pk for t in practice.themes.all()],
        "target_groups": [t.pk for t in practice.target_groups.all()],
        "evidence": practice.evidence,
        "human_rights_based": "on",
        "human_rights_reason": practice.human_rights_reason,
    }


def test_another_hubs_officer_editing_the_practice_keeps_the_contact(
    client_for, outsider, contact, practice_with_contact
):
    url = reverse("practices:practice_edit", args=[practice_with_contact.pk])
    client = client_for(outsider)
    form_page = client.get(url).content.decode()
    assert NAME not in form_page and "The contact person stays as they are" in form_page
    response = client.post(url, edit_data(practice_with_contact))
    assert response.status_code == 302
    practice_with_contact.refresh_from_db()
    assert practice_with_contact.title == "Youth Council, renamed"
    assert practice_with_contact.contact == contact


def test_an_officer_editing_keeps_a_contact_who_withdrew_consent(
    client_for, officer, contact, practice_with_contact
):
    contact.consent_contact = False
    contact.save()
    data = edit_data(practice_with_contact) | {"contact": contact.pk}
    url = reverse("practices:practice_edit", args=[practice_with_contact.pk])
    assert client_for(officer).post(url, data).status_code == 302
    practice_with_contact.refresh_from_db()
    assert practice_with_contact.contact == contact


def test_the_officer_can_still_choose_and_clear_the_contact(client_for, officer, contact, practice):
    url = reverse("practices:practice_edit", args=[practice.pk])
    client = client_for(officer)
    assert client.post(url, edit_data(practice) | {"contact": contact.pk}).status_code == 302
    practice.refresh_from_db()
    assert practice.contact == contact
    assert client.post(url, edit_data(practice)).status_code == 302
    practice.refresh_from_db()
    assert practice.contact is None
