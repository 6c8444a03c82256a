"""Everything an impact brief says, read from the records into plain values.

`assemble_brief(hub, start, end, funder=None, lang="en")` returns a `Brief`; the renderers
(render.py) turn it into HTML, PDF and DOCX. The key figures come from reports.figures, the
very functions of the figures page; nothing here is typed in.

Everything is assembled under `translation.override(lang)`: the brief's sentences come from the
catalogs (briefs/words.py), the seeded vocabulary from its catalog translation, and the hub's and
funder's own texts in the brief's language when given, else in the hub's default language.
What people wrote in a record (a support title, a quote) is kept as written, as a `Said` that
carries its language: the hub's default language, the language its records are kept in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, IntegerField, Min, Value
from django.utils import translation
from django.utils.formats import date_format

from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Attendance, AttendanceQuerySet, Engagement
from citybridge.lib.translations import Said, text_in
from citybridge.needs.models import Need
from citybridge.needs.priorities import NeedRow, rank_themes
from citybridge.network.models import Funder, Gender, Hub, LocalGovernment, Person, Theme
from citybridge.reports.briefs import words as say
from citybridge.reports.briefs.words import country_name, normalise
from citybridge.reports.figures import DEFINITION_VERSION, Figure, key_figures
from citybridge.reports.graphics.charts import SMALL_CELL, Bar, Period, period, suppress
from citybridge.reports.graphics.maps import Place
from citybridge.reports.models import CityStory
from citybridge.support.models import SupportAction

TOP_PRIORITIES = 5
# A brief, not a register: beyond these, the rest is counted in one line.
TOP_RECIPIENTS = 8
TOP_VOICES = 10
# Drawn as stacked segments with the count in white inside: each at least 4.5:1 against white,
# like the charts' palette (reports/tests/test_chart_contrast.py).
STATUS_COLORS = {
    SupportAction.Status.REQUESTED: "#5b7088",
    SupportAction.Status.APPROVED: "#1f7a6f",
    SupportAction.Status.IN_PROGRESS: "#b35c00",
    SupportAction.Status.COMPLETED: "#1d4f6e",
    SupportAction.Status.DECLINED: "#b0432c",
    SupportAction.Status.CANCELLED: "#737373",
}


@dataclass(frozen=True)
class Quote:
    text: Said
    speaker: str
    attribution: Said


@dataclass(frozen=True)
class Priority:
    theme: str
    cities: int
    member_cities: int
    text: str  # "raised by 14 of 51 member cities"


@dataclass(frozen=True)
class Line:
    """One line of a recipient's support or engagements: the brief's words around a record's
    own title ("Hosted in July 2023:" + title, or title + "(Peer exchange, completed)")."""

    record: Said
    before: str = ""
    after: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.before, self.record, self.after) if part)


@dataclass(frozen=True)
class Story:
    """A paragraph of "Strengthening City-Led Prevention": an officer-approved story, or, for a
    recipient without one, the support and engagements on record, as a list of lines."""

    name: str  # a Said for a recipient that is not a city
    country: str
    text: str = ""  # a Said: the story as the officer wrote it, in its language
    lines: tuple[Line, ...] = ()
    approved: bool = False
    first_day: dt.date = dt.date.min


@dataclass(frozen=True)
class Voice:
    title: Said
    when: str
    audience: Said
    summary: Said
    cities: int
    people: int
    took_part: str  # "24 mayors and local officials took part", when five or more did


@dataclass
class Charts:
    over_time: list[Period] = field(default_factory=list)
    by_country: list[Bar] = field(default_factory=list)
    by_gender: list[Bar] = field(default_factory=list)
    support_rows: list[tuple[str, list[int]]] = field(default_factory=list)
    support_series: list[str] = field(default_factory=list)
    support_colors: list[str] = field(default_factory=list)
    # Distinct people attending in the period: the key figure individuals_engaged, counted
    # with the charts (the hub home reuses it rather than counting them again).
    people: int = 0


@dataclass
class Brief:
    hub_name: Said
    hub_slug: str
    start: dt.date
    end: dt.date
    lang: str
    words: dict[str, str]
    title: str
    period: str
    launched: str  # "Launched in February 2023."
    mission: Said
    figures: list[Figure]
    definition_version: str
    quotes: list[Quote]
    priorities: list[Priority]
    stories: list[Story]
    support_summary: str
    support_more: str
    voices: list[Voice]
    voices_more: str
    contact_name: str
    contact_title: Said
    contact_email: str
    contact_address: Said
    contact_text: str
    acknowledgements: list[Said]
    funder_name: str
    charts: Charts
    places: list[Place]
    countries: dict[str, str]  # code -> name as printed ("Kosovo*")
    lists_kosovo: bool

    @property
    def figure_values(self) -> dict[str, int]:
        return {f.key: f.value for f in self.figures}

    @property
    def intro(self) -> str:
        """The introduction as one text, for the Word document."""
        return " ".join(part for part in (self.launched, self.mission) if part)


def month(day: dt.date) -> str:
    """The month and year in the active language ("February 2023", "shkurt 2023")."""
    return date_format(day, "F Y")


def assemble_brief(
    hub: Hub,
    start: dt.date,
    end: dt.date,
    funder: Funder | None = None,
    lang: str = "en",
) -> Brief:
    lang = normalise(lang)
    with translation.override(lang):
        return _assemble(hub, start, end, funder, lang)


def _assemble(hub: Hub, start: dt.date, end: dt.date, funder: Funder | None, lang: str) -> Brief:
    words = say.words()
    figures = key_figures(hub, start, end)  # labels and definitions as on the figures page
    countries = country_names(hub)
    written = hub.default_language  # the language the hub's records are kept in
    region = hub.text("region", lang)
    members = {f.key: f for f in figures}["member_cities"]
    funders = [funder] if funder else _funders_of(hub, start, end)
    charts = chart_data(hub, start, end, lang, hide_small=True)
    stories, summary, support_more = _stories(hub, start, end, lang)
    voices, voices_more = _voices(hub, start, end, lang)
    thanks = [text_in(f, "acknowledgement", lang, written) for f in funders]
    return Brief(
        hub_name=hub.text("name", lang),
        hub_slug=hub.slug,
        start=start,
        end=end,
        lang=lang,
        words=words,
        title=say.title(region) if region else say.title_of_hub(hub.text("name", lang)),
        period=f"{month(start)} – {month(end)}",
        launched=say.launched(month(hub.launched_on)) if hub.launched_on else "",
        mission=hub.text("mission", lang),
        figures=figures,
        definition_version=DEFINITION_VERSION,
        quotes=_quotes(hub, start, end),
        priorities=_priorities(hub, start, end, set(members.record_ids)),
        stories=stories,
        support_summary=summary,
        support_more=support_more,
        voices=voices,
        voices_more=voices_more,
        contact_name=hub.head_name,
        contact_title=hub.text("head_title", lang),
        contact_email=hub.contact_email,
        contact_address=hub.text("address", lang),
        contact_text=say.contact_text(hub.text("name", lang)),
        acknowledgements=[t for t in thanks if t],
        funder_name=", ".join(f.name for f in funders),
        charts=charts,
        places=member_places(hub, end),
        countries=countries,
        lists_kosovo="XK" in countries,
    )


def _funders_of(hub: Hub, start: dt.date, end: dt.date) -> list[Funder]:
    """Without a funder asked for: those who funded the hub's engagements in the period."""
    ids = Engagement.objects.of_hub(hub).between(start, end).values("funder")
    return list(Funder.objects.filter(pk__in=ids))


