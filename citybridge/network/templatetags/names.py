"""`{{ person|name }}`, `{{ city.name|name }}`, `{{ cities|names|join:", " }}`: names in the
reader's script (citybridge.network.names); `{{ code|language_in_words }}`; `{{ text|fold }}`
(lib.text.fold: the key a picker searches). Built in to every template (settings.TEMPLATES)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from citybridge.lib.language_names import language_name as named_language
from citybridge.lib.language_names import language_names as named_languages
from citybridge.lib.text import fold as folded
from citybridge.network.models import KOSOVO_FOOTNOTE
from citybridge.network.names import shown_name

register = template.Library()


@register.filter
def name(value: Any) -> str:
    return shown_name(value)


@register.filter
def names(values: Iterable[Any]) -> list[str]:
    return [shown_name(v) for v in values]


@register.filter
def language_in_words(code: str) -> str:
    """`{{ need.language|language_in_words }}`: "cnr" as "Montenegrin", in the reader's language."""
    return named_language(code or "")


@register.filter
def languages_in_words(codes: str) -> str:
    """`{{ practice.languages|languages_in_words }}`: "bs, en" as "Bosnian and English"."""
    return named_languages((codes or "").replace(";", ",").replace(" ", ",").split(","))


@register.filter
def fold(value: Any) -> str:
    """`{{ option.label|fold }}`: the key the searchable picker matches a query against."""
    return folded(str(value))


@register.simple_tag
def kosovo_footnote() -> str:
    """The footnote every page naming Kosovo* carries, in the reader's language (its one text is
    network.models.KOSOVO_FOOTNOTE, shared with the brief)."""
    return str(KOSOVO_FOOTNOTE)
