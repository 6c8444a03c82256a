"""Finding a person's name in text however it was written, for erasure (network.erasure).

A name is searched as its folded tokens (citybridge.lib.text.fold), each turned back into a
pattern that matches every way of writing it: `token_pattern("colic")` matches "Colic",
"Čolić", "ČOLIĆ", "Чолић" and "Čolic". Each letter matches every character that folds to it
(c: c č ć ç ц ч ћ...), and a letter pair that one character folds to matches that character
too (dj: đ ђ, also "d" as people type đ without diacritics; lj: љ; nj: њ; dz: dž џ ѕ...).

`name_pattern` then finds the given and family name in either order, "Family, Given" included,
across any white space (a wrapped line, a PDF's text layer), with a middle initial, a double
surname written with a hyphen or a space, and the letters of a declined ending after it. It
never starts inside a word: erasing "Ana Petrović" leaves "Jovana Petrović" alone.

`split_cells` finds a name written over two cells of one row (a sheet's "Ime" and "Prezime"
columns); `family_alone` finds the family name written without the given name, which may be
the person or a relative, so erasure lists it for a person to check instead of rewriting it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from citybridge.lib.given_names import GIVEN
from citybridge.lib.names import parse_name
from citybridge.lib.text import fold

LETTER = r"[^\W\d_]"
# Between the words of one part (a double surname, a second given name).
INNER = r"[\s\-\u2010\u2011\u2013]+"
# Between the given and the family name, in either order: "Given Family", "Family, Given".
BETWEEN = r"(?:\s*,\s*|\s+)"
INITIAL = rf"(?:\s+{LETTER}\.?)?"
# Letter pairs typed as one letter without diacritics: "Đorđe" is written "Dorde" as well.
SHORTENED = {"dj": "d"}
# How many letters of a declined ending may follow a family name written on its own.
ENDING = 3


@lru_cache(maxsize=1)
def _spellings() -> tuple[dict[str, str], dict[str, str]]:
    """(letter -> character class, letter pair -> alternatives of one character): every
    Latin and Cyrillic character, by what it folds to."""
    by_fold: dict[str, set[str]] = defaultdict(set)
    points = [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x400, 0x460)]
    for point in points:
        char = chr(point)
        if not char.isalpha():
            continue
        folded = fold(char)
        if folded.isalnum():
            by_fold[folded].add(char)
    for text in list(by_fold):
        by_fold[text] |= {c.upper() for c in by_fold[text] if len(c.upper()) == 1}
        by_fold[text] |= {c.lower() for c in by_fold[text] if len(c.lower()) == 1}
    single = {
        key: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        for key, chars in by_fold.items()
        if len(key) == 1
    }
    pairs = {
        key: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"
        for key, chars in by_fold.items()
        if len(key) > 1
    }
    return single, pairs


def _letter(letter: str, single: dict[str, str]) -> str:
    return single.get(letter, re.escape(letter))


@lru_cache(maxsize=4096)
def token_pattern(token: str) -> str:
    """A regular expression matching every way of writing the folded `token`."""
    single, pairs = _spellings()
    longest = sorted(pairs, key=len, reverse=True)
    parts, i = [], 0
    while i < len(token):
        pair = next((p for p in longest if token.startswith(p, i)), None)
        if pair is None:
            parts.append(_letter(token[i], single))
            i += 1
            continue
        options = [pairs[pair], "".join(_letter(c, single) for c in pair)]
        if pair in SHORTENED:
            options.append(_letter(SHORTENED[pair], single))
        parts.append("(?:" + "|".join(options) + ")")
        i += len(pair)
    return "".join(parts)


@dataclass(frozen=True)
class WrittenName:
    """A person's name as folded tokens: what every way of writing it is searched by."""

    given: str
    family: tuple[str, ...]
    middle: tuple[str, ...] = ()
    # False when nothing told the given name from the family name: both orders are searched
    # anyway, but a "family name alone" would then be a given name alone.
    order_known: bool = True

    def regex(self) -> str:
        given = token_pattern(self.given) + "".join(
            rf"(?:{INNER}{token_pattern(m)})?" for m in self.middle if len(m) > 1
        )
        family = self.family_regex()
        either = rf"{given}{INITIAL}{BETWEEN}{family}|{family}{BETWEEN}{given}"
        return rf"(?<!{LETTER})(?:{either}){LETTER}*"

    def family_regex(self) -> str:
        return INNER.join(token_pattern(t) for t in self.family)

    @cached_property
    def given_keys(self) -> frozenset[str]:
        long_middle = [m for m in self.middle if len(m) > 1]
        return frozenset({self.given, " ".join([self.given, *long_middle])})

    @cached_property
    def family_key(self) -> str:
        return " ".join(self.family)


