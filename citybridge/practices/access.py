"""Permission-checked lookups for the practice library: 404 when missing or not visible."""

from __future__ import annotations

from django.http import Http404

from citybridge.accounts.scopes import scope_of
from citybridge.practices.models import Practice


def get_practice_for_user(user, pk: int) -> Practice:
    """The library is the whole network's: anyone with a role in a hub may read it."""
    if not scope_of(user).hubs:
        raise Http404("No such practice.")
    try:
        return Practice.objects.select_related("origin_country", "origin_city", "contact").get(
            pk=pk
        )
    except Practice.DoesNotExist:
        raise Http404("No such practice.") from None
