"""The library found by meaning across the region's languages (issue #17, point 8): Albanian
"gjuha e urrejtjes" finds the practices on hate speech, Bosnian "savjet za sigurnost" the Local
Safety Councils, words in any case by their stems; and a search that finds nothing says what to
try instead of only "Try fewer words"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from citybridge.lib.vocabularies.concepts import concepts_by_word
from citybridge.network.models import Theme
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice
from citybridge.practices.search import search_key, terms_of


def practice(title: str, summary: str, theme: str) -> Practice:
    return save_practice(
        Practice(title=title, summary=summary, origin_city_name="Oslo", origin_country_id="NO"),
        themes=[Theme.objects.get(slug=theme)],
        target_groups=[],
        acting_user=None,
    )


@pytest.fixture
def library(db):
    return {
        "hate": practice(
            "Monitoring and answering hate speech with local media",
            "Journalists and the city answer hateful posts.",
            "hate-speech-and-online-harms",
        ),
        "safety": practice(
            "Kumanovo Local Safety Council",
            "Police, schools and the municipality meet monthly.",
            "multi-actor-prevention-mechanisms",
        ),
        "youth": practice(
            "Youth exchange camps", "Young people of divided towns meet.", "youth-engagement"
        ),
    }


def titles(q: str) -> list[str]:
    return [p.title for p in Practice.objects.search(q).distinct().order_by("-search_rank")]


def test_a_phrase_speaks_of_its_concept_with_every_word():
    # Keyed as the library keys them (search_key: "urrejtjes" reads "urrejtes" there too).
    words = [concepts for _word, concepts in concepts_by_word(search_key("gjuha e urrejtjes"))]
    assert words == [{"hate"}, {"hate"}, {"hate"}]
    assert [t.word for t in terms_of("savjet za sigurnost")] == ["savet", "sigurnost"]
    assert {c for t in terms_of("savjet za sigurnost") for c in t.concepts} == {
        "council",
        "safety",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("gjuha e urrejtjes", "hate"),  # Albanian: hate speech
        ("govor mržnje", "hate"),  # Bosnian/Croatian/Serbian
        ("говор на омраза", "hate"),  # Macedonian
        ("savjet za sigurnost", "safety"),  # Bosnian: Local Safety Council
        ("савет за безбедност", "safety"),  # Serbian Cyrillic
        ("këshilli i sigurisë", "safety"),  # Albanian
        ("sigurnosti", "safety"),  # a case ending, by the stem
        ("councils", "safety"),  # the English plural, as written
    ],
)
def test_a_search_in_the_region_s_languages_finds_the_english_practice(library, q, found):
    assert titles(q) == [library[found].title]


@pytest.mark.django_db
def test_practices_in_the_words_searched_come_before_those_found_by_meaning(library):
    by_meaning = practice(
        "Prevention board of Testgrad",
        "A board on safety in schools.",
        "multi-actor-prevention-mechanisms",
    )
    assert titles("safety council") == [library["safety"].title, by_meaning.title]


@pytest.mark.django_db
def test_words_of_no_concept_must_still_be_there(library):
    assert titles("urrejtjes zzyzx") == []
    assert titles("Kumanovo savjet") == [library["safety"].title]


@pytest.mark.django_db
def test_nothing_found_suggests_the_concepts_the_words_and_the_themes(client_for, officer, library):
    response = client_for(officer).get(
        reverse("practices:practice_list"), {"q": "gjuha e urrejtjes në Prizren"}
    )
    html = response.content.decode()
    assert "No practice in the library matches “gjuha e urrejtjes në Prizren”." in html
    assert "Try fewer words" not in html
    # The concept found in their words, in the reader's language, finding what it names.
    assert "Your words speak of:" in html
    assert '?q=urrejtjes">hate speech and hate incidents</a>' in html
    # A broader search: each word alone that finds something.
    assert "Fewer words find:" in html and '?q=urrejtjes">urrejtjes</a>' in html
    # And the themes that have practices.
    assert "?theme=hate-speech-and-online-harms" in html
    assert "?theme=youth-engagement" in html


@pytest.mark.django_db
def test_suggestions_are_in_the_reader_s_language(client_for, officer, library):
    client = client_for(officer)
    client.cookies["django_language"] = "sq"
    html = client.get(reverse("practices:practice_list"), {"q": "zzyzx hate"}).content.decode()
    assert "Fjalët tuaja flasin për:" in html
    assert "gjuha e urrejtjes dhe incidentet e urrejtjes" in html  # the concept, in Albanian
