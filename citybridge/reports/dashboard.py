"""The hub home's dashboard: key figures with their trend, charts, open needs, support under
way and overdue, in a fixed number of queries whatever the size of the hub."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from citybridge.accounts.disclosure import (
    months_before,
    people_count,
    people_text,
    shown_difference,
    whole_months,
)
from citybridge.engagement.models import Engagement, LinkDecision, Sheet
from citybridge.lib.inputs import FIRST_DAY
from citybridge.needs.models import Need
from citybridge.network.models import (
    Hub,
    LocalGovernment,
    Membership,
    Person,
    Position,
    Theme,
)
from citybridge.reports.briefs.assemble import Charts, chart_data, member_places
from citybridge.reports.briefs.render import chart_graphics
from citybridge.reports.briefs.words import country_name
from citybridge.reports.briefs.words import words as brief_words
from citybridge.reports.figures import Figure, key_figures
from citybridge.support.models import Milestone, SupportAction

UNDER_WAY = (SupportAction.Status.APPROVED, SupportAction.Status.IN_PROGRESS)


@dataclass(frozen=True)
class Trend:
    figure: Figure
    previous: int
    # For a viewer of aggregates: a figure of people and its change are shown by the disclosure
    # rule, the change being that of the two numbers shown, never of the exact ones.
    hide_small: bool = False

    @property
    def rounded(self) -> bool:
        return self.hide_small and self.figure.record_model == "person"

    @property
    def previous_shown(self) -> int | str:
        return people_text(self.previous) if self.rounded else self.previous

    @property
    def delta(self) -> int | None:
        if self.rounded:
            return shown_difference(people_count(self.figure.value), people_count(self.previous))
        return self.figure.value - self.previous

    @property
    def direction(self) -> str:
        delta = self.delta
        if delta is None:
            return "unknown"
        return "up" if delta > 0 else "down" if delta < 0 else "same"


@dataclass(frozen=True)
class ThemeCount:
    slug: str
    name: str
    needs: int
    cities: int


def current_period(hub: Hub, today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to today, or up to the hub's latest engagement when it has none
    this year (a hub whose records stop earlier still shows its last year of work)."""
    latest = Engagement.objects.of_hub(hub).aggregate(d=Max("starts_on"))["d"]
    # A latest date before FIRST_DAY is a typo (0001-01-01), not a year of work to show, and
    # the year before it and the period before that would fall off the calendar.
    stale = latest and FIRST_DAY <= latest < today - dt.timedelta(days=365)
    end = min(today, latest) if stale and latest else today
    return year_before(end), end


