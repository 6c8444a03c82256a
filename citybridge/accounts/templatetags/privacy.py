"""`{{ figure|people_cell:hide_small }}`: a count of people as a donor may see it (disclosure)."""

from __future__ import annotations

from typing import Any

from django import template

from citybridge.accounts.disclosure import people_text

register = template.Library()


@register.filter
def people_cell(figure: Any, hide_small: bool) -> Any:
    """The figure's value, or, for a viewer who sees aggregates only, the value as the
    disclosure rule shows it ("<5" from 1 to 4, else rounded to 5). Figures of cities are
    shown as they are."""
    value = figure.value
    counts_people = getattr(figure, "record_model", "person") == "person"
    if hide_small and counts_people:
        return people_text(value)
    return value
