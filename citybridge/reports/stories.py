"""A city's story for a period: drafted from its records, edited and approved by an officer.

`compose_story` is pure: it takes plain facts and returns the paragraph, in the manner of the
brief's Danilovgrad paragraph. `story_facts` reads the facts from the records and
`city_timeline` lists what happened, dated, for the city page; `reports.actions.save_story`
keeps the officer's text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment
from citybridge.support.models import (
    ActionPlan,
    Mechanism,
    MechanismStage,
    StatusChange,
    SupportAction,
)


@dataclass(frozen=True)
class SupportFact:
    kind: str
    title: str
    status: str
    day: dt.date
    amount: Decimal | None = None
    currency: str = ""


@dataclass(frozen=True)
class EngagementFact:
    kind_label: str
    title: str
    day: dt.date
    hosted: bool
    peer_cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class MechanismFact:
    name: str
    stages: tuple[tuple[str, dt.date], ...]  # (stage value, reached on), in order


@dataclass(frozen=True)
class AdvocacyFact:
    title: str
    day: dt.date


@dataclass
class StoryFacts:
    city: str
    country: str
    support: list[SupportFact] = field(default_factory=list)
    engagements: list[EngagementFact] = field(default_factory=list)
    mechanisms: list[MechanismFact] = field(default_factory=list)
    plans_adopted: list[tuple[str, dt.date]] = field(default_factory=list)
    advocacy: list[AdvocacyFact] = field(default_factory=list)


def _and_list(items: list) -> str:
    """ "a, b and c" in the reader's language. Not Django's get_text_list: its ", " is translated
    without the space in Django's Macedonian, Croatian and Serbian Latin catalogs."""
    words = [str(i) for i in items]
    if len(words) < 2:
        return "".join(words)
    last = _("and")
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def month(day: dt.date) -> str:
    return date_format(day, "F Y")


def _support_phrase(kind: str) -> str:
    phrases: dict[str, str] = {
        SupportAction.Kind.GRANT: _("a grant from the Technical Support Fund"),
        SupportAction.Kind.EXPERT: _("an expert from the Expert Pool"),
        SupportAction.Kind.PEER_EXCHANGE: _("a peer exchange with cities that had done it"),
        SupportAction.Kind.GUIDANCE: _("guidance"),
        SupportAction.Kind.ACTION_PLAN: _("support with its P/CVE action plan"),
        SupportAction.Kind.POLICY_ADVICE: _("policy advice"),
    }
    return phrases.get(kind, _("support"))


def _support_sentence(fact: SupportFact, city: str, first: str) -> str:
    values = {
        "first": first,
        "city": city,
        "what": _support_phrase(fact.kind),
        "title": fact.title,
        "month": month(fact.day),
    }
    if fact.status == SupportAction.Status.REQUESTED:
        text = _("%(first)s%(city)s asked the Hub for %(what)s (%(title)s) in %(month)s.")
    elif fact.status == SupportAction.Status.APPROVED:
        text = _("%(first)sthe Hub agreed in %(month)s to provide %(what)s (%(title)s).")
    elif fact.status == SupportAction.Status.IN_PROGRESS:
        text = _("%(first)sthe Hub has been providing %(what)s since %(month)s (%(title)s).")
    else:
        text = _("%(first)sthe Hub provided %(what)s from %(month)s (%(title)s).")
    sentence = text % values
    if fact.amount is not None:
        sentence = sentence[:-1] + _(", worth %(amount)s %(currency)s.") % {
            "amount": f"{fact.amount:,.0f}",
            "currency": fact.currency,
        }
    return sentence


def _stage_phrase(stage: str) -> str:
    phrases: dict[str, str] = {
        Mechanism.Stage.PROPOSED: _("proposed"),
        Mechanism.Stage.ESTABLISHED: _("established by a legal act"),
        Mechanism.Stage.OPERATIONAL: _("operational, meeting regularly,"),
        Mechanism.Stage.SUSTAINED: _("sustained by its own budget line"),
    }
    return phrases.get(stage, stage)


