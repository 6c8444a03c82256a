"""Scale benchmark: a global network on SQLite and on PostgreSQL, and the pages that must stay fast.

    .venv/bin/python bench/scale.py [--hubs 10 --cities 2000 --people 200000 --rows 2000000]
                                    [--database sqlite|postgres|both] [--runs 5]

Builds the network with bulk inserts (bench/build.py: `--hubs` hubs sharing the cities, people
and attendance records evenly, each with 800 engagements over 2023–2024), in a temporary SQLite
database and, when PostgreSQL answers at $SCALE_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/scale_bench, dropped and created afresh), in that one too.
Then prints the median of `--runs` timings (after one warm-up) of, for one hub and 2024:

    key figures (figures.key_figures)                    target ≤ 200 ms
    figures page, city page, people search, hub home     target ≤ 300 ms server time
    hub home cached (p95)                                target ≤ 50 ms
    hub home, first visit after a change once the worker counted it (p95)   target ≤ 100 ms
    the API's list endpoints, a page of 100 (p95)        target ≤ 300 ms server time
    the brief (assemble and render the PDF)              target ≤ 10 s

Pages are timed through Django's test Client, signed in as the hub's officer, with the cache
cleared before each request: what a first visitor after a new import waits.
The API (/api/v1/) is timed with the officer's personal access token: each list endpoint's first
page of 100, and a page deep in the longest lists (reached by following the cursor), `--api-runs`
times each (default 20), with the cache cleared before each request as for the pages.
A quick run: `--hubs 2 --cities 200 --people 4000 --rows 40000`. `--cache redis://127.0.0.1:6379/13`
(or SCALE_CACHE_URL) runs with that shared cache, which the run empties; `db://` is the database.
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

from bench.load import fresh_postgres  # noqa: E402

POSTGRES = os.environ.get("SCALE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale_bench")
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def median_ms(fn, runs: int) -> float:
    """Median wall time of `fn()` in ms, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def p95_ms(fn, runs: int) -> tuple[float, float]:
    """The 95th percentile of `runs` timings of `fn()` in ms (the worst of fewer than 20): wall
    time, and this process's CPU time (what the wall time would be on a quiet machine, less
    the database's own work)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, used = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
    return percentile(wall), percentile(cpu)


def percentile(times: list[float], share: float = 0.95) -> float:
    return sorted(times)[min(len(times) - 1, int(len(times) * share))]


def api_rows(built, start: dt.date, runs: int) -> list[tuple[str, float, int, float]]:
    """The API's list endpoints for the hub's officer, each a page of 100 at p95: the first
    page, and for the longest lists a page deep in them, reached by following the cursor."""
    from django.core.cache import cache
    from django.test import Client

    from citybridge.api.actions import create_token
    from citybridge.engagement.models import Engagement

    officer = built.users["officer"]
    _token, secret = create_token(officer, built.hub, name="bench", days=1, acting_user=officer)
    client = Client(headers={"Authorization": f"Bearer {secret}"})
    latest = (
        Engagement.objects.of_hub(built.hub)
        .filter(starts_on__year=start.year)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )

    def deep(url: str, pages: int = 20) -> str:
        cursor = ""
        for _ in range(pages):
            found = client.get(f"{url}&cursor={cursor}" if cursor else url).json()
            if not found["next"]:
                break
            cursor = found["next"]
        return f"{url}&cursor={cursor}" if cursor else url

    def get(url: str):
        def call() -> None:
            cache.clear()  # as for the pages; the rate limit's counter goes with it
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}: {response.content!r}")

        return call

    urls = {
        "API engagements, year": f"/api/v1/engagements?year={start.year}&limit=100",
        "API engagements, deep": deep("/api/v1/engagements?limit=100", 5),
        "API attendance": f"/api/v1/engagements/{latest}/attendance?limit=100",
        "API people": "/api/v1/people?limit=100",
        "API people, deep": deep("/api/v1/people?limit=100"),
        "API people search": "/api/v1/people?q=person+1&limit=100",
        "API cities": "/api/v1/cities?limit=100",
        "API needs": "/api/v1/needs?limit=100",
        "API support": "/api/v1/support?limit=100",
        "API practices": "/api/v1/practices?limit=100",
        "API figures, numbers": f"/api/v1/figures?from={start}&to={start.year}-12-31&records=false",
    }
    rows = []
    for name, url in urls.items():
        get(url)()  # warm-up
        wall, cpu = p95_ms(get(url), runs)
        rows.append((f"{name} p95", wall, 300, cpu))
    return rows


def home_rows(client, hub, runs: int) -> list[tuple[str, float, int, float]]:
    """The home as visitors meet it with the shared cache: cached, and first after a change
    once the worker has counted it (operations.homes.warm_hub, what it runs after each job and
    each change made on a page). Needs a shared cache (--cache) for the second to mean that."""
    from django.utils import timezone

    from citybridge.network.models import Person
    from citybridge.operations.homes import warm_hub

    def get() -> None:
        response = client.get("/")
        if response.status_code != 200:
            raise SystemExit(f"/ answered {response.status_code}.")

    person = Person.objects.filter(hub=hub).order_by("pk").first()
    wall, cpu, refresh = [], [], []
    for _ in range(max(runs, 10)):
        Person.objects.filter(pk=person.pk).update(updated_at=timezone.now())  # an edit
        started = time.perf_counter()
        warm_hub(hub.pk)
        refresh.append((time.perf_counter() - started) * 1000)
        first = p95_ms(get, 1)
        wall.append(first[0])
        cpu.append(first[1])
    cached = p95_ms(get, max(30, runs))
    return [
        ("home, cached (p95)", cached[0], 50, cached[1]),
        ("home, 1st after change p95", percentile(wall), 100, percentile(cpu)),
        ("worker's recount of a home", statistics.median(refresh), 10_000, 0.0),
    ]


def page(client, url: str):
    """A GET through the test Client with the dashboard's cache emptied first."""
    from django.core.cache import cache

    def get() -> None:
        cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}.")

    return get


