"""The participant's pages: no account, no session needed, nothing about anyone else.

The link's token finds the check-in; a link outside its window shows only that check-in is
closed. Every answer is the same whoever is already registered: the form never says whether a
name, an e-mail or a device was seen before.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from citybridge.accounts.client_ip import client_ip
from citybridge.accounts.context_processors import HTML_LANG
from citybridge.checkin.actions import record_arrival
from citybridge.checkin.forms import ArrivalForm
from citybridge.checkin.limits import over_limit
from citybridge.checkin.models import CheckIn
from citybridge.network.middleware import language_for, supported
from citybridge.network.models import LocalGovernment, PlaceName
from citybridge.network.notice import NOTICE_VERSION, notice_for

# A submission is a few short answers: a body larger than this is no participant's.
MAX_BODY_BYTES = 8 * 1024
KIOSK = "checkin_kiosk"


def _check_in(token: str) -> CheckIn:
    try:
        return CheckIn.objects.select_related("engagement__hub").get(token=token)
    except CheckIn.DoesNotExist:
        raise Http404 from None


def _language(request: HttpRequest, check_in: CheckIn) -> str:
    return supported(request.GET.get("lang")) or language_for(request)


def city_names(check_in: CheckIn) -> list[str]:
    """Every name of the hub's countries' cities, in every script the gazetteer gave them
    (Podgorica, Подгорица; Prishtinë, Priština, Приштина): the city box's suggestions."""
    countries = check_in.engagement.hub.country_codes()
    names: set[str] = set()
    for row in LocalGovernment.objects.filter(country__in=countries).values_list(
        "name", "name_cyrillic", "name_albanian"
    ):
        names.update(n for n in row if n)
    names.update(
        PlaceName.objects.filter(city__country__in=countries).values_list("name", flat=True)
    )
    return sorted(names, key=str.casefold)


def _page(request: HttpRequest, check_in: CheckIn, template: str, context: dict, status=200):
    language = _language(request, check_in)
    kiosk = request.session.get(KIOSK) == check_in.pk
    with translation.override(language):
        context = {
            "check_in": check_in,
            "engagement": check_in.engagement,
            "hub": check_in.engagement.hub,
            "language": language,
            "page_lang": HTML_LANG.get(language, language),
            "languages": [
                {"code": code, "name": name, "lang": HTML_LANG.get(code, code)}
                for code, name in settings.LANGUAGES
            ],
            "kiosk": kiosk,
            **context,
        }
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = language
    return response


def _form_page(
    request: HttpRequest, check_in: CheckIn, form: ArrivalForm | None = None, status: int = 200
) -> HttpResponse:
    """The participant's form (a fresh one, or `form` with its errors) with the hub's privacy
    notice in the participant's language and its version, which the form sends back."""
    language = _language(request, check_in)
    notice = notice_for(check_in.engagement.hub, language)
    if form is None:
        form = ArrivalForm(initial={"notice_version": notice.version, "uuid": uuid.uuid4()})
    context = {
        "form": form,
        "notice": notice.paragraphs,
        "notice_version": notice.version,
        "cities": city_names(check_in),
    }
    return _page(request, check_in, "checkin/form.html", context, status=status)


@require_GET
def checkin_form(request: HttpRequest, token: str) -> HttpResponse:
    check_in = _check_in(token)
    if not check_in.is_open():
        return _page(request, check_in, "checkin/closed.html", {}, status=410)
    return _form_page(request, check_in)


