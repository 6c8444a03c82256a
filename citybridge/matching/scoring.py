"""Explainable matching: plain profiles in, scores with their reasons out. No database here.

Every point of a score comes with the sentence that earned it, so an officer can see why a
practice, a peer city or an expert was proposed, and disagree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.lib.language_names import language_names
from citybridge.lib.vocabularies.concepts import concepts_in, label_of
from citybridge.practices.search import search_key

# The jurisdiction groups of the region: Bosnian, Croatian, Montenegrin and Serbian are one
# language for a peer exchange or an expert's work.
LANGUAGE_FAMILIES = {"sr": "bcms", "bs": "bcms", "hr": "bcms", "cnr": "bcms", "sh": "bcms"}
# The languages a city works in, by country (a city's needs may add others); named to the reader.
COUNTRY_LANGUAGES = {
    "AL": {"sq"},
    "XK": {"sq"},
    "RS": {"sr"},
    "ME": {"cnr"},
    "BA": {"bs", "hr", "sr"},
    "HR": {"hr"},
    "MK": {"mk"},
    "NO": {"no"},
    "DK": {"da"},
    "SE": {"sv"},
    "DE": {"de"},
    "AT": {"de"},
    "FR": {"fr"},
    "BE": {"nl", "fr"},
    "NL": {"nl"},
    "GB": {"en"},
    "US": {"en"},
    "CA": {"en", "fr"},
    "KE": {"en", "sw"},
    "LB": {"ar"},
    "JO": {"ar"},
    "TN": {"ar", "fr"},
}
WESTERN_BALKANS = frozenset({"AL", "BA", "XK", "ME", "MK", "RS"})
# Concepts that name who a practice serves: they meet the practice's target groups.
CONCEPT_TARGET_GROUPS = {
    "youth": "youth",
    "women": "women-and-girls",
    "returnees": "returnees-and-families",
    "families": "parents-and-families",
    "religion": "religious-communities",
    "marginalised": "minorities-and-marginalised-groups",
    "policing": "police",
    "education": "teachers-and-schools",
    "online": "online-communities",
    "leaders": "local-leaders",
}
EVIDENCE_POINTS = {"peer_reviewed": 0.06, "evaluated": 0.045, "inspiring": 0.03, "described": 0.01}
# Words too common in needs and practices to say anything about a match (keyed, any language).
STOPWORDS = frozenset(
    search_key(
        "the and for with from that this their city cities local need needs support about which "
        "have more into over also been other these those there what when where while "
        "koji koja koje kako nego zbog naša naše naši opština opštine grada grad potrebna "
        "potreban potrebno podrška podršku pomoć nevojë nevojën mbështetje kemi nëse është "
        "janë edhe për qytet komuna bashkia потребна поддршка општина"
    ).split()
)


# How strong a match is, in words: the score's thresholds (a shared theme with one more reason is
# good; a shared theme, shared concepts and context is strong; anything less is possible).
STRONG, GOOD, POSSIBLE = "strong", "good", "possible"
STRENGTH_FROM = ((0.75, STRONG), (0.5, GOOD))
STRENGTH_LABELS = {
    STRONG: gettext_lazy("Strong match"),
    GOOD: gettext_lazy("Good match"),
    POSSIBLE: gettext_lazy("Possible match"),
}


def strength_of(score: float) -> str:
    for threshold, strength in STRENGTH_FROM:
        if score >= threshold:
            return strength
    return POSSIBLE


def language_group(code: str) -> str:
    code = code.strip().lower()
    return LANGUAGE_FAMILIES.get(code, code)


def language_groups(codes: Iterable[str]) -> set[str]:
    return {language_group(c) for c in codes if c.strip()}


def spoken_in(codes: Iterable[str], groups: set[str]) -> list[str]:
    """The languages among `codes` that fall in `groups`: the ones to name to the reader."""
    return sorted({c.strip().lower() for c in codes if c.strip() and language_group(c) in groups})


def similar_size(a: int | None, b: int | None) -> bool:
    """Two populations within a factor of two of each other."""
    return bool(a and b) and 0.5 <= a / b <= 2  # type: ignore[operator]


def stems(key: str) -> set[str]:
    """Word stems for same-language overlap: the first six letters of longer words."""
    return {w[:6] for w in key.split() if len(w) >= 5 and w not in STOPWORDS}


@dataclass
class Scored:
    key: int | str
    label: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)

    @property
    def strength(self) -> str:
        return strength_of(self.score)

    @property
    def strength_label(self) -> str:
        return str(STRENGTH_LABELS[self.strength])

    def as_dict(self, **extra) -> dict:
        return {
            "id": self.key,
            "label": self.label,
            "score": round(self.score, 3),
            "strength": self.strength,
            "reasons": self.reasons,
            **extra,
        }


@dataclass
class NeedProfile:
    """What is asked: a theme, maybe words, and the city that asks."""

    theme_id: int | None
    theme_name: str
    text: str
    country: str
    languages: set[str]
    latitude: float | None = None
    longitude: float | None = None
    city_id: int | None = None
    key: str = ""
    concepts: dict[str, list[str]] = field(default_factory=dict)
    # For the reasons, in the reader's words: the theme's name in their language, the country's
    # name, the city's size, and the languages as codes before they are grouped.
    theme_label: str = ""
    country_name: str = ""
    population: int | None = None
    spoken: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.key = search_key(f"{self.text} {self.theme_name}")
        self.concepts = concepts_in(self.key)
        self.spoken = set(self.languages)
        self.languages = language_groups(self.languages)
        self.theme_label = self.theme_label or self.theme_name

    def words_of(self, stems_: set[str]) -> list[str]:
        """The request's own words (as written, not keyed) whose stems are among `stems_`."""
        found: dict[str, str] = {}
        for word in re.findall(r"\w+", self.text):
            key = search_key(word)
            if key[:6] in stems_ and len(key) >= 5:
                found.setdefault(key, word.lower())
        return sorted(found.values())


