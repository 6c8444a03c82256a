"""Place a written value in a vocabulary: by its label, a synonym, a code, or a word of a label.

A value is compared folded (citybridge.lib.text.fold: case, diacritics, Cyrillic and Latin), then
word by word with a light stem, so inflected and plural forms need no list of their own:
"teachers" = "teacher", "nastavnici" = "nastavnika" = "наставник", "mësuesit" = "mësues",
"Srbiji" = "Srbija". Small words ("and", "dhe", "i", "и", "their", "të") are left out of the
comparison, and word order does not count: "families of returnees" = "returnees' families" =
"Returnees and their families".

The order of trust, first that applies:
1. the folded text is a label, a code (the value itself, an ISO code, a Kobo choice name) or a
   synonym; 2. its stemmed words are those of a label or synonym; 3. ("partial") its stemmed words
   are some of the words of labels or synonyms of one value only ("Bosnia" of "Bosnia and
   Herzegovina"; "families" of two groups is no match). A word given to two values is no match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from citybridge.lib.text import fold

How = Literal["label", "code", "synonym", "partial"]
_TRUST: dict[How, int] = {"label": 0, "code": 1, "synonym": 2, "partial": 3}

# Words that say nothing of the value, folded: English, Albanian, Serbian/Bosnian/Croatian/
# Montenegrin and Macedonian (Cyrillic folds to the same Latin letters).
_STOPWORDS = """
    a an and the of their its for in on at to with or from by all
    dhe e i te se ne per me nga ose apo tyre saj tij ku si
    u iz sa s za od na do ili njihove njihovi njihova njihovih njihov njegove svoje svojih kao
    vo so niven nivni nivnite nivnata ili kon
"""
STOPWORDS = frozenset(_STOPWORDS.split())

# Endings folded to ASCII, longest first: Slavic cases, adjectives and plurals, Albanian definite
# and plural endings, English plurals.
_ENDINGS = """
    ovima evima ijskih ijskim ijskog ijskom ijski ijska ijske ijsko
    skih skim skog skom ski ska ske sko ama ima ovi ove ova evi eve eva ih im om em og eg
    iji ija ije ji ja je ju ia
    ave ise ve it in ut un en et at es se te ne
    ies s y a e i o u
"""
_SUFFIXES = tuple(sorted(set(_ENDINGS.split()), key=len, reverse=True))
_MIN_STEM = 4


def stem(word: str) -> str:
    """A folded word without its endings: "nastavnici" and "nastavnik" → "nastavnik",
    "savjeti" and "savjet" → "savj". Endings are taken off one after another while four letters
    remain, so a stem that itself ends like an ending ("savj-et") loses it in every form."""
    while True:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                word = word[: -len(suffix)]
                break
        else:
            break
    # Slavic plurals soften k to c (službenik → službenici, učenik → učenici).
    return word[:-1] + "k" if word.endswith("c") else word


def words_of(text: str) -> frozenset[str]:
    """The stemmed words of `text` that say something (all of them if only small words)."""
    words = fold(text).split()
    kept = [w for w in words if w not in STOPWORDS] or words
    return frozenset(stem(w) for w in kept)


@dataclass(frozen=True)
class Match:
    """How a written value was placed: `value` is the vocabulary's value ("" may be a value)."""

    value: str
    how: How
    written: str


class Placed(NamedTuple):
    """The values a cell holds, and the parts of it that could not be placed, as written."""

    matches: tuple[Match, ...]
    unplaced: tuple[str, ...]

    @property
    def values(self) -> list[str]:
        return [m.value for m in self.matches]


_PRIMARY = re.compile(r"[;\n\r|]+")
_CONJUNCTION = re.compile(
    r"\s*[&+/]\s*|\s+(?:and|or|dhe|ose|apo|i|и|ili|или|te|та)\s+", re.IGNORECASE
)
_AMBIGUOUS = "\x00ambiguous"  # stands in an index for a key two values claim ("" is a value)


