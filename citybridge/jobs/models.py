"""A background job as its starter sees it: stage, rows done of total, and how it ended."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.scopes import scope_of

# A running job that has not written progress for this long has probably lost its worker.
STALLED_AFTER = dt.timedelta(minutes=10)
# A job still waiting after this long: the page says the worker may not be running.
WAITING_LONG_AFTER = dt.timedelta(seconds=30)


class JobQuerySet(models.QuerySet["Job"]):
    def visible_to(self, user) -> JobQuerySet:
        """The jobs the user started (while still staff of the job's hub), and every job of the
        hubs the user administers: a job's stage, problems and result are nobody else's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        scope = scope_of(user)
        return self.filter(
            Q(started_by=user, hub_id__in=scope.staff_hubs) | Q(hub_id__in=scope.admin_hubs)
        )


class Job(models.Model):
    class Kind(models.TextChoices):
        IMPORT = "import", _("Import of sheets")
        PREVIEW = "preview", _("Preview of an import")
        BRIEF = "brief", _("Publishing a brief")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    # Not a counter: a job's address should not invite guessing the next one.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="jobs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    # The starter's language: the worker writes the stage and the outcome in it.
    language = models.CharField(max_length=10, default="en")
    # What the task needs to do the work: ids, dates, a staged upload's token; no personal data.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(max_length=300, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    # A refused import's problems, file by file and row by row, as the preview lists them.
    problems = models.JSONField(default=list, blank=True)
    # What a finished job hands to the page that shows its result (a preview's summary, notes
    # and rows): counts, file and place names, never a cell of a sheet.
    result = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    # The django-tasks result id: the worker's own record of the same job.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The last progress written: a running job silent for long is shown as stalled.
    updated_at = models.DateTimeField(default=timezone.now)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    def is_waiting_long(self, now: dt.datetime) -> bool:
        return self.status == self.Status.QUEUED and now - self.created_at > WAITING_LONG_AFTER

    def is_stalled(self, now: dt.datetime) -> bool:
        return self.status == self.Status.RUNNING and now - self.updated_at > STALLED_AFTER
