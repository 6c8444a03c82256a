"""Languages and countries named in the reader's language: "cnr" is "Montenegrin" on an English
page and "crnogorski" on a Bosnian one, BE is "Belgija". CLDR's names (Babel), and the catalogs
for what CLDR lacks."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from django.utils.translation import get_language, pgettext

# The interface's language codes -> CLDR locales (Serbian is Cyrillic unless it says Latin).
CLDR_LOCALES = {"sr-latn": "sr_Latn"}


def cldr_locale() -> str:
    code = (get_language() or "en").lower()
    return CLDR_LOCALES.get(code, code.replace("-", "_"))


@lru_cache(maxsize=16)
def _names(locale: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(locale).languages)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").languages)


@lru_cache(maxsize=16)
def _territories(locale: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(locale).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def territory_name(code: str) -> str | None:
    """A country's name in the reader's language from CLDR; None on English pages (where the
    recorded name stands) and for a code CLDR does not know."""
    locale = cldr_locale()
    if locale.startswith("en"):
        return None
    return _territories(locale).get(code.upper())


def language_name(code: str) -> str:
    """A language code as the reader says the language ("sr": Serbian, "sr-latn": Serbian
    (Latin)); the code itself only when no name is known."""
    code = code.strip()
    base = code.replace("_", "-").split("-")[0].lower()
    if not base:
        return ""
    if base == "cnr":  # not in CLDR: Montenegrin, recognised since 2017 (ISO 639-3)
        return pgettext("a language named in a sentence", "Montenegrin")
    if base in ("sh", "bcms"):
        return pgettext(
            "a language named in a sentence", "Bosnian, Croatian, Montenegrin and Serbian"
        )
    if "-" in code.replace("_", "-") and base in _names("en"):  # a script or a region: sr-Latn
        try:
            named = Locale.parse(code.replace("-", "_")).get_display_name(cldr_locale())
        except (UnknownLocaleError, ValueError):
            named = None
        if named:
            return named
    return _names(cldr_locale()).get(base) or code


def language_names(codes: Iterable[str]) -> str:
    """Several languages as one phrase in the reader's language ("Bosnian and Serbian")."""
    names = sorted({language_name(c) for c in codes if c.strip()})
    if not names:
        return ""
    try:
        return format_list(names, locale=cldr_locale())
    except (UnknownLocaleError, ValueError):
        return ", ".join(names)
