from citybridge.lib.vocabularies.concepts import LEXICON, concepts_in
from citybridge.matching.scoring import (
    CityProfile,
    ExpertProfile,
    NeedProfile,
    PeerEvidence,
    PracticeProfile,
    rank_experts,
    rank_peer_cities,
    rank_practices,
    strength_of,
)
from citybridge.practices.search import search_key

COUNCILS, YOUTH = 1, 2


def need(text="", theme_id=COUNCILS, country="ME", languages=("cnr",)):
    return NeedProfile(
        theme_id=theme_id,
        theme_name="Multi-actor prevention mechanisms" if theme_id == COUNCILS else "Youth",
        text=text,
        country=country,
        languages=set(languages),
        latitude=42.55,
        longitude=19.1,
        city_id=1,
    )


def practice(pk, title, text, themes, country="NO", evidence="described", targets=()):
    return PracticeProfile(
        id=pk,
        title=title,
        theme_ids=set(themes),
        theme_names={},
        key=search_key(f"{title} {text}"),
        target_groups=set(targets),
        evidence=evidence,
        country=country,
        city_name="Somewhere",
    )


LIBRARY = [
    practice(1, "Local Safety Council", "police, schools and social work meet monthly", [COUNCILS]),
    practice(
        2, "Youth council", "elected young people advise the mayor", [YOUTH], targets=["youth"]
    ),
    practice(3, "Football league", "mixed teams of children", [5]),
]


def test_concepts_bridge_languages_and_scripts():
    for text in ("Savjet za bezbjednost", "Совет за безбедност", "Këshilli për Siguri"):
        assert {"council", "safety"} <= set(concepts_in(search_key(text))), text


def test_every_lexicon_entry_has_a_label_and_words():
    assert all(str(label) and words for label, words in LEXICON.values())


def test_a_need_in_montenegrin_finds_the_english_council_practice_first_with_reasons():
    ranked = rank_practices(need("Trebamo Savjet za bezbjednost sa policijom i školama"), LIBRARY)
    assert ranked[0].label == "Local Safety Council"
    reasons = " ".join(ranked[0].reasons)
    assert "Same theme" in reasons and "council" in reasons and "police" in reasons


def test_practices_sharing_neither_theme_nor_concept_are_left_out():
    ranked = rank_practices(need("Trebamo Savjet za bezbjednost"), LIBRARY)
    assert "Football league" not in [s.label for s in ranked]


def test_free_text_without_a_theme_still_matches_by_concepts():
    ranked = rank_practices(need("Savet mladih za mlade", theme_id=None), LIBRARY)
    assert ranked[0].label == "Youth council"
    assert any("young people" in r for r in ranked[0].reasons)


def test_evidence_and_context_raise_an_equal_practice():
    strong = practice(7, "B council", "council", [COUNCILS], country="ME", evidence="peer_reviewed")
    weak = practice(8, "A council", "council", [COUNCILS], country="NO", evidence="described")
    ranked = rank_practices(need("council"), [weak, strong])
    assert [s.label for s in ranked] == ["B council", "A council"]
    assert "From the same country (Somewhere)." in ranked[0].reasons


def test_peer_cities_need_evidence_and_nearest_in_language_comes_first():
    done = [PeerEvidence(0.5, "Its own practice: Local Safety Council.")]
    near = CityProfile(2, "Nearby", "ME", {"sr"}, 42.44, 19.26, list(done))
    far = CityProfile(3, "Faraway", "NO", {"no"}, 58.1, 8.0, list(done))
    idle = CityProfile(4, "Idle", "ME", {"sr"}, 42.4, 19.2, [])
    ranked = rank_peer_cities(need(), [far, idle, near])
    assert [s.label for s in ranked] == ["Nearby", "Faraway"]
    assert "Its own practice: Local Safety Council." in ranked[0].reasons
    assert "Works in the city's language: Montenegrin." in ranked[0].reasons
    assert any("km away" in r for r in ranked[0].reasons)


def test_experts_by_theme_language_country_and_availability():
    fit = ExpertProfile(1, "Fit", {COUNCILS}, {"sr"}, {"ME"}, "", available=True)
    busy = ExpertProfile(2, "Busy", {COUNCILS}, {"sr"}, {"ME"}, "", available=False)
    other = ExpertProfile(3, "Other", {YOUTH}, {"sr"}, {"ME"}, "", available=True)
    ranked = rank_experts(need(), [busy, other, fit])
    assert [s.label for s in ranked] == ["Fit", "Busy"]
    assert "Not available at the moment." in ranked[1].reasons
    assert "Speaks the city's language: Montenegrin." in ranked[0].reasons


def test_reasons_speak_in_words_not_codes_or_keys():
    """Issue 17: no "(zene ~ gender)", no slugs, no language codes; strength in words."""
    women = practice(
        9,
        "Women mediators",
        "gender-sensitive mediation by women",
        [COUNCILS],
        country="ME",
        targets=["women-and-girls"],
    )
    women.target_group_names = {"women-and-girls": "women and girls"}
    women.evidence_label = "evaluated"
    women.evidence = "evaluated"
    asked = need("Žene u savjetu za bezbjednost")
    ranked = rank_practices(asked, [women])
    reasons = " ".join(ranked[0].reasons)
    assert "Both speak of " in reasons and "women and gender" in reasons
    assert "~" not in reasons and "zene" not in reasons
    assert "Made for the same people: women and girls." in ranked[0].reasons
    assert "women-and-girls" not in reasons
    assert "Evidence: evaluated." in ranked[0].reasons
    assert ranked[0].strength in ("strong", "good", "possible")
    assert str(ranked[0].strength_label).endswith("match")
    assert "score" not in str(ranked[0].strength_label).lower()


def test_strength_in_three_words():
    assert [strength_of(s) for s in (1.1, 0.75, 0.74, 0.5, 0.49, 0.1)] == [
        "strong",
        "strong",
        "good",
        "good",
        "possible",
        "possible",
    ]


def test_a_city_of_similar_size_in_the_same_country_says_so():
    done = [PeerEvidence(0.5, "Did this with the hub's support in 2023: Local Safety Council.")]
    asked = need()
    asked.population, asked.country_name = 12000, "Montenegro"
    peer = CityProfile(2, "Nearby", "ME", {"cnr"}, 42.44, 19.26, done, "Montenegro", 17000)
    reasons = rank_peer_cities(asked, [peer])[0].reasons
    assert "A city of similar size in the same country (Montenegro)." in reasons
    bigger = CityProfile(3, "Capital", "ME", {"cnr"}, 42.44, 19.26, done, "Montenegro", 150000)
    assert "In the same country (Montenegro)." in rank_peer_cities(asked, [bigger])[0].reasons


def test_languages_are_named_in_the_readers_language():
    from django.utils import translation

    from citybridge.lib.language_names import language_name, language_names

    assert language_name("cnr") == "Montenegrin"
    assert language_names(["bs", "en"]) == "Bosnian and English"
    with translation.override("bs"):
        assert language_name("sr") == "srpski"
        assert language_name("cnr") == "crnogorski"
    assert language_name("xx-unknown") == "xx-unknown"


def test_shared_words_are_the_requests_own_as_written():
    held = practice(11, "Council elections", "Elections of the youth council, every spring", [5])
    ranked = rank_practices(need("Hoćemo Council Elections za mlade", theme_id=None), [held])
    assert "Uses the same words: council, elections." in ranked[0].reasons
