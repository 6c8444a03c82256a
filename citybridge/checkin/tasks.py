"""The background worker's part of check-in: resolving the people of the arrivals.

Resolving a hub takes a hub-wide lock (and on SQLite the database's one writer) for as long
as it runs: done after every arrival of a rush, each submission would wait for the last one's.
So the worker resolves when the door is quiet (no arrival for QUIET), and during a long rush at
least every MOST_WAIT: each arrival enqueues a task for QUIET later, which resolves if nothing
arrived since (or the oldest waiting arrival is due), and otherwise leaves it to the task of the
arrival after it.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min
from django.utils import timezone
from django_tasks import task

from citybridge.checkin.actions import resolve_arrivals
from citybridge.checkin.models import Arrival
from citybridge.network.models import Hub

QUIET = dt.timedelta(seconds=20)
MOST_WAIT = dt.timedelta(minutes=2)


@task()
def resolve_check_ins(hub_id: int, wait: bool = True) -> None:
    """Resolve the hub's waiting arrivals; with `wait`, only when the door is quiet or the
    oldest has waited MOST_WAIT."""
    hub = Hub.objects.filter(pk=hub_id).first()
    if hub is None:
        return
    if wait:
        waiting = Arrival.objects.filter(
            check_in__engagement__hub=hub, resolved_at__isnull=True, attendance__isnull=False
        ).aggregate(newest=Max("received_at"), oldest=Min("received_at"))
        if waiting["newest"] is None:
            return  # a resolution before this one took them all
        now = timezone.now()
        if now - waiting["newest"] < QUIET and now - waiting["oldest"] < MOST_WAIT:
            return  # the task of the latest arrival comes later
    resolve_arrivals(hub)


def after_arrival(hub_id: int) -> None:
    """Enqueue the resolution of an arrival: QUIET later where the backend can wait (the
    database queue), at once where it cannot (the immediate backend of tests and
    CITYBRIDGE_TASKS_IMMEDIATE)."""
    if resolve_check_ins.get_backend().supports_defer:
        resolve_check_ins.using(run_after=timezone.now() + QUIET).enqueue(hub_id)
    else:
        resolve_check_ins.enqueue(hub_id, wait=False)