@dataclass
class PracticeProfile:
    id: int
    title: str
    theme_ids: set[int]
    theme_names: dict[int, str]
    key: str
    target_groups: set[str]
    evidence: str
    country: str
    city_name: str
    human_rights_based: bool = False
    human_rights_reason: str = ""
    gender_sensitive: bool = False
    gender_reason: str = ""
    concepts: dict[str, list[str]] = field(default_factory=dict)
    # The target groups' and the evidence level's names in the reader's language, by slug/value.
    target_group_names: dict[str, str] = field(default_factory=dict)
    evidence_label: str = ""

    def __post_init__(self) -> None:
        if not self.concepts:
            self.concepts = concepts_in(self.key)


def concept_weights(profiles: Sequence[PracticeProfile]) -> dict[str, float]:
    """Rarer concepts weigh more (inverse document frequency over the library)."""
    n = max(len(profiles), 1)
    counts: dict[str, int] = {}
    for p in profiles:
        for concept in p.concepts:
            counts[concept] = counts.get(concept, 0) + 1
    return {c: math.log(1 + n / k) for c, k in counts.items()}


def shared_concepts(
    need: dict[str, list[str]], other: dict[str, list[str]], weights: dict[str, float]
) -> tuple[float, list[str]]:
    """How much of the need's concepts the other text covers (0..1), and which they are."""
    if not need:
        return 0.0, []
    default = max(weights.values(), default=1.0)
    total = sum(weights.get(c, default) for c in need)
    shared = [c for c in need if c in other]
    covered = sum(weights.get(c, default) for c in shared)
    return covered / total, shared


def score_practice(
    need: NeedProfile,
    practice: PracticeProfile,
    weights: dict[str, float],
) -> Scored:
    found = Scored(practice.id, practice.title)
    if need.theme_id is not None and need.theme_id in practice.theme_ids:
        found.add(0.45, _("Same theme: %(theme)s.") % {"theme": need.theme_label})
    coverage, shared = shared_concepts(need.concepts, practice.concepts, weights)
    if shared:
        what = "; ".join(label_of(c) for c in shared)
        found.add(0.35 * coverage, _("Both speak of %(what)s.") % {"what": what})
    # The request's own words only: the theme's name is the "same theme" reason already.
    common = stems(search_key(need.text)) & stems(practice.key)
    if len(common) >= 2:
        words = need.words_of(common)[:5]
        found.add(
            min(0.1, 0.025 * len(common)),
            _("Uses the same words: %(words)s.") % {"words": ", ".join(words)},
        )
    if found.score == 0:
        return found
    groups = {CONCEPT_TARGET_GROUPS[c] for c in need.concepts if c in CONCEPT_TARGET_GROUPS}
    if served := groups & practice.target_groups:
        who = sorted(practice.target_group_names.get(g, g.replace("-", " ")) for g in served)
        found.add(0.08, _("Made for the same people: %(who)s.") % {"who": ", ".join(who)})
    level = practice.evidence_label or practice.evidence.replace("_", " ")
    found.add(
        EVIDENCE_POINTS.get(practice.evidence, 0), _("Evidence: %(level)s.") % {"level": level}
    )
    if practice.country == need.country:
        found.add(
            0.06,
            _("From the same country (%(city)s).") % {"city": practice.city_name},
        )
    elif practice.country in WESTERN_BALKANS and need.country in WESTERN_BALKANS:
        found.add(
            0.04,
            _("From the same region (%(city)s).") % {"city": practice.city_name},
        )
    if practice.human_rights_based:
        found.add(0.02, _("Human-rights-based: %(why)s") % {"why": practice.human_rights_reason})
    if practice.gender_sensitive:
        found.add(0.02, _("Gender-sensitive: %(why)s") % {"why": practice.gender_reason})
    return found


