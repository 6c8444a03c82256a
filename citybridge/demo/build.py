"""Fill an empty database with the Western Balkans demonstration, through the real actions."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction

from citybridge.accounts.actions import add_user
from citybridge.accounts.history import COMMAND_LINE
from citybridge.accounts.models import Role, User
from citybridge.demo import languages
from citybridge.demo.cities import CITIES, GAZETTEER_NAMES, GLOBAL_CITIES
from citybridge.demo.engagements import ENGAGEMENTS, HUB_LAUNCH
from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Engagement
from citybridge.network.actions import add_membership, save_city
from citybridge.network.models import (
    Country,
    Funder,
    Hub,
    LocalGovernment,
    Membership,
    Organisation,
    Person,
    Theme,
)
from citybridge.network.places import gazetteer_place

DEMO_PASSWORD = "demo"  # noqa: S105 (public on purpose: production refuses demo users)
FUNDER = "U.S. Department of State"


class DemoRefused(Exception):
    pass


@dataclass
class DemoContext:
    """What the demonstration's parts share: each part adds its records through the actions."""

    hub: Hub
    funder: Funder
    cities: dict[str, LocalGovernment] = field(default_factory=dict)
    engagements: dict[str, Engagement] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    rng: random.Random = field(default_factory=lambda: random.Random(2022))


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def database_is_empty() -> bool:
    """Only what migrations seed: no cities, people, engagements or users."""
    return not (
        LocalGovernment.objects.exists()
        or Person.objects.exists()
        or Engagement.objects.exists()
        or User.objects.exclude(username=COMMAND_LINE).exists()
    )


def add_city(ctx: DemoContext, name, country, cyrillic, albanian, kind, joined) -> LocalGovernment:
    place = gazetteer_place(GAZETTEER_NAMES.get(name, name), country)
    city = save_city(
        LocalGovernment(
            name=name,
            name_cyrillic=cyrillic,
            name_albanian=albanian,
            kind=kind,
            country_id=country,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            population=(place.population or None) if place else None,
            geonameid=place.geonameid if place else None,
        ),
        acting_user=None,
        extra_names=list(place.names) if place else [],
    )
    add_membership(Membership(city=city, joined_on=date(joined)), acting_user=None)
    ctx.cities[name] = city
    return city


def add_users(ctx: DemoContext) -> None:
    cast = [
        ("admin", "Demo", "Admin", Role.Kind.HUB_ADMIN, None),
        ("officer", "Demo", "Officer", Role.Kind.OFFICER, None),
        ("focal", "Demo", "Focal Point", Role.Kind.FOCAL_POINT, ctx.cities["Danilovgrad"]),
        ("donor", "Demo", "Donor", Role.Kind.DONOR, None),
    ]
    for username, first, last, kind, city in cast:
        user = add_user(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@citybridge.example",
            role=Role(hub=ctx.hub, kind=kind, city=city),
            acting_user=None,
        )
        # What no real account gets: a known password, and the flag production refuses.
        user.set_password(DEMO_PASSWORD)
        user.is_demo = True
        user.is_staff = user.is_superuser = username == "admin"
        user.save()
        ctx.users[username] = user


ORGANISATIONS = [
    ("Government of the Federation of BiH", Organisation.Kind.GOVERNMENT, "BA", None),
    ("Brčko District Government", Organisation.Kind.GOVERNMENT, "BA", "Brčko"),
    ("Ministry of Security of Bosnia and Herzegovina", Organisation.Kind.GOVERNMENT, "BA", None),
    ("CVE Coordination Centre of Albania", Organisation.Kind.GOVERNMENT, "AL", "Tirana"),
    ("European Union", Organisation.Kind.INTERNATIONAL, None, None),
    ("Global Counterterrorism Forum (GCTF)", Organisation.Kind.INTERNATIONAL, None, None),
    (
        "Global Community Engagement and Resilience Fund (GCERF)",
        Organisation.Kind.INTERNATIONAL,
        None,
        None,
    ),
]


def add_engagements(ctx: DemoContext) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    for key, title, kind, start, end, host, place, cities, slugs in ENGAGEMENTS:
        host_city = ctx.cities.get(host)
        engagement = save_engagement(
            Engagement(
                key=key,
                title=title,
                kind=kind,
                starts_on=date(start),
                ends_on=date(end),
                place=place,
                host_city=host_city,
                country=host_city.country if host_city else None,
                funder=ctx.funder,
            ),
            hub=ctx.hub,
            participating_cities=[ctx.cities[c] for c in cities],
            themes=[themes[s] for s in slugs],
            acting_user=None,
        )
        ctx.engagements[key] = engagement


@transaction.atomic
def build_demo() -> DemoContext:
    if not database_is_empty():
        raise DemoRefused(
            "The database already holds data; the demonstration loads only into an empty one. "
            "Use a new database (e.g. CITYBRIDGE_VAR_DIR=var/demo) or remove var/citybridge.sqlite3."
        )
    hub = Hub.objects.get(slug="western-balkans")
    hub.launched_on = date(HUB_LAUNCH)
    hub.head_name = "Vesna Radević (demo)"
    hub.head_title = "Head of the Western Balkans Regional Hub"
    hub.contact_email = "wb-hub@citybridge.example"
    hub.address = "Sarajevo, Bosnia and Herzegovina"
    hub.translations = {code: dict(texts) for code, texts in languages.HUB.items()}
    hub.save()
    hub.countries.add(Country.objects.get(code="XK"))
    funder, _ = Funder.objects.get_or_create(
        name=FUNDER,
        defaults={
            "acknowledgement": (
                "Strong Cities is grateful for the generous support of the U.S. Department of State "
                "which makes possible the work and impact of the Western Balkans Regional Hub."
            ),
            "translations": {
                code: {"acknowledgement": text} for code, text in languages.ACKNOWLEDGEMENT.items()
            },
        },
    )
    ctx = DemoContext(hub=hub, funder=funder)
    for row in CITIES + GLOBAL_CITIES:
        add_city(ctx, *row)
    for name, kind, country, city in ORGANISATIONS:
        ctx.organisations[name] = Organisation.objects.create(
            name=name, kind=kind, country_id=country, city=ctx.cities.get(city or "")
        )
    add_users(ctx)
    add_engagements(ctx)
    from citybridge.demo import attendance, needs, practices

    # The sign-in sheets, written as partners would and imported through the importer.
    attendance.build(ctx)

    needs.build(ctx)
    practices.build(ctx)
    # Imported here: these parts import this module. They build on all the records above
    # (support answers the needs, advocacy carries the people of the sign-in sheets).
    from citybridge.demo import advocacy, support

    support.build(ctx)
    advocacy.build(ctx)
    return ctx
