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


# Parameters of the download itself, never carried over from the page.
NOT_CARRIED = frozenset({"page", "format", "hxl"})


@register.simple_tag(takes_context=True)
def download_params(context: template.Context) -> list[tuple[str, str]]:
    """The page's filters as (name, value) pairs, for the hidden fields of its download form
    (includes/download.html): the file holds the rows these filters find, every page of them."""
    request = context.get("request")
    if request is None:
        return []
    return [
        (key, value)
        for key, values in request.GET.lists()
        if key not in NOT_CARRIED
        for value in values
        if value.strip()
    ]
