"""What the city page shows of needs, without the network's view importing needs."""

from __future__ import annotations

from django import template

from citybridge.needs.models import Need
from citybridge.network.models import LocalGovernment

register = template.Library()


@register.simple_tag(takes_context=True)
def city_needs(context, city: LocalGovernment) -> dict:
    """The city's needs the user may read, newest first, each with the support that answers it,
    split into still open and done (met or dropped)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    needs = list(
        Need.objects.visible_to(user)
        .filter(city=city)
        .select_related("theme", "source_engagement")
        .prefetch_related("support_actions")
        .order_by("-raised_on")
    )
    return {
        "open": [n for n in needs if n.is_open],
        "done": [n for n in needs if not n.is_open],
        "any": bool(needs),
    }
