"""The database queue: a job waits in the database until the worker process runs it, so a
restart of the web process loses nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django_tasks_db.management.commands import db_worker

from citybridge.conftest import reseed
from citybridge.engagement.models import Attendance
from citybridge.jobs.models import Job
from citybridge.jobs.progress import Progress
from citybridge.jobs.tests.conftest import ROWS, sheet

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def one_pass(monkeypatch) -> None:
    """The worker `citybridge db_worker --batch` runs: every job waiting, then it stops."""
    # Between jobs the worker closes connections Django would close after a request; in a test
    # that would end the test's own transaction (Django's test client skips it for requests).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def test_the_worker_runs_a_queued_import(settings, monkeypatch, previewed, forum):
    settings.TASKS = DATABASE_QUEUE
    client, token = previewed()
    client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get()
    assert job.status == Job.Status.QUEUED and job.task_id
    assert not Attendance.objects.exists()
    one_pass(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (3, 3)
    assert Attendance.objects.filter(engagement=forum).count() == 3
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Imported 3 attendance rows from T77.csv" in page
    assert reverse("engagement:engagement_detail", args=[forum.pk]) in page


CLI = [sys.executable, "-c", "from citybridge.cli import main; main()"]

ENQUEUE = """
import datetime as dt
from citybridge.accounts.models import Role, User
from citybridge.imports import tasks, uploads
from citybridge.engagement.models import Engagement
from citybridge.network.models import Hub
hub = Hub.objects.get(slug="western-balkans")
officer = User.objects.create_user(username="officer", password="pass-for-tests-only")
Role.objects.create(user=officer, hub=hub, kind=Role.Kind.OFFICER)
forum = Engagement.objects.create(hub=hub, key="T77", title="Forum", kind="consultation",
    starts_on=dt.date(2024, 5, 6), ends_on=dt.date(2024, 5, 6))
token = uploads.stage([("T77.csv", {sheet!r})])
pending = {{"token": token, "kind": "attendance", "names": ["T77.csv"]}}
job = tasks.start_import(pending, hub=hub, rows=3, acting_user=officer)
print(job.pk)
"""

REPORT = """
import json
from django.test import Client
from citybridge.accounts.models import User
from citybridge.conftest import reseed
from citybridge.engagement.models import Attendance
from citybridge.jobs.tests.conftest import ROWS, sheet
from citybridge.jobs.models import Job
job = Job.objects.get()
client = Client()
client.force_login(User.objects.get(username="officer"))
page = client.get(job.get_absolute_url()).content.decode()
print(json.dumps({{"status": job.status, "rows": Attendance.objects.count(),
    "says": "Imported 3 attendance rows" in page}}))
"""


@pytest.mark.slow
@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the migrated SQLite database")
def test_a_job_queued_before_a_restart_is_run_by_the_worker(tmp_path: Path, django_db_blocker):
    """Three processes on one SQLite file: the web process that queued the job and is gone,
    the worker, and a new web process that shows the result."""
    with django_db_blocker.unblock():
        # The tests' migrated database, copied to a file the processes share (faster than
        # migrating again); with the seeded rows, which a transactional test may have emptied.
        reseed()
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "citybridge.sqlite3")
        connection.connection.backup(target)
        target.close()
    env = {
        **os.environ,
        "CITYBRIDGE_VAR_DIR": str(tmp_path),
        "CITYBRIDGE_TASKS_IMMEDIATE": "",
        "CITYBRIDGE_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "",
    }

    def citybridge(*args: str, timeout: int = 60) -> str:
        done = subprocess.run(
            [*CLI, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    job_id = citybridge("shell", "-c", ENQUEUE.format(sheet=sheet(*ROWS))).strip()
    assert job_id
    citybridge("db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0")
    report = json.loads(citybridge("shell", "-c", REPORT.format()).strip().splitlines()[-1])
    assert report == {"status": "done", "rows": 3, "says": True}


# serialized_rollback: the flush after a transactional test without it re-creates content types,
# and the next serialized test (backup/restore, the erasure ledger) then fails on PostgreSQL.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite: one writer at a time")
def test_progress_inside_the_imports_transaction_is_seen_outside_it(hub, officer):
    job = Job.objects.create(hub=hub, started_by=officer, kind=Job.Kind.IMPORT, title="T")
    progress = Progress(job.pk)
    reader = connections.create_connection("default")
    try:
        with transaction.atomic():
            progress("Saving 1 file: 2 of 3 rows", 2, 3, force=True)
            with reader.cursor() as cursor:
                cursor.execute("SELECT stage, done FROM jobs_job WHERE id = %s", [job.pk])
                assert cursor.fetchone() == ("Saving 1 file: 2 of 3 rows", 2)
            transaction.set_rollback(True)  # the import fails: its progress stays said
        job.refresh_from_db()
        assert (job.stage, job.done, job.total) == ("Saving 1 file: 2 of 3 rows", 2, 3)
    finally:
        progress.close()
        reader.close()
