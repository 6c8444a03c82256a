"""Fold text to one comparable key across scripts, diacritics, case and punctuation.

`fold("Ђорђе  ČOLIĆ-Šćekić")` == `fold("Djordje Colic Scekic")` == "djordje colic scekic".

Rules, chosen for the Western Balkans:
- Cyrillic is transliterated with the Serbian/Montenegrin and Macedonian Latin alphabets
  (cyrtranslit's tables), then made ASCII the way people of the region type without diacritics:
  ђ/đ → dj, ѓ → gj, ќ → kj (Macedonian Latin practice, "Gjorgji"), џ → dz, ѕ → dz, љ → lj,
  њ → nj, ј → j, ч/ћ → c, ш → s, ж → z. Letters of other Cyrillic alphabets (я, щ, ы...) take the
  usual Russian/Ukrainian/Bulgarian romanisation.
- Latin diacritics are dropped (č ć → c, š → s, ž → z, ë → e, ç → c), đ → dj.
- Letters and digits are kept, apostrophes are dropped ("O'Neill" → "oneill"), every other
  character is a word break, and breaks are collapsed to one space.

The result is lowercase ASCII and `fold(fold(x)) == fold(x)`.

`search_key` goes one step further for searching words (the practice library, the header
search, the matcher's lexicon): it also writes the ijekavian reflex of yat ekavian.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cyrtranslit.mapping import TRANSLIT_DICT

# Region-specific choices that differ from cyrtranslit (which gives ǵ, ḱ, đ) or that it lacks.
_REGION_CYRILLIC = {
    "ђ": "dj",
    "ѓ": "gj",
    "ќ": "kj",
    "џ": "dz",
    "ѕ": "dz",
    "ћ": "c",
    "ч": "c",
    "й": "j",
    "ё": "e",
    "є": "je",
    "і": "i",
    "ї": "ji",
    "ґ": "g",
    "ў": "u",
    "ъ": "",
    "ь": "",
    "ы": "y",
    "э": "e",
    "я": "ja",
    "ю": "ju",
    "щ": "sht",
    "ѐ": "e",
    "ѝ": "i",
}
_LATIN_SPECIAL = {
    "đ": "dj",
    "ð": "dj",
    "ł": "l",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ı": "i",
    "þ": "th",
    "ŀ": "l",
}
_APOSTROPHES = "'’‘`´ʼ"
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for language in ("ru", "bg", "mk", "me", "sr"):  # later ones win: the region's rules last
        for cyrillic, latin in TRANSLIT_DICT[language]["tolatin"].items():
            if len(cyrillic) == 1 and "\u0400" <= cyrillic <= "\u04ff":
                table[ord(cyrillic.lower())] = latin.lower()
    for cyrillic, latin in _REGION_CYRILLIC.items():
        table[ord(cyrillic)] = latin
    for letter, latin in _LATIN_SPECIAL.items():
        table[ord(letter)] = latin
    for point in list(table):
        table[point] = _ascii(table[point].replace("đ", "dj"))
    for mark in _APOSTROPHES:
        table[ord(mark)] = ""
    return table


_TABLE = _build_table()


def fold_table() -> dict[str, str]:
    """The letters `fold` spells otherwise before it drops diacritics, for the picker's own fold
    in the browser (static/citybridge/site.js), which must agree with this one."""
    return {chr(point): latin for point, latin in sorted(_TABLE.items())}


def is_cyrillic(text: str) -> bool:
    """True when most letters of `text` are Cyrillic."""
    cyrillic = latin = 0
    for c in text:
        if "\u0400" <= c <= "\u04ff":
            cyrillic += 1
        elif c.isalpha():
            latin += 1
    return cyrillic > latin


# Sheets repeat the same cells (names, organisations, roles, places) on thousands of rows.
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The lowercase ASCII key of `text` (see the module docstring)."""
    if not text:
        return ""
    if text.isascii():
        lowered = text.lower()
        for mark in "'`":
            lowered = lowered.replace(mark, "")
        return _NON_WORD.sub(" ", lowered).strip()
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    # Lowercase first so one table entry serves both cases (Đ → đ → dj, not DJ).
    latin = text.lower().translate(_TABLE)
    if not latin.isascii():
        latin = _ascii(latin)
    return _NON_WORD.sub(" ", latin).strip()


def fold_email(email: str) -> str:
    """An e-mail address as a comparable key: trimmed and lowercased, "" if it is not one."""
    address = email.strip().strip("<>").lower()
    if address.startswith("mailto:"):
        address = address[7:]
    local, at, domain = address.partition("@")
    if not at or not local or "." not in domain or " " in address:
        return ""
    return address


# "ije" or "je" after a consonant is the ijekavian reflex of yat; "e" is its ekavian twin. After a
# vowel or at the start of a word ("moje", "jezik") it is an ordinary "je" and stays.
_YAT = re.compile(r"(?<=[bcdfghklmnprstvzž])i?je")
_NOT_WORD = re.compile(r"[^\w]+")


def ekavian(text: str) -> str:
    """'savjet mladih' -> 'savet mladih'; 'mlijeko' -> 'mleko'; 'moje' and 'jezik' unchanged.

    The same word is ijekavian in Bosnia and Montenegro and ekavian in Serbia (savjet/savet,
    mlijeko/mleko, dijete/dete)."""
    return _YAT.sub("e", text)


# The header search keys every visible record's words on each search (search.kinds).
@lru_cache(maxsize=16384)
def search_key(text: str) -> str:
    """The key a text is stored and searched under: folded, ekavian, punctuation as spaces."""
    return " ".join(_NOT_WORD.sub(" ", ekavian(fold(text))).split())


# The Serbian and Macedonian Cyrillic alphabets in one order (each language's letters keep their
# own order; ѓ ѕ ќ fall where Macedonian puts them).
CYRILLIC_ORDER = "абвгдѓђежзѕијклљмнњопрстќћуфхцчџш"
# After its base letter, in this order: č before ć (Serbian, Bosnian, Croatian), then ç, ë.
MARK_ORDER = "\u030c\u0301\u0327\u0308"
# Letters that are not a base letter with a mark in Unicode, placed as one: đ after d's others.
LETTER_AS_MARKED = {"đ": ("d", len(MARK_ORDER) + 1)}


def collation_key(text: str) -> tuple:
    """Sort `text` as a reader of the region's languages expects: letters with a diacritic right
    after their base letter (c, č, ć, d, đ, e, ë), Cyrillic in its own alphabet's order (ђ after
    д, ј after и, not after я as in Unicode), case ignored. Digraphs (lj, nj, dž, sh) sort as their
    two letters; good enough for lists of country and city names."""
    key = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if (at := CYRILLIC_ORDER.find(ch)) >= 0:
            key.append((2, at, 0))
            continue
        if ch in LETTER_AS_MARKED:
            base, rank = LETTER_AS_MARKED[ch]
        else:
            base, marks = ch, ""
            if len(decomposed := unicodedata.normalize("NFD", ch)) > 1:
                base, marks = decomposed[0], decomposed[1:]
            if not marks:
                rank = 0
            elif marks[0] in MARK_ORDER:
                rank = MARK_ORDER.index(marks[0]) + 1
            else:
                rank = len(MARK_ORDER) + 2
        # Spaces and punctuation first: "Bosna i" before "Bosnaa".
        key.append((1 if base.isalnum() else 0, ord(base), rank))
    return tuple(key)
