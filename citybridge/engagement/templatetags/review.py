"""The review queue's reasons in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def reason(value: Any) -> str:
    """One reason of a queued pair, as words: {"text": msgid, "args": {...}} (the candidates'
    reasons, citybridge/lib/resolution/candidates.py) translated with its names put in, or the
    engine's plain English as written (translated where the catalog has those words)."""
    if isinstance(value, dict):
        text, args = str(value.get("text", "")), value.get("args") or {}
        translated = gettext(text) if text else ""
        try:
            return translated % args if args else translated
        except (KeyError, TypeError, ValueError):
            return text % args if args else text
    return gettext(str(value)) if value else ""
