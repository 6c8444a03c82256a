"""Synthetic hubs for the benches, written with bulk inserts straight into the database.

`build_hub` makes one hub of any size (the brief bench's large hub: 500 cities, 20,000 people,
200,000 attendance records); `build_network` makes several such hubs side by side (the scale
bench's global network). Every row is invented: numbered names, no real person.
Run inside a configured Django (`django.setup()` done, database migrated).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

# The brief bench's large hub sits in the Western Balkans, like the demo.
BALKANS = ["AL", "BA", "XK", "ME", "MK", "RS"]
ATTENDANCE_BATCH = 10_000


@dataclass
class Built:
    hub: Any  # network.models.Hub, imported only once Django is set up
    users: dict[str, Any] = field(default_factory=dict)
    cities: list[int] = field(default_factory=list)


def country_boxes(codes: list[str]) -> dict[str, tuple[float, float, float, float]]:
    """West, east, south, north of each country's largest outline, or a box near Europe when
    the outlines are not installed: a city needs coordinates for the map, not true ones."""
    from citybridge.reports.graphics.maps import outlines

    shapes = outlines()
    boxes = {}
    for code in codes:
        if shapes.get(code):
            ring = max(shapes[code], key=len)
            lons, lats = [x for x, _ in ring], [y for _, y in ring]
            boxes[code] = (min(lons), max(lons), min(lats), max(lats))
        else:
            boxes[code] = (15.0, 25.0, 40.0, 48.0)
    return boxes


def insert_attendance(rows: list[dict]) -> None:
    """Attendance rows straight into the table (COPY on PostgreSQL, executemany on SQLite):
    bulk_create spends most of its time building model instances, and the scale bench writes
    two million rows. Columns not given take the model's defaults, as bulk_create would."""
    from django.db import connection, transaction

    from citybridge.engagement.models import Attendance

    if not rows:
        return
    fields = [f for f in Attendance._meta.concrete_fields if not f.primary_key]
    blank = Attendance()
    defaults = {
        f.attname: f.get_db_prep_save(getattr(blank, f.attname), connection) for f in fields
    }
    columns = [f.column for f in fields]
    values = [tuple(row.get(f.attname, defaults[f.attname]) for f in fields) for row in rows]
    table = Attendance._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608 (model metadata)
                values,
            )


