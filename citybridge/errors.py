"""The 500 page: in the site's frame when it can be, and a plain page that needs nothing when not.

Django's own handler renders 500.html without the request, so the page has no navigation. Ours
tries the framed page first; its context processors read the database, which may be what failed
(a lost connection, an aborted transaction), so any error while rendering it falls back to a
template without context, and that to a fixed text."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

FIXED_TEXT = (
    "<!doctype html><title>Server error</title><h1>Server error</h1>"
    '<p>Something went wrong on our side. Try again in a moment. <a href="/">Home</a></p>'
)


def server_error(request: HttpRequest) -> HttpResponse:
    # The request's id (operations.logs.RequestIdMiddleware), for the person to quote: the
    # admin finds every log line of the failed request by it.
    context = {"request_id": getattr(request, "id", "")}
    try:
        return HttpResponseServerError(
            loader.render_to_string("500.html", context, request=request)
        )
    except Exception:  # the frame needs the database and the request's context
        logger.warning("The framed 500 page failed; serving the plain one.", exc_info=True)
    try:
        return HttpResponseServerError(loader.render_to_string("500_plain.html", context))
    except Exception:  # nothing left to rely on but a fixed text
        logger.exception("The plain 500 page failed too.")
        return HttpResponseServerError(FIXED_TEXT)