def _quotes(hub: Hub, start: dt.date, end: dt.date) -> list[Quote]:
    """Testimonials said in the period whose speaker agreed to publication, and only those."""
    found = (
        Testimonial.objects.of_hub(hub)
        .publishable()
        .filter(person__consent_quote=True, said_on__range=(start, end))
        .select_related("person")
        .order_by("said_on", "pk")
    )
    written = hub.default_language
    return [
        Quote(Said(t.quote, written), t.person.full_name, Said(t.attribution, written))
        for t in found
    ]


def _priorities(hub: Hub, start: dt.date, end: dt.date, member_ids: set[int]) -> list[Priority]:
    needs = Need.objects.of_hub(hub).raised_between(start, end)
    rows = [
        NeedRow(
            pk, city, theme, priority, status in (Need.Status.OPEN, Need.Status.BEING_ADDRESSED)
        )
        for pk, city, theme, priority, status in needs.values_list(
            "pk", "city_id", "theme_id", "priority", "status"
        )
    ]
    ranks = rank_themes(rows, member_ids)[:TOP_PRIORITIES]
    themes = Theme.objects.filter(pk__in=[r.theme_id for r in ranks]).select_related("hub")
    names = {t.pk: t.label for t in themes}  # in the brief's language
    return [
        Priority(
            theme=names[r.theme_id],
            cities=len(r.cities),
            member_cities=len(r.member_cities),
            text=say.raised_by(len(r.member_cities), len(member_ids)),
        )
        for r in ranks
    ]


