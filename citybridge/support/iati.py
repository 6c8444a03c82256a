"""The hub's support actions as an IATI activity file (IATI Standard 2.03), for donors' systems.

One `iati-activity` per support action on record (withdrawn ones, recorded by mistake, and
declined requests, which never became the hub's work, are left out): the hub as reporting
organisation, the funder as funding participating organisation, the hub as extending and the
supported city or government as implementing organisation; the status and dates; the recipient
country; the themes as DAC sector codes; a grant's commitment and each disbursement as
transactions. The file holds no person: no expert, no contact, no attendance.

Codes come from the IATI codelists (https://iatistandard.org/en/iati-standard/203/codelists/):
ActivityStatus, ActivityDateType, OrganisationRole, OrganisationType, TransactionType,
SectorVocabulary (1: OECD DAC CRS purpose codes, 5 digits) and Country (ISO 3166-1 alpha-2, XK
for Kosovo included). The schema checks the file's structure, not these codes: the tests check
every code used here against the codelists' values written out in them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from lxml import etree

from citybridge.network.models import Hub
from citybridge.support.models import Disbursement, StatusChange, SupportAction

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Each seeded theme's closest DAC 5-digit purpose code (SectorVocabulary 1). The hub's work is
# the prevention of violent extremism, which the DAC counts under 15220 (its ODA eligibility
# of PVE, 2016): themes with no closer code of their own take it.
THEME_SECTORS: dict[str, str] = {
    # Civilian peace-building, conflict prevention and resolution
    "multi-actor-prevention-mechanisms": "15220",
    # Not 15240 (Reintegration and SALW control): that code is for demobilised combatants;
    # returnees' families are reintegrated as a matter of prevention.
    "reintegration-of-returnees-and-their-families": "15220",
    "polarisation-and-social-cohesion": "15220",
    "p-cve-action-plans": "15220",
    "early-warning-and-referral": "15220",
    # Decentralisation and support to subnational government
    "national-local-cooperation": "15112",
    # Democratic participation and civil society
    "youth-engagement": "15150",
    # Women's rights organisations and movements, and government institutions
    "women-and-gender": "15170",
    # Human rights
    "marginalised-groups": "15160",
    # Media and free flow of information
    "hate-speech-and-online-harms": "15153",
    "strategic-communications": "15153",
    # Promotion of mental health and well-being
    "mental-health-and-psychosocial-support": "12340",
    # Education policy and administrative management
    "education": "11110",
    # Security system management and reform
    "community-policing": "15210",
}
# A hub's own theme, and an action without a theme: the hub's field as a whole.
DEFAULT_SECTOR = "15220"

# ActivityStatus: 1 Pipeline/identification, 2 Implementation, 4 Closed, 5 Cancelled.
ACTIVITY_STATUS: dict[str, str] = {
    SupportAction.Status.REQUESTED: "1",
    SupportAction.Status.APPROVED: "1",
    SupportAction.Status.IN_PROGRESS: "2",
    SupportAction.Status.COMPLETED: "4",
    SupportAction.Status.CANCELLED: "5",
}
STARTED = (SupportAction.Status.IN_PROGRESS, SupportAction.Status.COMPLETED)
# ActivityDateType
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# OrganisationRole
FUNDING, EXTENDING, IMPLEMENTING = "1", "3", "4"
# OrganisationType: a regional hub of a city network; a city; a national or other government.
HUB_TYPE, LOCAL_GOVERNMENT_TYPE, GOVERNMENT_TYPE = "21", "11", "10"
# TransactionType: 2 Outgoing Commitment, 3 Disbursement.
COMMITMENT, DISBURSEMENT = "2", "3"
# IATI's Language codelist is ISO 639-1: Serbian is "sr" in either script.
IATI_LANGUAGE = {"sr-latn": "sr"}


def organisation_id(hub: Hub) -> str:
    """The hub's IATI organisation identifier: CITYBRIDGE_IATI_ORG_ID when set (register it
    before publishing to the IATI Registry), else a stand-in of the hub's slug."""
    return settings.IATI_ORGANISATION_ID or f"XX-CITYBRIDGE-{hub.slug}"


def hub_name(hub: Hub) -> str:
    """The hub's name in its default language, the file's language (`xml:lang`)."""
    return str(hub.text("name", hub.default_language))


def sectors(action: SupportAction) -> list[tuple[str, int]]:
    """(DAC code, percentage) per distinct code of the action's themes; the percentages add up
    to 100, as IATI asks of each vocabulary."""
    codes = sorted({THEME_SECTORS.get(t.slug, DEFAULT_SECTOR) for t in action.themes.all()})
    codes = codes or [DEFAULT_SECTOR]
    share, left = divmod(100, len(codes))
    return [(code, share + (1 if i < left else 0)) for i, code in enumerate(codes)]


