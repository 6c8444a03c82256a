"""The hub home counted ahead of its visitors, into the shared cache.

The home's figures and charts take a few hundred milliseconds to count on a large hub
(reports.dashboard.summary caches them under a stamp of the records). With a shared cache
(CITYBRIDGE_CACHE_URL: Redis or the database) the worker counts them once after every
background job (an import) and after every change made on a page, so the first visitor after a
change reads them instead of counting; `citybridge run_due` keeps them warm in between. With
each process's own memory (development, the tests) there is nobody to count for: nothing runs.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tasks import task

from citybridge.jobs.models import Job
from citybridge.network.models import Hub
from citybridge.reports import dashboard

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# While a refresh waits in the queue, later changes need no other: it reads the records when it runs.
PENDING_SECONDS = 600


def cache_is_shared() -> bool:
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def warm_hub(hub_id: int) -> int:
    """Count the hub's home into the cache; how many views were counted."""
    hub = Hub.objects.filter(pk=hub_id).first()
    return dashboard.warm(hub, timezone.localdate()) if hub else 0


def warm_every_hub() -> int:
    return sum(warm_hub(pk) for pk in Hub.objects.order_by("pk").values_list("pk", flat=True))


def _pending_key(hub_id: int) -> str:
    return f"cb:home-refresh-pending:{hub_id}"


@task()
def refresh_home(hub_id: int) -> None:
    """The worker's refresh after a change made on a page."""
    cache.delete(_pending_key(hub_id))  # a change from now on asks for another refresh
    counted = warm_hub(hub_id)
    logger.info("Home of hub %s refreshed: %s views counted", hub_id, counted)


def ask_refresh(hub_id: int) -> None:
    """Queue one refresh of the hub's home, unless one is already waiting."""
    if cache.add(_pending_key(hub_id), 1, PENDING_SECONDS):
        refresh_home.enqueue(hub_id)


def after_task(sender, task_result, **kwargs) -> None:
    """After each background job (django-tasks' task_finished, in the worker): the job's hub's
    home counted again. A failure here is logged, never the job's."""
    if not cache_is_shared() or task_result.task.module_path == refresh_home.module_path:
        return
    try:
        job_id = uuid.UUID(str(task_result.args[0]))
    except (IndexError, ValueError):
        return  # not one of our jobs (they all take the job's id)
    hub_id = Job.objects.filter(pk=job_id).values_list("hub_id", flat=True).first()
    if hub_id is None:
        return
    try:
        warm_hub(hub_id)
    except Exception:
        logger.exception("Counting hub %s's home after job %s failed", hub_id, job_id)


class RefreshAfterChangeMiddleware:
    """A change made on a page (a form sent and accepted) queues a refresh of that hub's home
    for the worker, so the next visitor of the home does not pay for the recount."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        hub = getattr(request, "hub", None)
        if (
            hub is not None
            and request.method not in SAFE_METHODS
            and response.status_code < 400
            and cache_is_shared()
        ):
            try:
                ask_refresh(hub.pk)
            except Exception:  # the change is made; a refresh missed only costs a recount
                logger.exception("Queueing a refresh of hub %s's home failed", hub.pk)
        return response
