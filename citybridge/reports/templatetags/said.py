"""{{ text|said }}: a text people wrote, in an element that names its language."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def said(text: object) -> SafeString:
    """`<span lang="sq">…</span>` for a lib.translations.Said; `lang=""` (unknown) for any
    other text, so a page in one language never claims a record's words as its own."""
    if not text:
        return SafeString("")
    return format_html('<span lang="{}">{}</span>', getattr(text, "lang", ""), text)