def _stories(hub: Hub, start: dt.date, end: dt.date, lang: str) -> tuple[list[Story], str, str]:
    """Approved stories whose period overlaps the brief's, then, for the other recipients of
    support in the period (the TOP_RECIPIENTS with the most support), their support and the
    engagements they hosted, from the records; the rest is counted in one line."""
    stories: dict[int, Story] = {}
    written = hub.default_language
    approved = (
        CityStory.objects.filter(hub=hub, starts_on__lte=end, ends_on__gte=start)
        .approved()
        .select_related("city__country")
        .order_by("ends_on")
    )
    for s in approved:  # the latest approved story of each city wins
        stories[s.city_id] = Story(
            name=s.city.name,
            country=country_name(s.city.country.code, s.city.country.public_name),
            text=text_in(s, "text", lang, written),
            approved=True,
            first_day=s.starts_on,
        )
    actions = (
        SupportAction.objects.of_hub(hub)
        .not_withdrawn()
        .starting_between(start, end)
        .exclude(status__in=SupportAction.NOT_HAPPENED)
        .select_related("city__country", "organisation__country")
        .order_by("starts_on", "pk")
    )
    told: dict[str, list[SupportAction]] = defaultdict(list)
    recipients: set[str] = set()
    for a in actions:
        key = f"city:{a.city_id}" if a.city_id else f"org:{a.organisation_id}"
        recipients.add(key)
        if a.city_id not in stories:
            told[key].append(a)
    hosted: dict[int, list[Engagement]] = defaultdict(list)
    for e in Engagement.objects.of_hub(hub).between(start, end).order_by("starts_on"):
        if e.host_city_id:
            hosted[e.host_city_id].append(e)
    from_records = []
    for group in told.values():
        first = group[0]
        recipient = first.city or first.organisation
        country = (
            country_name(recipient.country.code, recipient.country.public_name)
            if recipient and recipient.country
            else ""
        )
        lines = [
            Line(
                Said(a.title, written),
                after=say.support_line(a.get_kind_display(), a.get_status_display()),
            )
            for a in group
        ]
        if first.city_id:
            lines += [
                Line(Said(e.title, written), before=say.hosted(month(e.starts_on)))
                for e in hosted.get(first.city_id, [])
            ]
        from_records.append(
            Story(
                # A city's name is a proper name; a government's is as the record writes it.
                name=Said(str(recipient), lang if first.city_id else written),
                country=country,
                lines=tuple(lines),
                first_day=first.starts_on or first.created_at.date(),
            )
        )
    most = sorted(from_records, key=lambda s: (-len(s.lines), s.first_day, s.name))
    told_stories = [*stories.values(), *most[:TOP_RECIPIENTS]]
    ordered = sorted(told_stories, key=lambda s: (s.first_day, s.name))
    summary = say.support_summary(len(actions), len(recipients))
    rest = len(most) - TOP_RECIPIENTS
    return ordered, summary, say.more_support(rest) if rest > 0 else ""


def _voices(hub: Hub, start: dt.date, end: dt.date, lang: str) -> tuple[list[Voice], str]:
    """The advocacy of the period in date order: the TOP_VOICES that carried the most cities'
    voices, the rest counted in one line."""
    actions = (
        AdvocacyAction.objects.of_hub(hub)
        .between(start, end)
        .select_related("organisation")
        .annotate(n_cities=Count("cities", distinct=True), n_people=Count("people", distinct=True))
        .order_by("date", "pk")
    )
    rows = list(actions)
    kept = {
        a.pk
        for a in sorted(rows, key=lambda a: (-a.n_cities, a.date))[:TOP_VOICES]  # type: ignore[attr-defined]
    }
    rest = len(rows) - len(kept)
    written = hub.default_language
    voices = [
        Voice(
            title=Said(a.title, written),
            when=month(a.date),
            audience=_audience(a, written, lang),
            summary=Said(a.summary, written),
            cities=a.n_cities,  # type: ignore[attr-defined]
            people=a.n_people,  # type: ignore[attr-defined]
            took_part=(
                say.took_part(a.n_people)  # type: ignore[attr-defined]
                if a.n_people >= SMALL_CELL  # type: ignore[attr-defined]
                else ""
            ),
        )
        for a in rows
        if a.pk in kept
    ]
    return voices, say.more_voices(rest) if rest > 0 else ""


def _audience(action: AdvocacyAction, written: str, lang: str) -> Said:
    """Whom the advocacy addressed: as the record names it, else the kind of audience in the
    brief's words."""
    named = action.audience_detail or (action.organisation.name if action.organisation else "")
    return Said(named, written) if named else Said(action.get_audience_display(), lang)


