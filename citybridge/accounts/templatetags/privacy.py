"""`{{ figure|people_cell:hide_small }}`: a count of people under 5 shown as "<5" to donors."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

# The same threshold as the brief's charts (reports.graphics.charts.SMALL_CELL).
SMALL_CELL = 5


@register.filter
def people_cell(figure: Any, hide_small: bool) -> Any:
    """The figure's value, or "<5" when it counts 1 to 4 people and the viewer sees aggregates
    only: a handful of people in a period can be singled out."""
    value = figure.value
    counts_people = getattr(figure, "record_model", "person") == "person"
    if hide_small and counts_people and 0 < value < SMALL_CELL:
        return f"<{SMALL_CELL}"
    return value
