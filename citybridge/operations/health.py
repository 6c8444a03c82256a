"""The health of a deployment, for a monitor: the database answers, a worker is alive, the data
directory has room, and no job waits too long. Numbers and verdicts only: no name, path,
version or record of anyone, since the page answers without signing in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citybridge.operations.models import Heartbeat

# A worker writes its heartbeat every HEARTBEAT_SECONDS (`citybridge worker`); missing three
# means it is gone or stuck.
HEARTBEAT_SECONDS = 15
WORKER_SILENT_AFTER = dt.timedelta(seconds=3 * HEARTBEAT_SECONDS)
# A job waiting longer than this: the workers are down or cannot keep up.
QUEUE_TOO_OLD = dt.timedelta(minutes=5)


@dataclasses.dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    # Plain numbers a monitor may graph.
    figures: dict[str, float | int | None]


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return Check("database", False, {})
    return Check("database", True, {})


def worker(now: dt.datetime) -> Check:
    seen = Heartbeat.objects.filter(name__startswith="worker:").aggregate(m=Max("seen_at"))["m"]
    ago = (now - seen).total_seconds() if seen else None
    return Check(
        "worker",
        seen is not None and now - seen <= WORKER_SILENT_AFTER,
        {"seconds_since_heartbeat": round(ago) if ago is not None else None},
    )


def disk() -> Check:
    usage = shutil.disk_usage(settings.VAR_DIR)
    free_percent = round(100 * usage.free / usage.total, 1)
    free_mb = usage.free // 1_000_000
    return Check(
        "disk",
        free_mb >= settings.HEALTH_MIN_FREE_MB,
        {"free_percent": free_percent, "free_mb": free_mb},
    )


def queue(now: dt.datetime) -> Check:
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.aggregate(m=Min("enqueued_at"))["m"]
    age = (now - oldest).total_seconds() if oldest else 0
    return Check(
        "queue",
        age <= QUEUE_TOO_OLD.total_seconds(),
        {"waiting": waiting.count(), "oldest_seconds": round(age)},
    )


def checks() -> list[Check]:
    now = timezone.now()
    found = [database(), disk()]
    if not found[0].ok:  # the rest read the database
        return found
    if str(settings.TASKS["default"]["BACKEND"]).endswith("DatabaseBackend"):
        found += [worker(now), queue(now)]
    return found