def written_names(written: Iterable[tuple[str, str, str]]) -> set[WrittenName]:
    """The names in (full name, given name, family name) as sheets and records wrote them;
    only those with both a given and a family name (a lone word would match other people)."""
    names = set()
    for full, given, family in written:
        name = parse_name(full or "", given or "", family or "")
        if name.given and name.family and len(name.given) > 1:
            names.add(WrittenName(name.given, name.family, name.middle, name.order_known))
    return names


def name_pattern(given: str, family: str) -> re.Pattern[str]:
    """Every way of writing the name of `given` `family` (see the module docstring)."""
    name = WrittenName(fold(given), tuple(fold(family).split()))
    return re.compile(name.regex(), re.IGNORECASE)


def names_regex(names: Iterable[WrittenName]) -> str:
    return "|".join(sorted(n.regex() for n in names))


def _cell_key(value: str) -> str:
    return " ".join(t for t in fold(value).split() if len(t) > 1)


def split_cells(cells: Sequence[object], names: Iterable[WrittenName], placeholder: str) -> list:
    """`cells` (one row of a sheet, one record's columns) with a name written over two cells
    replaced: the given name's cell by `placeholder`, the family name's cell emptied. A row
    holding only one of the two is left as it was."""
    out = list(cells)
    names = frozenset(names)
    # Most rows of most tables name nobody: one search for any spelling of a family name first.
    anywhere = _family_anywhere(names)
    if not any(isinstance(c, str) and anywhere.search(c) for c in cells):
        return out
    keys = [_cell_key(c) if isinstance(c, str) and c.strip() else "" for c in cells]
    for name in names:
        given = [i for i, k in enumerate(keys) if k and k in name.given_keys]
        family = [i for i, k in enumerate(keys) if k and k == name.family_key]
        if given and family:
            for i in given:
                out[i] = placeholder
            for i in family:
                out[i] = ""
    return out


@lru_cache(maxsize=64)
def _family_anywhere(names: frozenset[WrittenName]) -> re.Pattern[str]:
    regexes = sorted({n.family_regex() for n in names})
    return re.compile("|".join(regexes) or "(?!)", re.IGNORECASE)


@lru_cache(maxsize=64)
def _alone(names: frozenset[WrittenName]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The pattern of the family names written on their own, and the person's given names;
    None when no name tells its given name from its family name."""
    known = [n for n in names if n.order_known]
    if not known:
        return None
    either = "|".join(sorted({n.family_regex() for n in known}))
    pattern = re.compile(rf"(?<!{LETTER})(?:{either}){LETTER}{{0,{ENDING}}}(?!{LETTER})", re.I)
    return pattern, frozenset(g for n in known for g in n.given_keys)


_WORD_BEFORE = re.compile(rf"({LETTER}+)[^\w]*$")
_WORD_AFTER = re.compile(rf"^[^\w]*({LETTER}+)")


def family_alone(text: str, names: Iterable[WrittenName]) -> bool:
    """True when `text` holds one of the family names without the given name beside it.

    A family name next to another given name ("Jovana Brisanović") is someone else's name."""
    if not text:
        return False
    found = _alone(frozenset(names))
    if found is None:
        return False
    pattern, theirs = found
    for match in pattern.finditer(text):
        before = _WORD_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        after = _WORD_AFTER.search(text[match.end() : match.end() + 40])
        near = {fold(m.group(1)) for m in (before, after) if m}
        if not any(word in GIVEN and word not in theirs for word in near):
            return True
    return False
