"""The production profile brought up on this machine and driven as a hub's officer would:
two gunicorn web processes and two workers on one PostgreSQL and one Redis, started from
deploy/gunicorn.conf.py with the production settings, behind nginx with TLS from
deploy/nginx.conf. Sign in with a second factor, import a sheet (the job runs once, in one of
the workers), both webs show the new figures at once, publish a brief and download it, and a
practice's file sent by nginx once CityBridge has checked the reader (X-Accel-Redirect).

nginx runs as the sample says but for what a test must change: its ports, a self-signed
certificate, the two webs as its upstream and the test's data directory (each substitution
must hit, so a reshaped sample fails here). Without nginx (Debian: `apt-get install nginx`)
the officer talks to gunicorn directly, saying X-Forwarded-Proto: https as nginx would.

Slow (about a minute); skipped without PostgreSQL at 127.0.0.1:5432 or Redis at :6379, and in
a suite run on PostgreSQL (DATABASE_URL set): CI's pass on SQLite has run it, on PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import load
from citybridge.operations.tests import nginx

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
DATABASE = "cb_ops_deploy"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
CACHE_URL = "redis://127.0.0.1:6379/12"
TOTP_KEY = "3132333435363738393031323334353637383930"
PASSWORD = "a-long-officer-passphrase-7431"
SHEET = (
    "#,Full name,Organisation,City / Municipality,Email\r\n"
    "1,Milica Testović,Opština Testgrad,Testgrad,milica.testovic@example.org\r\n"
    "2,Petar Probić,Opština Testgrad,Testgrad,\r\n"
    "3,Ana Oglednić,Youth Council Testgrad,Testgrad,\r\n"
).encode()
GUIDE = b"%PDF-1.4 a practice's guide, sent by nginx"
SETUP = f"""
import datetime as dt
from django.core.files.base import ContentFile
from citybridge.practices.models import Practice, PracticeResource
from django_otp.plugins.otp_totp.models import TOTPDevice
from citybridge.accounts.models import Role, User
from citybridge.engagement.models import Engagement
from citybridge.network.models import Hub, LocalGovernment, Membership
hub = Hub.objects.get(slug="western-balkans")
city = LocalGovernment.objects.create(name="Testgrad", country_id="ME")
Membership.objects.create(city=city, joined_on=dt.date(2022, 11, 15))
Engagement.objects.create(hub=hub, key="T77", title="Forum", kind="consultation",
    starts_on=dt.date(2024, 5, 6), ends_on=dt.date(2024, 5, 6), host_city=city)
