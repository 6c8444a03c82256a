"""The engine's shortcuts give score_pair's answers: most pairs of a block are told apart by
their names alone, and are not scored in full. Invented names only."""

from __future__ import annotations

import itertools

from citybridge.lib.resolution import Mention
from citybridge.lib.resolution.compare import Surnames, compare_names
from citybridge.lib.resolution.evidence import (
    NAMES_APART,
    REVIEW,
    beyond_review,
    compare_cities,
    decisively_two,
    may_reach_review,
    score_pair,
    shared_mailboxes,
)
from citybridge.lib.resolution.profiles import build_profiles
from citybridge.lib.resolution.reasons import reason

NAMES = [
    "Arben Kodrasi",
    "ARBEN KODRASI",
    "Agim Kodrasi",
    "Ardita Kodrasi",
    "Ardit Kodrasi",
    "Arbena Kodrasi",
    "Arben Kodrasaj",
    "Arben Tomari",
    "Kodrasi Arben",
    "Nevena Tomarić",
    "Nevena Zelić",
    "Nena Zelić",
    "Ivan Petrac",
    "Ivana Petrac",
    # Partial names, with middle initials: names that agree weakly.
    "Arben D.",
    "Arben M.",
    "Kodrasi",
]
CONTEXTS: list[dict] = [
    {"city": "4", "place_names": ("zelengrad",)},
    {"city": "5", "place_names": ("brdovo",), "organisation": "Opština Brdovo"},
    {"city": "zelengrad e jugut"},
    {"city": "brdova", "organisation": "Opština Brdovo", "role": "mayor"},
    {"city": "4", "place_names": ("zelengrad",), "gender": "F", "email": "nevena.zelic@ex.org"},
    {"city": "4", "place_names": ("zelengrad",), "gender": "M", "email": "arben.kodrasi@ex.org"},
    {"email": "info@opstina.example.org", "organisation": "Opština Brdovo"},
]


def every_pair():
    mentions = [
        Mention(n, name, **context)
        for n, (name, context) in enumerate(itertools.product(NAMES, CONTEXTS))
    ]
    profiles = build_profiles(mentions, set())
    shared = shared_mailboxes(profiles)
    surnames = Surnames(profiles)
    surnames.learn_aliases(profiles, shared)
    for a, b in itertools.permutations(profiles, 2):
        yield a, b, shared, surnames, compare_names(a, b, surnames)


def test_a_pair_beyond_review_is_scored_below_it_and_as_apart_as_said() -> None:
    shortcuts = 0
    for a, b, shared, surnames, verdict in every_pair():
        if beyond_review(a, b, shared, verdict):
            shortcuts += 1
            points, _, conflict = score_pair(a, b, shared, surnames, verdict)
            assert points < REVIEW, (a.name, b.name)
            assert conflict == decisively_two(a, b, verdict), (a.name, b.name, a.city, b.city)
    assert shortcuts > 1000  # the case is common, not a corner


def test_a_pair_that_may_not_reach_review_is_scored_below_it() -> None:
    cut = 0
    for a, b, shared, surnames, verdict in every_pair():
        if not may_reach_review(a, b, shared, verdict):
            cut += 1
            assert score_pair(a, b, shared, surnames, verdict)[0] < REVIEW, (a.name, b.name)
    assert cut > 1000  # the case is common, not a corner


def test_names_apart_leave_a_pair_decisively_two_whatever_the_context() -> None:
    seen = 0
    for a, b, shared, surnames, verdict in every_pair():
        if verdict.conflict and verdict.points < NAMES_APART:
            seen += 1
            points, _, conflict = score_pair(a, b, shared, surnames, verdict)
            assert conflict and points < REVIEW
    assert seen > 100


def test_an_address_spelling_the_other_name_is_never_cut_short() -> None:
    # Different surnames (-1 for a woman's: a married name?): nothing but the address, made
    # from the other record's name, can bring the pair to review.
    profiles = build_profiles(
        [
            Mention(1, "Nevena Zelić", email="nevena.tomaric@ex.org", city="4", gender="F"),
            Mention(2, "Nevena Tomarić", city="4", gender="F"),
        ],
        set(),
    )
    a, b = profiles
    verdict = compare_names(a, b, Surnames(profiles))
    assert not beyond_review(a, b, set(), verdict)
    assert score_pair(a, b, set(), None, verdict)[0] >= REVIEW
    # Without the address the pair is beyond review.
    c = build_profiles([Mention(3, "Nevena Zelić", city="4", gender="F")], set())[0]
    assert beyond_review(c, b, set(), compare_names(c, b, Surnames([c, b])))


def test_one_spelling_of_a_name_is_compared_once() -> None:
    profiles = build_profiles(
        [Mention(1, "Arben Kodrasi", city="4"), Mention(2, "ARBEN KODRASI", city="5")], set()
    )
    assert profiles[0].name.written != profiles[1].name.written
    assert profiles[0].name_id == profiles[1].name_id


def test_cities_compared() -> None:
    assert compare_cities("4", "4") == (1.0, reason("same city"), True, False)
    assert compare_cities("4", "5")[3]  # two known cities: decisive
    # A place name holding the resolved city's name is that city.
    assert compare_cities("zelengrad e jugut", "4", (), ("zelengrad",))[2]
    # Another place beside a known city whose names are known: decisive.
    assert compare_cities("brdova", "4", (), ("zelengrad",)) == (
        -2.0,
        reason("different city names"),
        False,
        True,
    )
    # Two unresolved names may be one city in two languages: not decisive.
    assert compare_cities("brdova", "zelengrad")[3] is False
    assert compare_cities("tetova", "tetovo")[2]