def country_names(hub: Hub) -> dict[str, str]:
    """The hub's countries by code, each named in the active language."""
    return {c.code: country_name(c.code, c.public_name) for c in hub.countries.all()}


def member_places(hub: Hub, end: dt.date) -> list[Place]:
    cities = (
        LocalGovernment.objects.of_hub(hub)
        .members_on(end)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name")
    )
    return [
        Place(c.name, c.country_id, c.latitude, c.longitude)  # type: ignore[arg-type]
        for c in cities
    ]


@dataclass(frozen=True)
class ChartCounts:
    """What the charts count, in no language (Charts are these counts in words)."""

    quarterly: bool
    buckets: list[dt.date]  # the first day of each month (or quarter)
    engagements_in: dict[dt.date, int]  # bucket -> engagements that started in it
    people_in: list[int]  # distinct people attending in each bucket
    new_in: dict[dt.date, int]  # bucket -> people first seen in the period in it
    by_country: dict[str, int]  # country code ("" not recorded) -> people
    by_gender: dict[str, int]  # gender ("" not recorded) -> people
    support: dict[tuple[str, str], int]  # (kind, status) -> support actions starting in the period
    people: int  # distinct people attending in the period (individuals_engaged)


def chart_data(
    hub: Hub,
    start: dt.date | None,
    end: dt.date,
    lang: str,
    *,
    hide_small: bool,
) -> Charts:
    """What the charts draw, counted by the database: people per month (or quarter) and the
    month each person was first seen, from the attendance index alone; on a hub of 200,000
    attendance records that is several times faster than reading the (person, engagement)
    pairs here, and every chart counts the same people. Its words are in `lang`."""
    return charts_in(chart_counts(hub, start, end), hub, lang, hide_small=hide_small)


def chart_counts(hub: Hub, start: dt.date | None, end: dt.date) -> ChartCounts:
    engagements = dict(
        Engagement.objects.of_hub(hub).between(start, end).values_list("pk", "starts_on")
    )
    first = start or min(engagements.values(), default=end)
    quarterly = (end - first).days > 550
    buckets = _buckets(first, end, quarterly)
    attended = Attendance.objects.of_hub(hub).between(start, end).filter(person__isnull=False)
    people_in = _people_in(attended, buckets)
    new_in: dict[dt.date, int] = defaultdict(int)
    by_country: dict[str, int] = defaultdict(int)
    by_gender: dict[str, int] = defaultdict(int)
    for i, own, country, gender, n in _first_seen(hub, attended, buckets):
        new_in[buckets[i]] += n
        if own:
            by_country[country or ""] += n
            by_gender[gender or ""] += n
    engagements_in: dict[dt.date, int] = defaultdict(int)
    for day in engagements.values():
        engagements_in[_bucket(day, quarterly)] += 1
    support: dict[tuple[str, str], int] = defaultdict(int)
    for kind, status, n in (
        SupportAction.objects.of_hub(hub)
        .not_withdrawn()
        .starting_between(start, end)
        .order_by()
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
    ):
        support[(kind, status)] += n
    return ChartCounts(
        quarterly=quarterly,
        buckets=buckets,
        engagements_in=dict(engagements_in),
        people_in=people_in,
        new_in=dict(new_in),
        by_country=dict(by_country),
        by_gender=dict(by_gender),
        support=dict(support),
        people=sum(new_in.values()),
    )


def charts_in(counts: ChartCounts, hub: Hub, lang: str, *, hide_small: bool) -> Charts:
    """The charts of `counts` in `lang`'s words; small cells hidden for a viewer of
    aggregates (`hide_small`)."""
    with translation.override(lang):
        return _charts_in(counts, hub, hide_small=hide_small)


