import datetime as dt
from decimal import Decimal

from django.urls import reverse

from citybridge.support.models import Disbursement, SupportAction


def grant(make_support, city):
    return make_support(
        city=city,
        kind=SupportAction.Kind.GRANT,
        status=SupportAction.Status.APPROVED,
        amount=Decimal("10000"),
        currency="EUR",
    )


def test_record_a_disbursement_works(client_for, officer, make_support, city):
    action = grant(make_support, city)
    response = client_for(officer).post(
        reverse("support:disbursement_add", args=[action.pk]),
        {"amount": "4000", "paid_on": "2023-04-01"},
    )
    assert response.status_code == 302
    assert action.disbursed() == Decimal("4000")
    assert action.remaining() == Decimal("6000")


def test_record_a_disbursement_rejects_get(client_for, officer, make_support, city):
    action = grant(make_support, city)
    url = reverse("support:disbursement_add", args=[action.pk])
    assert client_for(officer).get(url).status_code == 405


def test_record_a_disbursement_refuses_the_outsider(client_for, outsider, make_support, city):
    action = grant(make_support, city)
    response = client_for(outsider).post(
        reverse("support:disbursement_add", args=[action.pk]),
        {"amount": "4000", "paid_on": "2023-04-01"},
    )
    assert response.status_code == 404
    assert not Disbursement.objects.exists()


def test_cannot_pay_out_more_than_the_grant(client_for, officer, make_support, city):
    action = grant(make_support, city)
    Disbursement.objects.create(action=action, amount=Decimal(8000), paid_on=dt.date(2023, 4, 1))
    response = client_for(officer).post(
        reverse("support:disbursement_add", args=[action.pk]),
        {"amount": "2500", "paid_on": "2023-05-01"},
    )
    assert response.status_code == 400
    assert "more than the grant" in response.content.decode()
    assert action.disbursed() == Decimal(8000)


def test_no_disbursement_without_a_grant_amount(client_for, officer, make_support, city):
    action = make_support(city=city)
    response = client_for(officer).post(
        reverse("support:disbursement_add", args=[action.pk]),
        {"amount": "100", "paid_on": "2023-05-01"},
    )
    assert response.status_code == 400
    assert "Only a grant with an amount can have disbursements" in response.content.decode()
    assert not Disbursement.objects.exists()
