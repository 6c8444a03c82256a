"""Every word a template shows goes through {% translate %} or {% blocktranslate %}: a static
check over citybridge/templates, so an English word cannot slip into a translated page."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"

REMOVED = [
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"<(script|style)\b.*?</\1>", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
    re.compile(r"<!--.*?-->", re.S),
]
TAG = re.compile(r"<[^>]*>", re.S)
# Attributes a person reads (tooltips, screen readers, empty fields, pictures).
READ_ATTRIBUTE = re.compile(
    r"""\b(title|aria-label|placeholder|alt)\s*=\s*"([^"]*)"|\b(title|aria-label|placeholder|alt)\s*=\s*'([^']*)'"""
)
WORD = re.compile(r"[^\W\d_]{2,}")

# Words that are the same in every language: the product's name, file formats, units.
ALLOWED = {
    "CityBridge",
    "CSV",
    "XLSX",
    "PDF",
    "DOCX",
    "HTML",
    "JSON",
    "ISO",
    "IATI",
    "MFA",
    "TOTP",
    "Kosovo",
}


def untranslated(source: str) -> list[str]:
    text = source
    for pattern in REMOVED:
        text = pattern.sub(" ", text)
    found = []
    for match in READ_ATTRIBUTE.finditer(text):
        value = match.group(2) if match.group(2) is not None else match.group(4)
        found += [w for w in WORD.findall(value) if w not in ALLOWED]
    text = TAG.sub(" ", text)
    text = re.sub(r"&[a-z]+;|&#\d+;", " ", text)
    found += [w for w in WORD.findall(text) if w not in ALLOWED]
    return found


def test_no_template_shows_words_outside_translate_tags():
    wrong = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        words = untranslated(path.read_text())
        if words:
            wrong[str(path.relative_to(TEMPLATES))] = words[:8]
    assert not wrong, f"Words outside {{% translate %}}: {wrong}"


def test_the_check_finds_a_word_left_in_english():
    assert untranslated("<p>Save</p>") == ["Save"]
    assert untranslated('<a title="Open it">{% translate "Open" %}</a>') == ["Open", "it"]
    assert untranslated("<p>{% translate 'Save' %} {{ user.name }} CityBridge</p>") == []
    assert untranslated("{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}") == []
