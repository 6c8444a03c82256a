"""A hub's or a city's engagements and milestone due dates as iCalendar (RFC 5545), scoped like
the pages: what `visible_to(user)` gives in the hub, for the user the feed's token names.

- Hub staff: every engagement of the hub and every milestone of its support.
- A city focal point: their city's engagements (hosted or taken part in) and the milestones of
  their city's support; nothing of another city.
- An expert: the milestones of the support they are deployed on.
- A donor viewer: engagements as their kind, city and dates, never a title (a title may name
  a person: "Meeting with the mayor of …"), and no milestones (donors see support as numbers).

Engagements and milestones are days, not times: each is an all-day event on its own dates
(`VALUE=DATE`, which a calendar program never shifts to the previous day in another timezone),
in a calendar that declares the hub's timezone for the program's own use. Every event's UID is
its record's (`engagement-12@<hub>.citybridge`), so a program updates an event in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import Engagement
from citybridge.network.models import Hub, LocalGovernment
from citybridge.network.names import shown_name
from citybridge.support.models import Milestone

PRODID = "-//CityBridge//Calendar feeds//EN"
# How often a calendar program is asked to fetch the feed again.
REFRESH = dt.timedelta(hours=6)


def time_zone_of(hub: Hub) -> str:
    """The hub's timezone: the site's (settings.TIME_ZONE, Europe/Belgrade), which is every
    Western Balkans city's; a hub elsewhere would need a field of its own."""
    return settings.TIME_ZONE


@dataclass(frozen=True)
class Day:
    """One all-day event: `ends_on` is the last day (the feed writes the day after, as RFC 5545
    wants an all-day DTEND)."""

    uid: str
    summary: str
    starts_on: dt.date
    ends_on: dt.date
    description: str = ""
    location: str = ""
    path: str = ""  # the record's page, for those who may open it


def engagements_in(user, hub: Hub, city: LocalGovernment | None) -> tuple[list[Engagement], bool]:
    """The engagements the feed holds, and whether they go without their titles (donors)."""
    scope = scope_of(user)
    if scope.sees_people_of(hub.pk):
        found, untitled = Engagement.objects.visible_to(user).of_hub(hub), False
    elif hub.pk in scope.donor_hubs:
        found, untitled = Engagement.objects.of_hub(hub), True
    else:
        return [], True
    if city is not None:
        found = found.involving(city)
    rows = found.select_related("host_city__country", "country").order_by("starts_on", "pk")
    return list(rows), untitled


def milestones_in(user, hub: Hub, city: LocalGovernment | None) -> list[Milestone]:
    found = (
        Milestone.objects.visible_to(user)
        .of_hub(hub)
        .filter(action__withdrawn_at__isnull=True)
        .select_related("action__city", "action__organisation")
    )
    if city is not None:
        found = found.filter(
            Q(action__city=city) | Q(action__organisation__city=city) | Q(action__peer_cities=city)
        ).distinct()
    return list(found.order_by("due_on", "pk"))


def place_of(*parts: str) -> str:
    """ "Sarajevo, Bosnia and Herzegovina", not "Sarajevo, Sarajevo, Bosnia and Herzegovina":
    each part that the ones before it do not already say."""
    said = ""
    for part in parts:
        if part and part.casefold() not in said.casefold():
            said = f"{said}, {part}" if said else part
    return said


def engagement_day(engagement: Engagement, hub: Hub, *, untitled: bool) -> Day:
    kind = engagement.get_kind_display()
    city = shown_name(engagement.host_city) if engagement.host_city else ""
    country = engagement.country.public_name if engagement.country else ""
    if untitled:
        summary = f"{kind} · {city}" if city else str(kind)
        return Day(
            uid=f"engagement-{engagement.pk}@{hub.slug}.citybridge",
            summary=summary,
            starts_on=engagement.starts_on,
            ends_on=engagement.ends_on,
            location=place_of(city, country),
        )
    return Day(
        uid=f"engagement-{engagement.pk}@{hub.slug}.citybridge",
        summary=engagement.title,
        starts_on=engagement.starts_on,
        ends_on=engagement.ends_on,
        description=str(kind),
        location=place_of(engagement.place, city, country),
        path=reverse("engagement:engagement_detail", args=[engagement.pk]),
    )


def milestone_day(milestone: Milestone, hub: Hub) -> Day:
    action = milestone.action
    supported = shown_name(action.city) if action.city else str(action.organisation or "")
    if milestone.done_on:
        state = _("Done on %(day)s.") % {"day": milestone.done_on.isoformat()}
    else:
        state = _("Not done yet.")
    return Day(
        uid=f"milestone-{milestone.pk}@{hub.slug}.citybridge",
        summary=_("Due: %(milestone)s (%(support)s)")
        % {"milestone": milestone.title, "support": action.title},
        starts_on=milestone.due_on,
        ends_on=milestone.due_on,
        description="\n".join(p for p in (supported, state) if p),
        path=reverse("support:support_detail", args=[action.pk]),
    )


def feed_days(user, hub: Hub, city: LocalGovernment | None = None) -> list[Day]:
    """Every event of the feed, in date order."""
    engagements, untitled = engagements_in(user, hub, city)
    days = [engagement_day(e, hub, untitled=untitled) for e in engagements]
    days += [milestone_day(m, hub) for m in milestones_in(user, hub, city)]
    return sorted(days, key=lambda d: (d.starts_on, d.uid))


def ical_bytes(days: list[Day], *, name: str, tz: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", tz)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    calendar.add_component(Timezone.from_tzid(tz))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for day in days:
        event = Event()
        event.add("uid", day.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day.starts_on)
        event.add("dtend", day.ends_on + dt.timedelta(days=1))
        event.add("summary", day.summary)
        event.add("transp", "TRANSPARENT")  # a day on the calendar, not a busy time
        if day.description:
            event.add("description", day.description)
        if day.location:
            event.add("location", day.location)
        if day.path and base_url:
            event.add("url", base_url + day.path)
        calendar.add_component(event)
    return calendar.to_ical()
