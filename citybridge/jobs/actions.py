"""Starting a background job and running it in the worker: the one way every job goes."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from citybridge.accounts.history import acting_as, records_acting_user
from citybridge.accounts.models import User
from citybridge.accounts.scopes import scope_of
from citybridge.jobs.models import Job
from citybridge.jobs.progress import Progress
from citybridge.lib.log_context import bound
from citybridge.network.models import Hub

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What a finished job says, and where its result is."""

    message: str
    url: str = ""
    label: str = ""
    # Kept as the job's `result` for the page at `url`.
    result: dict[str, Any] = field(default_factory=dict)


class JobFailed(Exception):
    """A refusal in plain words (with the problems of a refused file); nothing was saved."""

    def __init__(
        self,
        message: str,
        problems: list[dict[str, Any]] | None = None,
        *,
        url: str = "",
        label: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []
        self.url, self.label = url, label


Work = Callable[[Job, User, Progress], Outcome]


@dataclass
class _Finish:
    status: str
    message: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    label: str = ""
    result: dict[str, Any] = field(default_factory=dict)


@records_acting_user
def start_job(
    task,
    *,
    kind: str,
    hub: Hub,
    title: str,
    params: dict[str, Any],
    total: int = 0,
    acting_user: User,
) -> Job:
    """Record the job, then hand it to the worker through `task` (a django-tasks task taking the
    job's id). Not atomic on purpose: the job must be committed before a worker can look for it.
    With the immediate backend (the tests) the job has run when this returns."""
    job = Job.objects.create(
        hub=hub,
        started_by=acting_user,
        kind=kind,
        title=title[:300],
        params=params,
        total=total,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    result = task.enqueue(str(job.pk))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def run_job(job_id: str, work: Work) -> None:
    """The worker's side: run `work` as the user who started the job, record how it ended.

    A job runs once: a second run of the same task (by hand, or a duplicate) does nothing. The
    starter's rights are checked again now, as a request would: a role lost while the job was
    waiting means the job does nothing."""
    job = Job.objects.select_related("hub", "started_by").filter(pk=job_id).first()
    if job is None:
        return
    started = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now()
    )
    if not started:
        return
    progress = Progress(job.pk)
    # Every log line written while the job runs names it, an error's report included.
    with translation.override(job.language), bound(job_id=str(job.pk)):
        finish = _run(job, work, progress)
    progress.close()
    done = {"done": F("total")} if finish.status == Job.Status.DONE else {}
    Job.objects.filter(pk=job.pk).update(
        **done,
        status=finish.status,
        message=finish.message,
        problems=finish.problems,
        result=finish.result,
        result_url=finish.url,
        result_label=finish.label,
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _run(job: Job, work: Work, progress: Progress) -> _Finish:
    user = job.started_by
    if user is None or not user.is_active or not scope_of(user).is_staff_of(job.hub_id):
        return _Finish(
            Job.Status.FAILED,
            _(
                "The person who started this job is no longer on this hub's staff: nothing was done."
            ),
        )
    try:
        with acting_as(user):  # its history rows name the starter, as from the web
            outcome = work(job, user, progress)
    except JobFailed as failure:
        return _Finish(
            Job.Status.FAILED, failure.message, failure.problems, failure.url, failure.label
        )
    except Exception as error:
        # Never the exception's text: it may quote a cell of a sheet. Its kind and place suffice.
        where = traceback.extract_tb(error.__traceback__)[-1]
        logger.error(
            "Job %s (%s) failed: %s at %s:%s",
            job.pk,
            job.kind,
            type(error).__name__,
            where.filename,
            where.lineno,
        )
        return _Finish(
            Job.Status.FAILED,
            _("Something went wrong on our side and the job stopped. Nothing was saved."),
        )
    return _Finish(
        Job.Status.DONE,
        outcome.message,
        url=outcome.url,
        label=outcome.label,
        result=outcome.result,
    )