@csrf_exempt  # anonymous, and sent later from a queue on the device: the link is the key
@require_POST
def checkin_submit(request: HttpRequest, token: str) -> HttpResponse:
    """Store one submission. Answers in JSON to the page's script (which keeps a submission
    queued until it gets 200, 400, 404 or 410), and with a redirect to a plain form."""
    check_in = _check_in(token)
    wants_json = "application/json" in request.headers.get("Accept", "")
    language = _language(request, check_in)
    with translation.override(language):
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return _refused(request, check_in, wants_json, 413, _("This submission is too large."))
        if not check_in.is_open():
            return _refused(request, check_in, wants_json, 410, _("Check-in is closed."))
        if over_limit(client_ip(request), check_in.pk):
            response = _refused(
                request, check_in, wants_json, 429, _("Too many check-ins at once: wait a minute.")
            )
            response.headers["Retry-After"] = "60"
            return response
        form = ArrivalForm(request.POST)
        if form.is_robot():
            # Answered like a person, so the robot learns nothing; nothing is stored.
            return _done(request, check_in, wants_json)
        if not form.is_valid():
            if wants_json:
                return JsonResponse(
                    {"ok": False, "errors": {f: list(e) for f, e in form.errors.items()}},
                    status=400,
                )
            return _form_page(request, check_in, form, status=400)
        record_arrival(check_in, form.answers(language))
    return _done(request, check_in, wants_json)


def _done(request: HttpRequest, check_in: CheckIn, wants_json: bool) -> HttpResponse:
    if wants_json:
        return JsonResponse({"ok": True})
    url = reverse("checkin:checkin_thanks", args=[check_in.token])
    return redirect(f"{url}?lang={_language(request, check_in)}")


def _refused(
    request: HttpRequest, check_in: CheckIn, wants_json: bool, status: int, message: str
) -> HttpResponse:
    if wants_json:
        return JsonResponse({"ok": False, "message": message}, status=status)
    return _page(request, check_in, "checkin/closed.html", {"message": message}, status=status)


@require_GET
def checkin_thanks(request: HttpRequest, token: str) -> HttpResponse:
    check_in = _check_in(token)
    return _page(request, check_in, "checkin/thanks.html", {})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from this path so its scope is every check-in link (/c/)."""
    response = HttpResponse(
        render_to_string("checkin/sw.js", {"cache": f"checkin-{NOTICE_VERSION}"}),
        content_type="text/javascript; charset=utf-8",
    )
    response.headers["Service-Worker-Allowed"] = "/c/"
    # A new version of the worker is seen at the next visit, never held by a cache.
    response.headers["Cache-Control"] = "no-cache"
    return response


# Wrong PINs a kiosk may take in 10 minutes before leaving is refused for the rest of them.
PIN_TRIES = 5


@require_http_methods(["GET", "POST"])
def kiosk_leave(request: HttpRequest, token: str) -> HttpResponse:
    """Leave kiosk mode: with the check-in's PIN when it has one; then the sign-in page."""
    check_in = _check_in(token)
    error = ""
    if request.method == "POST" or not check_in.kiosk_pin:
        tries_key = f"checkin:pin:{check_in.pk}"
        tries = cache.get(tries_key, 0)
        pin = request.POST.get("pin", "")
        with translation.override(_language(request, check_in)):
            if check_in.kiosk_pin and tries >= PIN_TRIES:
                error = _("Too many wrong PINs: try again in 10 minutes.")
            elif not check_in.kiosk_pin or check_password(pin, check_in.kiosk_pin):
                request.session.pop(KIOSK, None)
                return redirect("accounts:login")
            else:
                cache.set(tries_key, tries + 1, timeout=600)
                error = _("That is not the PIN.")
    return _page(request, check_in, "checkin/leave.html", {"error": error})


@require_GET
def checkin_manifest(request: HttpRequest, token: str) -> HttpResponse:
    """The web app manifest: the check-in page can be added to a phone's or tablet's home
    screen and opens as an app, offline too."""
    check_in = _check_in(token)
    start = reverse("checkin:checkin_form", args=[check_in.token])
    return JsonResponse(
        {
            "name": check_in.engagement.title,
            "short_name": check_in.engagement.key,
            "start_url": start,
            "scope": "/c/",
            "display": "standalone",
            "icons": [
                {"src": static("citybridge/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}
            ],
        },
        content_type="application/manifest+json",
    )
