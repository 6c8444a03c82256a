"""The review queue's reasons in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext

from citybridge.network.names import shown_name

register = template.Library()


def _argument(key: str, value: object, dates: list) -> object:
    if key in dates:
        try:
            return date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT")
        except ValueError:
            return value
    return shown_name(value) if isinstance(value, str) else value


@register.filter
def reason(value: Any) -> str:
    """One reason of a queued pair, as words: a `Reason` (citybridge.lib.resolution.reasons)
    translated, its names in the reader's script and its days in the reader's date format; a
    reason stored as plain English before reasons were msgids, as written (translated where
    the catalog has those words)."""
    if isinstance(value, dict):
        text, args = str(value.get("text", "")), value.get("args") or {}
        translated = gettext(text) if text else ""
        if not args:
            return translated
        dates = value.get("dates") or []
        shown = {key: _argument(key, v, dates) for key, v in args.items()}
        try:
            return translated % shown
        except (KeyError, TypeError, ValueError):
            return text % args
    return gettext(str(value)) if value else ""
