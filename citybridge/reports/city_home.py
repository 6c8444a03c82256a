"""A city focal point's home: their own city (or cities), never the hub's figures.

Everything here reads through the same scoped querysets as the rest of the site (`visible_to`),
so it shows nothing the focal point could not open on the other pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from citybridge.engagement.models import Attendance, Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment
from citybridge.reports.dashboard import UNDER_WAY
from citybridge.support.models import Milestone, SupportAction


@dataclass(frozen=True)
class CityFigures:
    """Counts of one city, since the hub began working with it; each opens a page."""

    people_engaged: int  # distinct people of the city at the hub's engagements
    engagements: int  # engagements the city hosted or took part in
    needs_open: int
    needs_met: int
    support_under_way: int


def city_figures(user, hub: Hub, city: LocalGovernment) -> CityFigures:
    needs = dict(
        Need.objects.visible_to(user)
        .of_hub(hub)
        .filter(city=city)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    people = (
        Attendance.objects.filter(engagement__hub=hub, person__isnull=False, person__city=city)
        .values("person_id")
        .distinct()
        .count()
    )
    return CityFigures(
        people_engaged=people,
        engagements=Engagement.objects.visible_to(user).of_hub(hub).involving(city).count(),
        needs_open=needs.get(Need.Status.OPEN, 0) + needs.get(Need.Status.BEING_ADDRESSED, 0),
        needs_met=needs.get(Need.Status.MET, 0),
        support_under_way=support_of(user, hub, city).filter(status__in=UNDER_WAY).count(),
    )


def support_of(user, hub: Hub, city: LocalGovernment):
    """Support the city received (itself or one of its organisations), not withdrawn."""
    return (
        SupportAction.objects.visible_to(user)
        .of_hub(hub)
        .not_withdrawn()
        .filter(Q(city=city) | Q(organisation__city=city))
    )


@dataclass(frozen=True)
class CityHome:
    city: LocalGovernment
    figures: CityFigures
    needs: list[Need]  # open ones first, then the latest met or dropped
    support: list[SupportAction]  # under way
    upcoming: list[Engagement]  # from today on
    recent: list[Engagement]  # the latest before today, when none is planned
    overdue: list[Milestone]  # what the hub asks of the city: late milestones of its support
    unanswered: list[Need]  # open needs no support answers yet: does each still stand?


def city_home(user, hub: Hub, city: LocalGovernment, today: dt.date) -> CityHome:
    needs = Need.objects.visible_to(user).of_hub(hub).filter(city=city).select_related("theme__hub")
    answered = SupportAction.objects.not_withdrawn().filter(needs=OuterRef("pk"))
    unanswered = list(
        needs.filter(status=Need.Status.OPEN)
        .annotate(answered=Exists(answered))
        .filter(answered=False)
        .order_by("raised_on")[:8]
    )
    shown = list(needs.open().order_by("-raised_on")[:10])
    if len(shown) < 10:
        shown += list(needs.exclude(pk__in=needs.open()).order_by("-raised_on")[: 10 - len(shown)])
    support = support_of(user, hub, city)
    engagements = (
        Engagement.objects.visible_to(user)
        .of_hub(hub)
        .involving(city)
        .select_related("host_city")
        .order_by("-starts_on")
    )
    upcoming = list(engagements.filter(starts_on__gte=today).order_by("starts_on")[:6])
    return CityHome(
        city=city,
        figures=city_figures(user, hub, city),
        needs=shown,
        support=list(support.filter(status__in=UNDER_WAY).order_by("starts_on")[:10]),
        upcoming=upcoming,
        recent=[] if upcoming else list(engagements.filter(starts_on__lt=today)[:3]),
        overdue=list(
            Milestone.objects.overdue(on=today)
            .filter(action__in=support)
            .select_related("action")
            .order_by("due_on")[:10]
        ),
        unanswered=unanswered,
    )


def focal_cities(user, hub: Hub, city_ids: frozenset[int]) -> list[LocalGovernment]:
    return list(
        LocalGovernment.objects.visible_to(user)
        .of_hub(hub)
        .filter(pk__in=city_ids)
        .select_related("country")
        .order_by("name_key")
    )