class Vocabulary:
    """Values with their label and synonyms: `Vocabulary({"youth": ("Youth", "young people")})`.

    `codes` are other exact names of a value (ISO codes, Kobo choice names); the value itself is
    always one. `translated` are the label in other languages, trusted as the label is. Pure:
    built from plain values, it reads no database."""

    def __init__(
        self,
        entries: Mapping[str, Sequence[str]],
        *,
        codes: Mapping[str, Iterable[str]] | None = None,
        translated: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        self.labels: dict[str, str] = {value: names[0] for value, names in entries.items()}
        self._exact: dict[str, tuple[str, How]] = {}
        self._stemmed: dict[frozenset[str], tuple[str, How]] = {}
        self._phrases: list[tuple[frozenset[str], str]] = []
        self._names: dict[str, str] = {}  # folded name -> value, for suggestions
        self._cache: dict[str, Match | None] = {}
        for value, names in entries.items():
            self._add_code(value, value)
            for i, name in enumerate(names):
                self._add_name(value, name, "label" if i == 0 else "synonym")
        for value, value_codes in (codes or {}).items():
            for code in value_codes:
                self._add_code(value, code)
        for value, translations in (translated or {}).items():
            for name in translations:
                self._add_name(value, name, "label")

    def _claim(self, index: dict, key: object, value: str, how: How) -> None:
        held = index.get(key)
        if held is None or _TRUST[how] < _TRUST[held[1]]:
            index[key] = (value, how)
        elif held[0] != value and _TRUST[how] == _TRUST[held[1]]:
            index[key] = (_AMBIGUOUS, how)

    def _add_code(self, value: str, code: str) -> None:
        if key := fold(code):
            self._claim(self._exact, key, value, "code")

    def _add_name(self, value: str, name: str, how: How) -> None:
        key = fold(name)
        if not key:
            return
        self._claim(self._exact, key, value, how)
        words = words_of(name)
        self._claim(self._stemmed, words, value, how)
        self._phrases.append((words, value))
        self._names.setdefault(key, value)

    # Reading ---------------------------------------------------------------------------------

    def __contains__(self, value: object) -> bool:
        return value in self.labels

    def label(self, value: str) -> str:
        return self.labels[value]

    def choices(self) -> list[tuple[str, str]]:
        """(value, label) of every value, for a person to place a value the file named."""
        return list(self.labels.items())

    def ambiguous_names(self) -> list[str]:
        """Folded names two values claim at the same trust (a vocabulary to correct)."""
        return [str(key) for key, (value, _how) in self._exact.items() if value == _AMBIGUOUS] + [
            " ".join(sorted(key))
            for key, (value, _how) in self._stemmed.items()
            if value == _AMBIGUOUS
        ]

    def match(self, text: str) -> Match | None:
        """The value `text` names, or None when it names none or more than one."""
        written = text.strip()
        if written not in self._cache:
            self._cache[written] = self._match(written, partial=True)
        return self._cache[written]

    def _match(self, written: str, *, partial: bool) -> Match | None:
        key = fold(written)
        if not key:
            return None
        words = words_of(written)
        held = self._exact.get(key) or self._stemmed.get(words)
        if held is not None:
            return Match(held[0], held[1], written) if held[0] != _AMBIGUOUS else None
        if partial:
            found = {value for phrase, value in self._phrases if words < phrase}
            if len(found) == 1:
                return Match(found.pop(), "partial", written)
        return self.fallback(written)

    def fallback(self, written: str) -> Match | None:
        """A last way to place a value (a vocabulary with rules of its own overrides it)."""
        return None

    def split_and_match(self, cell: str) -> Placed:
        """Every value a cell lists (separated by ;, newlines, commas, "and", or spaces between
        Kobo select_multiple choice names), and the parts it could not place, as written."""
        matches: list[Match] = []
        unplaced: list[str] = []
        whole = cell.strip()
        if whole:
            if found := self.match(whole):
                matches.append(found)
            else:
                for part in _PRIMARY.split(whole):
                    self._place(part.strip(), matches, unplaced)
        unique = {m.value: m for m in reversed(matches)}  # the first of a value written twice
        return Placed(tuple(sorted(unique.values(), key=matches.index)), tuple(unplaced))

    def _place(self, part: str, matches: list[Match], unplaced: list[str]) -> None:
        if not part:
            return
        if found := self.match(part):
            matches.append(found)
            return
        if "," in part:
            for piece in part.split(","):
                self._place(piece.strip(), matches, unplaced)
            return
        for pieces in (_CONJUNCTION.split(part), part.split()):
            pieces = [p.strip() for p in pieces if p and p.strip()]
            if len(pieces) > 1:
                found_all = [self._match(p, partial=False) for p in pieces]
                if all(found_all):
                    matches.extend(m for m in found_all if m)
                    return
        unplaced.append(part)

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Up to `n` values whose names look most like `text`, best first (for a person to
        choose from: never taken without asking)."""
        key = fold(text)
        if not key or not self._names:
            return []
        names, values = list(self._names), list(self._names.values())
        best: list[str] = []
        for _name, _score, index in process.extract(
            key, names, scorer=fuzz.WRatio, limit=n * 8, score_cutoff=60
        ):
            value = values[index]
            if value not in best:
                best.append(value)
            if len(best) == n:
                break
        return best
