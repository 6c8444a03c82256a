"""The background worker's part of check-in: resolving the people of the arrivals."""

from __future__ import annotations

from django_tasks import task

from citybridge.checkin.actions import resolve_arrivals
from citybridge.network.models import Hub


@task()
def resolve_check_ins(hub_id: int) -> None:
    """Enqueued after each arrival; a rush's later tasks find their arrivals resolved already."""
    hub = Hub.objects.filter(pk=hub_id).first()
    if hub is not None:
        resolve_arrivals(hub)
