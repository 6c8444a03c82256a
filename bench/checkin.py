"""A workshop's rush at the door: participants check in on their phones, against gunicorn run the
README's way, on SQLite and PostgreSQL.

    .venv/bin/python bench/checkin.py [--participants 200] [--minutes 10] [--speed 4]
                                      [--rows 5000] [--workers 5] [--database sqlite|postgres|both]

For each database it prepares a fresh one (as bench/load.py does: SQLite in a temporary
directory; PostgreSQL at $CHECKIN_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/bench_checkin, dropped and created afresh): migrations, a
synthetic hub with `--rows` attendance records (bench/build.py) and check-in opened on one of its
engagements through the real action. gunicorn then serves it in production mode, behind a
stand-in for the proxy (X-Forwarded-Proto, and X-Forwarded-For with each phone's address, with
CITYBRIDGE_TRUSTED_PROXIES=1).

The rush: `--participants` arrive over `--minutes`, the first two minutes in bursts of 30 a
minute, the rest evenly; `--speed` compresses the clock (4: ten minutes in two and a half). Each
participant opens the form, then sends it with an id made on the phone, as checkin.js does; one in
ten taps twice (two requests at once), one in ten loses the answer (the request is sent again), and
a 429 is sent again after its Retry-After, as the phone's queue does. Afterwards the database is
read: every participant's id must have one arrival and one attendance row.

Prints: participants, lost, duplicated, responses 5xx, p50/p95/p99 of the submissions and of the
form. Targets: 0 lost, 0 duplicated, 0 responses 5xx, p95 <= 500 ms.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import drop_postgres, free_port, fresh_postgres, gunicorn, server_env  # noqa: E402

POSTGRES = os.environ.get(
    "CHECKIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_checkin"
)
CITIES = ["Podgorica", "Подгорица", "Prishtinë", "Ohrid", "Охрид", "Tuzla", "Elbasan", "Budva"]
NAMES = [
    "Milica Jovanović", "Милица Јовановић", "Arben Krasniqi", "Горан Стојанов", "Ana Kovač",
    "Edin Hodžić", "Dritëro Gashi", "Jelena Petrović", "Ивана Николић", "Marko Babić",
]  # fmt: skip


@dataclass(frozen=True)
class Result:
    participants: int
    lost: int
    duplicated: int
    server_errors: int
    rate_limited: int
    submit_ms: list[float]
    form_ms: list[float]
    seconds: float

    @staticmethod
    def cuts(times: list[float]) -> tuple[float, float, float]:
        if len(times) < 2:
            return (times or [0.0])[0], (times or [0.0])[0], (times or [0.0])[0]
        q = statistics.quantiles(times, n=100)
        return q[49], q[94], q[98]

    @property
    def p95_ms(self) -> float:
        return self.cuts(self.submit_ms)[1]

    def summary(self) -> str:
        s50, s95, s99 = self.cuts(self.submit_ms)
        f50, f95, _f99 = self.cuts(self.form_ms)
        return (
            f"{self.participants} participants in {self.seconds:.0f} s: {self.lost} lost, "
            f"{self.duplicated} duplicated, {self.server_errors} responses 5xx, "
            f"{self.rate_limited} answered 429 and sent again; submissions "
            f"p50 {s50:.0f} ms, p95 {s95:.0f} ms, p99 {s99:.0f} ms; "
            f"form p50 {f50:.0f} ms, p95 {f95:.0f} ms"
        )


# -- inside the server's database (a subprocess with its environment) ------------------------


def prepare(rows: int) -> dict:
    """A synthetic hub of `rows` records with check-in open on one engagement: its link."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from citybridge.checkin.actions import open_check_in
    from citybridge.engagement.models import Engagement

    call_command("migrate", verbosity=0)
    from bench.build import BALKANS, build_hub

    hub = build_hub("rush", BALKANS, 60, max(rows // 10, 100), rows, seed=21).hub
    engagement = Engagement.objects.of_hub(hub).order_by("-starts_on").first()
    assert engagement is not None
    now = timezone.now()
    check_in = open_check_in(
        engagement, opens_at=now, closes_at=now + dt.timedelta(hours=6), acting_user=None
    )
    return {"token": check_in.token, "engagement": engagement.pk}


def count(engagement: int, ids: list[str]) -> dict:
    """After the rush: how many of the participants' ids arrived, and the rows they made."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    from citybridge.checkin.models import SOURCE, Arrival
    from citybridge.engagement.models import Attendance

    arrived = set(Arrival.objects.filter(uuid__in=ids).values_list("uuid", flat=True))
    rows = Attendance.objects.filter(engagement_id=engagement, source_file=SOURCE)
    keys = [k for keys in rows.values_list("submission_keys", flat=True) for k in keys]
    return {
        "arrived": len(arrived),
        "rows": rows.count(),
        "distinct": len(set(keys)),
        "resolved": rows.filter(person__isnull=False).count(),
    }


def in_server_env(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, __file__, *args],
        env={**env, "CITYBRIDGE_ENV": "development"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the phones ------------------------------------------------------------------------------


def schedule(participants: int, minutes: float, rng: random.Random) -> list[float]:
    """When each participant arrives, in seconds of the real (uncompressed) clock: bursts of
    30 a minute in the first two minutes, the rest evenly over the remaining minutes."""
    burst = min(participants, 60)
    times = [rng.uniform(0, 120) for _ in range(burst)]
    rest = participants - burst
    span = max(minutes * 60 - 120, 1)
    times += [120 + span * (i + rng.random()) / max(rest, 1) for i in range(rest)]
    return sorted(times)


def request(port: int, method: str, path: str, address: str, body: str | None = None):
    import http.client

    headers = {
        "Host": f"127.0.0.1:{port}",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
        "Accept": "application/json" if method == "POST" else "text/html",
    }
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000, response.headers
    finally:
        connection.close()


def rush(port: int, token: str, participants: int, minutes: float, speed: float) -> dict:
    rng = random.Random(21)
    arrivals = schedule(participants, minutes, rng)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in arrivals]
    lock = threading.Lock()
    out: dict = {"submit_ms": [], "form_ms": [], "errors": 0, "limited": 0, "failures": []}
    form = f"/c/{token}/?lang=en"
    send = f"/c/{token}/send/?lang=en"

    def record(kind: str, status: int, ms: float) -> None:
        with lock:
            out[kind].append(ms)
            if status >= 500:
                out["errors"] += 1
            if status == 429:
                out["limited"] += 1
            if status not in (200, 429) and len(out["failures"]) < 20:
                out["failures"].append(f"{status} {kind}")

    def phone(n: int, at: float) -> None:
        local = random.Random(n)
        address = f"10.{n // 250}.{n % 250}.{local.randint(1, 250)}"
        time.sleep(max(0.0, at / speed - (time.monotonic() - began)))
        status, ms, _ = request(port, "GET", form, address)
        record("form_ms", status, ms)
        time.sleep(local.uniform(20, 60) / speed)  # typing
        body = urlencode(
            {
                "uuid": ids[n],
                "notice_version": "bench",
                "name": NAMES[n % len(NAMES)] + f" {n}",
                "city": local.choice(CITIES),
                "organisation": "Opština",
                "position": local.choice(["Savjetnik", "Gradonačelnik", "Policija", "NVO"]),
                "gender": local.choice(["female", "male", ""]),
                "consent_contact": "on",
            }
        )
        tries = 2 if local.random() < 0.2 else 1  # a double tap, or a lost answer sent again
        threads = []
        for _ in range(tries):

            def submit() -> None:
                while True:
                    try:
                        status, ms, headers = request(port, "POST", send, address, body)
                    except OSError:
                        status, ms, headers = 599, 0.0, {}
                    record("submit_ms", status, ms)
                    if status == 200:
                        return
                    # The phone keeps it queued: sent again later (429: after Retry-After).
                    wait = int(headers.get("Retry-After", 5)) if status == 429 else 5
                    time.sleep(wait / speed)

            thread = threading.Thread(target=submit)
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()

    # Every worker compiles the form's templates on its first visit: before the clock starts,
    # as bench/load.py warms up (a rush measures the door, not a worker's first page).
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: request(port, "GET", form, f"10.255.0.{n}"), range(20)))
    began = time.monotonic()
    threads = [threading.Thread(target=phone, args=(n, at)) for n, at in enumerate(arrivals)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out["seconds"] = time.monotonic() - began
    out["ids"] = ids
    return out


@contextlib.contextmanager
def db_worker(env: dict[str, str]) -> Iterator[None]:
    """The background worker beside gunicorn, as the README deploys it."""
    command = [str(Path(sys.executable).parent / "citybridge"), "db_worker", "--no-reload"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)  # noqa: S603 (our own command line)
        try:
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def run(
    database_url: str | None,
    *,
    participants: int,
    minutes: float,
    speed: float,
    rows: int,
    workers: int = 5,
) -> tuple[Result, dict]:
    """A fresh database (`database_url`, or SQLite when None), served by gunicorn, and the rush."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="cb-checkin-") as var:
        env = server_env(var, database_url, port) | {
            "CITYBRIDGE_TRUSTED_PROXIES": "1",
            # This checkout's code, also for the `citybridge` script of an installed other one.
            "PYTHONPATH": str(ROOT),
        }
        collect = subprocess.Popen(  # noqa: S603 (our own command line)
            [str(Path(sys.executable).parent / "citybridge"), "collectstatic", "--no-input", "-v0"],
            env=env,
            cwd=ROOT,
        )
        world = in_server_env(env, f"--prepare={rows}")
        if collect.wait() != 0:
            raise RuntimeError("collectstatic failed.")
        with gunicorn(env, port, workers), db_worker(env):
            out = rush(port, world["token"], participants, minutes, speed)
            # The worker resolves the people behind the rush: until every arrival is.
            waited = time.monotonic()
            while True:
                stored = in_server_env(env, f"--count={world['engagement']}", *out["ids"])
                if stored["resolved"] >= stored["rows"] or time.monotonic() - waited > 300:
                    break
                time.sleep(2)
            stored["resolved_after_s"] = time.monotonic() - waited
    result = Result(
        participants=participants,
        lost=participants - stored["arrived"],
        duplicated=stored["rows"] - stored["distinct"],
        server_errors=out["errors"],
        rate_limited=out["limited"],
        submit_ms=out["submit_ms"],
        form_ms=out["form_ms"],
        seconds=out["seconds"],
    )
    return result, stored | {"failures": out["failures"]}


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--speed", type=float, default=4)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("ids", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.prepare)))
        return
    if args.count:
        print(json.dumps(count(args.count, args.ids)))
        return
    targets: list[tuple[str, str | None]] = []
    if args.database in ("sqlite", "both"):
        targets.append(("sqlite", None))
    if args.database in ("postgres", "both"):
        if fresh_postgres(POSTGRES):
            targets.append(("postgresql", POSTGRES))
        else:
            print(f"== postgresql: nothing answers at {POSTGRES}; skipped")
    for label, url in targets:
        try:
            result, stored = run(
                url,
                participants=args.participants,
                minutes=args.minutes,
                speed=args.speed,
                rows=args.rows,
                workers=args.workers,
            )
        finally:
            if url:
                drop_postgres(url)
        ok = not (result.lost or result.duplicated or result.server_errors)
        verdict = "ok" if ok and result.p95_ms <= 500 else "OVER"
        print(f"== {label}, {args.rows} records in the hub: {result.summary()}  {verdict}")
        print(
            f"  rows {stored['rows']}, resolved to a person {stored['resolved']} "
            f"(the last {stored['resolved_after_s']:.0f} s after the rush, by the worker)"
        )
        for failure in stored["failures"]:
            print(f"  not 200: {failure}")


if __name__ == "__main__":
    main()
