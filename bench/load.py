"""Load test: signed-in users browsing and searching, against gunicorn run the README's way.

    .venv/bin/python bench/load.py [--seconds 300] [--users 25] [--workers 5]
                                   [--database sqlite|postgres|both]

For each database it prepares a fresh one (SQLite in a temporary directory; PostgreSQL at
$LOAD_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/scale_load, dropped and created
afresh): migrations, a synthetic hub of 60 cities, 3,000 people and 30,000 attendance records
(bench/build.py; not the demonstration, whose users a production server refuses) and `--users` users created through the accounts actions, 3 of 5 hub officers
and the rest city focal points. Then it collects the static files and starts gunicorn with
CITYBRIDGE_ENV=production (DEBUG off, WhiteNoise, secure cookies; the test plays the proxy and
sends `X-Forwarded-Proto: https`; CITYBRIDGE_MFA_REQUIRED=0, since a load test cannot type
authenticator codes). Each user signs in through the sign-in form and then, for `--seconds`,
opens a page, reads it for a moment (1 to 5 s, `--think` 3 s on average, as locust's
`between(1, 5)`; 0 for none) and opens the next: the hub home, cities, a city, a people search, engagements, an engagement, the key
figures, the briefs. Prints requests, responses 5xx, p50/p95/p99 of the response times.
Targets: no 5xx, p95 ≤ 800 ms.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/scale_load")
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCHES = ["a", "ana", "mar", "ić", "nik", "Петр", "zzz", "jov", "em", "sa"]


@dataclass(frozen=True)
class Result:
    requests: int
    server_errors: int
    failures: list[str]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    seconds: float
    median_ms_by_page: dict[str, float]

    def summary(self) -> str:
        return (
            f"{self.requests:,} requests in {self.seconds:.0f} s "
            f"({self.requests / self.seconds:.1f}/s), {self.server_errors} responses 5xx, "
            f"p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, p99 {self.p99_ms:.0f} ms"
        )


# -- inside the server's database (a subprocess with its environment) ------------------------


def synthetic_hub(name: str, people: int, rows: int, seed: int):
    """Inside the server's fresh database (a subprocess with its environment, `prepared`):
    Django set up, the migrations run, and a synthetic hub of 60 of the region's cities,
    `people` people and `rows` attendance records (bench/build.py). Returns the hub."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench.build import BALKANS, build_hub

    return build_hub(name, BALKANS, 60, people, rows, seed=seed).hub


def prepared(script: str, env: dict[str, str], *args: str) -> dict:
    """Runs `script` with `args` in the server's environment (as development: migrations and
    set-up, no production checks) and returns the JSON its last line prints."""
    done = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, script, *args],
        env={**env, "CITYBRIDGE_ENV": "development"},
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentiles(times: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 of `times` (one time: itself; none: 0)."""
    if len(times) < 2:
        one = (times or [0.0])[0]
        return one, one, one
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[94], cuts[98]


def prepare(users: int) -> dict:
    """Fills the fresh database and returns what the users will browse, with their passwords."""
    hub = synthetic_hub("load", 3_000, 30_000, seed=25)
    from citybridge.accounts.actions import save_role
    from citybridge.accounts.models import Role, User
    from citybridge.engagement.models import Engagement
    from citybridge.network.models import LocalGovernment

    cities = list(LocalGovernment.objects.of_hub(hub).order_by("name")[:10])
    engagements = list(Engagement.objects.of_hub(hub).values_list("pk", flat=True)[:20])
    accounts = []
    for i in range(users):
        name, password = f"load-user-{i:02d}", secrets.token_urlsafe(12)
        user = User.objects.create_user(username=name, password=password)
        city = cities[i % len(cities)] if i % 5 >= 3 else None
        kind = Role.Kind.FOCAL_POINT if city else Role.Kind.OFFICER
        save_role(Role(user=user, hub=hub, kind=kind, city=city), acting_user=None)
        # A focal point opens the engagements of their own city; another is a 404 by design.
        seen = Engagement.objects.of_hub(hub).involving(city) if city else None
        accounts.append(
            {
                "username": name,
                "password": password,
                "cities": [city.pk] if city else [c.pk for c in cities],
                "engagements": list(seen.values_list("pk", flat=True)[:20])
                if seen is not None
                else engagements,
            }
        )
    return {"accounts": accounts}


# -- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(var_dir: str, database_url: str | None, port: int) -> dict[str, str]:
    """The README's production environment, on loopback."""
    env = {
        **os.environ,
        "CITYBRIDGE_ENV": "production",
        "CITYBRIDGE_VAR_DIR": var_dir,
        "CITYBRIDGE_SECRET_KEY": secrets.token_urlsafe(40),
        "CITYBRIDGE_ALLOWED_HOSTS": "127.0.0.1",
        "CITYBRIDGE_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "CITYBRIDGE_MFA_REQUIRED": "0",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], port: int, workers: int, log_to: Path | None = None
) -> Iterator[None]:
    """gunicorn as the README starts it; stopped (and its workers with it) on the way out. Its
    log goes to `log_to` when given (a worker it kills for its timeout writes its stack there
    under PYTHONFAULTHANDLER=1), else nowhere."""
    command = [sys.executable, "-m", "gunicorn", "citybridge.wsgi", f"--workers={workers}"]
    command += [f"--bind=127.0.0.1:{port}", "--timeout=60", "--max-requests=2000"]
    opened = open(log_to, "wb") if log_to else tempfile.TemporaryFile()  # noqa: SIM115
    with opened as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)  # noqa: S603 (our own command line)
        try:
            deadline = time.monotonic() + 60
            while True:
                with contextlib.suppress(OSError):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start:\n" + log.read().decode()[-3000:])
                time.sleep(0.2)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# Static files collected before, by what they were collected from (`static_key`): collectstatic
