"""Permission-checked lookups for support: 404 when missing or not visible to the user."""

from __future__ import annotations

from django.http import Http404

from citybridge.accounts.scopes import scope_of
from citybridge.support.models import ActionPlan, Mechanism, Milestone, SupportAction


def get_support_action_for_user(user, pk: int) -> SupportAction:
    try:
        return (
            SupportAction.objects.visible_to(user)
            .select_related("hub", "city__country", "organisation__country", "funder")
            .get(pk=pk)
        )
    except SupportAction.DoesNotExist:
        raise Http404("No such support action.") from None


def get_milestone_for_user(user, pk: int) -> Milestone:
    try:
        return Milestone.objects.visible_to(user).select_related("action").get(pk=pk)
    except Milestone.DoesNotExist:
        raise Http404("No such milestone.") from None


def get_mechanism_for_user(user, pk: int) -> Mechanism:
    try:
        return Mechanism.objects.visible_to(user).select_related("city__country").get(pk=pk)
    except Mechanism.DoesNotExist:
        raise Http404("No such mechanism.") from None


def get_action_plan_for_user(user, pk: int) -> ActionPlan:
    try:
        return ActionPlan.objects.visible_to(user).select_related("city", "organisation").get(pk=pk)
    except ActionPlan.DoesNotExist:
        raise Http404("No such action plan.") from None


def sees_support_rows(user, hub_id: int) -> bool:
    """Staff, focal points and experts see support rows; a donor only the pipeline's numbers."""
    scope = scope_of(user)
    return scope.is_staff_of(hub_id) or hub_id in scope.focal_cities or hub_id in scope.expert_hubs
