"""Writes to the network's records: one atomic function per change, the acting user named."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog, User
from citybridge.lib.text import fold
from citybridge.network import erasure, ledger
from citybridge.network.models import Hub, LocalGovernment, Membership, Person, PlaceName, Position
from citybridge.network.versions import claim_version


@records_acting_user
@transaction.atomic
def save_city(
    city: LocalGovernment, *, acting_user: User | None, extra_names: list[str] | None = None
) -> LocalGovernment:
    """Raises EditConflict when someone saved the city after this edit was opened."""
    claim_version(city)
    city.save()
    for name in city.all_names() + (extra_names or []):
        # Names that fold alike (Novo Mesto, Ново Место) are one key: resolution compares keys.
        PlaceName.objects.get_or_create(city=city, key=fold(name), defaults={"name": name})
    return city


@records_acting_user
@transaction.atomic
def add_membership(membership: Membership, *, acting_user: User | None) -> Membership:
    membership.full_clean()
    membership.save()
    return membership


@records_acting_user
@transaction.atomic
def save_person(person: Person, *, hub: Hub, acting_user: User | None) -> Person:
    """Raises EditConflict when someone saved the person after this edit was opened."""
    hub.adopt(person)
    claim_version(person)
    person.save()
    return person


@records_acting_user
@transaction.atomic
def add_position(position: Position, *, acting_user: User | None) -> Position:
    position.save()
    return position


@records_acting_user
@transaction.atomic
def erase_person(person: Person, *, acting_user: User | None) -> erasure.ErasureReport:
    """Erase the person's identifiers everywhere, keeping every count (network.erasure), and
    write it in the erasure ledger so a restore of an older backup erases them again."""
    records = list(person.attendances.values_list("pk", flat=True))
    report = erasure.erase(person, acting_user=acting_user)
    log_access(
        acting_user,
        AccessLog.Action.ERASURE,
        obj=person,
        hub=person.hub_id,
        count=report.records,
        detail=report.log_detail(f"as {report.placeholder}"),
    )
    ledger.append(person, records, report.placeholder)  # last: nothing may fail after it
    return report


class HubError(ValueError):
    pass


@records_acting_user
@transaction.atomic
def add_hub(slug: str, name: str, country_codes: list[str], *, acting_user: User | None) -> Hub:
    from citybridge.network.models import Country

    if Hub.objects.filter(slug=slug).exists():
        raise HubError(_("A hub with the slug '%(slug)s' already exists.") % {"slug": slug})
    codes = [c.strip().upper() for c in country_codes if c.strip()]
    countries = list(Country.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {c.code for c in countries})
    if unknown:
        raise HubError(
            _("Unknown country code(s): %(codes)s. Use ISO 3166 alpha-2 codes (Kosovo is XK).")
            % {"codes": ", ".join(unknown)}
        )
    if not countries:
        raise HubError(_("Give at least one country with --countries, e.g. --countries NO,SE."))
    hub = Hub.objects.create(slug=slug, name=name)
    hub.countries.set(countries)
    return hub


@records_acting_user
@transaction.atomic
def save_hub_texts(hub: Hub, *, acting_user: User | None) -> Hub:
    """A hub admin's texts of the hub (name, region, mission, head's title, address) and their
    translations."""
    hub.full_clean()
    hub.save(update_fields=["name", "region", "mission", "head_title", "address", "translations"])
    return hub


@records_acting_user
@transaction.atomic
def save_hub_settings(hub: Hub, *, acting_user: User | None) -> Hub:
    """A hub admin's settings: the default language and the idle sign-out time."""
    hub.full_clean()
    hub.save(update_fields=["default_language", "idle_timeout_minutes"])
    return hub