def year_before(end: dt.date) -> dt.date:
    """The first day of the twelve months that end on `end`."""
    try:
        return end.replace(year=end.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return end.replace(year=end.year - 1, day=28) + dt.timedelta(days=1)


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length just before [start, end]."""
    length = end - start
    previous_end = start - dt.timedelta(days=1)
    return previous_end - length, previous_end


def period_before(start: dt.date, end: dt.date, *, hide_small: bool) -> tuple[dt.date, dt.date]:
    """The period a trend compares with: for a viewer of aggregates, as many whole months
    just before (the disclosure rule); for the others, the same number of days."""
    return months_before(start, end) if hide_small else previous_period(start, end)


def trends(hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool = False) -> list[Trend]:
    # Numbers only: each opens its records on the figure's own page.
    now = key_figures(hub, start, end, with_records=False)
    previous = period_before(start, end, hide_small=hide_small)
    before = {f.key: f.value for f in key_figures(hub, *previous, with_records=False)}
    return [Trend(f, before.get(f.key, 0), hide_small) for f in now]


def open_needs_by_theme(hub: Hub) -> list[ThemeCount]:
    rows = (
        Need.objects.of_hub(hub)
        .open()
        .order_by()
        .values("theme_id", "theme__slug")
        .annotate(needs=Count("pk"), cities=Count("city", distinct=True))
        .order_by("-cities", "-needs", "theme__name")
    )
    found = list(rows)
    themes = Theme.objects.filter(pk__in=[r["theme_id"] for r in found]).select_related("hub")
    names = {t.pk: t.label for t in themes}  # in the page's language
    return [
        ThemeCount(r["theme__slug"], names[r["theme_id"]], r["needs"], r["cities"]) for r in found
    ]


def support_under_way(hub: Hub) -> dict[str, int]:
    counts = dict(
        SupportAction.objects.of_hub(hub)
        .not_withdrawn()
        .filter(status__in=UNDER_WAY)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return {s: counts.get(s, 0) for s in UNDER_WAY}


def overdue_milestones(hub: Hub, today: dt.date):
    return Milestone.objects.of_hub(hub).overdue(on=today)


@dataclass(frozen=True)
class Summary:
    """The dashboard's costly part: figures of two periods and the charts' counts."""

    trends: list[Trend]
    charts: Charts
    # The charts and the map drawn as SVG, kept with the counts they draw (the map's country
    # outlines are drawn once per process: graphics.maps._layers).
    graphics: dict[str, SafeString]
    computed_at: dt.datetime


# Kept an hour: a summary of records since changed is never read again (its key names the
# records' stamp), and the one of the records as they are is kept on by each warm() (the worker
# after a job or edit, `citybridge run_due` every few minutes), so visitors never count it.
CACHE_SECONDS = 3600


def data_stamp(hub: Hub) -> str:
    """Changes whenever the records behind the figures and charts do: a new sheet, a person
    created, merged or edited, a link decided, an engagement or a membership recorded. Cheap:
    a handful of MAX() over indexed or small tables."""
    parts = [
        Sheet.objects.filter(engagement__hub=hub).aggregate(m=Max("imported_at"))["m"],
        Person.objects.filter(hub=hub).aggregate(m=Max("updated_at"), n=Count("pk")),
        Engagement.objects.of_hub(hub).aggregate(m=Max("updated_at"), n=Count("pk")),
        LinkDecision.objects.aggregate(m=Max("decided_at"), n=Count("pk")),
        Membership.objects.aggregate(m=Max("pk"), n=Count("pk"), left=Max("left_on")),
        Position.objects.aggregate(m=Max("pk"), n=Count("pk")),
        SupportAction.objects.of_hub(hub).aggregate(
            m=Max("pk"), n=Count("status_changes"), withdrawn=Max("withdrawn_at")
        ),
        # A city moved on the map: each edit through the save action raises its version.
        LocalGovernment.objects.of_hub(hub).aggregate(v=Sum("version"), n=Count("pk")),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def summary(hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool) -> Summary:
    """Trends, charts and their drawings, kept for a few minutes while the records stay as
    they were: a large hub's figures and charts take most of a second to count (bench/scale.py),
    and every worker would count them again for each visit of the home."""
    return _summary(hub, start, end, hide_small=hide_small, stamp=data_stamp(hub))[0]


def _summary_key(hub: Hub, start: dt.date, end: dt.date, hide_small: bool, stamp: str) -> str:
    lang = translation.get_language() or settings.LANGUAGE_CODE  # the page's: its words differ
    return f"cb:dashboard:{hub.pk}:{lang}:{start}:{end}:{int(hide_small)}:{stamp}"


def _summary(
    hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool, stamp: str, keep: bool = False
) -> tuple[Summary, bool]:
    """The summary, and whether it had to be counted (it was not in the cache)."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    key = _summary_key(hub, start, end, hide_small, stamp)
    found = cache.get(key)
    counted = found is None
    if found is None:
        charts = chart_data(hub, start, end, lang, hide_small=hide_small)
        countries = {c.code: country_name(c.code, c.public_name) for c in hub.countries.all()}
        found = Summary(
            trends=trends(hub, start, end, hide_small=hide_small),
            charts=charts,
            graphics=chart_graphics(charts, brief_words(), member_places(hub, end), countries),
            computed_at=timezone.now(),
        )
        cache.set(key, found, CACHE_SECONDS)
    elif keep:
        cache.touch(key, CACHE_SECONDS)
    return found, counted


def home_languages(hub: Hub) -> list[str]:
    """The languages the hub's home is read in: the hub's default, each of its users' saved
    choice, and English (a browser asking for none of ours)."""
    from citybridge.accounts.models import Role

    saved = Role.objects.filter(hub=hub).exclude(user__language="")
    chosen = set(saved.values_list("user__language", flat=True).distinct())
    return sorted({hub.default_language or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE} | chosen)


def warm(hub: Hub, today: dt.date) -> int:
    """Count the home's default views (exact numbers for staff, the disclosure rule's for
    donors, in each language it is read in) into the cache ahead of any visitor, as the worker
    does after a job or an edit: the first visit after a change then only reads them. A view
    already counted on the records as they are is kept another CACHE_SECONDS. Returns how many
    views were counted."""
    start, end = current_period(hub, today)
    stamp = data_stamp(hub)
    counted = 0
    for lang in home_languages(hub):
        with translation.override(lang):
            # Donors' period is widened to whole months (the disclosure rule), as their page does.
            for hide_small, (a, b) in ((False, (start, end)), (True, whole_months(start, end))):
                assert a is not None  # current_period always has a start
                counted += _summary(hub, a, b, hide_small=hide_small, stamp=stamp, keep=True)[1]
    return counted
