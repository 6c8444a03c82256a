"""Brief benchmark: how long the impact brief and the hub home take, on the demo and at scale.

    .venv/bin/python bench/brief.py [--cities 500 --people 20000 --rows 200000]

Runs two parts, each in its own process and its own temporary SQLite database:
- demo: the demonstration (`citybridge demo`), brief for November 2022 – December 2023;
- large: a synthetic hub built with bulk_create (500 cities, 20,000 people, 200,000
  attendance records, needs, support, milestones, advocacy), brief for 2023–2024.
Each prints the seconds to assemble the brief, render HTML, PDF (the first PDF of the process
includes loading WeasyPrint and the fonts; the second does not) and DOCX, and the server time of
the hub home (Django's test Client, median of 5 after one warm-up) for an officer and a donor.
The demo part also times `citybridge brief --format pdf` end to end, as a command.
Targets: demo PDF < 3 s end to end, large-hub PDF < 10 s, hub home < 300 ms on the large hub.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seconds(fn, *args, **kwargs):
    started = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - started, result


def build_large(cities: int, people: int, rows: int):
    """A hub of the given size, written with bulk_create straight into the database."""
    from citybridge.accounts.models import Role, User
    from citybridge.advocacy.models import AdvocacyAction, Testimonial
    from citybridge.engagement.models import Attendance, Engagement
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
    from citybridge.reports.graphics.maps import outlines
    from citybridge.support.models import Milestone, SupportAction

    rng = random.Random(500)
    codes = ["AL", "BA", "XK", "ME", "MK", "RS"]
    hub = Hub.objects.create(
        slug="large",
        name="Large Synthetic Regional Hub",
        launched_on=dt.date(2022, 6, 1),
        mission="A synthetic hub for measuring the brief at scale.",
        head_name="Head of Hub",
        head_title="Head of the Large Synthetic Regional Hub",
        contact_email="large@citybridge.example",
        address="Somewhere",
    )
    hub.countries.set(Country.objects.filter(code__in=codes))
    funder = Funder.objects.create(name="Synthetic Fund", acknowledgement="With thanks.")
    shapes = outlines()
    boxes = {}
    for code in codes:
        ring = max(shapes[code], key=len)
        lons, lats = [x for x, _ in ring], [y for _, y in ring]
        boxes[code] = (min(lons), max(lons), min(lats), max(lats))
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
        Membership(local_government=t, joined_on=dt.date(2022, 6, 1) + dt.timedelta(days=i % 700))
        for i, t in enumerate(towns)
    )
    genders = [Gender.FEMALE, Gender.MALE, Gender.MALE, Gender.FEMALE, Gender.UNKNOWN]
    persons = Person.objects.bulk_create(
        Person(
            hub=hub,
            full_name=f"Person {i:05d}",
            name_key=f"person {i:05d}",
            gender=genders[i % len(genders)],
            local_government=towns[rng.randrange(cities)],
            consent_quote=i < 20,
        )
        for i in range(people)
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
    batch: list[Attendance] = []
    per_engagement: dict[int, int] = {}
    for i in range(rows):
        engagement = engagements[rng.randrange(len(engagements))]
        person = persons[rng.randrange(people)]
        n = per_engagement[engagement.pk] = per_engagement.get(engagement.pk, 0) + 1
        batch.append(
            Attendance(
                engagement=engagement,
                source_file=f"{engagement.key}.csv",
                row_number=n,
                full_name=person.full_name,
                role_kind="mayor" if i % 50 == 0 else "",
                local_government_id=person.local_government_id,
                person=person,
            )
        )
        if len(batch) == 20_000:
            Attendance.objects.bulk_create(batch)
            batch = []
    Attendance.objects.bulk_create(batch)
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
        for i in range(20)
    )
    users = {}
    for name, kind in (("bench-officer", Role.Kind.OFFICER), ("bench-donor", Role.Kind.DONOR)):
        users[name] = User.objects.create_user(username=name, password=None)
        Role.objects.create(user=users[name], hub=hub, kind=kind)
    return hub, users


def dashboard_ms(user) -> tuple[float, float]:
    """Server time of the hub home in ms through Django's test Client: the first request
    (which counts the figures and charts) and the median of 5 after it (kept counts)."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    client = Client()
    client.force_login(user)
    first, response = seconds(client.get, "/")
    if response.status_code != 200:
        raise SystemExit(f"The hub home answered {response.status_code} for {user}.")
    times = []
    for _ in range(5):
        took, _response = seconds(client.get, "/")
        times.append(took * 1000)
    return first * 1000, statistics.median(times)


