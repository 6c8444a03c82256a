"""Structured logs: a JSON object a line, each naming its request or job; the worker's heartbeat."""

from __future__ import annotations

import json
import logging

import pytest
from django.urls import reverse

from citybridge.jobs.actions import run_job
from citybridge.jobs.models import Job
from citybridge.lib.log_context import bound
from citybridge.operations.logs import ContextFilter, JsonFormatter
from citybridge.operations.management.commands.worker import beat
from citybridge.operations.models import Heartbeat


def line(record: logging.LogRecord) -> dict:
    ContextFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def record(message: str, *args, level=logging.INFO, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("citybridge.x", level, __file__, 1, message, args, exc_info)


def test_a_line_names_the_request_it_belongs_to():
    with bound(request_id="abc123def456"):
        found = line(record("Imported %s rows", 3))
    assert found["message"] == "Imported 3 rows" and found["request_id"] == "abc123def456"
    assert found["level"] == "INFO" and found["logger"] == "citybridge.x" and "time" in found
    assert "request_id" not in line(record("outside"))


def test_an_error_line_carries_its_kind_and_trace():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        found = line(record("failed", level=logging.ERROR, exc_info=sys.exc_info()))
    assert found["error"] == "ValueError" and "Traceback" in found["trace"]


@pytest.mark.django_db
def test_each_response_says_its_request_id(client):
    response = client.get(reverse("accounts:login"))
    assert len(response["X-Request-ID"]) == 32
    given = client.get(reverse("accounts:login"), headers={"X-Request-ID": "proxy-1234567"})
    assert given["X-Request-ID"] == "proxy-1234567"
    # Not an id: a header written to break a log line is replaced.
    odd = client.get(reverse("accounts:login"), headers={"X-Request-ID": 'x" \n{"level":'})
    assert len(odd["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_an_error_in_a_job_is_logged_with_the_job(hub, officer, caplog):
    def work(job, user, progress):
        logging.getLogger("citybridge.jobs.actions").warning("working")
        raise KeyError("Milica Testović")

    job = Job.objects.create(hub=hub, started_by=officer, kind=Job.Kind.IMPORT, title="T")
    with caplog.at_level(logging.WARNING):
        run_job(str(job.pk), work)
    lines = [line(r) for r in caplog.records if r.name == "citybridge.jobs.actions"]
    assert {entry["job_id"] for entry in lines} == {str(job.pk)}
    assert "KeyError" in lines[-1]["message"]
    assert all("Milica" not in json.dumps(entry) for entry in lines)


@pytest.mark.django_db
def test_the_worker_writes_its_heartbeat(monkeypatch):
    from citybridge.operations.management.commands import worker

    # As the worker's own loop would; in a test it would end the test's transaction.
    monkeypatch.setattr(worker, "close_old_connections", lambda: None)

    class Once:
        """Not set for the first beat, then set."""

        calls = 0

        def is_set(self) -> bool:
            self.calls += 1
            return self.calls > 1

        def wait(self, seconds: float) -> None:
            pass

    beat("worker:test", Once())  # type: ignore[arg-type]
    assert Heartbeat.objects.filter(name="worker:test").exists()
