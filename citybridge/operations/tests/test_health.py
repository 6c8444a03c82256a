"""The health page: what a monitor reads, open to anyone, and nothing in it about anyone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citybridge.jobs.tests.test_worker import DATABASE_QUEUE
from citybridge.operations.health import HEARTBEAT_SECONDS
from citybridge.operations.models import Heartbeat
from citybridge.operations.schedule import prune_jobs

URL = "/health/"


def test_the_url():
    assert reverse("operations:health_check") == URL


@pytest.mark.django_db
def test_all_well_without_a_queue(client):
    """Jobs run inside requests (CITYBRIDGE_TASKS_IMMEDIATE): no worker to ask after."""
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "disk"}
    assert body["checks"]["disk"]["free_mb"] > 0


@pytest.mark.django_db
def test_a_silent_worker_fails_the_check(client, settings):
    settings.TASKS = DATABASE_QUEUE
    response = client.get(URL)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"] == {"ok": False, "seconds_since_heartbeat": None}
    assert checks["queue"] == {"ok": True, "waiting": 0, "oldest_seconds": 0}

    Heartbeat.objects.create(name="worker:a")
    assert client.get(URL).json()["status"] == "ok"

    stale = timezone.now() - dt.timedelta(seconds=4 * HEARTBEAT_SECONDS)
    Heartbeat.objects.filter(name="worker:a").update(seen_at=stale)
    assert client.get(URL).status_code == 503


@pytest.mark.django_db
def test_a_job_waiting_long_fails_the_check(client, settings, hub, officer):
    from citybridge.reports.briefs.tasks import publish

    settings.TASKS = DATABASE_QUEUE
    Heartbeat.objects.create(name="worker:a")
    publish.enqueue("00000000-0000-0000-0000-000000000000")
    assert client.get(URL).json()["checks"]["queue"]["waiting"] == 1
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=6))
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["queue"]["ok"] is False


@pytest.mark.django_db
def test_too_little_room_fails_the_check(client, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


@pytest.mark.django_db
def test_it_says_nothing_of_paths_people_or_versions(client, settings, officer):
    body = client.get(URL).content.decode()
    for secret in (str(settings.VAR_DIR), officer.username, "5.2", "sqlite", "postgres"):
        assert secret not in body


@pytest.mark.django_db
def test_it_only_reads(client):
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_heartbeats_of_gone_workers_are_pruned():
    Heartbeat.objects.create(name="worker:gone", seen_at=timezone.now() - dt.timedelta(days=2))
    Heartbeat.objects.create(name="worker:here")
    prune_jobs()
    assert list(Heartbeat.objects.values_list("name", flat=True)) == ["worker:here"]
