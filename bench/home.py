"""The hub home alone, on a network built once and kept: cold, cached and first after a change.

    .venv/bin/python bench/home.py build [--hubs 10 --cities 2000 --people 200000 --rows 2000000]
    .venv/bin/python bench/home.py measure [--hubs 10] [--runs 7] [--queries] [--bare]

Where bench/scale.py builds its network afresh in a temporary database and times every large
page, this keeps the network in the database the environment names (DATABASE_URL, or SQLite in
CITYBRIDGE_VAR_DIR) and times only the home, as often as a change to it needs measuring:

    cold      the cache emptied before each visit: the whole recount          target ≤ 300 ms
    cached    the summary in the shared cache                                 target ≤ 50 ms p95
    first     the first visit after a change once the worker counted it      target ≤ 100 ms p95

Each with its median, p95, this process's CPU time (what a busy machine leaves to the wall
time's judgement) and the number of queries. `--queries` prints each path's queries with their
time; `--profile 40` profiles a cold visit; `--bare` leaves out the test instrumentation of
templates (bench/scale.py keeps it: about 20 ms of CPU a visit that production does not
spend). Run with CITYBRIDGE_CACHE_URL (e.g. redis://127.0.0.1:6379/13, which the run empties)
for the worker's refresh to mean what it does in production; CITYBRIDGE_ENV=development.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs: int, before=None) -> tuple[list[float], list[float], int]:
    """Wall and CPU ms of `runs` calls of `fn()` (each after `before()`, untimed), after one
    warm-up; and the queries of the last call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    fn()
    wall, cpu = [], []
    queries = 0
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            started, used = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        queries = len(captured)
    return wall, cpu, queries


def p95(times: list[float]) -> float:
    return sorted(times)[min(len(times) - 1, int(len(times) * 0.95))]


def show_queries(label: str, fn, before=None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if before:
        before()
    with CaptureQueriesContext(connection) as captured:
        fn()
    print(f"  -- {label}: {len(captured)} queries")
    for q in captured:
        print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:220]}")


def build(args: argparse.Namespace) -> None:
    from django.db import connection

    from bench.build import build_network

    started = time.perf_counter()
    build_network(args.hubs, args.cities, args.people, args.rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"== {connection.vendor}: {args.hubs} hubs, {args.rows:,} attendance records built "
        f"in {time.perf_counter() - started:.0f} s"
    )


def measure(args: argparse.Namespace) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bench.build import network_as_built
    from citybridge.network.models import Person
    from citybridge.operations.homes import warm_hub

    built = network_as_built(args.hubs)[args.hubs // 2]  # as bench/scale.py: a middle hub
    hub = built.hub
    client = Client()
    officer = built.users["officer"]
    client.force_login(officer)
    # Signed in with a second factor, as production asks of hub staff (MFA_REQUIRED): django-otp
    # then reads the session's device once a request, where a session without one reads each
    # kind of device the user might have.
    device, _made = TOTPDevice.objects.get_or_create(
        user=officer, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    person = Person.objects.filter(hub=hub).order_by("pk").first()
    assert person is not None

    def visit() -> None:
        response = client.get("/")
        if response.status_code != 200:
            raise SystemExit(f"/ answered {response.status_code}.")

    def change() -> None:  # an edit, then the worker's refresh (operations.homes)
        Person.objects.filter(pk=person.pk).update(updated_at=timezone.now())
        warm_hub(hub.pk)

    paths = {
        "cold": (cache.clear, 300),
        "cached": (None, 50),
        "first after change": (change, 100),
    }
    print(f"== {connection.vendor}, hub {hub.slug}, cache {os.environ.get('CITYBRIDGE_CACHE_URL')}")
    print(f"   load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for label, (before, target) in paths.items():
        runs = args.runs if label == "cold" else max(args.runs, 20)
        wall, cpu, queries = timed(visit, runs, before)
        print(
            f"  {label:<20} median {statistics.median(wall):6.0f} ms  p95 {p95(wall):6.0f} ms  "
            f"CPU median {statistics.median(cpu):5.0f} p95 {p95(cpu):5.0f} ms  "
            f"{queries:3d} queries  target ≤ {target} ms"
        )
    if args.queries:
        for label, (before, _target) in paths.items():
            show_queries(label, visit, before)
    if args.profile:
        import cProfile
        import pstats

        cache.clear()
        profile = cProfile.Profile()
        profile.runcall(visit)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    warm_started = time.perf_counter()
    change()
    print(
        f"  worker's refresh after a change: {(time.perf_counter() - warm_started) * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["build", "measure"])
    parser.add_argument("--hubs", type=int, default=10)
    parser.add_argument("--cities", type=int, default=2_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--queries", action="store_true", help="print each path's queries")
    parser.add_argument(
        "--bare",
        action="store_true",
        help="without Django's test instrumentation of templates (bench/scale.py has it): "
        "what a production process spends",
    )
    parser.add_argument("--profile", type=int, default=0, help="profile a cold visit: top N")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    if args.bare:
        from django.conf import settings

        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    else:
        setup_test_environment()
    call_command("migrate", verbosity=0)
    build(args) if args.what == "build" else measure(args)


if __name__ == "__main__":
    main()
