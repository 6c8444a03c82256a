"""Structured logs: one JSON object a line in production, each naming the request or the
background job it belongs to, so an error is found with everything else that happened there.

Lines carry what the code wrote (ids, counts, kinds of error), never a person's data: messages
across CityBridge name people by id only, and a request is named by its id, method and path."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid

from django.http import HttpRequest, HttpResponse

from citybridge.lib.log_context import bound, current

# An id the proxy gave the request (X-Request-ID) is kept when it looks like one, so the proxy's
# log and ours name the same request; anything else is replaced by our own.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class ContextFilter(logging.Filter):
    """Adds the current request's or job's id to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in current().items():
            setattr(record, key, value)
        return True


class JsonFormatter(logging.Formatter):
    """{"time", "level", "logger", "message", "request_id" | "job_id", "error"}: one line each."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "job_id", "status_code"):
            if (value := getattr(record, key, None)) is not None:
                line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The kind and the trace; the exception's text may quote a cell of a sheet, but the
            # trace is what a developer needs and stays in the operator's logs.
            line["error"] = record.exc_info[0].__name__
            line["trace"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def request_id(request: HttpRequest) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Names each request: `request.id`, every log line written while serving it, and the
    response's X-Request-ID header (the id a person quotes from the error page)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = request_id(request)
        request.id = rid  # type: ignore[attr-defined]
        with bound(request_id=rid):
            response = self.get_response(request)
        response["X-Request-ID"] = rid
        return response