# compresses every file again each time, minutes on a busy machine for files that did not change.
STATIC_CACHE = Path(tempfile.gettempdir()) / "citybridge-bench-static"


def static_key() -> str:
    """What the collected files depend on: the checkout's static files (their bytes) and the
    installed packages' versions (their static files: the admin's, swagger-ui's...)."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    for path in sorted((ROOT / "citybridge").rglob("static/**/*")):
        if path.is_file():
            digest.update(f"{path.relative_to(ROOT)}\n".encode() + path.read_bytes())
    # A set: with the checkout on sys.path its own egg-info is listed a second time, and the
    # key differed between the suite and the scripts it starts (each migrated again).
    installed = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def collected_static(env: dict[str, str], var_dir: str) -> Iterator[None]:
    """The static files in `var_dir`/static as production serves them (hashed, compressed),
    collected while the body runs (the database fills meanwhile), ready when it ends: a link to
    the files a run before collected from the same sources, else `citybridge collectstatic`,
    whose files are then kept for the next run."""
    import shutil

    kept = STATIC_CACHE / static_key()
    target = Path(var_dir) / "static"
    if (kept / "staticfiles.json").exists():
        target.symlink_to(kept, target_is_directory=True)
        yield
        return
    collect = subprocess.Popen(  # noqa: S603 (our own command line)
        [str(Path(sys.executable).parent / "citybridge"), "collectstatic", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
    )
    try:
        yield
    finally:
        if collect.wait() != 0:
            raise RuntimeError("collectstatic failed.")
    STATIC_CACHE.mkdir(parents=True, exist_ok=True)
    copying = Path(tempfile.mkdtemp(dir=STATIC_CACHE))
    shutil.copytree(target, copying / "static")
    with contextlib.suppress(OSError):  # another run kept the same files first
        (copying / "static").rename(kept)
    shutil.rmtree(copying, ignore_errors=True)


# -- the users -------------------------------------------------------------------------------


class Browser:
    """One signed-in user: its cookies, and requests as the HTTPS proxy would forward them."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, text
        finally:
            connection.close()

    def sign_in(self, username: str, password: str) -> None:
        from urllib.parse import urlencode

        status, page = self.request("GET", "/accounts/login/")
        token = CSRF_FIELD.search(page)
        if status != 200 or token is None:
            raise RuntimeError(f"The sign-in page answered {status}.")
        form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
        status, _page = self.request("POST", "/accounts/login/", urlencode(form))
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"Signing in {username} answered {status}.")


