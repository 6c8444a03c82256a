"""`{{ person|name }}`, `{{ city.name|name }}`, `{{ cities|names|join:", " }}`: names in the
reader's script (citybridge.network.names). Built in to every template (settings.TEMPLATES)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from citybridge.network.names import shown_name

register = template.Library()


@register.filter
def name(value: Any) -> str:
    return shown_name(value)


@register.filter
def names(values: Iterable[Any]) -> list[str]:
    return [shown_name(v) for v in values]
