"""Everything an impact brief says, read from the records into plain values.

`assemble_brief(hub, start, end, funder=None, lang="en")` returns a `Brief`; the renderers
(render.py) turn it into HTML, PDF and DOCX. The key figures come from reports.figures, the
very functions of the figures page; nothing here is typed in.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, partial

from django.db.models import Count, IntegerField, Min, Value
from django.utils import translation
from django.utils.formats import date_format

from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Attendance, AttendanceQuerySet, Engagement
from citybridge.needs.models import Need
from citybridge.needs.priorities import NeedRow, rank_themes
from citybridge.network.models import Funder, Gender, Hub, LocalGovernment, Person, Theme
from citybridge.reports.briefs.labels import (
    DJANGO_LANGUAGE,
    country_name,
    label,
    labels,
    normalise,
)
from citybridge.reports.figures import DEFINITION_VERSION, Figure, key_figures
from citybridge.reports.graphics.charts import SMALL_CELL, Bar, Period, period, suppress
from citybridge.reports.graphics.maps import Place
from citybridge.reports.models import CityStory
from citybridge.support.models import SupportAction

# Support that did not happen is not told.
NOT_TOLD = (SupportAction.Status.DECLINED, SupportAction.Status.CANCELLED)
TOP_PRIORITIES = 5
# A brief, not a register: beyond these, the rest is counted in one line.
TOP_RECIPIENTS = 8
TOP_VOICES = 10
STATUS_COLORS = {
    SupportAction.Status.REQUESTED: "#7b8fa3",
    SupportAction.Status.APPROVED: "#2a9d8f",
    SupportAction.Status.IN_PROGRESS: "#e9a23b",
    SupportAction.Status.COMPLETED: "#1d4f6e",
    SupportAction.Status.DECLINED: "#c8553d",
    SupportAction.Status.CANCELLED: "#a3a3a3",
}


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    attribution: str


@dataclass(frozen=True)
class Priority:
    theme: str
    cities: int
    member_cities: int
    text: str  # "raised by 14 of 51 member cities"


@dataclass(frozen=True)
class Story:
    """A paragraph of "Strengthening City-Led Prevention": an officer-approved story, or, for a
    recipient without one, the support and engagements on record, as a list of lines."""

    name: str
    country: str
    text: str = ""
    lines: tuple[str, ...] = ()
    approved: bool = False
    first_day: dt.date = dt.date.min


@dataclass(frozen=True)
class Voice:
    title: str
    when: str
    audience: str
    summary: str
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


@dataclass
class Brief:
    hub_name: str
    hub_slug: str
    start: dt.date
    end: dt.date
    lang: str
    words: dict[str, str]
    title: str
    period: str
    intro: str
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
    contact_title: str
    contact_email: str
    contact_address: str
    contact_text: str
    acknowledgements: list[str]
    funder_name: str
    charts: Charts
    places: list[Place]
    countries: dict[str, str]  # code -> name as printed ("Kosovo*")
    lists_kosovo: bool

    @property
    def figure_values(self) -> dict[str, int]:
        return {f.key: f.value for f in self.figures}

    @property
    def labelled_figures(self) -> list[tuple[Figure, str]]:
        return [(f, self.words.get(f.key, f.label)) for f in self.figures]


def month(day: dt.date, lang: str) -> str:
    with translation.override(DJANGO_LANGUAGE.get(lang, lang)):
        return date_format(day, "F Y")


def assemble_brief(
    hub: Hub,
    start: dt.date,
    end: dt.date,
    funder: Funder | None = None,
    lang: str = "en",
) -> Brief:
    lang = normalise(lang)
    words = labels(lang)
    figures = key_figures(hub, start, end)
    for f in figures:  # the brief's own words for each figure, same numbers
        words[f.key] = label(f.key, lang)
    words["figures_note"] = label("figures_note", lang, version=DEFINITION_VERSION)
    countries = {c.code: country_name(c.code, c.public_name, lang) for c in hub.countries.all()}
    region = hub.name.replace(" Regional Hub", "").replace(" Hub", "")
    intro = " ".join(
        part
        for part in (
            label("launched", lang, month=month(hub.launched_on, lang)) if hub.launched_on else "",
            hub.mission,
        )
        if part
    )
    members = {f.key: f for f in figures}["member_cities"]
    funders = [funder] if funder else _funders_of(hub, start, end)
    charts = chart_data(hub, start, end, lang, hide_small=True)
    stories, summary, support_more = _stories(hub, start, end, lang)
    voices, voices_more = _voices(hub, start, end, lang)
    return Brief(
        hub_name=hub.name,
        hub_slug=hub.slug,
        start=start,
        end=end,
        lang=lang,
        words=words,
        title=label("title", lang, region=region),
        period=f"{month(start, lang)} – {month(end, lang)}",
        intro=intro,
        figures=figures,
        definition_version=DEFINITION_VERSION,
        quotes=_quotes(hub, start, end),
        priorities=_priorities(hub, start, end, set(members.record_ids), lang),
        stories=stories,
        support_summary=summary,
        support_more=support_more,
        voices=voices,
        voices_more=voices_more,
        contact_name=hub.head_name,
        contact_title=hub.head_title,
        contact_email=hub.contact_email,
        contact_address=hub.address,
        contact_text=label("contact_text", lang, hub=hub.name),
        acknowledgements=[f.acknowledgement for f in funders if f.acknowledgement],
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
    return [Quote(t.quote, t.person.full_name, t.attribution) for t in found]


def _priorities(
    hub: Hub, start: dt.date, end: dt.date, member_ids: set[int], lang: str
) -> list[Priority]:
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
    names = dict(Theme.objects.filter(pk__in=[r.theme_id for r in ranks]).values_list("pk", "name"))
    return [
        Priority(
            theme=names[r.theme_id],
            cities=len(r.cities),
            member_cities=len(r.member_cities),
            text=label("raised_by", lang, n=len(r.member_cities), m=len(member_ids)),
        )
        for r in ranks
    ]


def _stories(hub: Hub, start: dt.date, end: dt.date, lang: str) -> tuple[list[Story], str, str]:
    """Approved stories whose period overlaps the brief's, then, for the other recipients of
    support in the period (the TOP_RECIPIENTS with the most support), their support and the
    engagements they hosted, from the records; the rest is counted in one line."""
    stories: dict[int, Story] = {}
    approved = (
        CityStory.objects.filter(hub=hub, starts_on__lte=end, ends_on__gte=start)
        .approved()
        .select_related("city__country")
        .order_by("ends_on")
    )
    for s in approved:  # the latest approved story of each city wins
        stories[s.city_id] = Story(
            name=s.city.name,
            country=country_name(s.city.country.code, s.city.country.public_name, lang),
            text=s.text,
            approved=True,
            first_day=s.starts_on,
        )
    actions = (
        SupportAction.objects.of_hub(hub)
        .starting_between(start, end)
        .exclude(status__in=NOT_TOLD)
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
            country_name(recipient.country.code, recipient.country.public_name, lang)
            if recipient and recipient.country
            else ""
        )
        lines = [
            f"{a.title} ({label(f'kind_{a.kind}', lang)}, {label(f'status_{a.status}', lang).lower()})"
            for a in group
        ]
        if first.city_id:
            lines += [
                f"{label('hosted', lang)}: {e.title} ({month(e.starts_on, lang)})"
                for e in hosted.get(first.city_id, [])
            ]
        from_records.append(
            Story(
                name=str(recipient),
                country=country,
                lines=tuple(lines),
                first_day=first.starts_on or first.created_at.date(),
            )
        )
    most = sorted(from_records, key=lambda s: (-len(s.lines), s.first_day, s.name))
    told_stories = [*stories.values(), *most[:TOP_RECIPIENTS]]
    ordered = sorted(told_stories, key=lambda s: (s.first_day, s.name))
    summary = label("support_intro", lang, actions=len(actions), recipients=len(recipients))
    rest = len(most) - TOP_RECIPIENTS
    return ordered, summary, label("more_support", lang, n=rest) if rest > 0 else ""


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
    voices = [
        Voice(
            title=a.title,
            when=month(a.date, lang),
            audience=a.audience_detail
            or (a.organisation.name if a.organisation else "")
            or a.get_audience_display(),
            summary=a.summary,
            cities=a.n_cities,  # type: ignore[attr-defined]
            people=a.n_people,  # type: ignore[attr-defined]
            took_part=(
                label("people_took_part", lang, n=a.n_people)  # type: ignore[attr-defined]
                if a.n_people >= SMALL_CELL  # type: ignore[attr-defined]
                else ""
            ),
        )
        for a in rows
        if a.pk in kept
    ]
    return voices, label("more_voices", lang, n=rest) if rest > 0 else ""


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


def chart_data(
    hub: Hub, start: dt.date | None, end: dt.date, lang: str, *, hide_small: bool
) -> Charts:
    """What the charts draw, counted by the database: people per month (or quarter) and the
    month each person was first seen, from the attendance index alone; on a hub of 200,000
    attendance records that is several times faster than reading the (person, engagement)
    pairs here, and every chart counts the same people."""
    engagements = dict(
        Engagement.objects.of_hub(hub).between(start, end).values_list("pk", "starts_on")
    )
    first_day = start or min(engagements.values(), default=end)
    quarterly = (end - first_day).days > 550
    buckets = _buckets(first_day, end, quarterly)
    attended = Attendance.objects.of_hub(hub).between(start, end).filter(person__isnull=False)
    people_in = _people_in(attended, buckets)
    # Worked out once per engagement day rather than once per person.
    bucket_of = cache(partial(_bucket, quarterly=quarterly))
    # person -> the bucket of their first engagement in the period
    first_seen = {
        person: bucket_of(day)
        for person, day in attended.order_by()
        .values_list("person_id")
        .annotate(first=Min("engagement__starts_on"))
    }
    engagements_in: dict[dt.date, int] = defaultdict(int)
    for day in engagements.values():
        engagements_in[_bucket(day, quarterly)] += 1
    new_in: dict[dt.date, int] = defaultdict(int)
    for bucket in first_seen.values():
        new_in[bucket] += 1
    charts = Charts()
    total = 0
    for i, bucket in enumerate(buckets):
        total += new_in.get(bucket, 0)
        charts.over_time.append(
            period(
                _bucket_label(bucket, quarterly, lang),
                engagements_in.get(bucket, 0),
                people_in[i],
                total,
                hide_small=hide_small,
            )
        )
    countries = {c.code: country_name(c.code, c.public_name, lang) for c in hub.countries.all()}
    by_country: dict[str, int] = defaultdict(int)
    by_gender: dict[str, int] = defaultdict(int)
    attributes = (
        Person.objects.filter(hub=hub)
        .order_by()  # counted, not listed: the default ordering would sort 20,000 names
        .values_list("pk", "local_government__country_id", "gender")
    )
    for pk, country, gender in attributes.iterator(chunk_size=20_000):
        if pk in first_seen:
            by_country[country or ""] += 1
            by_gender[gender or ""] += 1
    counted = sorted(
        (
            (countries.get(code, code) if code else label("not_recorded", lang), n)
            for code, n in by_country.items()
        ),
        key=lambda pair: (-pair[1], pair[0]),
    )
    charts.by_country = suppress(counted, hide_small=hide_small)
    gender_words = {
        Gender.FEMALE: label("female", lang),
        Gender.MALE: label("male", lang),
        Gender.OTHER: label("other", lang),
        Gender.UNKNOWN: label("not_recorded", lang),
    }
    charts.by_gender = suppress(
        [(gender_words[g], by_gender[g]) for g in gender_words if by_gender.get(g)],
        hide_small=hide_small,
    )
    support: dict[tuple[str, str], int] = defaultdict(int)
    for kind, status, n in (
        SupportAction.objects.of_hub(hub)
        .starting_between(start, end)
        .order_by()
        .values_list("kind", "status")
        .annotate(n=Count("pk"))
    ):
        support[(kind, status)] += n
    statuses = [s for s in SupportAction.Status if any(st == s for _k, st in support)]
    charts.support_series = [label(f"status_{s.value}", lang) for s in statuses]
    charts.support_colors = [STATUS_COLORS[s] for s in statuses]
    charts.support_rows = [
        (label(f"kind_{k.value}", lang), [support.get((k.value, s.value), 0) for s in statuses])
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


def _bucket(day: dt.date, quarterly: bool) -> dt.date:
    return day.replace(month=(day.month - 1) // 3 * 3 + 1 if quarterly else day.month, day=1)


def _buckets(start: dt.date, end: dt.date, quarterly: bool) -> list[dt.date]:
    out, day, step = [], _bucket(start, quarterly), 3 if quarterly else 1
    while day <= end:
        out.append(day)
        m = day.month - 1 + step
        day = dt.date(day.year + m // 12, m % 12 + 1, 1)
    return out


def _bucket_label(day: dt.date, quarterly: bool, lang: str) -> str:
    if quarterly:
        return label("quarter", lang, q=(day.month - 1) // 3 + 1, year=day.year)
    with translation.override(DJANGO_LANGUAGE.get(lang, lang)):
        return date_format(day, "M y")