def all_pages(account: dict, rng: random.Random) -> list[tuple[str, str, int]]:
    """Each kind of page the account browses, a path of it and how often people open it."""
    from urllib.parse import quote

    choices = [
        ("home", "/", 3),
        ("cities", "/cities/", 2),
        ("city", f"/cities/{rng.choice(account['cities'])}/", 2),
        ("people search", f"/people/?q={quote(rng.choice(SEARCHES))}", 3),
        ("engagements", "/engagements/", 2),
        ("figures", "/figures/", 2),
        ("briefs", "/briefs/", 1),
    ]
    if account["engagements"]:
        choices.append(("engagement", f"/engagements/{rng.choice(account['engagements'])}/", 1))
    return choices


def next_page(account: dict, rng: random.Random) -> tuple[str, str]:
    """The next page a user opens (its kind and path), in the proportions people browse."""
    choices = all_pages(account, rng)
    kind, path, _weight = rng.choices(choices, weights=[w for *_, w in choices])[0]
    return kind, path


def warm_up(browsers: list[tuple[Browser, dict]], workers: int) -> None:
    """Every kind of page, a few times per worker, before the clock starts: a gunicorn worker
    compiles each template and fills each lazy import on its first visit of a page, which a
    30-second run would otherwise count as a good part of its slowest twentieth."""
    from concurrent.futures import ThreadPoolExecutor

    rng = random.Random(0)
    visits = []
    for i in range(workers * 3):
        browser, account = browsers[i % len(browsers)]
        visits += [(browser, path) for _kind, path, _weight in all_pages(account, rng)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda visit: visit[0].request("GET", visit[1]), visits))


