from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citybridge.network.models import Organisation, Theme
from citybridge.support.actions import save_support_action
from citybridge.support.models import SupportAction


def grant_form(recipient, **extra):
    data = {
        "title": "  Youth  centre grant ",
        "kind": "grant",
        "city": recipient.pk,
        "starts_on": "2023-06-01",
        "amount": "15000",
        "currency": "eur",
    }
    data.update(extra)
    return data


def test_record_support_works(client_for, officer, city):
    theme = Theme.objects.get(slug="youth-engagement")
    response = client_for(officer).post(
        reverse("support:support_create"), grant_form(city, themes=[theme.pk])
    )
    action = SupportAction.objects.get()
    assert response.status_code == 302
    assert (action.title, action.amount, action.currency) == (
        "Youth centre grant",
        Decimal("15000"),
        "EUR",
    )
    assert action.status == SupportAction.Status.REQUESTED
    assert list(action.themes.all()) == [theme]
    assert action.status_changes.count() == 1


def test_record_support_page_shows_the_form(client_for, officer):
    response = client_for(officer).get(reverse("support:support_create"))
    assert response.status_code == 200 and 'name="currency"' in response.content.decode()


def test_record_support_refuses_the_outsider_and_the_donor(client_for, outsider, donor, city):
    response = client_for(donor).post(reverse("support:support_create"), grant_form(city))
    assert response.status_code == 404
    # The outsider is an officer elsewhere: their form offers only their own hub's cities.
    response = client_for(outsider).post(reverse("support:support_create"), grant_form(city))
    assert "Select a valid choice" in response.content.decode()
    assert not SupportAction.objects.exists()


def test_an_amount_without_a_currency_is_refused(client_for, officer, city):
    response = client_for(officer).post(
        reverse("support:support_create"), grant_form(city, currency="")
    )
    assert response.status_code == 200
    assert "Enter the currency of the amount, e.g. EUR." in response.content.decode()
    assert not SupportAction.objects.exists()


def test_the_action_itself_refuses_an_amount_without_a_currency(hub, officer, city):
    with pytest.raises(ValidationError) as error:
        save_support_action(
            SupportAction(title="Grant", kind="grant", city=city, amount=Decimal(100)),
            hub=hub,
            acting_user=officer,
        )
    assert "currency" in error.value.message_dict
    assert not SupportAction.objects.exists()


def test_only_a_grant_has_an_amount(client_for, officer, city):
    response = client_for(officer).post(
        reverse("support:support_create"), grant_form(city, kind="guidance")
    )
    assert "Only a Technical Support Fund grant has an amount." in response.content.decode()
    assert not SupportAction.objects.exists()


def test_support_needs_a_city_or_a_government(client_for, officer, city):
    response = client_for(officer).post(
        reverse("support:support_create"), grant_form(city, city="")
    )
    assert "Choose the city or the government that is supported." in response.content.decode()
    assert not SupportAction.objects.exists()


def test_a_government_can_be_supported(client_for, officer):
    government = Organisation.objects.create(
        name="Government of Testland Entity", kind=Organisation.Kind.GOVERNMENT, country_id="BA"
    )
    response = client_for(officer).post(
        reverse("support:support_create"),
        {"title": "P/CVE action plan", "kind": "action_plan", "organisation": government.pk},
    )
    assert response.status_code == 302
    assert SupportAction.objects.get().recipient == government


def test_editing_never_changes_the_status(client_for, officer, make_support, city):
    action = make_support(city=city, status=SupportAction.Status.APPROVED)
    client_for(officer).post(
        reverse("support:support_edit", args=[action.pk]),
        {"title": "Renamed", "kind": "guidance", "city": city.pk, "status": "completed"},
    )
    action.refresh_from_db()
    assert (action.title, action.status) == ("Renamed", SupportAction.Status.APPROVED)
