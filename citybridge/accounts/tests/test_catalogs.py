"""The shipped catalogs: one per offered language, complete, not fuzzy, with the English
placeholders, compiled, and with the glossary that keeps one term one translation."""

from __future__ import annotations

import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
import pytest
from django.conf import settings
from django.utils.translation import to_locale

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\([a-z_0-9]+\)[sdfr]|%[sdfr]|\{[a-z_0-9]*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def catalog(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / to_locale(code) / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalog(code)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"
    assert "fuzzy" not in po.metadata_as_entry().flags


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_english_placeholders(code):
    wrong = []
    for entry in catalog(code).translated_entries():
        if entry.msgid_plural:
            allowed = ({*placeholders(entry.msgid)}, {*placeholders(entry.msgid_plural)})
            for index, text in entry.msgstr_plural.items():
                # The "one" form may say the number or not ("1 city" / "one city").
                if {*placeholders(text)} not in allowed[1:] and not (
                    index == 0 and {*placeholders(text)} <= allowed[1]
                ):
                    wrong.append((entry.msgid, text))
        elif placeholders(entry.msgid) != placeholders(entry.msgstr):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, f"{code}: {wrong[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalog_matches_its_source(code):
    """`make messages` compiles; a .po edited without compiling would ship stale words."""
    po = catalog(code)
    mo = polib.mofile(str(LOCALE / to_locale(code) / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in mo}
    source = {
        (e.msgctxt, e.msgid): e.msgstr or {int(k): v for k, v in e.msgstr_plural.items()}
        for e in po.translated_entries()
    }
    compiled = {
        k: v if isinstance(v, str) else {int(i): s for i, s in v.items()}
        for k, v in compiled.items()
    }
    stale = [key for key, text in source.items() if compiled.get(key) != text]
    assert not stale, f"{code}: run `make messages`; stale: {stale[:3]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_its_glossary(code):
    glossary = LOCALE / to_locale(code) / "glossary.md"
    assert glossary.exists() and glossary.read_text().count("|") > 100