def drive(port: int, world: dict, seconds: float, think: float, workers: int) -> Result:
    """Every account signs in, then browses until the time is up; times every page."""
    times: list[float] = []
    by_kind: dict[str, list[float]] = {}
    failures: list[str] = []
    server_errors = 0
    lock = threading.Lock()
    browsers = []
    for account in world["accounts"]:
        browser = Browser(port)
        browser.sign_in(account["username"], account["password"])
        browsers.append((browser, account))
    warm_up(browsers, workers)
    stop_at = time.monotonic() + seconds

    def user(browser: Browser, account: dict, seed: int) -> None:
        nonlocal server_errors
        rng = random.Random(seed)
        # Users arrive over the first seconds, not all in the same millisecond (locust's spawn
        # rate): a burst of 25 first pages at once measures the start, not the steady load.
        time.sleep(rng.uniform(0, think * 5 / 3))
        while time.monotonic() < stop_at:
            kind, path = next_page(account, rng)
            started = time.perf_counter()
            try:
                status, _page = browser.request("GET", path)
            except OSError as error:
                status = 599
                _page = str(error)
            took = (time.perf_counter() - started) * 1000
            with lock:
                times.append(took)
                by_kind.setdefault(kind, []).append(took)
                if status >= 500:
                    server_errors += 1
                if status != 200 and len(failures) < 20:
                    failures.append(f"{status} {path}")
            if think:
                time.sleep(rng.uniform(think / 3, think * 5 / 3))

    started = time.monotonic()
    threads = [
        threading.Thread(target=user, args=(b, a, i), daemon=True)
        for i, (b, a) in enumerate(browsers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    p50, p95, p99 = percentiles(times)
    medians = {k: statistics.median(v) for k, v in sorted(by_kind.items())}
    return Result(len(times), server_errors, failures, p50, p95, p99, elapsed, medians)


# -- one whole run ---------------------------------------------------------------------------


def postgres_admin(url: str):
    """A connection to the `postgres` database of the server `url` names, or None."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    try:
        return psycopg.connect(
            host=config["HOST"] or "127.0.0.1",
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=3,
        )
    except psycopg.OperationalError:
        return None


def drop_postgres(url: str) -> None:
    import dj_database_url
    from psycopg import sql

    admin = postgres_admin(url)
    if admin is None:
        return
    with admin:
        name = sql.Identifier(dj_database_url.parse(url)["NAME"])
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def fresh_postgres(url: str) -> bool:
    """Drops and creates the database `url` names; False when no PostgreSQL answers."""
    import dj_database_url
    from psycopg import sql

    admin = postgres_admin(url)
    if admin is None:
        return False
    drop_postgres(url)
    with admin:
        name = sql.Identifier(dj_database_url.parse(url)["NAME"])
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return True


# Databases migrated before, by the migrations they ran (`migrations_key`): migrating a fresh
# database takes a minute on a busy machine, the same minute every run.
MIGRATED_CACHE = Path(tempfile.gettempdir()) / "citybridge-bench-migrated"


def migrations_key() -> str:
    """The migrations' files (their bytes) and the installed packages' versions."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    for path in sorted((ROOT / "citybridge").glob("*/migrations/*.py")):
        digest.update(f"{path.relative_to(ROOT)}\n".encode() + path.read_bytes())
    # A set: with the checkout on sys.path its own egg-info is listed a second time, and the
    # key differed between the suite and the scripts it starts (each migrated again).
    installed = sorted({f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()})
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()[:16]


def migrated(env: dict[str, str], database_url: str | None) -> None:
    """The server's fresh database, migrated: a copy of one migrated before by the same
    migrations (SQLite: a file kept; PostgreSQL: a template database kept beside it), else
    migrated now and kept for the next run."""
    import shutil

    key = migrations_key()
    migrate = [str(Path(sys.executable).parent / "citybridge"), "migrate", "--no-input", "-v0"]
    setup = {**env, "CITYBRIDGE_ENV": "development"}
    if database_url is None:
        database = Path(env["CITYBRIDGE_VAR_DIR"]) / "citybridge.sqlite3"
        kept = MIGRATED_CACHE / f"{key}.sqlite3"
        if kept.exists():
            shutil.copyfile(kept, database)
            return
        subprocess.run(migrate, env=setup, cwd=ROOT, check=True)  # noqa: S603 (our own command)
        MIGRATED_CACHE.mkdir(parents=True, exist_ok=True)
        copying = kept.with_suffix(f".{os.getpid()}")
        import sqlite3

        with contextlib.closing(sqlite3.connect(database)) as db:  # the WAL, into the file
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(database, copying)
        copying.rename(kept)
        return
    import dj_database_url
    from psycopg import errors, sql

    admin = postgres_admin(database_url)
    if admin is None:
        raise RuntimeError(f"No PostgreSQL answers at {database_url}.")
    name = dj_database_url.parse(database_url)["NAME"]
    template = f"citybridge_migrated_{key}"
    with admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if found:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
            return
        subprocess.run(migrate, env=setup, cwd=ROOT, check=True)  # noqa: S603 (our own command)
        with contextlib.suppress(errors.DuplicateDatabase, errors.ObjectInUse):
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(template), sql.Identifier(name)
                )
            )


def run(
    database_url: str | None,
    *,
    seconds: float,
    users: int = 25,
    workers: int = 5,
    think: float = 3.0,
) -> Result:
    """Prepares a fresh database (`database_url`, or SQLite when None), serves it with gunicorn
    and drives the users against it. The PostgreSQL database must exist and be empty."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="cb-load-") as var:
        env = server_env(var, database_url, port)
        # Static files do not need the database: collect them while the database fills.
        with collected_static(env, var):
            migrated(env, database_url)
            world = prepared(__file__, env, f"--prepare={users}")
        with gunicorn(env, port, workers):
            return drive(port, world, seconds, think, workers)


def main() -> None:
    parser = argparse_parser()
    args = parser.parse_args()
    if args.prepare:
        print(json.dumps(prepare(args.prepare)))
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
        result = run(
            url,
            seconds=args.seconds,
            users=args.users,
            workers=args.workers,
            think=args.think,
        )
        verdict = "ok" if result.server_errors == 0 and result.p95_ms <= 800 else "OVER"
        print(
            f"== {label}, {args.users} users, {args.workers} workers: {result.summary()}  {verdict}"
        )
        print(
            "  median by page: "
            + ", ".join(f"{k} {v:.0f} ms" for k, v in result.median_ms_by_page.items())
        )
        for failure in result.failures:
            print(f"  not 200: {failure}")


def argparse_parser():
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--think", type=float, default=3.0)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    main()
