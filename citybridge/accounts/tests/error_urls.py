"""The site's URLs and three that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from citybridge.errors import server_error
from citybridge.urls import urlpatterns as site_urlpatterns

handler500 = server_error


def refused(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def garbled(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("A request no browser sends.")


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("A bug.")


urlpatterns = [
    path("test-errors/403/", refused),
    path("test-errors/400/", garbled),
    path("test-errors/500/", broken),
    *site_urlpatterns,
]
