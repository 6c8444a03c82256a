"""The practice library's search: by the words written, their stems and their meaning.

A practice is kept under `search_key` (citybridge.lib.text): folded to one spelling for every
script, accent and dialect. A search is read word by word; small words ("za", "e", "the") are left
out unless nothing else is said. A practice is found when it holds every other word:
- as written, anywhere in its key ("council" in "councils");
- or its stem at the start of a word ("sigurnosti" → "sigurnost…", "urrejtjes" → "urrejtj…");
- or in another language, by the concept the word speaks of (lib.vocabularies.concepts):
  "savjet" is a council (board, vijeće, këshill…), "gjuha e urrejtjes" is hate speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citybridge.lib.text import ekavian, search_key
from citybridge.lib.vocabularies.concepts import concepts_by_word
from citybridge.lib.vocabularies.matching import STOPWORDS, stem

__all__ = ["Term", "ekavian", "query_terms", "search_key", "terms_of"]


@dataclass(frozen=True)
class Term:
    """One word of a search (keyed, and as the reader wrote it) and what else may stand for it
    in a practice."""

    word: str
    stem: str
    concepts: frozenset[str]
    written: str


_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def terms_of(text: str) -> list[Term]:
    """The words of a search that a practice must hold, each with its stem and its concepts."""
    words = concepts_by_word(search_key(text))
    written = _WORDS.findall(text)
    if len(written) != len(words):  # a letter folded apart or together: show the keyed words
        written = [w for w, _c in words]
    kept = [
        (w, c, as_written)
        for (w, c), as_written in zip(words, written, strict=True)
        if w not in STOPWORDS
    ] or [(w, c, as_written) for (w, c), as_written in zip(words, written, strict=True)]
    return [Term(word=w, stem=stem(w), concepts=c, written=x) for w, c, x in kept]


def query_terms(text: str) -> list[str]:
    """The words of a search, small words left out (all of them if only small words)."""
    return [term.word for term in terms_of(text)]
