"""A workshop's rush at the door: participants check in on their phones, against gunicorn run the
README's way, on SQLite and PostgreSQL.

    .venv/bin/python bench/checkin.py [--participants 200] [--minutes 10] [--speed 4]
                                      [--rows 5000] [--workers 5] [--database sqlite|postgres|both]
                                      [--log-dir DIR] [--resolve-within 300] [--json]

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
a 429 is sent again after its Retry-After, as the phone's queue does; a phone gives up a request
after REQUEST_TIMEOUT and a submission after MOST_TRIES, so the rush always ends. Afterwards the
database is read: every participant's id must have one arrival and one attendance row, and (up
to `--resolve-within` seconds) every row its person, resolved by the worker.

With `--log-dir`, gunicorn's and the worker's logs are kept there; both run with
PYTHONFAULTHANDLER=1, so a worker gunicorn kills past its timeout (SIGABRT) leaves the stack it
was waiting in, and `kill -ABRT PID` shows where a live process is.

Prints: participants, lost, duplicated, responses 5xx, p50/p95/p99 of the submissions and of the
form. Targets: 0 lost, 0 duplicated, 0 responses 5xx, p95 <= 500 ms.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
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

from bench.load import (  # noqa: E402
    collected_static,
    drop_postgres,
    free_port,
    fresh_postgres,
    gunicorn,
    migrated,
    percentiles,
    prepared,
    server_env,
    synthetic_hub,
)

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

    @property
    def p95_ms(self) -> float:
        return percentiles(self.submit_ms)[1]

    @property
    def ok(self) -> bool:
        """The targets: nothing lost or doubled, no 5xx, submissions p95 within 500 ms."""
        clean = not (self.lost or self.duplicated or self.server_errors)
        return clean and self.p95_ms <= 500

    def summary(self) -> str:
        s50, s95, s99 = percentiles(self.submit_ms)
        f50, f95, _f99 = percentiles(self.form_ms)
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
    hub = synthetic_hub("rush", max(rows // 10, 100), rows, seed=21)
    import datetime as dt

    from django.utils import timezone

    from citybridge.checkin.actions import open_check_in
    from citybridge.engagement.models import Engagement

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


# A phone gives up a request after this long (and keeps the submission queued); and sends one
# submission at most this many times: the rush stops by itself whatever the server does.
REQUEST_TIMEOUT = 30
MOST_TRIES = 8
# Form pages opened before the clock starts, so that each gunicorn worker has served one.
WARM_UP = 12


def request(
    port: int,
    method: str,
    path: str,
    address: str,
    body: str | None = None,
    timeout: float = REQUEST_TIMEOUT,
):
    import http.client

    headers = {
        "Host": f"127.0.0.1:{port}",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-For": address,
        "Accept": "application/json" if method == "POST" else "text/html",
    }
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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
                for _try in range(MOST_TRIES):
                    try:
                        status, ms, headers = request(port, "POST", send, address, body)
                    except OSError:
                        status, ms, headers = 599, REQUEST_TIMEOUT * 1000.0, {}
                    record("submit_ms", status, ms)
                    if status == 200:
                        return
                    # The phone keeps it queued: sent again later (429: after Retry-After).
                    wait = int(headers.get("Retry-After", 5)) if status == 429 else 5
                    time.sleep(wait / speed)
                with lock:
                    out["failures"].append(f"gave up after {MOST_TRIES} tries")

            thread = threading.Thread(target=submit)
            thread.start()
            threads.append(thread)
        for thread in threads:
            thread.join()

    # Every worker compiles the form's templates on its first visit: before the clock starts,
    # as bench/load.py warms up (a rush measures the door, not a worker's first page).
    from concurrent.futures import ThreadPoolExecutor

    def warm(n: int) -> None:
        with contextlib.suppress(OSError):  # a busy machine's first pages: not the rush's
            request(port, "GET", form, f"10.255.0.{n}", timeout=120)

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(warm, range(WARM_UP)))
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
def db_worker(env: dict[str, str], log_to: Path | None = None) -> Iterator[None]:
    """The background worker beside gunicorn, as the README deploys it."""
    command = [str(Path(sys.executable).parent / "citybridge"), "db_worker", "--no-reload"]
    opened = open(log_to, "wb") if log_to else tempfile.TemporaryFile()  # noqa: SIM115
    with opened as log:
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
    log_dir: Path | None = None,
    resolve_within: float = 300,
) -> tuple[Result, dict]:
    """A fresh database (`database_url`, or SQLite when None), served by gunicorn, and the rush.
    With `log_dir`, gunicorn's and the worker's logs are kept there (a process killed by
    SIGABRT, as gunicorn kills a worker past its timeout, writes its threads' stacks there)."""
    port = free_port()
    began = time.monotonic()

    def said(what: str) -> None:  # where the time goes, on stderr
        print(f"[{time.monotonic() - began:5.1f} s] {what}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="cb-checkin-") as var:
        env = server_env(var, database_url, port) | {
            "CITYBRIDGE_TRUSTED_PROXIES": "1",
            # This checkout's code, also for the `citybridge` script of an installed other one.
            "PYTHONPATH": str(ROOT),
            "PYTHONFAULTHANDLER": "1",
        }
        with collected_static(env, var):
            migrated(env, database_url)
            said("migrated")
            world = prepared(__file__, env, f"--prepare={rows}")
            said("hub built")
        said("static files ready")
        logs = (log_dir / "gunicorn.log", log_dir / "worker.log") if log_dir else (None, None)
        with gunicorn(env, port, workers, logs[0]), db_worker(env, logs[1]):
            said("served")
            out = rush(port, world["token"], participants, minutes, speed)
            said("rush over")
            # The worker resolves the people behind the rush: until every arrival is (with
            # `resolve_within` 0, only counted: the short rush of the suite).
            waited = time.monotonic()
            while True:
                stored = prepared(__file__, env, f"--count={world['engagement']}", *out["ids"])
                if stored["resolved"] >= stored["rows"] or resolve_within <= 0:
                    break
                if time.monotonic() - waited > resolve_within:
                    out["failures"].append(
                        f"{stored['rows'] - stored['resolved']} rows not resolved "
                        f"{resolve_within:.0f} s after the rush"
                    )
                    break
                time.sleep(5)
            stored["resolved_after_s"] = time.monotonic() - waited
            said("counted")
    said("stopped")
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


def warm(database_url: str | None) -> None:
    """Only the set-up the runs after keep (the static files collected, the database migrated):
    minutes when nothing is kept yet, which a time limit on the rush itself should not count."""
    with tempfile.TemporaryDirectory(prefix="cb-checkin-") as var:
        env = server_env(var, database_url, free_port()) | {"PYTHONPATH": str(ROOT)}
        with collected_static(env, var):
            migrated(env, database_url)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--speed", type=float, default=4)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--resolve-within", type=float, default=300, help="seconds; 0: do not wait for the worker"
    )
    parser.add_argument("--log-dir", type=Path, help="keep gunicorn's and the worker's logs here")
    parser.add_argument("--json", action="store_true", help="one JSON line per database")
    parser.add_argument(
        "--warm", action="store_true", help="only collect the static files and migrate, kept"
    )
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
        if args.warm:
            try:
                warm(url)
            finally:
                if url:
                    drop_postgres(url)
            continue
        log_dir = args.log_dir / label if args.log_dir else None
        if log_dir:
            log_dir.mkdir(parents=True, exist_ok=True)
        try:
            result, stored = run(
                url,
                participants=args.participants,
                minutes=args.minutes,
                speed=args.speed,
                rows=args.rows,
                workers=args.workers,
                log_dir=log_dir,
                resolve_within=args.resolve_within,
            )
        finally:
            if url:
                drop_postgres(url)
        if args.json:
            fields = ("participants", "lost", "duplicated", "server_errors", "rate_limited")
            s50, s95, s99 = percentiles(result.submit_ms)
            print(
                json.dumps(
                    {"database": label, "ok": result.ok, "summary": result.summary()}
                    | {f: getattr(result, f) for f in fields}
                    | {"p50_ms": s50, "p95_ms": s95, "p99_ms": s99}
                    | {k: stored[k] for k in ("rows", "resolved", "failures")}
                ),
                flush=True,
            )
            continue
        verdict = "ok" if result.ok else "OVER"
        print(f"== {label}, {args.rows} records in the hub: {result.summary()}  {verdict}")
        print(
            f"  rows {stored['rows']}, resolved to a person {stored['resolved']} "
            f"(the last {stored['resolved_after_s']:.0f} s after the rush, by the worker)"
        )
        for failure in stored["failures"]:
            print(f"  not 200: {failure}")


if __name__ == "__main__":
    main()
