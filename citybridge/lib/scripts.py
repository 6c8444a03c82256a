"""Write a name in the reader's script: as written, in Latin, or in Cyrillic.

`in_script("Гордана Ђорђевић", LATIN)` == "Gordana Đorđević";
`in_script("Gordana Đorđević", CYRILLIC)` == "Гордана Ђорђевић";
`in_script("Gjorgji", CYRILLIC, rules="mk")` == "Ѓорѓи".

Rules (the ones the resolver folds by: citybridge.lib.text, cyrtranslit's tables):
- To Latin: Serbian Latin (Ђ → Đ, Ћ → Ć, Џ → Dž, Љ → Lj, Њ → Nj), with the Macedonian letters
  written as North Macedonia's Latin practice writes them: Ѓ → Gj, Ќ → Kj, Ѕ → Dz.
- To Cyrillic: the Serbian Latin alphabet (or, with rules="mk", the Macedonian one: gj → ѓ,
  kj → ќ, dz → ѕ). Latin letters and digraphs that Serbian Latin lacks, above all in Albanian
  names, are first written as the Serbian letter that sounds the same: xh → dž, sh → š,
  zh → ž, ç → č, q → ć, gj → đ, dh → d, th → t, ë → e, y → i, x → ks, w → v. So "Arbër Krasniqi"
  is "Арбер Краснићи", as Serbian media write it.
- Text already in the target script is returned unchanged; AS_WRITTEN returns the text as it is.

Pure: no Django. The reader's choice is passed in (citybridge.accounts.names holds it per
request).
"""

from __future__ import annotations

import re
from functools import lru_cache

import cyrtranslit

from citybridge.lib.text import is_cyrillic

AS_WRITTEN = "written"
LATIN = "latin"
CYRILLIC = "cyrillic"

# Macedonian letters Serbian Latin has no letter for (cyrtranslit's "mk" gives ǵ, ḱ).
_MACEDONIAN_TO_LATIN = {"ѓ": "gj", "ќ": "kj", "ѕ": "dz", "Ѓ": "Gj", "Ќ": "Kj", "Ѕ": "Dz"}

# Letters and digraphs outside the Serbian Latin alphabet, as the Serbian letter that sounds the
# same. Longest first; matched without regard to case, the case kept (see _keep_case).
_TO_SERBIAN_LATIN = {
    "xh": "dž",
    "sh": "š",
    "zh": "ž",
    "ch": "č",
    "dh": "d",
    "th": "t",
    "gj": "đ",
    "ç": "č",
    "q": "ć",
    "ë": "e",
    "y": "i",
    "x": "ks",
    "w": "v",
    "ä": "e",
    "ö": "o",
    "ü": "i",
}
_TO_MACEDONIAN_LATIN = {
    **_TO_SERBIAN_LATIN,
    "gj": "ǵ",
    "kj": "ḱ",
    "dz": "dz",
    "đ": "ǵ",
    "ć": "ḱ",
    "q": "ḱ",
}
_MACEDONIAN_FIXES = {"дз": "ѕ", "Дз": "Ѕ", "ДЗ": "Ѕ"}


def _pattern(table: dict[str, str]) -> re.Pattern[str]:
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys), re.IGNORECASE)


_SERBIAN = _pattern(_TO_SERBIAN_LATIN)
_MACEDONIAN = _pattern(_TO_MACEDONIAN_LATIN)


def _keep_case(found: str, replacement: str) -> str:
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[0].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_WORD = re.compile(r"\w+")


def _word_to_latin(word: str) -> str:
    latin = word
    for cyrillic, letters in _MACEDONIAN_TO_LATIN.items():
        latin = latin.replace(cyrillic, letters)
    latin = cyrtranslit.to_latin(latin, "sr")
    # A word in capitals stays in capitals: ЏАКИЋ → DŽAKIĆ, not DžAKIĆ.
    return latin.upper() if len(word) > 1 and word.isupper() else latin


def to_latin(text: str) -> str:
    """Cyrillic letters of `text` in Latin (Serbian Latin; Macedonian ѓ ќ ѕ as gj kj dz)."""
    return _WORD.sub(lambda m: _word_to_latin(m.group(0)), text)


def to_cyrillic(text: str, rules: str = "sr") -> str:
    """Latin letters of `text` in Cyrillic, by the Serbian rules or (rules="mk") Macedonian."""
    table, pattern = (
        (_TO_MACEDONIAN_LATIN, _MACEDONIAN) if rules == "mk" else (_TO_SERBIAN_LATIN, _SERBIAN)
    )
    latin = pattern.sub(lambda m: _keep_case(m.group(0), table[m.group(0).lower()]), text)
    cyrillic = cyrtranslit.to_cyrillic(latin, "mk" if rules == "mk" else "sr")
    if rules == "mk":
        for found, letter in _MACEDONIAN_FIXES.items():
            cyrillic = cyrillic.replace(found, letter)
    return cyrillic


@lru_cache(maxsize=65536)
def in_script(text: str, script: str, rules: str = "sr") -> str:
    """`text` in `script` (AS_WRITTEN, LATIN or CYRILLIC); see the module docstring."""
    if not text or script not in (LATIN, CYRILLIC):
        return text
    if script == LATIN:
        return to_latin(text) if not text.isascii() else text
    if is_cyrillic(text):
        return text
    return to_cyrillic(text, rules)
