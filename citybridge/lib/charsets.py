"""Which text encoding a CSV from the Western Balkans was saved in, decided from its content.

Partners send UTF-8 (with or without a BOM), Windows-1250 (Latin with č ć š ž đ) or
Windows-1251 (Serbian and Macedonian Cyrillic). Any byte string decodes without error in both
single-byte code pages, so "try until one works" silently turns Cyrillic into Latin garbage.
Instead we decode with every candidate and score how plausible the text is for this region:
letters of the regional alphabets earn points; symbols that only appear in mojibake, and words
that mix Latin and Cyrillic letters, lose them.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache

# Serbian and Macedonian Cyrillic; what sheets from this region are written in.
_REGIONAL_CYRILLIC = frozenset(
    "абвгдђежзијклљмнњопрстћуфхцчџшѓќѕѐѝАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШЃЌЅЀЍ"
)
# Latin letters of Bosnian, Croatian, Montenegrin, Serbian and Albanian.
_REGIONAL_LATIN = frozenset("čćšžđëçČĆŠŽĐËÇ")
# Letters of other languages: plausible in a foreign guest's name, never frequent.
_FOREIGN_LETTERS = frozenset(
    "áàâäãåæéèêíìîïñóòôöõøœúùûüýÿßğışőűąęłńśźżÁÀÂÄÃÅÆÉÈÊÍÌÎÏÑÓÒÔÖÕØŒÚÙÛÜÝŸĞİŞŐŰĄĘŁŃŚŹŻ"
    "ыэъьёщйюяєіїґЫЭЪЬЁЩЙЮЯЄІЇҐ"
)
_HARMLESS = frozenset("\u00a0–—‘’‚“”„«»…•·°№€§©®™×")

_WORD = re.compile(r"[^\W\d_]+")

# ISO-8859-2 last: it wins only where cp1250 reads its š/ž/Š/Ž (0xB9, 0xBE, 0xA9, 0xAE) as symbols.
CANDIDATES: tuple[str, ...] = ("utf-8", "cp1250", "cp1251", "iso-8859-2")
CODE_PAGES = CANDIDATES[1:]
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")


def _plausibility(text: str) -> float:
    """Each character and word is scored once (a file repeats a few dozen letters and a few
    hundred words over thousands of rows, a line its words across lines): all points are
    halves, so the sum is exact in any order."""
    if text.isascii():
        return 0.0
    score = 0.0
    if len(text) > _LONG:
        for ch, n in Counter(text).items():
            if ch >= "\x80":
                score += n * _character_points(ch)
    else:
        for ch in text:
            if ch >= "\x80":
                score += _character_points(ch)
    for word in _WORD.findall(text):
        if not word.isascii():
            score += _word_points(word)
    return score


# Longer texts (a whole file) are counted first, shorter ones (a line) read as they are.
_LONG = 2000


@lru_cache(maxsize=4096)
def _character_points(ch: str) -> float:
    if ch in _REGIONAL_CYRILLIC or ch in _REGIONAL_LATIN:
        return 2
    if ch in _FOREIGN_LETTERS:
        return 0.5
    if ch in _HARMLESS:
        return 0
    # Ŕ, ĺ, ˘, ‰, C1 controls...: what a wrong code page produces.
    return -5


@lru_cache(maxsize=65536)
def _word_points(word: str) -> float:
    cyrillic = sum(1 for c in word if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in word if c.isascii() or "\u00c0" <= c <= "\u024f")
    accented = sum(1 for c in word if not c.isascii() and not "\u0400" <= c <= "\u04ff")
    non_ascii = len(word) - sum(1 for c in word if c.isascii())
    if cyrillic and latin:
        # "Љжekiж" is cp1250 read as cp1251: undo the points its letters earned, and more.
        return -5 * non_ascii
    if len(word) >= 4 and accented * 2 > len(word):
        # Real Latin-script words carry a few diacritics, not mostly diacritics.
        return -3 * accented
    return 0


def detect_encoding(data: bytes) -> str | None:
    """The encoding `data` was most plausibly written in, or None when no candidate is plausible.

    A BOM decides outright. Pure ASCII is reported as "utf-8".
    """
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if data.isascii():
        return "utf-8"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        # Text in a single-byte code page almost never forms valid multi-byte UTF-8 sequences,
        # while UTF-8 Cyrillic read as cp1251 looks like plausible Cyrillic ("РџСЂРёС€С‚РёРЅР°"):
        # a clean UTF-8 decode decides.
        return "utf-8"
    best: tuple[float, str] | None = None
    for encoding in CANDIDATES[1:]:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding)
    if best is None or best[0] <= 0:
        return None
    return best[1]


def mixes_encodings(data: bytes) -> bool:
    """Whether a file that is not valid UTF-8 holds parts saved in different encodings.

    Either it carries UTF-8 sequences for the region's letters among single-byte text (rows
    pasted from a UTF-8 file), or some lines read plausibly only in one code page and others
    only in another (Latin rows in cp1250, Cyrillic rows in cp1251).
    """
    regional = _REGIONAL_LATIN | _REGIONAL_CYRILLIC
    # Only a run of non-ASCII bytes that is valid UTF-8 as a whole was pasted as UTF-8: inside
    # a single-byte word a pair can look like one by chance ("МАРЈАНОВИЋ" in Windows-1251
    # holds "РЈ", the UTF-8 bytes of "У"). Two or more: one could be a caps Cyrillic word
    # before a dash or quote ("СЕКТОР–").
    pasted = 0
    for run in _NON_ASCII_RUN.findall(data):
        try:
            text = run.decode("utf-8")
        except UnicodeDecodeError:
            continue
        pasted += sum(1 for c in text if c in regional)
    if pasted >= 2:
        return True
    votes = set()
    for line in data.splitlines():
        if line.isascii():
            continue
        scores = sorted(
            ((_plausibility(line.decode(e, errors="replace")), e) for e in ("cp1250", "cp1251")),
            reverse=True,
        )
        # A line votes only when one reading is clearly right and the other clearly wrong.
        if scores[0][0] > 0 and scores[0][0] - scores[1][0] >= 4:
            votes.add(scores[0][1])
    return len(votes) > 1
