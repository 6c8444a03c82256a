"""Which of a brief's own words are still English: for the test that holds every language and
bench/brief_languages.py.

A brief's own wording is every text of its article outside an element that names another
language (`lang="en"`, or `lang=""` for a record's words of unknown language): the texts people
wrote in records are marked so, and are not the brief's to translate. A text is taken as English
when it appears as it is in the English brief and has an English word in it, or when it has two
of the commonest English words.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from citybridge.accounts.context_processors import HTML_LANG

ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "in",
        "for",
        "with",
        "by",
        "from",
        "to",
        "is",
        "are",
        "was",
        "were",
        "on",
        "more",
        "people",
        "cities",
        "city",
        "support",
        "engagements",
        "engagement",
        "figures",
        "figure",
        "member",
        "members",
        "other",
        "women",
        "men",
        "table",
        "count",
        "contact",
        "hosted",
        "raised",
        "actions",
        "action",
        "this",
        "that",
        "their",
        "its",
        "not",
        "recorded",
    ]
)
WORD = re.compile(r"[A-Za-z]+")
VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "col", "wbr", "source", "area"})


class _Texts(HTMLParser):
    """The texts of an article, each with the language of the element it stands in."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = [("", lang)]
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        given = dict(attrs)
        lang = given["lang"] if "lang" in given else self.stack[-1][1]
        self.stack.append((tag, lang or ""))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and self.stack[-1][0] not in ("style", "script"):
            self.texts.append((text, self.stack[-1][1] or ""))


def own_texts(html: str, lang: str) -> list[str]:
    """The texts of the article in its own language (those not marked as another's)."""
    parser = _Texts(lang)
    parser.feed(html)
    own = {lang.lower(), HTML_LANG.get(lang, lang).lower()}
    return [text for text, in_lang in parser.texts if in_lang.lower() in own]


def english_leftovers(
    html: str, lang: str, english_html: str, *, translated: re.Pattern[str] | None = None
) -> list[str]:
    """The brief's own texts in `html` (a brief in `lang`) that are still English. With
    `translated`, the parts of a text it matches are taken as translated (a test's
    pseudo-translation marks every catalog answer) and only the rest is looked at."""
    if lang == "en":
        return []
    english = set(own_texts(english_html, "en"))
    found = []
    for whole in own_texts(html, lang):
        text = whole
        while translated and (rest := translated.sub("", text)) != text:
            text = rest
        text = text.strip(" .,:;()—–-")
        words = [w.lower() for w in WORD.findall(text)]
        common = sum(1 for w in words if w in ENGLISH)
        if (text in english and common) or common >= 2:
            found.append(whole)
    return list(dict.fromkeys(found))
