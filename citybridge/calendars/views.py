"""The calendar feeds page (the user's private addresses, and a reset) and the feeds themselves,
which a calendar program fetches without a session: the token in the address says whose."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_POST

from citybridge.accounts.scopes import scope_of, work_in
from citybridge.calendars import actions
from citybridge.calendars.feeds import feed_days, ical_bytes, time_zone_of
from citybridge.calendars.models import FeedKey
from citybridge.lib.inputs import parse_id
from citybridge.network import names
from citybridge.network.decorators import hub_member_required
from citybridge.network.http import HubRequest
from citybridge.network.models import Hub, LocalGovernment


def feed_cities(user, hub: Hub):
    """The cities a user may have a feed of: a focal point's own; every city of the hub for
    the other roles (an expert's or a donor's feed of a city holds what their role shows)."""
    scope = scope_of(user)
    cities = LocalGovernment.objects.of_hub(hub).select_related("country").order_by("name_key")
    if scope.is_staff_of(hub.pk) or hub.pk not in scope.focal_cities:
        return cities
    return cities.filter(pk__in=scope.focal_cities[hub.pk])


@hub_member_required
def calendar_feeds(request: HubRequest) -> HttpResponse:
    hub = request.hub
    token = actions.feed_key_of(request.user).token()
    cities = feed_cities(request.user, hub)
    scope = scope_of(request.user)
    own_only = not scope.is_staff_of(hub.pk) and hub.pk in scope.focal_cities
    chosen = None
    if (city_id := parse_id(request.GET.get("city", ""))) is not None:
        chosen = cities.filter(pk=city_id).first()
    shown = list(cities) if own_only else ([chosen] if chosen else [])

    def address(name: str, **kwargs) -> dict[str, str]:
        url = request.build_absolute_uri(reverse(name, kwargs={"token": token, **kwargs}))
        # webcal:// opens the calendar program, which subscribes to the same address.
        return {"url": url, "webcal": "webcal://" + url.split("://", 1)[1]}

    context = {
        "hub": hub,
        "hub_feed": address("calendars:hub_feed", hub=hub.slug),
        "city_feeds": [
            (city, address("calendars:city_feed", hub=hub.slug, pk=city.pk)) for city in shown
        ],
        "cities": [] if own_only else cities,
        "chosen": chosen,
        "own_only": own_only,
    }
    return render(request, "calendars/calendar_feeds.html", context)


@require_POST
@hub_member_required
def feed_reset(request: HubRequest) -> HttpResponse:
    actions.reset_feed_key(acting_user=request.user)
    messages.success(
        request,
        _("New feed addresses made. The old ones no longer work: subscribe again with these."),
    )
    return redirect("calendars:calendar_feeds")


def feed_response(request: HttpRequest, token: str, hub_slug: str, city_pk: int | None):
    user = FeedKey.holder_of(token)
    if user is None:
        raise Http404
    hub = Hub.objects.filter(slug=hub_slug, pk__in=scope_of(user).hubs).first()
    if hub is None:
        raise Http404
    work_in(user, hub.pk)  # the user's role in this hub only, as on the pages
    city = None
    if city_pk is not None:
        city = feed_cities(user, hub).filter(pk=city_pk).first()
        if city is None:
            raise Http404
    script = names.activate(user.name_script)
    try:
        with override(user.language or hub.default_language or "en"):
            name = (
                _("%(city)s — %(hub)s") % {"city": names.shown_name(city), "hub": hub.local_name}
                if city
                else hub.local_name
            )
            body = ical_bytes(
                feed_days(user, hub, city),
                name=name,
                tz=time_zone_of(hub),
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
    finally:
        names.deactivate(script)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="citybridge.ics"'
    # The address is a secret: never in a search engine, nor sent on as a referrer.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def hub_feed(request: HttpRequest, token: str, hub: str) -> HttpResponse:
    return feed_response(request, token, hub, None)


@require_GET
def city_feed(request: HttpRequest, token: str, hub: str, pk: int) -> HttpResponse:
    return feed_response(request, token, hub, pk)
