"""Parse a person's name as written on a sign-in sheet into comparable parts.

`parse_name("BOGIČEVIĆ, Dr. Miloš D.")` and `parse_name(given_name="Милош", family_name="Богичевић")`
both give `Name(given="milos", family=("bogicevic",), middle=(...), gender="M", ...)`.

- Titles are dropped: Dr., Mr., Mrs., Ms., Prof., mr. (magistar), mag., g-din, gđa, gđica, z.,
  znj., zonja, zoti, д-р, г-дин, г-ѓа... (a title says nothing reliable about gender: sheets
  write "Mr." for women too).
- Order: "Surname, Given" is taken at its word; otherwise the given name is told from the
  surname by the regional given-name lexicon (citybridge.lib.given_names), surname endings
  (-ić, -ović, -ski, -ska, -ov, -eva...) and the habit of writing the surname in capitals.
  First/last cells that were swapped are put back the same way.
- Single letters ("D.", "D") are middle initials; hyphenated surnames give several family tokens.
- Tokens are folded (citybridge.lib.text.fold); `sound()` further merges spellings that the
  region's keyboards and English-style writing produce (š/sh/s, č/ch/c, dž/dzh/xh, đ/dj/gj/d,
  ć/kj/q/c, doubled letters).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from citybridge.lib.given_names import FEMALE, GIVEN, MALE, MALE_IN_A, NICKNAMES
from citybridge.lib.text import fold, is_cyrillic

# Folded and with inner spaces removed ("g-din" → "gdin", "gđa" → "gdja", "д-р" → "dr").
TITLES: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "mag",
        "mgr",
        "ing",
        "dipl",
        "msc",
        "phd",
        "doc",
        "sir",
        "dott",
        "gdin",
        "gda",
        "gdja",
        "gdjica",
        "gdica",
        "gospodin",
        "gospodja",
        "gospodjica",
        "gospoda",
        "gosp",
        "gca",
        "ggja",
        "ggjica",
        "gospogja",
        "gospogjica",
        "znj",
        "zonja",
        "zoti",
        "zonjusha",
    ]
)
# "z." (zoti) is a title only in lower case at the start; "Z." elsewhere is an initial.
_LOWER_ONLY_TITLES = frozenset({"z"})

_SURNAME_ENDINGS = (
    "ic", "vic", "ovic", "evic", "ski", "ska", "sky", "cki", "cka", "ov", "ova", "ev", "eva",
    "ovski", "evski", "ovska", "evska", "aj", "ich", "oski", "oska", "iqi", "qi",
)  # fmt: skip
_FEMININE_SURNAME_ENDINGS = ("ska", "cka", "ova", "eva", "ina")
_MASCULINE_SURNAME_ENDINGS = ("ski", "cki", "sky", "ov", "ev", "in")

_SOUND_RULES = (
    ("dzh", "dz"), ("tch", "c"), ("xh", "dz"), ("sh", "s"), ("zh", "z"), ("ch", "c"),
    ("kh", "h"), ("dj", "d"), ("gj", "d"), ("kj", "c"), ("q", "c"), ("x", "dz"), ("ts", "c"),
    ("w", "v"), ("ph", "f"), ("y", "i"),
)  # fmt: skip
_SOUND = re.compile("|".join(a for a, _ in _SOUND_RULES))
_SOUND_MAP = dict(_SOUND_RULES)
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=131072)
def sound(token: str) -> str:
    """A folded token's sound key: the spellings of one written name collapse to one key."""
    key = _SOUND.sub(lambda m: _SOUND_MAP[m.group(0)], token)
    key = _DOUBLED.sub(r"\1", key)
    if key.endswith("ij") and len(key) > 3:
        key = key[:-1]
    return key


@lru_cache(maxsize=65536)
def given_gender(token: str) -> str:
    """ "M", "F" or "" for a folded given name: the lexicon first, then the ending."""
    if token in MALE_IN_A or token in MALE:
        return "M"
    if token in FEMALE:
        return "F"
    if len(token) < 3:
        return ""
    canonical = NICKNAMES.get(token, ())
    genders = {given_gender(c) for c in canonical if c != token}
    if len(genders) == 1:
        return genders.pop()
    if canonical:
        return ""
    if token.endswith("a"):
        return "F"
    if token[-1] not in "aeiouy":
        return "M"
    if token.endswith("o"):
        return "M"
    return ""


