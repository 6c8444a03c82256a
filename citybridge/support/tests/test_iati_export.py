"""The IATI activity file validates against the IATI Standard 2.03 schema
(../shared/standards/iati-2.03/), uses only codes of IATI's codelists, and holds the hub's
support, with its grants' money, for hub staff only."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from citybridge.network.models import Funder, Organisation, Theme
from citybridge.support import iati
from citybridge.support.actions import add_disbursement, withdraw_support_action
from citybridge.support.models import Disbursement, SupportAction

ROOT = Path(__file__).resolve().parents[3]
# The standard's schema lives beside the project (../shared), in CI and on the lead's checkout;
# CITYBRIDGE_SHARED points elsewhere (a git worktree deeper down).
SHARED = Path(os.environ.get("CITYBRIDGE_SHARED", ROOT.parent / "shared"))
SCHEMA = SHARED / "standards" / "iati-2.03" / "iati-activities-schema.xsd"

# The codes of the IATI 2.03 codelists this export may use, written out from
# https://iatistandard.org/en/iati-standard/203/codelists/ (the schema does not check codes).
SECTOR_CODES = {
    "11110": "Education policy and administrative management",
    "12340": "Promotion of mental health and well-being",
    "15112": "Decentralisation and support to subnational government",
    "15150": "Democratic participation and civil society",
    "15153": "Media and free flow of information",
    "15160": "Human rights",
    "15170": "Women's rights organisations and movements, and government institutions",
    "15210": "Security system management and reform",
    "15220": "Civilian peace-building, conflict prevention and resolution",
}
ACTIVITY_STATUS = {"1", "2", "3", "4", "5", "6"}
ACTIVITY_DATE_TYPE = {"1", "2", "3", "4"}
ORGANISATION_ROLE = {"1", "2", "3", "4"}
ORGANISATION_TYPE = {
    "10",
    "11",
    "15",
    "21",
    "22",
    "23",
    "24",
    "30",
    "40",
    "60",
    "70",
    "71",
    "72",
    "73",
    "80",
    "90",
}
TRANSACTION_TYPE = {str(n) for n in range(1, 14)}
REGION_COUNTRIES = {"AL", "BA", "XK", "ME", "MK", "RS"}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    if not SCHEMA.exists():
        pytest.skip(f"the IATI 2.03 schema is not at {SCHEMA} (../shared beside the project)")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@pytest.fixture
def support(hub, city, make_support):
    """A grant with a funder, two themes and two disbursements; hub guidance to a government;
    a declined request and a withdrawn action, which the file leaves out."""
    funder = Funder.objects.create(name="Invented Foundation")
    grant = make_support(
        city=city,
        title="Small grant for the Local Safety Council",
        kind=SupportAction.Kind.GRANT,
        status=SupportAction.Status.IN_PROGRESS,
        amount=Decimal("12000"),
        currency="EUR",
        themes=[
            Theme.objects.get(slug="multi-actor-prevention-mechanisms"),
            Theme.objects.get(slug="youth-engagement"),
            Theme.objects.get(slug="polarisation-and-social-cohesion"),
        ],
    )
    grant.funder = funder
    grant.save()
    for amount, day in (("5000", dt.date(2023, 4, 1)), ("2500.50", dt.date(2023, 6, 1))):
        add_disbursement(
            Disbursement(action=grant, amount=Decimal(amount), paid_on=day), acting_user=None
        )
    government = Organisation.objects.create(
        name="Government of Brčko District", kind=Organisation.Kind.GOVERNMENT, country_id="BA"
    )
    guidance = make_support(organisation=government, title="P/CVE action plan guidance")
    make_support(city=city, title="Declined request", status=SupportAction.Status.DECLINED)
    mistake = make_support(city=city, title="Recorded by mistake")
    withdraw_support_action(mistake, reason="Twice.", acting_user=None)
    return grant, guidance


def test_the_file_validates_and_holds_the_hubs_support(hub, support, schema, settings):
    settings.IATI_ORGANISATION_ID = "XM-EXAMPLE-1"
    grant, guidance = support
    xml = iati.iati_activities(hub, SupportAction.objects.all())
    root = etree.fromstring(xml)
    assert schema.validate(root), schema.error_log
    assert root.get("version") == "2.03"
    activities = {a.findtext("iati-identifier"): a for a in root.iter("iati-activity")}
    assert set(activities) == {
        f"XM-EXAMPLE-1-support-{grant.pk}",
        f"XM-EXAMPLE-1-support-{guidance.pk}",
    }

    one = activities[f"XM-EXAMPLE-1-support-{grant.pk}"]
    assert one.find("reporting-org").get("ref") == "XM-EXAMPLE-1"
    assert one.findtext("reporting-org/narrative") == hub.name
    roles = {o.get("role"): o.findtext("narrative") for o in one.iter("participating-org")}
    assert roles == {"1": "Invented Foundation", "3": hub.name, "4": "Testgrad"}
    assert one.find("activity-status").get("code") == "2"  # implementation
    assert one.find("recipient-country").get("code") == "ME"
    sectors = {s.get("code"): int(s.get("percentage")) for s in one.iter("sector")}
    assert sectors == {"15220": 50, "15150": 50}  # two themes share one code
    money = [
        (
            t.find("transaction-type").get("code"),
            t.findtext("value"),
            t.find("value").get("currency"),
        )
        for t in one.iter("transaction")
    ]
    assert money == [("2", "12000.00", "EUR"), ("3", "5000.00", "EUR"), ("3", "2500.50", "EUR")]

    other = activities[f"XM-EXAMPLE-1-support-{guidance.pk}"]
    assert other.find("recipient-country").get("code") == "BA"
    assert other.find("activity-status").get("code") == "1"
    assert [o.get("type") for o in other.iter("participating-org") if o.get("role") == "4"] == [
        "10"
    ]
    assert other.find("transaction") is None


def test_every_code_is_of_iatis_codelists(hub, support, schema):
    root = etree.fromstring(iati.iati_activities(hub, SupportAction.objects.all()))
    assert set(iati.THEME_SECTORS.values()) | {iati.DEFAULT_SECTOR} <= set(SECTOR_CODES)
    assert set(iati.ACTIVITY_STATUS.values()) <= ACTIVITY_STATUS
    assert {s.get("vocabulary") for s in root.iter("sector")} == {"1"}  # OECD DAC CRS, 5 digits
    assert {d.get("type") for d in root.iter("activity-date")} <= ACTIVITY_DATE_TYPE
    assert {o.get("role") for o in root.iter("participating-org")} <= ORGANISATION_ROLE
    types = {o.get("type") for o in root.iter("participating-org") if o.get("type")}
    assert types <= ORGANISATION_TYPE
    codes = {t.get("code") for t in root.iter("transaction-type")}
    assert codes <= TRANSACTION_TYPE
    assert {c.get("code") for c in root.iter("recipient-country")} <= REGION_COUNTRIES
    # Every seeded theme has its own mapping (a hub's own theme takes the default).
    seeded = set(Theme.objects.filter(hub__isnull=True).values_list("slug", flat=True))
    assert seeded == set(iati.THEME_SECTORS)


def test_the_check_fails_an_invalid_file(hub, support, schema):
    """The validation can fail: without its reporting organisation, or with a transaction
    before its type, the file is refused."""
    root = etree.fromstring(iati.iati_activities(hub, SupportAction.objects.all()))
    first = next(root.iter("iati-activity"))
    first.remove(first.find("reporting-org"))
    assert not schema.validate(root)
    assert "reporting-org" in str(schema.error_log)

    root = etree.fromstring(iati.iati_activities(hub, SupportAction.objects.all()))
    transaction = next(root.iter("transaction"))
    transaction.insert(0, transaction.find("value"))  # value before transaction-type
    assert not schema.validate(root)


def test_officers_download_it_from_the_pipeline_page(hub, support, client_for, officer, schema):
    client = client_for(officer)
    page = client.get(reverse("support:support_pipeline")).content.decode()
    assert reverse("support:support_iati") in page
    response = client.get(reverse("support:support_iati"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert f'filename="{hub.slug}-iati-activities-' in response["Content-Disposition"]
    assert schema.validate(etree.fromstring(response.content))


@pytest.mark.parametrize("who", ["donor", "focal"])
def test_donors_and_focal_points_get_no_file(request, hub, support, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("support:support_iati")).status_code == 404
    page = client.get(reverse("support:support_pipeline")).content.decode()
    assert reverse("support:support_iati") not in page


def test_an_officer_of_another_hub_gets_their_hubs_file_without_ours(support, client_for, outsider):
    response = client_for(outsider).get(reverse("support:support_iati"))
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert root.findall("iati-activity") == []
    assert b"Testgrad" not in response.content


def test_the_command_writes_the_file(hub, support, schema, tmp_path):
    out = tmp_path / "activities.xml"
    call_command("iati", "--hub", hub.slug, "--out", str(out))
    assert schema.validate(etree.parse(str(out)))
    assert len(etree.parse(str(out)).findall("iati-activity")) == 2