def rank_practices(
    need: NeedProfile, practices: Sequence[PracticeProfile], limit: int = 5
) -> list[Scored]:
    """The practices that address the need, best first; those sharing neither the theme nor a
    concept are left out."""
    weights = concept_weights(practices)
    scored = [score_practice(need, p, weights) for p in practices]
    kept = [s for s in scored if s.score >= 0.12]
    return sorted(kept, key=lambda s: (-s.score, s.label))[:limit]


@dataclass
class PeerEvidence:
    """One thing a city did on the theme, and how much it counts."""

    points: float
    reason: str


@dataclass
class CityProfile:
    id: int
    name: str
    country: str
    languages: set[str]
    latitude: float | None = None
    longitude: float | None = None
    evidence: list[PeerEvidence] = field(default_factory=list)
    country_name: str = ""
    population: int | None = None

    def __post_init__(self) -> None:
        self.languages = language_groups(self.languages)


def distance_km(a: tuple[float | None, float | None], b: tuple[float | None, float | None]):
    """Great-circle distance, or None when either place has no coordinates."""
    if None in a or None in b:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def score_peer_city(need: NeedProfile, city: CityProfile) -> Scored:
    """A peer city is worth proposing only for what it did on the theme; language and context
    decide which of them comes first."""
    found = Scored(city.id, city.name)
    done = sorted(city.evidence, key=lambda e: -e.points)
    for item in done:
        found.add(item.points * 0.6, item.reason)
    found.score = min(found.score, 0.6)
    if not done:
        return found
    if shared := need.languages & city.languages:
        found.add(
            0.15,
            _("Works in the city's language: %(languages)s.")
            % {"languages": language_names(spoken_in(need.spoken, shared))},
        )
    country = city.country_name or city.country
    if city.country == need.country:
        if similar_size(need.population, city.population):
            found.add(
                0.12,
                _("A city of similar size in the same country (%(country)s).")
                % {"country": country},
            )
        else:
            found.add(0.1, _("In the same country (%(country)s).") % {"country": country})
    elif city.country in WESTERN_BALKANS and need.country in WESTERN_BALKANS:
        if similar_size(need.population, city.population):
            found.add(
                0.07,
                _("A city of similar size in the same region (%(country)s).")
                % {"country": country},
            )
        else:
            found.add(0.05, _("In the same region (%(country)s).") % {"country": country})
    km = distance_km((need.latitude, need.longitude), (city.latitude, city.longitude))
    if km is not None and km <= 250:
        found.add(0.1 * (1 - km / 250), _("%(km)d km away.") % {"km": round(km)})
    return found


def rank_peer_cities(
    need: NeedProfile, cities: Sequence[CityProfile], limit: int = 5
) -> list[Scored]:
    scored = [score_peer_city(need, c) for c in cities if c.id != need.city_id]
    kept = [s for s in scored if s.score > 0]
    return sorted(kept, key=lambda s: (-s.score, s.label))[:limit]


@dataclass
class ExpertProfile:
    id: int
    name: str
    theme_ids: set[int]
    languages: set[str]
    countries: set[str]
    bio_key: str
    available: bool

    def __post_init__(self) -> None:
        self.languages = language_groups(self.languages)


def score_expert(need: NeedProfile, expert: ExpertProfile) -> Scored:
    found = Scored(expert.id, expert.name)
    if need.theme_id is not None and need.theme_id in expert.theme_ids:
        found.add(0.5, _("Works on %(theme)s.") % {"theme": need.theme_label})
    shared = [c for c in need.concepts if c in concepts_in(expert.bio_key)]
    if shared:
        found.add(
            min(0.15, 0.05 * len(shared)),
            _("Experience with %(what)s.") % {"what": ", ".join(label_of(c) for c in shared)},
        )
    if found.score == 0:
        return found
    if languages := need.languages & expert.languages:
        found.add(
            0.2,
            _("Speaks the city's language: %(languages)s.")
            % {"languages": language_names(spoken_in(need.spoken, languages))},
        )
    if need.country in expert.countries:
        found.add(0.2, _("Has worked in this country."))
    elif expert.countries & WESTERN_BALKANS and need.country in WESTERN_BALKANS:
        found.add(0.08, _("Has worked in the region."))
    if expert.available:
        found.add(0.1, _("Available now."))
    else:
        found.score *= 0.5
        found.reasons.append(_("Not available at the moment."))
    return found


def rank_experts(
    need: NeedProfile, experts: Sequence[ExpertProfile], limit: int = 5
) -> list[Scored]:
    scored = [score_expert(need, e) for e in experts]
    kept = [s for s in scored if s.score > 0]
    return sorted(kept, key=lambda s: (-s.score, s.label))[:limit]