def surname_gender(tokens: Iterable[str]) -> str:
    for token in tokens:
        if token.endswith(_FEMININE_SURNAME_ENDINGS) and len(token) > 5:
            return "F"
        if token.endswith(_MASCULINE_SURNAME_ENDINGS) and len(token) > 4:
            return "M"
    return ""


@lru_cache(maxsize=65536)
def given_keys(token: str) -> frozenset[str]:
    """The given name and the full names it can be short for, as sound keys."""
    return frozenset(sound(t) for t in (token, *NICKNAMES.get(token, ())))


@dataclass(frozen=True)
class Name:
    given: str = ""  # folded
    family: tuple[str, ...] = ()  # folded surname tokens, in written order
    middle: tuple[str, ...] = ()  # folded initials and second given names
    gender: str = ""  # "M", "F" or "" (from the name alone)
    gender_sure: bool = False  # the given-name lexicon says so, not an ending
    order_known: bool = True  # False when nothing told the given name from the surname
    written: tuple[str, str] = ("", "")  # (given, family) as written, titles and initials removed

    @property
    def tokens(self) -> tuple[str, ...]:
        return ((self.given,) if self.given else ()) + self.family

    def key(self) -> str:
        return " ".join(self.tokens)


class _Token(NamedTuple):  # a tuple: made for every word of 40,000 names at 100,000 rows
    raw: str
    folded: str

    @property
    def is_caps(self) -> bool:
        return _is_caps(self.raw)