def part(args: argparse.Namespace, label: str) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from bench.build import build_network, network_as_built
    from citybridge.reports.briefs.assemble import assemble_brief
    from citybridge.reports.briefs.render import render_pdf
    from citybridge.reports.figures import key_figures

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if args.measure_only:
        hubs = network_as_built(args.hubs)
        print(f"== {label}: the network already built")
    else:
        started = time.perf_counter()
        hubs = build_network(args.hubs, args.cities, args.people, args.rows)
        with connection.cursor() as cursor:
            # Statistics and, on PostgreSQL, the visibility map that lets the covering indexes
            # answer alone: what autovacuum leaves after a bulk load, done at once.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        took = time.perf_counter() - started
        print(
            f"== {label}: {args.hubs} hubs, {args.cities:,} cities, {args.people:,} people, "
            f"{args.rows:,} attendance records built in {took:.0f} s"
        )
    built = hubs[len(hubs) // 2]  # a hub in the middle of the tables, not the first rows
    hub = built.hub
    start, end = YEAR
    figures = key_figures(hub, start, end)
    print(f"  hub {hub.slug}, 2024: " + ", ".join(f"{f.value:,} {f.key}" for f in figures))
    client = Client()
    client.force_login(built.users["officer"])
    city = built.cities[len(built.cities) // 2]
    rows = [
        ("key figures, hub-year", median_ms(lambda: key_figures(hub, start, end), args.runs), 200),
        (
            "figures page",
            median_ms(page(client, f"/figures/?start={start}&end={end}"), args.runs),
            300,
        ),
        ("city page", median_ms(page(client, f"/cities/{city}/"), args.runs), 300),
        ("people search", median_ms(page(client, "/people/?q=person+0123"), args.runs), 300),
        ("people search, broad", median_ms(page(client, "/people/?q=person+1"), args.runs), 300),
        ("hub home (uncached)", median_ms(page(client, "/"), args.runs), 300),
        *home_rows(client, hub, args.runs),
    ]
    brief_ms = median_ms(
        lambda: render_pdf(assemble_brief(hub, start, end)), max(1, args.runs // 2)
    )
    rows.append(("brief PDF, one hub-year", brief_ms, 10_000))
    rows += api_rows(built, start, args.api_runs)
    for name, ms, target, *cpu in rows:
        verdict = "ok" if ms <= target else "OVER"
        used = f"  (CPU {cpu[0]:.0f} ms)" if cpu and cpu[0] else ""
        print(f"  {name:<26} {ms:8.0f} ms   target ≤ {target:,} ms  {verdict}{used}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hubs", type=int, default=10)
    parser.add_argument("--cities", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--api-runs", type=int, default=20, help="timings per API endpoint (p95)")
    parser.add_argument(
        "--cache",
        default=os.environ.get("SCALE_CACHE_URL", "locmem://"),
        help="CITYBRIDGE_CACHE_URL for the run, e.g. redis://127.0.0.1:6379/13 (emptied!)",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="time the network PostgreSQL holds from a previous run, without rebuilding it",
    )
    parser.add_argument("--part", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        part(args, args.part)
        return
    sizes = [f"--{k}={getattr(args, k)}" for k in ("hubs", "cities", "people", "rows", "runs")]
    sizes.append(f"--api-runs={args.api_runs}")
    os.environ["CITYBRIDGE_CACHE_URL"] = args.cache
    command = [sys.executable, __file__, *sizes]
    if args.measure_only:
        env = {**os.environ, "CITYBRIDGE_ENV": "development", "DATABASE_URL": POSTGRES}
        subprocess.run([*command, "--measure-only", "--part=postgres"], env=env, check=True)  # noqa: S603 (our own script)
        return
    if args.database in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="cb-scale-") as var:
            env = {**os.environ, "CITYBRIDGE_VAR_DIR": var, "CITYBRIDGE_ENV": "development"}
            env.pop("DATABASE_URL", None)
            subprocess.run([*command, "--part=sqlite"], env=env, check=True)  # noqa: S603 (our own script)
    if args.database in ("postgres", "both"):
        if not fresh_postgres(POSTGRES):
            print(f"== postgresql: nothing answers at {POSTGRES}; skipped")
            return
        with tempfile.TemporaryDirectory(prefix="cb-scale-") as var:
            env = {
                **os.environ,
                "CITYBRIDGE_VAR_DIR": var,
                "CITYBRIDGE_ENV": "development",
                "DATABASE_URL": POSTGRES,
            }
            subprocess.run([*command, "--part=postgres"], env=env, check=True)  # noqa: S603 (our own script)


if __name__ == "__main__":
    main()
