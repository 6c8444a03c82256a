"""What a log line belongs to: the request or the background job being served.

Set by the operations middleware (a request's id) and by the job runner (a job's id); read by
the log filter that writes them into every line (operations.logs). A plain context variable, so
a thread or task sees only its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[dict[str, str]] = ContextVar("citybridge_log_context", default={})  # noqa: B039 (never mutated: each `bound` sets a new dict)


def current() -> dict[str, str]:
    """The ids the running code works for: {"request_id": ...} or {"job_id": ...}."""
    return _current.get()


@contextmanager
def bound(**ids: str) -> Iterator[None]:
    token = _current.set({**_current.get(), **ids})
    try:
        yield
    finally:
        _current.reset(token)
