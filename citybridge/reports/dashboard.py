"""The hub home's dashboard: key figures with their trend, charts, open needs, support under
way and overdue, in a fixed number of queries whatever the size of the hub."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max, Q, Sum, Value
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from citybridge.accounts.disclosure import (
    months_before,
    people_count,
    people_text,
    shown_difference,
    whole_months,
)
from citybridge.engagement.models import Engagement, LinkDecision, ReviewPair, Sheet
from citybridge.lib.inputs import FIRST_DAY
from citybridge.lib.translations import Said
from citybridge.needs.models import Need
from citybridge.network.models import (
    Hub,
    LocalGovernment,
    Membership,
    Person,
    Position,
    Theme,
)
from citybridge.reports.briefs.assemble import (
    ChartCounts,
    Charts,
    chart_counts,
    charts_in,
    country_names,
    member_places,
)
from citybridge.reports.briefs.render import chart_graphics
from citybridge.reports.briefs.words import words as brief_words
from citybridge.reports.figures import Figure, counted, key_figures
from citybridge.reports.graphics.maps import Place
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
    name: Said  # in the page's language, with that language's tag
    needs: int
    cities: int


def current_period(hub: Hub, today: dt.date) -> tuple[dt.date, dt.date]:
    """The twelve months up to today, or up to the hub's latest engagement when it has none
    this year (a hub whose records stop earlier still shows its last year of work)."""
    return period_to(records_state(hub).latest, today)


def period_to(latest: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """current_period of a hub whose latest engagement started on `latest`."""
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


def open_needs_by_theme(hub: Hub) -> list[ThemeCount]:
    """The hub's open needs counted by theme, each theme named (Theme.label_of) from what the
    same query read of it: one round trip, not a second for the themes."""
    rows = (
        Need.objects.of_hub(hub)
        .open()
        .order_by()
        .values(
            "theme_id",
            "theme__slug",
            "theme__name",
            "theme__translations",
            "theme__hub__default_language",
        )
        .annotate(needs=Count("pk"), cities=Count("city", distinct=True))
        .order_by("-cities", "-needs", "theme__name")
    )
    return [
        ThemeCount(
            r["theme__slug"],
            # In the page's language.
            Theme.label_of(
                r["theme__name"], r["theme__translations"], r["theme__hub__default_language"]
            ),
            r["needs"],
            r["cities"],
        )
        for r in rows
    ]


@dataclass(frozen=True)
class HubCounts:
    support_under_way: dict[str, int]  # status -> actions
    overdue: int  # open milestones past their due day
    reviews: int  # possible duplicates waiting for review (counted for staff only)


@functools.lru_cache(maxsize=256)
def _counts_parts(hub: int, today: dt.date) -> tuple[tuple[str, tuple], ...]:
    """The parts of the home's counts of work under way (COUNTS_COLUMNS columns), built once
    per hub and day (as _state_parts)."""
    support = SupportAction.objects.filter(hub=hub).not_withdrawn()
    return (
        _one_row(support, **{s.value: Count("pk", filter=Q(status=s)) for s in UNDER_WAY}),
        _one_row(Milestone.objects.filter(action__hub=hub).overdue(on=today), n=Count("pk")),
        _one_row(ReviewPair.objects.filter(hub=hub), n=Count("pk")),
    )


COUNTS_COLUMNS = len(UNDER_WAY) + 2


def _hub_counts(row: tuple, *, with_reviews: bool) -> HubCounts:
    *under_way, overdue, reviews = row
    return HubCounts(
        dict(zip(UNDER_WAY, under_way, strict=True)), overdue, reviews if with_reviews else 0
    )


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


@dataclass(frozen=True)
class RecordsState:
    # Changes whenever the records behind the figures and charts do (data_stamp).
    stamp: str
    # The day the hub's latest engagement started: where the home's default period ends.
    latest: dt.date | None


def _one_row(queryset, **aggregates) -> tuple[str, tuple]:
    """The SQL of one row holding `aggregates` over `queryset` (no GROUP BY: one row even
    when nothing matches), to be read beside others in one statement."""
    rows = queryset.order_by().annotate(one=Value(1)).values("one").annotate(**aggregates)
    return rows.values(*aggregates).query.sql_with_params()


def together(*parts: tuple[str, tuple]) -> tuple[str, tuple]:
    """The rows of `_one_row` parts side by side in one statement: one round trip where each
    part alone is cheap and the waiting is most of the time on a busy machine."""
    tables = " CROSS JOIN ".join(f"({sql}) AS part{i}" for i, (sql, _p) in enumerate(parts))
    return f"SELECT * FROM {tables}", tuple(p for _sql, params in parts for p in params)  # noqa: S608 (the ORM's own SQL)


def read(statement: tuple[str, tuple]) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return cursor.fetchone()


def records_state(hub: Hub) -> RecordsState:
    """What a visit of the home reads before its cached summary, in one statement: the stamp
    of the records (a new sheet, a person created, merged or edited, a link decided, an
    engagement, a membership or a position recorded, support approved, started or withdrawn,
    a city moved on the map) and the hub's latest engagement. Each part is a MAX() or COUNT()
    over indexed or small tables; sent one by one they were most of a cached visit's time
    on a busy machine (eight round trips)."""
    return _records_state(read(together(*_state_parts(hub.pk))))


def _records_state(row: tuple) -> RecordsState:
    latest = row[0]  # a string on SQLite
    if latest is not None and not isinstance(latest, dt.date):
        latest = dt.date.fromisoformat(str(latest)[:10])
    return RecordsState(hashlib.sha256(repr(row).encode()).hexdigest()[:16], latest)


def home_state(hub: Hub, today: dt.date, *, with_reviews: bool) -> tuple[RecordsState, HubCounts]:
    """records_state and the counts of work under way, read in one statement: each round trip to PostgreSQL
    waits for its server process to be given a core, which on a busy machine was the cached
    visit's largest part."""
    row = read(together(*_state_parts(hub.pk), *_counts_parts(hub.pk, today)))
    state, counts = row[:-COUNTS_COLUMNS], row[-COUNTS_COLUMNS:]
    return _records_state(state), _hub_counts(counts, with_reviews=with_reviews)


