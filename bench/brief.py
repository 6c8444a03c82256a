"""Brief benchmark: how long the impact brief and the hub home take, on the demo and at scale.

    .venv/bin/python bench/brief.py [--cities 500 --people 20000 --rows 200000]

Runs two parts, each in its own process and its own temporary SQLite database:
- demo: the demonstration (`citybridge demo`), brief for November 2022 – December 2023;
- large: a synthetic hub built with bulk_create (500 cities, 20,000 people, 200,000
  attendance records, needs, support, milestones, advocacy), brief for 2023–2024.
Each prints the seconds to assemble the brief, render HTML, PDF (the first PDF of the process
includes loading WeasyPrint and the fonts; the second does not) and DOCX, and the server time of
the hub home (Django's test Client) for an officer and a donor: the first visit after a data
change, which counts everything afresh, and the median of 5 after it; the process's very
first request (imports, templates) is printed apart.
The demo part also times `citybridge brief --format pdf` end to end, as a command.
Targets: demo PDF < 3 s end to end, large-hub PDF < 10 s, hub home < 300 ms on the large hub.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


def changed(hub) -> None:
    """A data change as an edit makes it: one of the hub's people saved again, which moves the
    hub home's data stamp, so the next visit counts everything afresh."""
    from django.utils import timezone

    from citybridge.network.models import Person

    person = Person.objects.filter(hub=hub).order_by("pk").first()
    if person is not None:
        Person.objects.filter(pk=person.pk).update(updated_at=timezone.now())


def dashboard_ms(user, hub) -> tuple[float, float, float]:
    """Server time of the hub home in ms through Django's test Client: the first visit after a
    data change (which counts the figures and charts: the worst case a visitor meets in a
    running process), its CPU time (the database is SQLite, in this process: a figure the
    other programs on the machine do not move), and the median of 5 visits after it (kept
    counts)."""
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(user)
    changed(hub)
    cache.clear()
    cpu_started = time.process_time()
    first, response = seconds(client.get, "/")
    cpu = (time.process_time() - cpu_started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"The hub home answered {response.status_code} for {user}.")
    times = []
    for _ in range(5):
        took, _response = seconds(client.get, "/")
        times.append(took * 1000)
    return first * 1000, cpu, statistics.median(times)


def first_request_ms(user) -> float:
    """The very first request of the process, in ms: the hub home, after importing every app's
    views for the URLs and compiling the templates (the map's outlines are already read here,
    by the brief). Paid once per web process, not per visit: printed on its own, so the
    counting figures are not mixed with it."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    client = Client()
    client.force_login(user)
    took, _response = seconds(client.get, "/")
    return took * 1000


def part(name: str, args: argparse.Namespace) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from bench.build import BALKANS, build_hub
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
        took, large = seconds(build_hub, "large", BALKANS, args.cities, args.people, args.rows)
        hub, users = large.hub, large.users
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
    users = {role: User.objects.get(pk=user.pk) for role, user in users.items()}
    print(f"  first request of the process {first_request_ms(users['officer']):6.0f} ms")
    for role, user in users.items():
        cold, cpu, warm = dashboard_ms(user, hub)
        print(
            f"  hub home, {role:<8}    {warm:6.0f} ms  (median of 5; first after a data change, "
            f"counting: {cold:.0f} ms, CPU {cpu:.0f} ms)"
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
