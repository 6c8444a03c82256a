"""The search key of the practice library: one spelling for every script, accent and dialect.

`fold` (citybridge.lib.text) already maps Cyrillic to Latin, strips diacritics and lowercases.
What it leaves is the yat reflex: the same word is ijekavian in Bosnia and Montenegro and ekavian
in Serbia (savjet/savet, mlijeko/mleko, dijete/dete). The key writes every one ekavian.
"""

from __future__ import annotations

import re

from citybridge.lib.text import fold

# "ije" or "je" after a consonant is the ijekavian reflex of yat; "e" is its ekavian twin. After a
# vowel or at the start of a word ("moje", "jezik") it is an ordinary "je" and stays.
_YAT = re.compile(r"(?<=[bcdfghklmnprstvzž])i?je")
_NOT_WORD = re.compile(r"[^\w]+")


def ekavian(text: str) -> str:
    """'savjet mladih' -> 'savet mladih'; 'mlijeko' -> 'mleko'; 'moje' and 'jezik' unchanged."""
    return _YAT.sub("e", text)


def search_key(text: str) -> str:
    """The key a text is stored and searched under: folded, ekavian, punctuation as spaces."""
    return " ".join(_NOT_WORD.sub(" ", ekavian(fold(text))).split())


def query_terms(text: str) -> list[str]:
    """The words of a search, each of which must occur in a practice's key."""
    return search_key(text).split()