@functools.lru_cache(maxsize=256)
def _state_parts(hub: int) -> tuple[tuple[str, tuple], ...]:
    """records_state's parts for the hub `hub`, built once per process (building its nine
    parts with the ORM took longer than the database took to answer them)."""
    return (
        _one_row(
            # First: its first column is the latest engagement's day.
            Engagement.objects.filter(hub=hub),
            latest=Max("starts_on"),
            m=Max("updated_at"),
            n=Count("pk"),
        ),
        _one_row(Sheet.objects.filter(engagement__hub=hub), m=Max("imported_at")),
        # Apart, each is read from the index person_hub_updated alone: the latest edit at its
        # end, the number of people by counting its entries (COUNT(*), not of a column).
        _one_row(Person.objects.filter(hub=hub), m=Max("updated_at")),
        _one_row(Person.objects.filter(hub=hub), n=Count("*")),
        # Every hub's verdicts: read as this hub's (through their records' engagements) the
        # database walks the hub's 200,000 records on each visit (35 ms of CPU on SQLite);
        # verdicts are rare, so another hub's costs a recount now and then.
        _one_row(LinkDecision.objects.all(), m=Max("decided_at"), n=Count("pk")),
        # The hub's own: another hub's membership or position changes nothing here, and
        # counting the home again for it cost every hub a recount.
        _one_row(
            Membership.objects.filter(city__country__hubs=hub),
            m=Max("pk"),
            n=Count("pk"),
            left=Max("left_on"),
        ),
        _one_row(Position.objects.filter(person__hub=hub), m=Max("pk"), n=Count("pk")),
        _one_row(
            SupportAction.objects.filter(hub=hub),
            m=Max("pk"),
            n=Count("status_changes"),
            withdrawn=Max("withdrawn_at"),
        ),
        # A city moved on the map: each edit through the save action raises its version.
        _one_row(
            LocalGovernment.objects.filter(country__hubs=hub), v=Sum("version"), n=Count("pk")
        ),
    )


def data_stamp(hub: Hub) -> str:
    """Changes whenever the records behind the figures and charts do (records_state)."""
    return records_state(hub).stamp


def summary(
    hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool, stamp: str | None = None
) -> Summary:
    """Trends, charts and their drawings, kept while the records stay as they were (`stamp`,
    data_stamp's when not given): a large hub's figures and charts take most of a second to
    count (bench/scale.py), and every worker would count them again for each visit."""
    stamp = stamp or data_stamp(hub)
    return _summary(hub, start, end, hide_small=hide_small, stamp=stamp)[0]


def _summary_key(hub: Hub, start: dt.date, end: dt.date, hide_small: bool, stamp: str) -> str:
    lang = translation.get_language() or settings.LANGUAGE_CODE  # the page's: its words differ
    return f"cb:dashboard:{hub.pk}:{lang}:{_release()}:{start}:{end}:{int(hide_small)}:{stamp}"


