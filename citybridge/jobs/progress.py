"""Writing a running job's stage where its page can read it, even from inside a transaction.

An import is all or nothing: one transaction that commits at the end. Progress written inside it
on the same connection would stay invisible until then (and vanish on a rollback), so there it
goes through a second connection of its own, which commits at once. That works on PostgreSQL.
SQLite lets one writer at a time: while the job's transaction holds the database no other
connection can commit, so there the page keeps the stage written just before the transaction
began until the job ends. Outside the job's own transactions progress is written as usual.
"""

from __future__ import annotations

import time

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

from citybridge.jobs.models import Job

# The page asks every second; writing more often than this only costs the job time.
MIN_INTERVAL_SECONDS = 0.5


class Progress:
    """Callable as `progress(stage, done, total)`; `close()` when the job ends."""

    def __init__(self, job_id) -> None:
        self.job_id = job_id
        # Transactions already open when the job began are not the job's (a test's, say).
        self._depth = len(connection.atomic_blocks)
        self._aside: BaseDatabaseWrapper | None = None
        self._last = 0.0

    def __call__(self, stage: str, done: int = 0, total: int = 0, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < MIN_INTERVAL_SECONDS:
            return
        self._last = now
        values = (stage[:300], max(done, 0), max(total, 0), timezone.now())
        if len(connection.atomic_blocks) <= self._depth:
            Job.objects.filter(pk=self.job_id).update(
                stage=values[0], done=values[1], total=values[2], updated_at=values[3]
            )
        elif connection.vendor == "postgresql":
            self._write_aside(values)

    def _write_aside(self, values: tuple) -> None:
        if self._aside is None:
            # Same settings as the default database, its own connection, in autocommit mode.
            self._aside = connections.create_connection(DEFAULT_DB_ALIAS)
        table = self._aside.ops.quote_name(Job._meta.db_table)
        with self._aside.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET stage = %s, done = %s, total = %s, updated_at = %s "  # noqa: S608 (table name from the model)
                "WHERE id = %s",
                [*values, self.job_id],
            )

    def close(self) -> None:
        if self._aside is not None:
            self._aside.close()
            self._aside = None
