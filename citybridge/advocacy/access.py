"""Permission-checked lookups for advocacy: 404 when missing or not visible to the user."""

from __future__ import annotations

from django.http import Http404

from citybridge.accounts.scopes import scope_of
from citybridge.advocacy.models import AdvocacyAction, Testimonial


def get_advocacy_action_for_user(user, pk: int) -> AdvocacyAction:
    try:
        return (
            AdvocacyAction.objects.visible_to(user)
            .select_related("hub", "organisation", "engagement")
            .get(pk=pk)
        )
    except AdvocacyAction.DoesNotExist:
        raise Http404("No such advocacy action.") from None


def get_testimonial_for_user(user, pk: int) -> Testimonial:
    try:
        return Testimonial.objects.visible_to(user).select_related("person", "city").get(pk=pk)
    except Testimonial.DoesNotExist:
        raise Http404("No such testimonial.") from None


def sees_advocacy_rows(user, hub_id: int) -> bool:
    """Staff and focal points see advocacy rows; donors and experts only the pipeline's numbers."""
    scope = scope_of(user)
    return scope.is_staff_of(hub_id) or hub_id in scope.focal_cities
