"""`citybridge run_due`: each duty when it is due, once, written down; backups with the files."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from citybridge.jobs.models import Job
from citybridge.operations import schedule
from citybridge.operations.models import Duty, ScheduledRun

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_copy_stands_in(monkeypatch):
    """SQLite's backup API waits for the test's own open transaction: the database's copy is
    network's to test (test_backup_restore.py); here a stand-in file, the files for real."""
    from citybridge.network.management.commands import backup

    def copy(path):
        path.write_bytes(b"SQLite format 3\x00")
        return {}

    monkeypatch.setattr(backup, "backup", copy)


def test_each_duty_runs_when_due_and_once(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"  # never the checkout's own var/backups
    out = io.StringIO()
    call_command("run_due", stdout=out)
    names = [s.name for s in schedule.SCHEDULES]
    assert [r.duty for r in ScheduledRun.objects.order_by("pk")] == names
    assert all(r.outcome == "done" and r.finished_at for r in ScheduledRun.objects.all())
    assert "digests: done: digests sent=0" in out.getvalue()
    # At once again: nothing is due (the homes every 5 minutes, the rest each night).
    again = io.StringIO()
    call_command("run_due", stdout=again)
    assert again.getvalue().strip() == "Nothing was due."
    nightly = Duty.objects.get(name="backup").due_at
    assert timezone.localtime(nightly).hour == 2 and nightly > timezone.now()


def test_a_duty_claimed_by_another_timer_is_not_run_twice():
    now = timezone.now()
    backup = next(s for s in schedule.SCHEDULES if s.name == "backup")
    assert schedule.claim(backup, now)
    assert not schedule.claim(backup, now)  # the second timer finds it taken


def test_finished_jobs_go_after_their_time(settings, hub, officer):
    settings.JOB_RETENTION_DAYS = 30
    old = timezone.now() - dt.timedelta(days=31)

    def job(status, finished_at):
        return Job.objects.create(
            hub=hub,
            started_by=officer,
            kind=Job.Kind.IMPORT,
            title="T",
            status=status,
            finished_at=finished_at,
            problems=[{"row": 3, "problem": "x"}],
        )

    gone = job(Job.Status.FAILED, old)
    recent = job(Job.Status.DONE, timezone.now())
    running = job(Job.Status.RUNNING, None)
    assert schedule.prune_jobs().startswith("1 jobs")
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not Job.objects.filter(pk=gone.pk).exists()


def test_backups_hold_the_files_and_are_rotated(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEEP = 2
    (settings.MEDIA_ROOT / "practices").mkdir(parents=True)
    (settings.MEDIA_ROOT / "practices" / "guide.pdf").write_bytes(b"%PDF-1.4 guide")
    for second in range(3):
        (settings.BACKUP_DIR).mkdir(exist_ok=True)
        (settings.BACKUP_DIR / f"citybridge-20200101-00000{second}.backup").write_bytes(b"x")
    summary = schedule.backup()
    assert "3 older backups removed" not in summary and "2 older backups removed" in summary
    kept = sorted(p.name for p in settings.BACKUP_DIR.iterdir())
    assert len([k for k in kept if k.endswith(".backup")]) == 2
    newest = max(k for k in kept if k.endswith(".backup"))
    assert newest.startswith(f"citybridge-{timezone.localdate():%Y%m%d}")
    import tarfile

    with tarfile.open(settings.BACKUP_DIR / (newest + ".files.tar")) as tar:
        assert tar.getnames() == ["practices/guide.pdf"]


def test_a_failing_duty_is_written_down_and_due_again(monkeypatch):
    def broken() -> str:
        raise RuntimeError("Milica Testović")  # the text is never written down

    failing = schedule.Schedule("pseudonymise", broken, at_hour=3)
    monkeypatch.setattr(schedule, "SCHEDULES", [failing])
    with pytest.raises(Exception, match="A scheduled duty failed"):
        call_command("run_due", stdout=io.StringIO())
    run = ScheduledRun.objects.get()
    assert run.outcome == "failed" and "RuntimeError" in run.summary
    assert "Milica" not in run.summary
    assert Duty.objects.get(name="pseudonymise").due_at <= timezone.now()


def test_the_digest_runs_when_its_command_exists(monkeypatch):
    monkeypatch.setattr(schedule, "get_commands", lambda: {"send_digests": "citybridge.mail"})
    called = []
    monkeypatch.setattr(schedule, "call_command", lambda name, **kw: called.append(name))
    schedule.digests()
    assert called == ["send_digests"]
    monkeypatch.setattr(schedule, "get_commands", lambda: {})
    assert schedule.digests() == "skipped: no send_digests command in this version"