user = User.objects.create_user(username="ops-officer", password="{PASSWORD}")
Role.objects.create(user=user, hub=hub, kind=Role.Kind.OFFICER)
TOTPDevice.objects.create(user=user, name="phone", key="{TOTP_KEY}", confirmed=True)
practice = Practice.objects.create(title="Youth council", summary="A council.", origin_country_id="ME")
PracticeResource.objects.create(practice=practice, title="Guide", file=ContentFile({GUIDE!r}, "guide.pdf"))
"""


def answers(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database() -> bool:
    import psycopg

    try:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    except psycopg.OperationalError:
        return False
    return True


def query(sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as conn:
        return conn.execute(sql).fetchall()


def wait_for(check, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"waited {seconds} s for {what}")


def nginx_site(https: int, http: int, webs: list[int], media: Path) -> str:
    """deploy/nginx.conf with only what a test must change."""
    site = (ROOT / "deploy/nginx.conf").read_text()
    for old, new in [
        ("server 127.0.0.1:8000;", "".join(f"server 127.0.0.1:{port}; " for port in webs)),
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("alias /srv/citybridge/var/media/;", f"alias {media}/;"),
    ]:
        assert site.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
        site = site.replace(old, new)
    return site


def start_nginx(directory: Path, site: str, logs: Path) -> subprocess.Popen:
    directory.mkdir()
    nginx.certificate(directory, "127.0.0.1")
    main = nginx.configure(directory, site, logs)
    return subprocess.Popen(
        [str(nginx.NGINX), "-p", str(directory), "-c", str(main), "-g", "daemon off;"],
        stderr=(logs / "nginx.log").open("w"),
    )


@pytest.fixture
def production(tmp_path):
    if os.environ.get("DATABASE_URL"):
        # It brings up its own PostgreSQL database and Redis whatever the suite's engine: the
        # pass on SQLite has run it already (CI runs the suite on both).
        pytest.skip("run in the suite's pass on SQLite (its own PostgreSQL either way)")
    if not answers(5432) or not answers(6379) or not fresh_database():
        pytest.skip("needs PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379")
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
    ports = (free_port(), free_port())
    https, http = free_port(), free_port()
    proxied = nginx.NGINX is not None and nginx.OPENSSL is not None
    env = {
        **os.environ,
        "CITYBRIDGE_ENV": "production",
        "CITYBRIDGE_SECRET_KEY": "deploy-test-" + "s" * 50,
        "CITYBRIDGE_ALLOWED_HOSTS": "127.0.0.1",
        "CITYBRIDGE_SSL_REDIRECT": "0",
        "DATABASE_URL": DATABASE_URL,
        "CITYBRIDGE_CACHE_URL": CACHE_URL,
        "CITYBRIDGE_VAR_DIR": str(tmp_path / "var"),
        "CITYBRIDGE_LOG_LEVEL": "INFO",
        "GUNICORN_WORKERS": "2",
    }
    if proxied:
        env |= {
            "CITYBRIDGE_FILE_SENDER": "nginx",
            "CITYBRIDGE_TRUSTED_PROXIES": "1",
            "CITYBRIDGE_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https}",
        }
    env.pop("CITYBRIDGE_TASKS_IMMEDIATE", None)
    citybridge = [str(BIN / "citybridge")]

    def run(*args: str) -> str:
        done = subprocess.run(
            [*citybridge, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    # Migrated and collected as before when nothing they depend on changed (bench/load.py keeps
    # both, as for the load test): a fresh migrate and collectstatic took 45 s of the suite.
    (tmp_path / "var").mkdir()
    with load.collected_static(env, env["CITYBRIDGE_VAR_DIR"]):
        load.migrated(env, DATABASE_URL)
    run("shell", "-c", SETUP)
    logs = tmp_path / "logs"
    logs.mkdir()
    processes = []
    if proxied:
        conf = nginx_site(https, http, list(ports), tmp_path / "var" / "media")
        processes.append(start_nginx(tmp_path / "nginx", conf, logs))
    for n, port in enumerate(ports, 1):
        web_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "-c",
                    str(ROOT / "deploy/gunicorn.conf.py"),
                    "citybridge.wsgi",
                ],
                env=web_env,
                cwd=ROOT,
                stderr=(logs / f"web{n}.log").open("w"),
            )
        )
        processes.append(
            subprocess.Popen(
                [*citybridge, "worker", "--no-reload", "--worker-id", f"w{n}", "--interval", "0.2"],
                env=env,
                cwd=ROOT,
                stderr=(logs / f"worker{n}.log").open("w"),
                stdout=subprocess.DEVNULL,
            )
        )
    try:
        site = f"https://127.0.0.1:{https}" if proxied else None
        yield [f"http://127.0.0.1:{port}" for port in ports], site, f"127.0.0.1:{http}", logs
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Browser:
    """requests with what a browser sends: through nginx over HTTPS (its certificate is the
    test's own), or straight to a gunicorn web saying X-Forwarded-Proto as nginx would."""

    def __init__(self, certificate: Path | None = None) -> None:
        import requests

        self.session = requests.Session()
        self.certificate = str(certificate) if certificate else True

    def _headers(self, url: str) -> dict:
        return {} if url.startswith("https://") else {"X-Forwarded-Proto": "https"}

    def _secure_cookies_over_http(self) -> None:
        # Production cookies are Secure; straight to gunicorn the "HTTPS" is a header only.
        for cookie in self.session.cookies:
            cookie.secure = False

    def get(self, url: str, **kwargs):
        response = self.session.get(
            url,
            headers=self._headers(url),
            allow_redirects=False,
            verify=self.certificate,
            **kwargs,
        )
        self._secure_cookies_over_http()
        return response

    def post(self, url: str, data: dict, files=None):
        origin = re.match(r"https?://[^/]+", url).group(0).replace("http://", "https://")  # type: ignore[union-attr]
        response = self.session.post(
            url,
            data={"csrfmiddlewaretoken": self.session.cookies.get("csrftoken", ""), **data},
            files=files,
            headers={**self._headers(url), "Origin": origin, "Referer": origin + "/"},
            allow_redirects=False,
            verify=self.certificate,
        )
        self._secure_cookies_over_http()
        return response


def figure(page: str, key: str) -> str:
    found = re.search(rf'aria-describedby="fig-{key}">\s*([^<]*?)\s*<', page)
    assert found, f"no figure {key} on the page"
    return found.group(1)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="PostgreSQL's client tools")