def compose_story(facts: StoryFacts) -> str:
    """The paragraph for a city and period, from its facts. Declined and cancelled support is
    left out: the story tells what the Hub did and what changed."""
    sentences: list[str] = []
    opening = _("In %(city)s (%(country)s), ") % {"city": facts.city, "country": facts.country}
    opened = False
    told = [
        s
        for s in sorted(facts.support, key=lambda s: s.day)
        if s.status not in SupportAction.NOT_HAPPENED
    ]
    for i, fact in enumerate(told):
        first = opening if i == 0 else (_("Also, ") if i == 1 else "")
        sentence = _support_sentence(fact, facts.city, first)
        sentences.append(sentence[0].upper() + sentence[1:])
        opened = True
    for engagement in sorted(facts.engagements, key=lambda e: e.day):
        if not engagement.hosted:
            continue
        values = {
            "kind": engagement.kind_label.lower(),
            "city": facts.city,
            "title": engagement.title,
            "peers": _and_list(list(engagement.peer_cities)),
        }
        if engagement.peer_cities:
            body = _(
                "the Hub organised a %(kind)s in %(city)s (%(title)s) where counterparts from "
                "%(peers)s shared their experience."
            )
        else:
            body = _("the Hub organised a %(kind)s in %(city)s (%(title)s).")
        when = month(engagement.day)
        lead = (_("In %(month)s, ") if opened else opening + _("in %(month)s, ")) % {"month": when}
        sentences.append(lead + body % values)
        opened = True
    elsewhere = [e for e in facts.engagements if not e.hosted]
    if elsewhere:
        sentences.append(
            _("%(city)s took part in %(n)s other engagements of the Hub.")
            % {"city": facts.city, "n": len(elsewhere)}
            if len(elsewhere) > 1
            else _("%(city)s took part in one other engagement of the Hub.") % {"city": facts.city}
        )
    for mechanism in facts.mechanisms:
        if not mechanism.stages:
            continue
        steps = [
            _("%(stage)s in %(month)s") % {"stage": _stage_phrase(stage), "month": month(day)}
            for stage, day in mechanism.stages
        ]
        sentences.append(
            _("Its %(name)s was %(steps)s.") % {"name": mechanism.name, "steps": _and_list(steps)}
        )
    for title, day in facts.plans_adopted:
        sentences.append(
            _("Its action plan (%(title)s) was adopted in %(month)s.")
            % {"title": title, "month": month(day)}
        )
    if facts.advocacy:
        carried = [
            f"{a.title} ({month(a.day)})" for a in sorted(facts.advocacy, key=lambda a: a.day)
        ]
        sentences.append(
            _("The Hub carried the voice of %(city)s to its partners: %(where)s.")
            % {"city": facts.city, "where": "; ".join(carried)}
        )
    if not sentences:
        return _("No support, engagement or advocacy for %(city)s is recorded in this period.") % {
            "city": facts.city
        }
    return " ".join(sentences)


def _requested_on(action: SupportAction) -> dt.date:
    changes = list(action.status_changes.all())
    return changes[0].effective_on if changes else (action.starts_on or action.created_at.date())


def story_facts(city: LocalGovernment, hub: Hub, start: dt.date, end: dt.date) -> StoryFacts:
    """The records of the hub about the city in [start, end], as plain facts. For drafting only:
    the draft is read by hub staff, who see every record of the hub."""
    facts = StoryFacts(city=city.name, country=city.country.public_name)
    support = (
        SupportAction.objects.of_hub(hub)
        .not_withdrawn()
        .received_by(city)
        .prefetch_related("status_changes")
        .order_by("pk")
    )
    for action in support:
        day = _requested_on(action)
        if start <= day <= end:
            facts.support.append(
                SupportFact(
                    kind=action.kind,
                    title=action.title,
                    status=_status_on(action, end),
                    day=day,
                    amount=action.amount,
                    currency=action.currency,
                )
            )
    engagements = (
        Engagement.objects.of_hub(hub)
        .involving(city)
        .between(start, end)
        .prefetch_related("participating_cities")
        .order_by("starts_on")
    )
    for engagement in engagements:
        hosted = engagement.host_city_id == city.pk
        facts.engagements.append(
            EngagementFact(
                kind_label=engagement.get_kind_display(),
                title=engagement.title,
                day=engagement.starts_on,
                hosted=hosted,
                peer_cities=tuple(
                    c.name for c in engagement.participating_cities.all() if c.pk != city.pk
                ),
            )
        )
    for mechanism in Mechanism.objects.filter(city=city).prefetch_related("stages"):
        stages = sorted(
            (
                (s.stage, s.reached_on)
                for s in mechanism.stages.all()
                if start <= s.reached_on <= end
            ),
            key=lambda pair: Mechanism.STAGE_ORDER.index(pair[0]),
        )
        facts.mechanisms.append(
            MechanismFact(name=mechanism.get_kind_display(), stages=tuple(stages))
        )
    plans = ActionPlan.objects.of_hub(hub).filter(
        Q(city=city) | Q(organisation__city=city),
        adopted_on__range=(start, end),
    )
    facts.plans_adopted = [(p.title, p.adopted_on) for p in plans if p.adopted_on]
    advocacy = AdvocacyAction.objects.of_hub(hub).filter(cities=city).between(start, end)
    facts.advocacy = [AdvocacyFact(title=a.title, day=a.date) for a in advocacy.order_by("date")]
    return facts


