"""The permission-checked lookup of a published brief: 404 when missing or not visible."""

from __future__ import annotations

from django.http import Http404

from citybridge.reports.models import PublishedBrief


def get_published_brief_for_user(user, pk: int) -> PublishedBrief:
    try:
        return (
            PublishedBrief.objects.visible_to(user)
            .select_related("hub", "published_by", "funder")
            .get(pk=pk)
        )
    except PublishedBrief.DoesNotExist:
        raise Http404("No such brief.") from None
