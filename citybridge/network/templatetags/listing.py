"""What a list page's collapsed filters say about themselves."""

from django import template

register = template.Library()

# Parameters that page or order a list rather than narrow it.
NOT_FILTERS = frozenset({"page", "sort", "order"})


@register.simple_tag(takes_context=True)
def filters_set(context: template.Context) -> int:
    """How many filters the request narrows the list by: its non-empty query parameters."""
    request = context.get("request")
    if request is None:
        return 0
    return sum(
        1
        for key, values in request.GET.lists()
        if key not in NOT_FILTERS and any(v.strip() for v in values)
    )
