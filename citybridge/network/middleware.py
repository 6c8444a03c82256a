"""What a hub decides for every request of its people: the language of the page when the reader
has not chosen one, and how long a session may sit idle."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

from citybridge.accounts.scopes import scope_of
from citybridge.network import names
from citybridge.network.models import Hub

Middleware = Callable[[HttpRequest], HttpResponse]

# Session keys: when the session last saw a request, and when its user signed in.
LAST_SEEN = "citybridge_last_seen"
SIGNED_IN_AT = "citybridge_signed_in_at"


def supported(code: str | None) -> str | None:
    """`code` as one of settings.LANGUAGES ('sr-Latn-RS' -> 'sr-latn'), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.lower())
    except LookupError:
        return None


def hubs_of(request: HttpRequest) -> list[Hub]:
    """The hubs whose settings apply: the user's; for a visitor not signed in, the only hub.
    Read once per request."""
    cached: list[Hub] | None = getattr(request, "_citybridge_hubs", None)
    if cached is None:
        user = request.user
        if user.is_authenticated:
            cached = list(Hub.objects.filter(pk__in=scope_of(user).hubs).order_by("name"))
        else:
            cached = list(Hub.objects.all()[:2])
            cached = cached if len(cached) == 1 else []
        request._citybridge_hubs = cached  # type: ignore[attr-defined]
    return cached


def language_for(request: HttpRequest) -> str:
    """The page's language, in this order: the user's saved choice, the cookie the language
    switcher writes, the browser's Accept-Language, the hub's default, English."""
    user = request.user
    if user.is_authenticated and (saved := supported(user.language)):
        return saved
    if cookie := supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)):
        return cookie
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code != "*" and (browser := supported(code)):
            return browser
    hubs = hubs_of(request)
    chosen = request.session.get("hub_id")
    hub = next((h for h in hubs if h.pk == chosen), hubs[0] if hubs else None)
    if hub and (default := supported(hub.default_language)):
        return default
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """Django's LocaleMiddleware without URL prefixes, with the user's and hub's choices."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers["Vary"] = ", ".join(
            v for v in (response.headers.get("Vary"), "Accept-Language", "Cookie") if v
        )
        return response


class NameScriptMiddleware:
    """Names in the script the signed-in user chose (User.name_script) for this request."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        token = names.activate(user.name_script if user.is_authenticated else "")
        try:
            return self.get_response(request)
        finally:
            names.deactivate(token)


def idle_limit_seconds(request: HttpRequest) -> int:
    """The shortest idle time among the user's hubs (30 minutes when they have none)."""
    minutes = [hub.idle_timeout_minutes for hub in hubs_of(request)]
    return 60 * min(minutes, default=30)


class IdleSessionMiddleware:
    """Signs a user out after their hub's idle time, or SESSION_MAX_HOURS after signing in,
    whichever comes first, and says why on the sign-in page."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            last_seen = session.get(LAST_SEEN, now)
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            if now - last_seen > idle_limit_seconds(request):
                return self.sign_out(
                    request,
                    _("You were signed out after a time without activity. Sign in again to go on."),
                )
            if now - signed_in_at > settings.SESSION_MAX_HOURS * 3600:
                return self.sign_out(
                    request,
                    _(
                        "You were signed out because your session reached its time limit. "
                        "Sign in again to go on."
                    ),
                )
            if now - last_seen >= 60 or LAST_SEEN not in session:
                # Once a minute at most, so a busy page does not rewrite its session each time.
                session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def sign_out(request: HttpRequest, why: str) -> HttpResponse:
        path = request.get_full_path()
        logout(request)
        messages.info(request, why)
        login = reverse("accounts:login")
        if request.method == "GET" and not request.headers.get("HX-Request") and path != "/":
            return redirect(f"{login}?{urlencode({'next': path})}")
        return redirect(login)
