"""The brief wholly in its language (issue #14, item 5; issue #17).

Every sentence the brief composes goes through the catalogs: a pseudo-translation answers every
catalog lookup outside English with ⟪…⟫, and no English text of the brief's own may be left
outside those marks in any of CityBridge's languages. The real translations are the catalogs';
bench/brief_languages.py measures them on the demonstration.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from citybridge.reports.briefs.assemble import assemble_brief
from citybridge.reports.briefs.render import render_article, render_html
from citybridge.reports.briefs.wording import english_leftovers, own_texts
from citybridge.reports.briefs.words import LANGUAGES
from citybridge.reports.tests.test_brief import END, START, demo  # noqa: F401 (the fixture)

MARKED = re.compile(r"⟪[^⟪⟫]*⟫")


@pytest.fixture
def pseudo(monkeypatch):
    """Every catalog answer in a language other than English comes back as ⟪answer⟫."""
    from django.utils.translation import trans_real

    def marking(name):
        real = getattr(trans_real, name)

        def answer(*args):
            text = real(*args)
            return text if translation.get_language() in (None, "en") else f"⟪{text}⟫"

        return answer

    for name in ("gettext", "ngettext", "pgettext", "npgettext"):
        monkeypatch.setattr(translation._trans, name, marking(name))  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_every_sentence_the_brief_composes_is_in_its_language(demo, pseudo):  # noqa: F811
    english = render_article(assemble_brief(demo.hub, START, END, lang="en"))
    left = {}
    for lang in LANGUAGES:
        article = render_article(assemble_brief(demo.hub, START, END, lang=lang))
        if found := english_leftovers(article, lang, english, translated=MARKED):
            left[lang] = found
    assert not left


@pytest.mark.django_db
def test_the_hub_funder_and_story_texts_are_the_demos_own_in_each_language(demo):  # noqa: F811
    for lang in LANGUAGES:
        brief = assemble_brief(demo.hub, START, END, lang=lang)
        story = next(s for s in brief.stories if s.approved)
        texts = [brief.hub_name, brief.mission, brief.contact_title, story.text]
        texts += brief.acknowledgements
        assert {getattr(t, "lang", None) for t in texts} == {lang}, lang
    serbian = assemble_brief(demo.hub, START, END, lang="sr")
    assert serbian.title.endswith("Западни Балкан")
    assert serbian.mission.startswith("Посвећен тим")


@pytest.mark.django_db
def test_records_words_are_shown_as_written_and_marked_with_their_language(demo):  # noqa: F811
    article = render_article(assemble_brief(demo.hub, START, END, lang="mk"))
    # A quote and a support title, written in English in the hub's records.
    assert '<p lang="en">“Young people told us' in article
    assert '<span lang="en">Peer exchange on engaging young people</span>' in article
    assert article.startswith('<article class="brief" lang="mk">')
    serbian = render_html(assemble_brief(demo.hub, START, END, lang="sr"))
    assert '<html lang="sr-Cyrl">' in serbian and 'class="brief" lang="sr-Cyrl"' in serbian


@pytest.mark.django_db
def test_the_english_brief_says_the_western_balkans_and_no_codes(demo):  # noqa: F811
    brief = assemble_brief(demo.hub, START, END, lang="en")
    assert brief.title == "Delivering impact in the Western Balkans"
    article = render_article(brief)
    # What a donor reads: no ISO date, no version of the definitions.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", " ".join(own_texts(article, "en")))
    assert "definitions" not in article
    assert "Every figure is computed from the Hub&#x27;s records." in article
    # The site's figure labels.
    assert "Individual stakeholders engaged" in article and "Member cities" in article


def test_the_checker_finds_english_left_in_a_brief():
    english = '<article lang="en"><h2>In Figures</h2><p>Tirana</p></article>'
    albanian = (
        '<article lang="sq"><h2>In Figures</h2><p>Tirana</p>'
        '<p lang="en">Support for the council</p><p>and 3 more cities</p></article>'
    )
    assert english_leftovers(albanian, "sq", english) == ["In Figures", "and 3 more cities"]
