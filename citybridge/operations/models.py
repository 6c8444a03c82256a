"""What the operations of a deployment leave behind: workers' heartbeats and the scheduled runs."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Heartbeat(models.Model):
    """A long-running process saying it is alive: one row per worker, rewritten every few
    seconds (`citybridge worker`); the health page reads the newest."""

    name = models.CharField(max_length=100, primary_key=True)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class Duty(models.Model):
    """A scheduled duty (`citybridge run_due`): when it is next due. A run claims it by moving
    `due_at` on in one UPDATE, so two timers on two machines never run it twice."""

    name = models.CharField(max_length=50, primary_key=True)
    due_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return self.name


class ScheduledRun(models.Model):
    """One run of a duty: when, how it ended and its one-line summary (counts, file names;
    never a person's data)."""

    class Outcome(models.TextChoices):
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    duty = models.CharField(max_length=50)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.RUNNING)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        # The health page's and the next run's "when did this duty last succeed".
        indexes = [models.Index(fields=["duty", "-started_at"], name="run_duty_started")]

    def __str__(self) -> str:
        return f"{self.duty} {self.started_at:%Y-%m-%d %H:%M}"
