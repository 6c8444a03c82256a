"""The arrivals of an engagement's check-in as its officers follow them: counts by city, gender
and role, and the latest names for those who may see them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Value
from django.db.models.functions import Coalesce, NullIf

from citybridge.checkin.forms import GENDERS
from citybridge.checkin.models import SOURCE
from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import RoleKind

# The latest arrivals the page names; the counts cover all of them.
NAMED = 50


@dataclass
class LiveArrivals:
    total: int = 0
    by_city: list[tuple[str, int]] = field(default_factory=list)
    by_gender: list[tuple[str, int]] = field(default_factory=list)
    by_role: list[tuple[str, int]] = field(default_factory=list)
    named: list[Attendance] = field(default_factory=list)


def live_arrivals(engagement: Engagement, user) -> LiveArrivals:
    """Counts of every arrival (the city the row resolved to, else as written); names of the
    latest NAMED rows among those `user` may see (Attendance.visible_to)."""
    rows = Attendance.objects.filter(engagement=engagement, source_file=SOURCE)
    live = LiveArrivals(total=rows.count())
    live.by_city = [
        (r["place"] or "", r["n"])
        for r in rows.annotate(
            place=Coalesce(
                "person__city__name",
                "resolved_city__name",
                NullIf("city", Value("")),
            )
        )
        .values("place")
        .annotate(n=Count("pk"))
        .order_by("-n", "place")
    ]
    genders = dict(GENDERS)
    live.by_gender = [
        (str(genders.get(r["gender"], r["gender"])), r["n"])
        for r in rows.values("gender").annotate(n=Count("pk")).order_by("-n", "gender")
    ]
    roles = dict(RoleKind.choices)
    live.by_role = [
        (str(roles.get(r["role_kind"], "")), r["n"])
        for r in rows.values("role_kind").annotate(n=Count("pk")).order_by("-n", "role_kind")
    ]
    live.named = list(
        rows.visible_to(user).select_related("person", "arrival").order_by("-row_number")[:NAMED]
    )
    return live
