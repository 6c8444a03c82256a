"""{{ text|said }}: a text people wrote, in an element that names its language."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from citybridge.accounts.context_processors import HTML_LANG

register = template.Library()


@register.filter
def said(text: object) -> SafeString:
    """`<span lang="sq">…</span>` for a lib.translations.Said; `lang=""` (unknown) for any
    other text, so a page in one language never claims a record's words as its own."""
    if not text:
        return SafeString("")
    lang = getattr(text, "lang", "")
    return format_html('<span lang="{}">{}</span>', HTML_LANG.get(lang, lang), text)


@register.filter
def html_lang(code: str) -> str:
    """A language code as HTML writes it, with the script where it matters ("sr-Cyrl")."""
    return HTML_LANG.get(code, code)