def commitment_day(action: SupportAction) -> dt.date:
    """When the grant was committed: its approval's effective day, else its start, else the
    day it was recorded."""
    approvals = [c for c in action.status_changes.all() if c.to_status == "approved"]
    if approvals:
        return approvals[0].effective_on
    return action.starts_on or timezone.localdate(action.created_at)


def narrative(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, **attrs)
    etree.SubElement(element, "narrative").text = text
    return element


def money(parent: etree._Element, amount: Decimal, currency: str, day: dt.date) -> None:
    value = etree.SubElement(parent, "value", currency=currency, **{"value-date": day.isoformat()})
    value.text = f"{amount:.2f}"


def activity(hub: Hub, action: SupportAction, org_id: str, language: str) -> etree._Element:
    attrs = {XML_LANG: language, "hierarchy": "1"}
    if action.currency:
        attrs["default-currency"] = action.currency
    element = etree.Element("iati-activity", **attrs)
    etree.SubElement(element, "iati-identifier").text = f"{org_id}-support-{action.pk}"
    reporting = etree.SubElement(element, "reporting-org", ref=org_id, type=HUB_TYPE)
    etree.SubElement(reporting, "narrative").text = hub_name(hub)
    narrative(element, "title", action.title)
    narrative(element, "description", action.description or action.title, type="1")
    if action.funder:
        narrative(element, "participating-org", action.funder.name, role=FUNDING)
    narrative(
        element, "participating-org", hub_name(hub), role=EXTENDING, ref=org_id, type=HUB_TYPE
    )
    recipient = action.recipient
    kind = LOCAL_GOVERNMENT_TYPE if action.city_id else GOVERNMENT_TYPE
    narrative(element, "participating-org", str(recipient), role=IMPLEMENTING, type=kind)
    etree.SubElement(element, "activity-status", code=ACTIVITY_STATUS[action.status])
    started = action.status in STARTED
    start = action.starts_on or timezone.localdate(action.created_at)
    etree.SubElement(
        element,
        "activity-date",
        type=ACTUAL_START if started and action.starts_on else PLANNED_START,
        **{"iso-date": start.isoformat()},
    )
    if action.ends_on:
        done = action.status == SupportAction.Status.COMPLETED
        etree.SubElement(
            element,
            "activity-date",
            type=ACTUAL_END if done else PLANNED_END,
            **{"iso-date": action.ends_on.isoformat()},
        )
    country = action.city.country_id if action.city else action.organisation.country_id  # type: ignore[union-attr]
    if country:
        etree.SubElement(element, "recipient-country", code=country)
    for code, percentage in sectors(action):
        etree.SubElement(element, "sector", vocabulary="1", code=code, percentage=str(percentage))
    if action.amount is not None and action.status in SupportAction.COMMITTED:
        committed = commitment_day(action)
        transaction(element, COMMITMENT, committed, action.amount, action, org_id, hub)
        for paid in action.disbursements.all():
            transaction(element, DISBURSEMENT, paid.paid_on, paid.amount, action, org_id, hub)
    return element


def transaction(
    parent: etree._Element,
    kind: str,
    day: dt.date,
    amount: Decimal,
    action: SupportAction,
    org_id: str,
    hub: Hub,
) -> None:
    element = etree.SubElement(parent, "transaction")
    etree.SubElement(element, "transaction-type", code=kind)
    etree.SubElement(element, "transaction-date", **{"iso-date": day.isoformat()})
    money(element, amount, action.currency, day)
    narrative(element, "provider-org", hub_name(hub), ref=org_id)
    narrative(element, "receiver-org", str(action.recipient))


def exported(actions) -> Iterable[SupportAction]:
    """The support actions of the file, with what each activity reads, in a few queries."""
    return (
        actions.not_withdrawn()
        .exclude(status=SupportAction.Status.DECLINED)
        .select_related("city", "organisation", "funder")
        .prefetch_related(
            "themes",
            Prefetch("disbursements", queryset=Disbursement.objects.order_by("paid_on", "pk")),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.order_by("effective_on", "changed_at"),
            ),
        )
        .order_by("pk")
    )


def iati_activities(hub: Hub, actions, *, now: dt.datetime | None = None) -> bytes:
    """The IATI 2.03 activity file of `actions` (a queryset of the hub's support actions,
    already scoped to the reader), as UTF-8 XML."""
    now = now or timezone.now()
    language = IATI_LANGUAGE.get(hub.default_language, hub.default_language)
    org_id = organisation_id(hub)
    root = etree.Element(
        "iati-activities",
        version=IATI_VERSION,
        **{"generated-datetime": now.replace(microsecond=0).isoformat()},
    )
    for action in exported(actions.of_hub(hub)):
        root.append(activity(hub, action, org_id, language))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
