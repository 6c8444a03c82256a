"""The weekly digest of one officer or focal point: what waits for them where they work.

For each hub where the user is a hub admin or officer: the hub's overdue milestones, the pairs
of records waiting for review and the needs recorded in the last seven days. For each city a
focal point serves: the overdue milestones of the support the city receives and the city's new
needs. Every list comes through the same scoped querysets as the pages (`visible_to(user)`), so
a focal point's digest holds their city only. No person is named: pairs waiting for review are
a count, and needs and milestones are about cities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from citybridge.accounts.models import User
from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import ReviewPair
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment
from citybridge.support.models import Milestone, SupportAction

# Rows of each list shown in the e-mail; the rest are counted and a link opens them all.
SHOWN = 10


@dataclass(frozen=True)
class Section:
    """One hub (for hub staff) or one city (for its focal point)."""

    hub: Hub
    city: LocalGovernment | None  # a focal point's city; None: the whole hub
    overdue: list[Milestone]
    overdue_count: int
    new_needs: list[Need]
    new_needs_count: int
    pairs_waiting: int  # hub staff only: the review queue is theirs

    @property
    def is_empty(self) -> bool:
        return not (self.overdue_count or self.new_needs_count or self.pairs_waiting)

    @property
    def overdue_more(self) -> int:
        return self.overdue_count - len(self.overdue)

    @property
    def new_needs_more(self) -> int:
        return self.new_needs_count - len(self.new_needs)


@dataclass(frozen=True)
class Digest:
    user: User
    week: dt.date  # the Monday of its ISO week
    sections: list[Section]

    @property
    def is_empty(self) -> bool:
        return all(section.is_empty for section in self.sections)


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def gets_a_digest(user: User) -> bool:
    """Hub admins, officers and focal points; donors and experts have no such work."""
    scope = scope_of(user)
    return bool(scope.staff_hubs or scope.focal_cities)


def digest_for(user: User, *, today: dt.date, since: dt.datetime) -> Digest:
    """`user`'s digest on `today`: milestones overdue on that day, needs recorded from `since`."""
    scope = scope_of(user)
    sections = []
    for hub in Hub.objects.filter(pk__in=scope.staff_hubs | set(scope.focal_cities)):
        if scope.is_staff_of(hub.pk):
            sections.append(hub_section(user, hub, today, since))
            continue
        cities = LocalGovernment.objects.filter(pk__in=scope.focal_cities[hub.pk])
        sections += [
            city_section(user, hub, city, today, since) for city in cities.order_by("name_key")
        ]
    return Digest(user=user, week=monday_of(today), sections=sections)


def hub_section(user: User, hub: Hub, today: dt.date, since: dt.datetime) -> Section:
    overdue = Milestone.objects.visible_to(user).of_hub(hub).overdue(on=today)
    needs = Need.objects.visible_to(user).of_hub(hub).filter(created_at__gte=since)
    return section(hub, None, overdue, needs, ReviewPair.objects.filter(hub=hub).count())


def city_section(
    user: User, hub: Hub, city: LocalGovernment, today: dt.date, since: dt.datetime
) -> Section:
    support = SupportAction.objects.visible_to(user).of_hub(hub).not_withdrawn().received_by(city)
    overdue = Milestone.objects.visible_to(user).overdue(on=today).filter(action__in=support)
    needs = Need.objects.visible_to(user).of_hub(hub).filter(city=city, created_at__gte=since)
    return section(hub, city, overdue, needs, 0)


def section(hub: Hub, city, overdue, needs, pairs: int) -> Section:
    overdue = overdue.select_related("action__city", "action__organisation").order_by(
        "due_on", "pk"
    )
    needs = needs.select_related("city", "theme__hub").order_by("-created_at", "-pk")
    return Section(
        hub=hub,
        city=city,
        overdue=list(overdue[:SHOWN]),
        overdue_count=overdue.count(),
        new_needs=list(needs[:SHOWN]),
        new_needs_count=needs.count(),
        pairs_waiting=pairs,
    )