def _status_on(action: SupportAction, day: dt.date) -> str:
    """The status the action had on `day` (its last move by then)."""
    status = SupportAction.Status.REQUESTED.value
    for change in action.status_changes.all():
        if change.effective_on <= day:
            status = change.to_status
    return status


def draft_story(city: LocalGovernment, hub: Hub, start: dt.date, end: dt.date) -> str:
    return compose_story(story_facts(city, hub, start, end))


@dataclass(frozen=True)
class TimelineEvent:
    day: dt.date
    kind: str  # what the event is, in words: "Engagement", "Support", ...
    text: str
    url: str = ""


def city_timeline(
    city: LocalGovernment,
    user,
    hub: Hub,
    start: dt.date | None,
    end: dt.date,
    *,
    sees_needs: bool,
) -> list[TimelineEvent]:
    """What happened to and with the city, dated, newest last; only records the user may see."""

    def within(day: dt.date | None) -> bool:
        return day is not None and (start is None or start <= day) and day <= end

    events: list[TimelineEvent] = []
    for m in city.memberships.all():
        if within(m.joined_on):
            events.append(TimelineEvent(m.joined_on, _("Membership"), _("Joined the network")))
        if within(m.left_on):
            events.append(TimelineEvent(m.left_on, _("Membership"), _("Left the network")))  # type: ignore[arg-type]
    engagements = (
        Engagement.objects.visible_to(user).of_hub(hub).involving(city).between(start, end)
    )
    for e in engagements:
        role = _("hosted") if e.host_city_id == city.pk else _("took part")
        events.append(
            TimelineEvent(
                e.starts_on,
                e.get_kind_display(),
                f"{e.title} ({role})",
                reverse("engagement:engagement_detail", args=[e.pk]),
            )
        )
    visible_support = (
        SupportAction.objects.visible_to(user).of_hub(hub).not_withdrawn().received_by(city)
    )
    changes = StatusChange.objects.filter(action__in=visible_support).select_related("action")
    for c in changes:
        if within(c.effective_on):
            events.append(
                TimelineEvent(
                    c.effective_on,
                    _("Support"),
                    f"{c.action.title}: {c.get_to_status_display()}",
                    reverse("support:support_detail", args=[c.action_id]),
                )
            )
    stages = MechanismStage.objects.filter(mechanism__city=city).select_related("mechanism")
    for s in stages:
        if within(s.reached_on):
            events.append(
                TimelineEvent(
                    s.reached_on,
                    _("Mechanism"),
                    f"{s.mechanism}: {s.get_stage_display()}",
                    reverse("support:mechanism_detail", args=[s.mechanism_id]),
                )
            )
    plans = ActionPlan.objects.visible_to(user).filter(Q(city=city) | Q(organisation__city=city))
    for p in plans:
        if within(p.adopted_on):
            events.append(
                TimelineEvent(p.adopted_on, _("Action plan"), _("Adopted: %(t)s") % {"t": p.title})  # type: ignore[arg-type]
            )
    advocacy = AdvocacyAction.objects.visible_to(user).of_hub(hub).filter(cities=city)
    for a in advocacy.between(start, end):
        events.append(
            TimelineEvent(
                a.date,
                _("Advocacy"),
                f"{a.title} — {a.get_audience_display()}",
                reverse("advocacy:advocacy_detail", args=[a.pk]),
            )
        )
    if sees_needs:
        for n in Need.objects.of_hub(hub).filter(city=city).raised_between(start, end):
            events.append(
                TimelineEvent(
                    n.raised_on, _("Need"), f"{n.theme}: {Truncator(n.statement).chars(120)}"
                )
            )
    for t in Testimonial.objects.visible_to(user).filter(city=city):
        if within(t.said_on):
            quote = Truncator(t.quote).chars(90)
            events.append(TimelineEvent(t.said_on, _("Testimonial"), f"{t.person}: “{quote}”"))
    return sorted(events, key=lambda e: e.day)