def build_hub(
    slug: str,
    codes: list[str],
    cities: int,
    people: int,
    rows: int,
    *,
    seed: int = 500,
    funder=None,
) -> Built:
    """A hub of the given size in the given countries: memberships, people, 800 engagements
    over 2023–2024 with `rows` attendance records, needs, support, milestones, advocacy,
    testimonials, and a signed-up officer (`<slug>-officer`) and donor (`<slug>-donor`)."""
    from citybridge.accounts.models import Role, User
    from citybridge.advocacy.models import AdvocacyAction, Testimonial
    from citybridge.engagement.models import Engagement
    from citybridge.lib.text import fold
    from citybridge.needs.models import Need
    from citybridge.network.models import (
        Country,
        Funder,
        Gender,
        Hub,
        LocalGovernment,
        Membership,
        Person,
        Theme,
    )
    from citybridge.support.models import Milestone, SupportAction

    rng = random.Random(seed)
    hub = Hub.objects.create(
        slug=slug,
        name=f"Synthetic Hub {slug}",
        launched_on=dt.date(2022, 6, 1),
        mission="A synthetic hub for measuring CityBridge at scale.",
        head_name="Head of Hub",
        head_title=f"Head of Synthetic Hub {slug}",
        contact_email=f"{slug}@citybridge.example",
        address="Somewhere",
    )
    hub.countries.set(Country.objects.filter(code__in=codes))
    funder = funder or Funder.objects.create(name="Synthetic Fund", acknowledgement="With thanks.")
    boxes = country_boxes(codes)
    towns = []
    for i in range(cities):
        code = codes[i % len(codes)]
        w, e, s, n = boxes[code]
        name = f"Grad {i:03d}"
        towns.append(
            LocalGovernment(
                name=name,
                name_key=fold(name),
                country_id=code,
                latitude=rng.uniform(s, n),
                longitude=rng.uniform(w, e),
            )
        )
    towns = LocalGovernment.objects.bulk_create(towns)
    Membership.objects.bulk_create(
        Membership(city=t, joined_on=dt.date(2022, 6, 1) + dt.timedelta(days=i % 700))
        for i, t in enumerate(towns)
    )
    genders = [Gender.FEMALE, Gender.MALE, Gender.MALE, Gender.FEMALE, Gender.UNKNOWN]
    persons = Person.objects.bulk_create(
        (
            Person(
                hub=hub,
                full_name=f"Person {i:05d}",
                name_key=f"person {i:05d}",
                gender=genders[i % len(genders)],
                city=towns[rng.randrange(cities)],
                consent_quote=i < 20,
            )
            for i in range(people)
        ),
        batch_size=5_000,
    )
    kinds = list(Engagement.Kind.values)
    engagements = Engagement.objects.bulk_create(
        Engagement(
            hub=hub,
            key=f"L{i:04d}",
            title=f"Engagement {i}",
            kind=kinds[i % len(kinds)],
            starts_on=(day := dt.date(2023, 1, 1) + dt.timedelta(days=i * 730 // 800)),
            ends_on=day,
            host_city=towns[rng.randrange(cities)],
            funder=funder,
        )
        for i in range(800)
    )
    batch: list[dict] = []
    per_engagement: dict[int, int] = {}
    for i in range(rows):
        engagement = engagements[rng.randrange(len(engagements))]
        person = persons[rng.randrange(people)]
        n = per_engagement[engagement.pk] = per_engagement.get(engagement.pk, 0) + 1
        batch.append(
            {
                "engagement_id": engagement.pk,
                "source_file": f"{engagement.key}.csv",
                "row_number": n,
                "full_name": person.full_name,
                "role_kind": "mayor" if i % 50 == 0 else "",
                "resolved_city_id": person.city_id,
                "person_id": person.pk,
            }
        )
        if len(batch) == ATTENDANCE_BATCH:
            insert_attendance(batch)
            batch = []
    insert_attendance(batch)
    themes = list(Theme.objects.filter(hub__isnull=True))
    statuses = list(Need.Status.values)
    Need.objects.bulk_create(
        Need(
            hub=hub,
            city=towns[rng.randrange(cities)],
            theme=themes[rng.randrange(len(themes))],
            statement="A need.",
            priority=rng.choice(list(Need.Priority.values)),
            status=statuses[i % len(statuses)],
            raised_on=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730)),
        )
        for i in range(3000)
    )
    support = SupportAction.objects.bulk_create(
        SupportAction(
            hub=hub,
            title=f"Support {i}",
            kind=list(SupportAction.Kind.values)[i % 6],
            city=towns[rng.randrange(cities)],
            status=list(SupportAction.Status.values)[i % 6],
            starts_on=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730)),
        )
        for i in range(400)
    )
    Milestone.objects.bulk_create(
        Milestone(
            action=a,
            title=f"Milestone {i}",
            due_on=(a.starts_on or dt.date(2023, 1, 1)) + dt.timedelta(days=60 * (i % 3 + 1)),
        )
        for i, a in enumerate(support + support)
    )
    AdvocacyAction.objects.bulk_create(
        AdvocacyAction(
            hub=hub,
            title=f"Advocacy {i}",
            date=dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730)),
            audience=AdvocacyAction.Audience.EU,
            form=AdvocacyAction.Form.MEETING,
        )
        for i in range(150)
    )
    Testimonial.objects.bulk_create(
        Testimonial(
            hub=hub,
            person=persons[i],
            quote=f"Quote {i}.",
            attribution="Mayor",
            said_on=dt.date(2023, 3, 1) + dt.timedelta(days=30 * i),
            publication_consent=True,
        )
        for i in range(min(20, people))
    )
    built = Built(hub=hub, cities=[t.pk for t in towns])
    for suffix, kind in (("officer", Role.Kind.OFFICER), ("donor", Role.Kind.DONOR)):
        user = User.objects.create_user(username=f"{slug}-{suffix}", password=None)
        Role.objects.create(user=user, hub=hub, kind=kind)
        built.users[suffix] = user
    return built


def network_countries(hubs: int) -> list[list[str]]:
    """Disjoint groups of countries, one per hub: the Balkans first, then the rest in order,
    so no city belongs to two of the synthetic hubs."""
    from citybridge.network.models import Country

    others = [
        c
        for c in Country.objects.order_by("code").values_list("code", flat=True)
        if c not in BALKANS
    ]
    groups = [BALKANS]
    per = max(1, min(6, len(others) // max(1, hubs - 1)))
    for i in range(hubs - 1):
        groups.append(others[i * per : (i + 1) * per])
    return groups


def build_network(hubs: int, cities: int, people: int, rows: int, *, seed: int = 7) -> list[Built]:
    """`hubs` hubs sharing the network's totals evenly (cities, people and attendance records)."""
    from django.db import connection

    from citybridge.network.models import Funder

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Two million rows land in random places of seven indexes: with SQLite's default
            # 2 MB page cache nearly every insert reads a page back from disk.
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB, this connection only

    funder = Funder.objects.create(name="Synthetic Global Fund", acknowledgement="With thanks.")
    return [
        build_hub(
            f"hub-{i:02d}",
            codes,
            cities // hubs,
            people // hubs,
            rows // hubs,
            seed=seed + i,
            funder=funder,
        )
        for i, codes in enumerate(network_countries(hubs))
    ]


def network_as_built(hubs: int) -> list[Built]:
    """The hubs build_network left in the database, with their users and cities."""
    from citybridge.accounts.models import User
    from citybridge.network.models import Hub, LocalGovernment

    found = []
    for i in range(hubs):
        hub = Hub.objects.get(slug=f"hub-{i:02d}")
        cities = list(LocalGovernment.objects.of_hub(hub).values_list("pk", flat=True))
        built = Built(hub=hub, cities=cities)
        for suffix in ("officer", "donor"):
            built.users[suffix] = User.objects.get(username=f"{hub.slug}-{suffix}")
        found.append(built)
    return found
