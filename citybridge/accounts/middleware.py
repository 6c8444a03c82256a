"""Send a signed-in user who still owes a second factor to set it up or to enter it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from citybridge.accounts.mfa import has_second_factor, mfa_required


class MFARequiredMiddleware:
    """After django_otp's OTPMiddleware: `request.user.is_verified()` says whether the session
    passed a second factor. Until it has, only the MFA pages and signing out are reachable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # is_verified: set on the user by django-otp's middleware, unknown to the stubs.
        verified = user.is_authenticated and user.is_verified()  # type: ignore[attr-defined]
        if user.is_authenticated and not verified and not self.exempt(request.path):
            if has_second_factor(user):
                return self.send(request, "accounts:mfa_verify")
            if mfa_required(user):
                return self.send(request, "accounts:mfa_setup")
        return self.get_response(request)

    @staticmethod
    def exempt(path: str) -> bool:
        open_paths = (
            reverse("accounts:mfa_setup"),
            reverse("accounts:mfa_verify"),
            reverse("accounts:logout"),
            reverse("accounts:login"),
            settings.STATIC_URL,
        )
        return path.startswith(open_paths)

    @staticmethod
    def send(request: HttpRequest, name: str) -> HttpResponse:
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class NoStoreMiddleware:
    """A signed-in user's pages and downloads may hold personal data: no browser or proxy keeps
    a copy (Cache-Control: no-store), so the back button on a shared computer shows nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            response.headers["Cache-Control"] = "no-store, private"
        return response


class RefuseNulMiddleware:
    """A NUL in the query string is no value any page filters by, and PostgreSQL refuses it in
    a query (a 500 from every list's filters): the request is answered 400 before any view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in k or "\x00" in v for k, v in request.GET.items()):
            return HttpResponseBadRequest(_("The address holds a NUL character."))
        return self.get_response(request)
