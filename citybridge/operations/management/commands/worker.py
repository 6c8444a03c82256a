"""`citybridge worker`: django-tasks' `db_worker` that also says it is alive.

Takes every option of `db_worker`; writes its heartbeat (operations.Heartbeat) every few
seconds from a thread of its own, which the health page reads. Run it instead of `db_worker`."""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from citybridge.operations.health import HEARTBEAT_SECONDS
from citybridge.operations.models import Heartbeat

logger = logging.getLogger(__name__)


def beat(name: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            Heartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
        except Exception:  # a database away for a moment: the health page says so meanwhile
            logger.warning("The worker's heartbeat could not be written", exc_info=True)
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_SECONDS)


class Command(DbWorkerCommand):
    help = (
        "Run background jobs (django-tasks' db_worker) and write a heartbeat for the health page."
    )

    def handle(self, *args, **options) -> None:
        name = f"worker:{options['worker_id']}"[:100]
        stop = threading.Event()
        thread = threading.Thread(target=beat, args=(name, stop), daemon=True, name="heartbeat")
        thread.start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
            Heartbeat.objects.filter(name=name).delete()  # stopped on purpose: not "silent"
