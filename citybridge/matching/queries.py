"""The queries that feed the matcher: records in, plain profiles out, ranked by `scoring`."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citybridge.matching.scoring import (
    COUNTRY_LANGUAGES,
    CityProfile,
    ExpertProfile,
    NeedProfile,
    PeerEvidence,
    PracticeProfile,
    Scored,
    rank_experts,
    rank_peer_cities,
    rank_practices,
)
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Theme
from citybridge.practices.models import Practice
from citybridge.practices.search import search_key
from citybridge.support.models import Expert, Mechanism, SupportAction

MECHANISM_THEMES = {"multi-actor-prevention-mechanisms", "early-warning-and-referral"}
STAGE_POINTS = {"sustained": 0.5, "operational": 0.45, "established": 0.2, "proposed": 0.0}


@dataclass
class Matches:
    need: NeedProfile
    practices: list[Scored] = field(default_factory=list)
    peer_cities: list[Scored] = field(default_factory=list)
    experts: list[Scored] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "practices": [s.as_dict() for s in self.practices],
            "peer_cities": [s.as_dict() for s in self.peer_cities],
            "experts": [s.as_dict() for s in self.experts],
        }


def city_languages(city: LocalGovernment) -> set[str]:
    """The country's languages, and every language the city's own needs were stated in."""
    spoken = set(COUNTRY_LANGUAGES.get(city.country_id, ()))
    spoken |= {lang for lang in city.needs.values_list("language", flat=True) if lang}
    return spoken


def need_profile(city: LocalGovernment, theme: Theme | None, text: str = "") -> NeedProfile:
    return NeedProfile(
        theme_id=theme.pk if theme else None,
        theme_name=theme.name if theme else "",
        text=text,
        country=city.country_id,
        languages=city_languages(city),
        latitude=city.latitude,
        longitude=city.longitude,
        city_id=city.pk,
        theme_label=str(theme.label) if theme else "",
        country_name=city.country.public_name,
        population=city.population,
    )


def practice_profiles() -> list[PracticeProfile]:
    practices = Practice.objects.prefetch_related("themes", "target_groups")
    return [
        PracticeProfile(
            id=p.pk,
            title=p.title,
            theme_ids={t.pk for t in p.themes.all()},
            theme_names={t.pk: t.name for t in p.themes.all()},
            key=p.search_text + " " + search_key(p.results),
            target_groups={g.slug for g in p.target_groups.all()},
            target_group_names={g.slug: str(g.label) for g in p.target_groups.all()},
            evidence=p.evidence,
            evidence_label=str(p.get_evidence_display()).lower(),
            country=p.origin_country_id,
            city_name=p.origin_city_name,
            human_rights_based=p.human_rights_based,
            human_rights_reason=p.human_rights_reason,
            gender_sensitive=p.gender_sensitive,
            gender_reason=p.gender_reason,
        )
        for p in practices
    ]


def peer_profiles(hub: Hub, theme: Theme | None) -> list[CityProfile]:
    """The cities of the hub, and the network's cities with practices, each with what it did on
    the theme: its practices, the support it completed or gave, its mechanisms, its needs met."""
    evidence: dict[int, list[PeerEvidence]] = {}

    def add(city_id: int | None, points: float, reason: str) -> None:
        if city_id is not None and points > 0:
            evidence.setdefault(city_id, []).append(PeerEvidence(points, reason))

    if theme is None:
        return []
    for p in Practice.objects.filter(themes=theme, origin_city__isnull=False):
        add(p.origin_city_id, 0.5, _("Its own practice: %(title)s.") % {"title": p.title})
    on_theme = (
        SupportAction.objects.of_hub(hub)
        .not_withdrawn()
        .filter(Q(themes=theme) | Q(needs__theme=theme))
        .distinct()
    )
    for action in on_theme.filter(city__isnull=False).exclude(
        status__in=SupportAction.NOT_HAPPENED
    ):
        if action.status == SupportAction.Status.COMPLETED:
            if day := action.ends_on or action.starts_on:
                done = _("Did this with the hub's support in %(year)s: %(t)s.") % {
                    "year": day.year,
                    "t": action.title,
                }
            else:
                done = _("Completed support: %(t)s.") % {"t": action.title}
            add(action.city_id, 0.4, done)
        elif action.status == SupportAction.Status.IN_PROGRESS:
            add(action.city_id, 0.15, _("Support under way: %(t)s.") % {"t": action.title})
    peers = on_theme.filter(
        status__in=[SupportAction.Status.COMPLETED, SupportAction.Status.IN_PROGRESS]
    ).prefetch_related("peer_cities")
    for action in peers:
        for peer in action.peer_cities.all():
            add(peer.pk, 0.35, _("Shared its experience as a peer: %(t)s.") % {"t": action.title})
    if theme.slug in MECHANISM_THEMES:
        mechanisms = Mechanism.objects.of_hub(hub).prefetch_related("stages")
        for mechanism in mechanisms:
            stage = mechanism.current_stage()
            if stage is None:
                continue
            add(
                mechanism.city_id,
                STAGE_POINTS.get(stage.stage, 0),
                _("%(name)s: %(stage)s since %(day)s.")
                % {
                    "name": mechanism.get_kind_display(),
                    "stage": stage.get_stage_display(),
                    "day": date_format(stage.reached_on),
                },
            )
    met = Need.objects.of_hub(hub).filter(theme=theme, status=Need.Status.MET)
    for need in met:
        add(need.city_id, 0.25, _("Its own need on this theme was met."))
    cities = (
        LocalGovernment.objects.filter(pk__in=evidence)
        .select_related("country")
        .prefetch_related("needs")
    )
    return [
        CityProfile(
            id=c.pk,
            name=c.name,
            country=c.country_id,
            languages=set(COUNTRY_LANGUAGES.get(c.country_id, ()))
            | {n.language for n in c.needs.all() if n.language},
            latitude=c.latitude,
            longitude=c.longitude,
            evidence=evidence[c.pk],
            country_name=c.country.public_name,
            population=c.population,
        )
        for c in cities
    ]


def expert_profiles(hub: Hub) -> list[ExpertProfile]:
    experts = Expert.objects.filter(hub=hub).prefetch_related("themes", "countries")
    return [
        ExpertProfile(
            id=e.pk,
            name=e.full_name,
            theme_ids={t.pk for t in e.themes.all()},
            languages=set(e.languages.replace(";", ",").replace(" ", ",").split(",")),
            countries={c.code for c in e.countries.all()},
            bio_key=search_key(e.bio),
            available=e.available,
        )
        for e in experts
    ]


def match(
    hub: Hub, city: LocalGovernment, theme: Theme | None, text: str = "", limit: int = 5
) -> Matches:
    """Practices, peer cities and experts for what a city asks, best first, with reasons."""
    profile = need_profile(city, theme, text)
    return Matches(
        need=profile,
        practices=rank_practices(profile, practice_profiles(), limit),
        peer_cities=rank_peer_cities(profile, peer_profiles(hub, theme), limit),
        experts=rank_experts(profile, expert_profiles(hub), limit),
    )


def match_need(need: Need, limit: int = 5) -> Matches:
    return match(need.hub, need.city, need.theme, need.statement, limit)