def test_the_production_profile_serves_an_officer(production):
    from django_otp.oath import totp

    (web1, web2), site, plain, logs = production
    wait_for(lambda: all(answers(int(w.rsplit(":", 1)[1])) for w in (web1, web2)), "gunicorn", 60)
    browser = Browser(logs.parent / "nginx" / "cert.pem" if site else None)
    wait_for(lambda: browser.get(f"{web1}/health/").status_code == 200, "a healthy site", 60)
    health = browser.get(f"{web2}/health/").json()
    assert health["status"] == "ok" and health["checks"]["worker"]["ok"]
    # The officer's own requests go through nginx when it is here.
    front = site or web1
    if site:
        wait_for(lambda: answers(int(site.rsplit(":", 1)[1])), "nginx", 30)
        # Plain HTTP is sent to HTTPS; the health page answers the machine itself.
        moved = browser.get(f"http://{plain}/accounts/login/")
        assert moved.status_code == 301
        assert moved.headers["Location"] == "https://127.0.0.1/accounts/login/"
        assert browser.get(f"{site}/health/").json()["status"] == "ok"

    # Sign in: the password, then the authenticator's code (officers must use one).
    browser.get(f"{front}/accounts/login/")
    signed = browser.post(
        f"{front}/accounts/login/", {"username": "ops-officer", "password": PASSWORD}
    )
    assert signed.status_code == 302
    asked = browser.get(f"{front}/")
    assert asked.status_code == 302 and "/accounts/mfa/verify/" in asked.headers["Location"]
    code = str(totp(bytes.fromhex(TOTP_KEY))).zfill(6)
    verified = browser.post(f"{front}/accounts/mfa/verify/", {"token": code})
    assert verified.status_code == 302, verified.text[:2000]
    assert browser.get(f"{front}/").status_code == 200
    # Both webs have counted the home once (the shared cache): no one has attended yet.
    before = [figure(browser.get(f"{w}/").text, "individuals_engaged") for w in (web1, web2)]
    assert before == ["0", "0"]

    # Import a sheet: the preview in the request, the import by a worker.
    preview = browser.post(
        f"{front}/imports/",
        {"kind": "attendance"},
        files={"sheets": ("T77.csv", SHEET, "text/csv")},
    )
    assert preview.status_code == 200, preview.text[:2000]
    token = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)  # type: ignore[union-attr]
    confirmed = browser.post(f"{front}/imports/confirm/", {"token": token})
    assert confirmed.status_code == 302 and "/jobs/" in confirmed.headers["Location"]
    wait_for(lambda: query("SELECT status FROM jobs_job") == [("done",)], "the import job")
    assert query("SELECT count(*) FROM engagement_attendance") == [(3,)]
    # Run once: one worker took it, and the rows are there once.
    claims = query(
        "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%import%'"
    )
    assert len(claims) == 1 and len(claims[0][0]) == 1

    # The change is seen by both webs at once, read from the cache the worker filled.
    after = [figure(browser.get(f"{w}/").text, "individuals_engaged") for w in (web1, web2)]
    assert after == ["3", "3"]

    # Publish a brief (a job too) and download it.
    published = browser.post(
        f"{site or web2}/briefs/publish/",
        {"start": "2024-01-01", "end": "2024-12-31", "lang": "en", "funder": ""},
    )
    assert published.status_code == 302
    wait_for(
        lambda: query("SELECT count(*) FROM reports_publishedbrief") == [(1,)],
        "the brief",
        180,
    )
    (pk,) = query("SELECT id FROM reports_publishedbrief")[0]
    pdf = browser.get(f"{front}/briefs/{pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"

    # A practice's file: CityBridge checks the reader, then nginx sends the bytes.
    (resource,) = query("SELECT id FROM practices_practiceresource")[0]
    guide = browser.get(f"{front}/practices/resources/{resource}/")
    assert guide.status_code == 200 and guide.content == GUIDE
    assert "X-Accel-Redirect" not in guide.headers
    assert guide.headers["Content-Disposition"].startswith("attachment")
    if site:
        direct = browser.get(f"{web1}/practices/resources/{resource}/")
        assert direct.headers["X-Accel-Redirect"].startswith("/protected-files/practices/")
        assert direct.content == b""
        # The internal location is never reachable from outside.
        assert browser.get(f"{site}{direct.headers['X-Accel-Redirect']}").status_code == 404

    # Production logs: JSON lines naming their request, and nobody's name.
    lines = "".join(p.read_text() for p in logs.iterdir())
    assert "Testović" not in lines and "Oglednić" not in lines
