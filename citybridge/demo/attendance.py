"""The demonstration's sign-in sheets: written as partners would, imported through the importer.

The invented world holds 235 people engaged between the hub's launch and December 2023, 23 of
whom were mayors or other local leaders then, and a few people met only in 2024. The key figures
come out of resolving these sheets; nothing here is counted by hand.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

from citybridge.demo.names import SURNAMES, feminine_surname
from citybridge.demo.sheets import City, Invented, invent_people, write_sheet
from citybridge.engagement.models import Attendance
from citybridge.imports.registry import run_import

PEOPLE_IN_BRIEF_PERIOD = 235
PEOPLE_ONLY_IN_2024 = 15
BRIEF_PERIOD_END = dt.date(2023, 12, 31)

# (city, role): the 23 local leaders of the brief's period.
LEADERS = [
    ("Danilovgrad", "mayor"),
    ("Kumanovo", "mayor"),
    ("Elbasan", "mayor"),
    ("Prishtina", "mayor"),
    ("Budva", "mayor"),
    ("Tirana", "deputy_mayor"),
    ("Podgorica", "mayor"),
    ("Sarajevo", "council_chair"),
    ("Skopje", "deputy_mayor"),
    ("Novi Pazar", "mayor"),
    ("Bujanovac", "mayor"),
    ("Preševo", "mayor"),
    ("Zenica", "mayor"),
    ("Tuzla", "deputy_mayor"),
    ("Prizren", "mayor"),
    ("Gjilan", "mayor"),
    ("Tetovo", "mayor"),
    ("Struga", "council_chair"),
    ("Korça", "mayor"),
    ("Nikšić", "deputy_mayor"),
    ("Bihać", "mayor"),
    ("Brčko", "district_head"),
    ("Mitrovica South", "mayor"),
]

SIZE = {
    "workshop": 42,
    "convening": 26,
    "consultation": 14,
    "roundtable": 16,
    "webinar": 30,
    "technical_meeting": 8,
    "training": 20,
    "summit": 12,
    "learning_exchange": 18,
}


def invented_world(ctx_cities: dict, rng: random.Random) -> tuple[list[Invented], list[Invented]]:
    """(people of the brief's period, people met only in 2024)."""
    cities = {
        name: City(c.name, c.country_id, c.name_cyrillic, c.name_albanian)
        for name, c in ctx_cities.items()
        if c.country_id in ("AL", "BA", "XK", "ME", "MK", "RS")
    }
    # Leaders first, each named in the language of the city they lead.
    people = [
        invent_people([cities[city]], 1, rng, start=n)[0]
        for n, (city, _) in enumerate(LEADERS, start=1)
    ]
    for person, (_, role) in zip(people, LEADERS, strict=True):
        person.role = role
    # The Ohrid official who becomes mayor in 2024 counts as a local leader from then on only.
    riser = invent_people([cities["Ohrid"]], 1, rng, start=len(people) + 1)[0]
    riser.role_before, riser.role, riser.role_from = (
        "municipal_official",
        "mayor",
        dt.date(2024, 1, 1),
    )
    people.append(riser)
    rest = PEOPLE_IN_BRIEF_PERIOD + PEOPLE_ONLY_IN_2024 - len(people)
    people += invent_people(list(cities.values()), rest, rng, start=len(people) + 1)
    return people[:PEOPLE_IN_BRIEF_PERIOD], people[PEOPLE_IN_BRIEF_PERIOD:]


def plan(
    ctx, period_people: list[Invented], later_people: list[Invented], rng: random.Random
) -> dict[str, list[Invented]]:
    """Who attended which engagement: mostly people of the cities that took part."""
    attendance: dict[str, list[Invented]] = {}
    riser = period_people[len(LEADERS)]
    for key, engagement in sorted(ctx.engagements.items()):
        in_period = engagement.starts_on <= BRIEF_PERIOD_END
        pool = (
            period_people if in_period else later_people + rng.sample(period_people, 25) + [riser]
        )
        names = {c.name for c in engagement.participating_cities.all()} | (
            {engagement.host_city.name} if engagement.host_city else set()
        )
        if key == "WB11":
            # The Fourth Global Summit: 24 mayors and local officials of the region.
            leaders = [p for p in period_people[: len(LEADERS)] if p.city.name in names]
            officials = [
                p for p in period_people if p.role == "municipal_official" and p not in leaders
            ]
            attendance[key] = leaders + officials[: 24 - len(leaders)]
            continue
        local = [p for p in pool if p.city.name in names]
        size = min(SIZE.get(engagement.kind, 15), len(pool))
        chosen = rng.sample(local, min(len(local), int(size * 0.8)))
        others = [p for p in pool if p not in chosen]
        chosen += rng.sample(others, size - len(chosen))
        attendance[key] = chosen
    attendance["WB18"] = (
        [*attendance["WB18"], riser] if riser not in attendance["WB18"] else attendance["WB18"]
    )
    attendance["WB06"] = (
        [*attendance["WB06"], riser] if riser not in attendance["WB06"] else attendance["WB06"]
    )
    # Everyone of the period was engaged at least once in it.
    period_keys = [
        k for k, e in ctx.engagements.items() if e.starts_on <= BRIEF_PERIOD_END and k != "WB11"
    ]
    seen = {p.key for k in [*period_keys, "WB11"] for p in attendance[k]}
    for person in period_people:
        if person.key not in seen:
            attendance[rng.choice(period_keys)].append(person)
    for person in later_people:
        if not any(person in attendance[k] for k in ("WB17", "WB18")):
            attendance["WB17"].append(person)
    return attendance


def marry(ctx, attendance: dict[str, list[Invented]], period_people: list[Invented]) -> None:
    """One woman of the brief's period marries at the turn of 2024 and signs that year's sheets
    with her husband's surname. Nothing in the records links the two names but the given name,
    the city, the organisation and the dates: the pair waits in the review queue (People ->
    Possible duplicates) for an officer, and the brief's period, before the wedding, still
    counts her once."""
    later = [k for k, e in sorted(ctx.engagements.items()) if e.starts_on > BRIEF_PERIOD_END]
    bride = next(
        p
        for p in period_people[len(LEADERS) + 1 :]
        if p.female and p.role == "municipal_official" and any(p in attendance[k] for k in later)
    )
    taken = {p.family for p in period_people if p.city == bride.city}
    husband = next(s for s in SURNAMES[bride.language] if s not in taken)
    married = replace(bride, family=feminine_surname(husband, bride.language))
    for key in later:
        attendance[key] = [married if p is bride else p for p in attendance[key]]


def build(ctx) -> None:
    rng = random.Random(235)
    period_people, later_people = invented_world(ctx.cities, rng)
    attendance = plan(ctx, period_people, later_people, rng)
    marry(ctx, attendance, period_people)
    files = []
    for key, attendees in sorted(attendance.items()):
        engagement = ctx.engagements[key]
        rng.shuffle(attendees)
        country = engagement.host_city.country_id if engagement.host_city else "RS"
        sheet = write_sheet(key, attendees, country, engagement.starts_on, rng, noise=1.0)
        files.append((sheet.file_name, sheet.data))
    run_import("attendance", files, hub=ctx.hub, acting_user=ctx.users["officer"])
    add_positions(ctx, attendance)


def add_positions(ctx, attendance: dict[str, list[Invented]]) -> None:
    """The positions the hub knows with dates: the Ohrid official who became mayor in 2024."""
    from citybridge.network.actions import add_position
    from citybridge.network.models import Position

    record = (
        Attendance.objects.filter(
            engagement=ctx.engagements["WB18"],
            role_kind="mayor",
            resolved_city=ctx.cities["Ohrid"],
        )
        .select_related("person")
        .first()
    )
    if record is None or record.person is None:
        return
    city = ctx.cities["Ohrid"]
    add_position(
        Position(
            person=record.person,
            role="municipal_official",
            city=city,
            started_on=dt.date(2021, 3, 1),
            ended_on=dt.date(2023, 12, 31),
        ),
        acting_user=None,
    )
    add_position(
        Position(
            person=record.person,
            role="mayor",
            city=city,
            started_on=dt.date(2024, 1, 1),
        ),
        acting_user=None,
    )