@functools.lru_cache(maxsize=1)
def _release() -> str:
    """The page parts' templates and the compiled catalogs as this process reads them: what
    was drawn and worded by an earlier release would outlive a deploy in a shared cache, since
    warm() renews what it finds while the hub's records stay the same."""
    digest = hashlib.sha256()
    for name in PAGE_PARTS.values():
        digest.update(get_template(name).template.source.encode())  # type: ignore[attr-defined]
    for folder in settings.LOCALE_PATHS:
        for path in sorted(Path(folder).glob("*/LC_MESSAGES/django.mo")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class Counts:
    """A period's summary in numbers and in no language: counted once, then put in words in
    each language the home is read in."""

    figures: dict[str, int]  # key figure -> value, in key_figures' order
    previous: dict[str, int]  # the same of the period the trends compare with
    charts: ChartCounts
    places: list[Place]  # the map's member cities
    computed_at: dt.datetime


def count(hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool) -> Counts:
    """The figures of the period and of the one before it (period_before) and the charts'
    counts, in no language."""
    charts = chart_counts(hub, start, end)
    figures = key_figures(hub, start, end, with_records=False, individuals=charts.people)
    previous = period_before(start, end, hide_small=hide_small)
    return Counts(
        figures={f.key: f.value for f in figures},
        previous={f.key: f.value for f in key_figures(hub, *previous, with_records=False)},
        charts=charts,
        places=member_places(hub, end),
        computed_at=timezone.now(),
    )


def _counts(hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool, stamp: str) -> Counts:
    """count(), kept beside the summaries it is put in words for: a language whose summary is
    not kept yet only words them."""
    key = f"cb:dashboard-counts:{hub.pk}:{start}:{end}:{int(hide_small)}:{stamp}"
    found = cache.get(key)
    if found is None:
        found = count(hub, start, end, hide_small=hide_small)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _summary(
    hub: Hub, start: dt.date, end: dt.date, *, hide_small: bool, stamp: str, keep: bool = False
) -> tuple[Summary, bool]:
    """The summary, and whether it had to be put together (it was not in the cache)."""
    lang = translation.get_language() or settings.LANGUAGE_CODE
    key = _summary_key(hub, start, end, hide_small, stamp)
    found = cache.get(key)
    made = found is None
    if found is None:
        numbers = _counts(hub, start, end, hide_small=hide_small, stamp=stamp)
        charts = charts_in(numbers.charts, hub, lang, hide_small=hide_small)
        countries = country_names(hub)
        found = Summary(
            trends=[
                Trend(counted(name, value), numbers.previous.get(name, 0), hide_small)
                for name, value in numbers.figures.items()
            ],
            charts=charts,
            graphics=chart_graphics(charts, brief_words(), numbers.places, countries),
            computed_at=numbers.computed_at,
        )
        cache.set(key, found, CACHE_SECONDS)
    elif keep:
        cache.touch(key, CACHE_SECONDS)
    return found, made


# The home's parts drawn from the summary alone, each a template of its own (reports/home.html
# puts them between the parts that are read on every visit).
PAGE_PARTS = {
    "figures": "reports/home_figures.html",
    "charts": "reports/home_charts.html",
    "drawings": "reports/home_drawings.html",
}


def page(
    hub: Hub,
    start: dt.date,
    end: dt.date,
    *,
    hide_small: bool,
    stamp: str,
    latest_work: dt.date | None = None,
    keep: bool = False,
) -> tuple[dict[str, SafeString], bool]:
    """The home's figures, charts and drawings as HTML (PAGE_PARTS), kept like the summary they
    show: rendering them took about half of a cached visit's CPU (the cards' links, the charts'
    tables), the same for every reader of the hub in the language. Also whether the summary had
    to be put together."""
    key = f"{_summary_key(hub, start, end, hide_small, stamp)}:page:{latest_work or ''}"
    found = cache.get(key)
    if found is not None:
        if keep:
            cache.touch(key, CACHE_SECONDS)
        return found, False
    computed, made = _summary(hub, start, end, hide_small=hide_small, stamp=stamp, keep=keep)
    context = {
        "start": start,
        "end": end,
        "latest_work": latest_work,
        "previous": period_before(start, end, hide_small=hide_small),
        "hide_small": hide_small,
        "trends": computed.trends,
        "computed_at": computed.computed_at,
        "charts": computed.charts,
        "words": brief_words(),
        "g": computed.graphics,
    }
    found = {name: render_to_string(template, context) for name, template in PAGE_PARTS.items()}
    cache.set(key, found, CACHE_SECONDS)
    return found, made


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
    state = records_state(hub)
    start, end = period_to(state.latest, today)
    stamp = state.stamp
    # As the home says when its default period ends before today (views.home's latest_work).
    latest = end if end < today else None
    counted = 0
    for lang in home_languages(hub):
        with translation.override(lang):
            # Donors' period is widened to whole months (the disclosure rule), as their page does.
            for hide_small, (a, b) in ((False, (start, end)), (True, whole_months(start, end))):
                assert a is not None  # current_period always has a start
                counted += page(
                    hub, a, b, hide_small=hide_small, stamp=stamp, latest_work=latest, keep=True
                )[1]
    return counted