def part(name: str, args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from citybridge.accounts.models import User
    from citybridge.network.models import Hub
    from citybridge.reports.briefs.assemble import assemble_brief
    from citybridge.reports.briefs.render import render_docx, render_html, render_pdf

    setup_test_environment()  # the test Client's host and no real e-mail
    call_command("migrate", verbosity=0)
    if name == "demo":
        from citybridge.demo.build import build_demo

        took, ctx = seconds(build_demo)
        hub = ctx.hub
        users = {"officer": ctx.users["officer"], "donor": ctx.users["donor"]}
        start, end = dt.date(2022, 11, 1), dt.date(2023, 12, 31)
        built = f"demo built in {took:.1f} s"
    else:
        took, (hub, found) = seconds(build_large, args.cities, args.people, args.rows)
        users = {"officer": found["bench-officer"], "donor": found["bench-donor"]}
        start, end = dt.date(2023, 1, 1), dt.date(2024, 12, 31)
        built = (
            f"{args.cities} cities, {args.people:,} people, {args.rows:,} attendance records "
            f"built in {took:.1f} s"
        )
    hub = Hub.objects.get(pk=hub.pk)
    t_assemble, brief = seconds(assemble_brief, hub, start, end)
    t_html, _html = seconds(render_html, brief)
    t_pdf_cold, pdf = seconds(render_pdf, brief)
    t_pdf_warm, _pdf = seconds(render_pdf, brief)
    t_docx, _docx = seconds(render_docx, brief)
    t_pdf_all = t_assemble + t_pdf_warm
    figures = ", ".join(f"{f.value} {f.key}" for f in brief.figures)
    print(f"== {name}: {built}; {figures}")
    print(f"  assemble              {t_assemble:6.2f} s")
    print(f"  HTML                  {t_assemble + t_html:6.2f} s  (assemble + render)")
    print(f"  PDF, first in process {t_assemble + t_pdf_cold:6.2f} s  ({len(pdf):,} bytes)")
    print(f"  PDF                   {t_pdf_all:6.2f} s")
    print(f"  DOCX                  {t_assemble + t_docx:6.2f} s")
    if name == "demo":
        out = Path(tempfile.mkdtemp()) / "brief.pdf"
        command = [
            str(Path(sys.executable).parent / "citybridge"),
            "brief",
            f"--hub={hub.slug}",
            f"--from={start}",
            f"--to={end}",
            "--format=pdf",
            f"--out={out}",
        ]
        took, _done = seconds(subprocess.run, command, check=True, capture_output=True)
        print(
            f"  PDF end to end        {took:6.2f} s  (`citybridge brief`, a new process; target < 3 s)"
        )
    else:
        print("  (target: PDF < 10 s)")
    for role, user in users.items():
        user = User.objects.get(pk=user.pk)
        cold, warm = dashboard_ms(user)
        print(
            f"  hub home, {role:<8}    {warm:6.0f} ms  (median of 5; first, counting: {cold:.0f} ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["demo", "large"])
    parser.add_argument("--cities", type=int, default=500)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    if args.part:
        if "CITYBRIDGE_VAR_DIR" not in os.environ:
            raise SystemExit(
                "--part runs inside the temporary database main() makes; run without it."
            )
        part(args.part, args)
        return
    for name in ("demo", "large"):
        with tempfile.TemporaryDirectory(prefix=f"cb-bench-{name}-") as var:
            env = {**os.environ, "CITYBRIDGE_VAR_DIR": var, "CITYBRIDGE_ENV": "development"}
            extra = [f"--cities={args.cities}", f"--people={args.people}", f"--rows={args.rows}"]
            part_command = [sys.executable, __file__, f"--part={name}", *extra]
            subprocess.run(part_command, env=env, check=True)  # noqa: S603 (our own script)


if __name__ == "__main__":
    main()
