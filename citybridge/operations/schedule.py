"""The duties a deployment runs on a timer, and `run_due`, which runs those that are due.

`citybridge run_due` is started every few minutes by a systemd timer (deploy/). Each duty is
claimed by one UPDATE of its row (operations.Duty), so timers on several machines never run it
twice; each run is written down (operations.ScheduledRun) and logged, with its one-line summary.
A duty that fails is tried again at the next run; the others run all the same."""

from __future__ import annotations

import datetime as dt
import io
import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from citybridge.engagement.retention import pseudonymise_attendance
from citybridge.jobs.models import Job
from citybridge.operations import homes
from citybridge.operations.models import Duty, Heartbeat, ScheduledRun

logger = logging.getLogger(__name__)

BACKUP_PREFIX = "citybridge-"


@dataclass(frozen=True)
class Schedule:
    name: str
    run: Callable[[], str]
    every: dt.timedelta | None = None
    # Daily at this local hour instead (the night's quiet for backups and retention).
    at_hour: int | None = None

    def next_due(self, now: dt.datetime) -> dt.datetime:
        if self.every is not None:
            return now + self.every
        local = timezone.localtime(now)
        at = local.replace(hour=self.at_hour or 0, minute=0, second=0, microsecond=0)
        return at if at > local else at + dt.timedelta(days=1)


def warm_homes() -> str:
    if not homes.cache_is_shared():
        return "skipped: the cache is each process's own (CITYBRIDGE_CACHE_URL)"
    return f"{homes.warm_every_hub()} home views counted"


def prune_jobs() -> str:
    """Finished jobs (with their problem lists and results) and the queue's finished records,
    older than CITYBRIDGE_JOB_RETENTION_DAYS; and heartbeats of workers gone a day."""
    now = timezone.now()
    before = now - dt.timedelta(days=settings.JOB_RETENTION_DAYS)
    jobs, _ = Job.objects.filter(
        status__in=(Job.Status.DONE, Job.Status.FAILED), finished_at__lt=before
    ).delete()
    results, _ = DBTaskResult.objects.finished().filter(Q(finished_at__lt=before)).delete()
    Heartbeat.objects.filter(seen_at__lt=now - dt.timedelta(days=1)).delete()
    runs, _ = ScheduledRun.objects.filter(started_at__lt=before).delete()
    return f"{jobs} jobs, {results} queue records, {runs} scheduled runs removed"


def pseudonymise() -> str:
    before = timezone.localdate() - dt.timedelta(days=settings.RETENTION_DAYS)
    done = pseudonymise_attendance(before, acting_user=None)
    return f"{done} attendance rows of engagements before {before.isoformat()} pseudonymised"


def backup() -> str:
    """The database and the uploaded files (`citybridge backup`), into CITYBRIDGE_BACKUP_DIR;
    the newest CITYBRIDGE_BACKUP_KEEP kept, older ones removed."""
    folder = Path(settings.BACKUP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{BACKUP_PREFIX}{timezone.localtime():%Y%m%d-%H%M%S}.backup"
    call_command("backup", str(folder / name), stdout=io.StringIO())
    made = sorted(folder.glob(f"{BACKUP_PREFIX}*.backup"), reverse=True)
    removed = 0
    for old in made[settings.BACKUP_KEEP :]:
        for suffix in ("", ".files.tar", "-wal", "-shm"):
            old.with_name(old.name + suffix).unlink(missing_ok=True)
        removed += 1
    return f"{name} written, {removed} older backups removed"


def digests() -> str:
    """The week's e-mail digest (`citybridge send_digests`, which sends each person's once a
    week however often it runs), when this version has the command."""
    if "send_digests" not in get_commands():
        return "skipped: no send_digests command in this version"
    out, err = io.StringIO(), io.StringIO()
    call_command("send_digests", stdout=out, stderr=err)
    said = (out.getvalue() or err.getvalue()).strip().splitlines()
    return said[-1] if said else "nothing said"


SCHEDULES = [
    Schedule("warm_homes", warm_homes, every=dt.timedelta(minutes=5)),
    Schedule("prune_jobs", prune_jobs, at_hour=3),
    Schedule("pseudonymise", pseudonymise, at_hour=3),
    Schedule("backup", backup, at_hour=2),
    # Daily: the command itself sends each week's digest once (on the first run of the week).
    Schedule("digests", digests, at_hour=7),
]


def claim(schedule: Schedule, now: dt.datetime) -> bool:
    """Take the duty when it is due: one UPDATE, so only one of several timers wins."""
    Duty.objects.get_or_create(name=schedule.name, defaults={"due_at": now})
    return bool(
        Duty.objects.filter(name=schedule.name, due_at__lte=now).update(
            due_at=schedule.next_due(now)
        )
    )


def run(schedule: Schedule) -> ScheduledRun:
    record = ScheduledRun.objects.create(duty=schedule.name)
    try:
        summary = schedule.run()
        outcome = ScheduledRun.Outcome.DONE
        logger.info("Scheduled %s: %s", schedule.name, summary)
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        # The kind and place; its text may quote a record. The trace goes to the log.
        summary = f"failed: {type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
        outcome = ScheduledRun.Outcome.FAILED
        logger.exception("Scheduled %s failed", schedule.name)
        # Tried again at the next run, not tomorrow.
        Duty.objects.filter(name=schedule.name).update(due_at=timezone.now())
    record.outcome, record.summary, record.finished_at = outcome, summary, timezone.now()
    record.save(update_fields=["outcome", "summary", "finished_at"])
    return record


def run_due(*, only: str | None = None, force: bool = False) -> list[ScheduledRun]:
    """Run every duty that is due (or `only` that one; `force`: due or not)."""
    now = timezone.now()
    done = []
    for schedule in SCHEDULES:
        if only and schedule.name != only:
            continue
        if force:
            Duty.objects.update_or_create(
                name=schedule.name, defaults={"due_at": schedule.next_due(now)}
            )
        elif not claim(schedule, now):
            continue
        done.append(run(schedule))
    return done
