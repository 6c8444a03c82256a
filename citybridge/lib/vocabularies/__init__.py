"""The vocabularies imports read, matched rather than demanded.

A partner's sheet says "municipal officials", "општински службеници" or "nëpunës komunalë" where
the product's label is "Municipal staff"; a Kobo form writes `female` or `prefer_not_to_say`; a
country is "Kosova", "Crna Gora", "BiH" or "Норвешка". Each builder here makes a `Vocabulary`
(matching.py) of one kind from what the caller passes (rows or choices: this package reads no
database): its values are the rows' slugs, the choices' values or ISO codes, and each is known by
its label, the label's translation in every interface language (the catalogs), the row's own
translations and the everyday words of words.py.

    groups = target_groups(TargetGroup.objects.all())
    groups.match("teachers")                 # Match("teachers-and-schools", "synonym", "teachers")
    groups.split_and_match("Roma; pupils")   # both, nothing unplaced
    groups.suggest("teechers")               # ["teachers-and-schools", ...] for a person to pick
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.conf import settings
from django.utils import translation

from citybridge.lib.roles import normalise_role
from citybridge.lib.vocabularies import words
from citybridge.lib.vocabularies.countries import alpha3_codes, country_names
from citybridge.lib.vocabularies.matching import (
    Match,
    Placed,
    Vocabulary,
    stem,
    words_of,
)

__all__ = [
    "Match",
    "Placed",
    "Vocabulary",
    "catalog_names",
    "countries",
    "engagement_kinds",
    "genders",
    "roles",
    "stem",
    "target_groups",
    "themes",
    "words_of",
]


class NamedRow(Protocol):
    """A vocabulary row: a target group or theme (its `translations` JSON is optional)."""

    slug: str
    name: str


def catalog_names(text: Any) -> list[str]:
    """`text` (a seeded English name or a lazy choice label) in every interface language."""
    names = []
    for code, _language in settings.LANGUAGES:
        with translation.override(code):
            names.append(str(translation.gettext(text) if isinstance(text, str) else text))
    return list(dict.fromkeys(names))


def _translated_names(row: NamedRow) -> list[str]:
    given = getattr(row, "translations", None) or {}
    own = [entry["name"] for entry in given.values() if isinstance(entry, dict) and "name" in entry]
    return [*catalog_names(row.name), *own, row.slug.replace("-", " ")]


def _of_rows(rows: Iterable[NamedRow], synonyms: Mapping[str, tuple[str, ...]]) -> Vocabulary:
    rows = list(rows)
    return Vocabulary(
        # A model row's label is its name in the reader's language (Theme.label).
        {
            row.slug: (str(getattr(row, "label", row.name)), row.name, *synonyms.get(row.slug, ()))
            for row in rows
        },
        translated={row.slug: _translated_names(row) for row in rows},
    )


def target_groups(rows: Iterable[NamedRow]) -> Vocabulary:
    """practices.TargetGroup rows, valued by slug."""
    return _of_rows(rows, words.TARGET_GROUPS)


def themes(rows: Iterable[NamedRow]) -> Vocabulary:
    """network.Theme rows (the taxonomy and a hub's own themes, known by their names and
    translations), valued by slug."""
    return _of_rows(rows, words.THEMES)


def countries(rows: Iterable[tuple[str, str]]) -> Vocabulary:
    """(ISO code, name) pairs of the Country table, valued by code; also known by ISO alpha-3
    and by their names in the interface languages (see countries.py)."""
    names, alpha3 = country_names(), alpha3_codes()
    pairs = list(rows)
    return Vocabulary(
        {code: (name, *names.get(code, ())) for code, name in pairs},
        codes={code: [alpha3[code]] for code, _name in pairs if code in alpha3},
    )


def _of_choices(
    choices: Iterable[tuple[str, Any]],
    synonyms: Mapping[str, tuple[str, ...]],
    codes: Mapping[str, tuple[str, ...]] | None = None,
) -> Vocabulary:
    choices = list(choices)
    return Vocabulary(
        {value: (str(label), *synonyms.get(value, ())) for value, label in choices},
        codes=codes,
        translated={
            value: [*catalog_names(label), value.replace("_", " ")] for value, label in choices
        },
    )


def genders(choices: Iterable[tuple[str, Any]]) -> Vocabulary:
    """network.Gender choices ("" is Not stated), with Kobo/ODK choice names and letters."""
    return _of_choices(choices, words.GENDERS, words.GENDER_CODES)


def engagement_kinds(choices: Iterable[tuple[str, Any]]) -> Vocabulary:
    """engagement.Engagement.Kind choices."""
    return _of_choices(choices, words.ENGAGEMENT_KINDS)


class RoleVocabulary(Vocabulary):
    """Role labels, and beyond them the role rules of citybridge.lib.roles (one set of rules
    for a sheet's role column and for any other import that names a role)."""

    def fallback(self, written: str) -> Match | None:
        role = normalise_role(written)
        return Match(role, "synonym", written) if role and role != "other" else None


def roles(choices: Iterable[tuple[str, Any]]) -> RoleVocabulary:
    """network.RoleKind choices; values the role rules recognise are matched as synonyms."""
    choices = list(choices)
    return RoleVocabulary(
        {value: (str(label), *words.ROLES.get(value, ())) for value, label in choices},
        translated={
            value: [*catalog_names(label), value.replace("_", " ")] for value, label in choices
        },
    )