def _charts_in(counts: ChartCounts, hub: Hub, *, hide_small: bool) -> Charts:
    charts = Charts(people=counts.people)
    total = 0
    for i, bucket in enumerate(counts.buckets):
        total += counts.new_in.get(bucket, 0)
        charts.over_time.append(
            period(
                _bucket_label(bucket, counts.quarterly),
                counts.engagements_in.get(bucket, 0),
                counts.people_in[i],
                total,
                hide_small=hide_small,
            )
        )
    countries = country_names(hub)
    words = say.words()
    named = sorted(
        (
            (countries.get(code, code) if code else words["not_recorded"], n)
            for code, n in counts.by_country.items()
        ),
        key=lambda pair: (-pair[1], pair[0]),
    )
    charts.by_country = suppress(named, hide_small=hide_small)
    gender_words = {
        Gender.FEMALE: words["female"],
        Gender.MALE: words["male"],
        Gender.OTHER: words["other"],
        Gender.UNKNOWN: words["not_recorded"],
    }
    charts.by_gender = suppress(
        [(gender_words[g], counts.by_gender[g]) for g in gender_words if counts.by_gender.get(g)],
        hide_small=hide_small,
    )
    support = counts.support
    statuses = [s for s in SupportAction.Status if any(st == s for _k, st in support)]
    charts.support_series = [str(s.label) for s in statuses]
    charts.support_colors = [STATUS_COLORS[s] for s in statuses]
    charts.support_rows = [
        (str(k.label), [support.get((k.value, s.value), 0) for s in statuses])
        for k in SupportAction.Kind
        if any(kk == k for kk, _s in support)
    ]
    return charts


# SQLite's limit on the SELECTs of one compound statement is 500; a period chosen decades long
# has more quarters than that.
UNION_MOST = 100


def _people_in(attended: AttendanceQuerySet, buckets: list[dt.date]) -> list[int]:
    """Distinct people attending in each bucket: a COUNT(DISTINCT) per bucket's date range,
    each read from the attendance index, sent as one statement. Grouping all the rows by a
    CASE over the buckets made the database test every row against every bucket and sort
    them all before counting: two to three times as long on a large hub, on SQLite and on
    PostgreSQL."""
    ends = [*buckets[1:], dt.date.max]
    parts = [
        attended.filter(engagement__starts_on__gte=b, engagement__starts_on__lt=e)
        .order_by()
        .values(bucket=Value(i, output_field=IntegerField()))
        .annotate(n=Count("person_id", distinct=True))
        for i, (b, e) in enumerate(zip(buckets, ends, strict=True))
    ]
    counted: dict[int, int] = {}
    for at in range(0, len(parts), UNION_MOST):
        first, *rest = parts[at : at + UNION_MOST]
        counted.update(first.union(*rest, all=True).values_list("bucket", "n"))
    return [counted.get(i, 0) for i in range(len(buckets))]


def _first_seen(hub: Hub, attended: AttendanceQuerySet, buckets: list[dt.date]) -> list[tuple]:
    """(bucket, the hub's own, country, gender, people): the period's people by the bucket of their first
    engagement in it, their city's country and their gender, counted in the database. Reading
    each person's first day here (20,000 rows on a large hub, each date parsed) and matching
    them against every person of the hub was most of the recount's own CPU time."""
    first = attended.order_by().values("person_id").annotate(first_day=Min("engagement__starts_on"))
    inner, params = first.query.sql_with_params()
    # Bucket i holds the days from its first up to the next bucket's.
    bucket = " ".join(f"WHEN seen.first_day < %s THEN {i}" for i in range(len(buckets) - 1))
    bucket = f"CASE {bucket} ELSE {len(buckets) - 1} END" if bucket else "0"
    person, city = Person._meta.db_table, LocalGovernment._meta.db_table
    # The hub's own people only (person.hub_id): PostgreSQL otherwise joins every hub's people
    # in a parallel plan that groups the records once per worker (337 -> 127 ms on the 2M
    # network). The bars count the hub's people, as they always did; the line every person.
    sql = (
        f"SELECT {bucket}, person.id IS NOT NULL, city.country_id, person.gender, COUNT(*) "  # noqa: S608 (the ORM's SQL)
        f"FROM ({inner}) AS seen LEFT JOIN {person} AS person "
        f"ON person.id = seen.person_id AND person.hub_id = %s "
        f"LEFT JOIN {city} AS city ON city.id = person.city_id GROUP BY 1, 2, 3, 4"
    )
    day = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(sql, (*[day(b) for b in buckets[1:]], *params, hub.pk))
        return cursor.fetchall()


def _bucket(day: dt.date, quarterly: bool) -> dt.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1 if quarterly else day.month, day=1)


def _buckets(start: dt.date, end: dt.date, quarterly: bool) -> list[dt.date]:
    out, day, step = [], _bucket(start, quarterly), 3 if quarterly else 1
    while day <= end:
        out.append(day)
        m = day.month - 1 + step
        day = dt.date(day.year + m // 12, m % 12 + 1, 1)
    return out


def _bucket_label(day: dt.date, quarterly: bool) -> str:
    if quarterly:
        return say.quarter((day.month - 1) // 3 + 1, day.year)
    return date_format(day, "M y")