@lru_cache(maxsize=65536)
def _is_caps(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _tokens(text: str, at_start: bool = True) -> tuple[list[_Token], list[str]]:
    """Word tokens of one written part, without titles; initials returned apart."""
    words: list[_Token] = []
    initials: list[str] = []
    for position, raw in enumerate(text.replace(",", " ").split()):
        folded = fold(raw)
        squeezed = folded.replace(" ", "")
        if not squeezed:
            continue
        if squeezed in TITLES and (raw.endswith(".") or len(squeezed) > 1 or "-" in raw):
            continue
        if squeezed in _LOWER_ONLY_TITLES and raw[:1].islower() and at_start and position == 0:
            continue
        if len(squeezed) == 1:
            initials.append(squeezed)
            continue
        for part in folded.split():
            words.append(_Token(raw, part))
    return words, initials


def _given_score(token: _Token, other_caps: bool) -> float:
    score = 0.0
    if token.folded in GIVEN or token.folded in NICKNAMES:
        score += 2.0
    if token.folded.endswith(_SURNAME_ENDINGS) and token.folded not in GIVEN:
        score -= 1.5
    if token.is_caps and not other_caps:
        score -= 1.0  # "BOGIČEVIĆ Miloš": capitals mark the surname
    if "-" in token.raw.strip("-") and not _given_compound(token.raw):
        # "Salihu-Qerimi Shqipe", "Avdi-Chalilovic Nera": a double surname, even when one of
        # its parts is also a given name (Avdi); Ana-Marija, all given names, is a given name.
        score -= 3.0 if token.folded in GIVEN else 2.0
    return score


@lru_cache(maxsize=16384)
def _given_compound(raw: str) -> bool:
    """A hyphenated word whose every part is a given name (Ana-Marija)."""
    return all(part in GIVEN or part in NICKNAMES for part in fold(raw).split())


def _gender(given: str, family: tuple[str, ...]) -> tuple[str, bool]:
    """The gender the name suggests, and whether the lexicon vouches for it (an ending of an
    unknown, possibly misspelt given name does not: "Vesan" for "Vesna")."""
    if given in GIVEN or given in MALE_IN_A or given in NICKNAMES:
        known = given_gender(given)
        if known:
            return known, True
    # Surname forms stay a hint: sheets in English often give a woman the man's form.
    return given_gender(given) or surname_gender(family), False


def _from_parts(
    given: list[_Token], family: list[_Token], initials: list[str], known: bool
) -> Name:
    middle = [t.folded for t in given[1:]] + initials
    given_word = given[0].folded if given else ""
    family_words = tuple(t.folded for t in family)
    gender, sure = _gender(given_word, family_words)
    return Name(
        given=given_word,
        family=family_words,
        middle=tuple(middle),
        gender=gender,
        gender_sure=sure,
        order_known=known,
        written=(
            " ".join(dict.fromkeys(t.raw for t in given[:1])),
            " ".join(dict.fromkeys(t.raw for t in family)),
        ),
    )


def parse_name(full_name: str = "", given_name: str = "", family_name: str = "") -> Name:
    """Parse a full name, or the given/family cells of a sheet (see the module docstring).

    Cached: sign-in sheets repeat the same written names, and a Name is immutable. A full name
    beside given/family cells is not read, so it is left out of the cache's key: the engine
    asks without it and display names with it, which at 100,000 rows (seed 7) parsed 5,456 of
    43,935 names twice."""
    if given_name.strip() or family_name.strip():
        return _parse_name("", given_name, family_name)
    return _parse_name(full_name, "", "")


@lru_cache(maxsize=65536)
def _parse_name(full_name: str, given_name: str, family_name: str) -> Name:
    if given_name.strip() or family_name.strip():
        given, given_initials = _tokens(given_name)
        family, family_initials = _tokens(family_name)
        if given and family:
            caps = family[0].is_caps
            if _given_score(family[0], given[0].is_caps) > _given_score(given[0], caps) + 1.0:
                given, family = family, given
            return _from_parts(given, family, given_initials + family_initials, True)
        full_name = f"{given_name} {family_name}"
    if "," in full_name:
        left, _, right = full_name.partition(",")
        family, left_initials = _tokens(left)
        given, right_initials = _tokens(right, at_start=False)
        if family and given:
            return _from_parts(given, family, left_initials + right_initials, True)
    words, initials = _tokens(full_name)
    if not words:
        return Name(middle=tuple(initials))
    if len(words) == 1:
        only = words[0]
        if only.folded in GIVEN:
            return _from_parts(words, [], initials, False)
        return _from_parts([], words, initials, False)
    first, last = words[0], words[-1]
    first_score = _given_score(first, last.is_caps)
    last_score = _given_score(last, first.is_caps)
    if last_score > first_score:
        given, family = [last], words[:-1]
    else:
        given, family = [first], words[1:]
        # "Ana Marija Petrović": a known given name before the surname is a second given name.
        while (
            len(family) > 1
            and family[0].folded in GIVEN
            and not family[0].folded.endswith(_SURNAME_ENDINGS)
            and not ("-" in family[0].raw.strip("-") and not _given_compound(family[0].raw))
        ):
            given.append(family.pop(0))
    return _from_parts(given, family, initials, last_score != first_score)


def display_name(written: Iterable[tuple[str, str, str]]) -> str:
    """The name to show for a person, from their records' (full_name, given_name, family_name).

    The most common spelling wins, Latin before Cyrillic and diacritics before none (they
    carry more information), in "Given Family" order, titles and initials removed; names
    written all in capitals are title-cased.
    """
    counts: Counter[str] = Counter()
    for full, given, family in written:
        shown = _shown(full, given, family)
        if shown:
            counts[shown] += 1
    if not counts:
        return ""
    if len(counts) == 1:  # most people: one spelling, nothing to prefer
        return title_capitals(next(iter(counts)))

    def preference(item: tuple[str, int]) -> tuple[bool, int, bool, int]:
        text, count = item
        return (not is_cyrillic(text), count, not text.isascii(), -len(text))

    return title_capitals(max(counts.items(), key=preference)[0])


@lru_cache(maxsize=65536)
def _shown(full: str, given: str, family: str) -> str:
    """A record's name as display_name shows it, before title-casing."""
    name = parse_name(full, given, family)
    return " ".join(part for part in name.written if part).strip()


def title_capitals(text: str) -> str:
    """Words written all in capitals title-cased: "BOGIČEVIĆ Miloš" -> "Bogičević Miloš"."""
    return " ".join(w.title() if w.isupper() and len(w) > 1 else w for w in text.split())
