"""Permission-checked lookups for needs: 404 when missing or not visible to the user."""

from __future__ import annotations

from django.http import Http404

from citybridge.needs.models import Need


def get_need_for_user(user, pk: int) -> Need:
    try:
        return (
            Need.objects.visible_to(user)
            .select_related("hub", "city__country", "theme", "source_engagement", "recorded_by")
            .get(pk=pk)
        )
    except Need.DoesNotExist:
        raise Http404("No such need.") from None
