"""Writes to support: one atomic function per change, the acting user named.

Each validates the whole record (model `clean`) before writing, so a bad status move, an
amount without a currency or a milestone due before the start raises a ValidationError and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.models import Engagement
from citybridge.needs.actions import change_need_status
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Theme
from citybridge.support.models import (
    ActionPlan,
    Disbursement,
    Expert,
    Mechanism,
    MechanismStage,
    Milestone,
    StatusChange,
    SupportAction,
)


def refuse_withdrawn(action_id: int) -> None:
    """A withdrawn action is kept as it was when withdrawn: nothing is edited or added to it.
    Read from the database, so a form's copy of the row cannot say otherwise."""
    if SupportAction.objects.withdrawn().filter(pk=action_id).exists():
        raise ValidationError(_("This support action was withdrawn: it cannot be changed."))


@records_acting_user
@transaction.atomic
def save_support_action(
    action: SupportAction,
    *,
    hub: Hub,
    needs: Iterable[Need] = (),
    themes: Iterable[Theme] = (),
    experts: Iterable[Expert] = (),
    peer_cities: Iterable[LocalGovernment] = (),
    engagements: Iterable[Engagement] = (),
    requested_on: dt.date | None = None,
    acting_user: User | None,
) -> SupportAction:
    """Create or update an action. A new one starts as requested, and that is its first recorded
    move (on `requested_on`, else its start date, else today). The status never changes here."""
    is_new = action.pk is None
    if not is_new:
        refuse_withdrawn(action.pk)
    hub.adopt(action)
    if is_new:
        action.status = SupportAction.Status.REQUESTED
    else:
        action.status = SupportAction.objects.values_list("status", flat=True).get(pk=action.pk)
    action.full_clean()
    action.save()
    action.needs.set(needs)
    action.themes.set(themes)
    action.experts.set(experts)
    action.peer_cities.set(peer_cities)
    action.engagements.set(engagements)
    if is_new:
        StatusChange.objects.create(
            action=action,
            from_status="",
            to_status=SupportAction.Status.REQUESTED,
            # No stored words: the page says "Recorded." in its reader's language.
            reason="",
            changed_by=acting_user,
            effective_on=requested_on or action.starts_on or timezone.localdate(),
        )
    return action


@records_acting_user
@transaction.atomic
def answer_need(action: SupportAction, need: Need, *, acting_user: User | None) -> bool:
    """An open need the action answers now counts as being addressed; the action remembers that
    it moved it, so withdrawing the action puts it back. True when the need moved."""
    if need.status != Need.Status.OPEN:
        return False
    change_need_status(need, Need.Status.BEING_ADDRESSED, acting_user=acting_user)
    action.moved_needs.add(need)
    return True


@records_acting_user
@transaction.atomic
def withdraw_support_action(
    action: SupportAction, *, reason: str, acting_user: User | None
) -> list[Need]:
    """Withdraw an action recorded by mistake: kept with when, by whom and why, and left out of
    every count from now on. A need it moved to being addressed is open again, unless another
    support action on record answers it. Returns the needs put back.

    Refuses (ValidationError, nothing changed) an action withdrawn already, or no reason."""
    current = SupportAction.objects.select_for_update().get(pk=action.pk)
    if current.is_withdrawn:
        raise ValidationError(_("This support action was withdrawn already."))
    if not reason.strip():
        raise ValidationError(_("Say why the support action is withdrawn."))
    current.withdrawn_at = timezone.now()
    current.withdrawn_by = acting_user
    current.withdrawal_reason = reason.strip()
    current.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    reopened = []
    for need in current.moved_needs.filter(status=Need.Status.BEING_ADDRESSED):
        answered = SupportAction.objects.not_withdrawn().filter(needs=need).exists()
        if not answered:
            reopened.append(change_need_status(need, Need.Status.OPEN, acting_user=acting_user))
    action.withdrawn_at = current.withdrawn_at
    action.withdrawn_by = current.withdrawn_by
    action.withdrawal_reason = current.withdrawal_reason
    return reopened


@records_acting_user
@transaction.atomic
def move_support_status(
    action: SupportAction,
    to: str,
    *,
    reason: str,
    acting_user: User | None,
    effective_on: dt.date | None = None,
) -> StatusChange:
    """Move the action along its workflow and record who, when and why.

    Refuses (ValidationError, nothing changed) a move the workflow does not allow, a move
    without a reason, or one dated before the previous move.
    """
    # Read the status under the transaction: two officers moving at once cannot skip a step.
    current = SupportAction.objects.select_for_update().get(pk=action.pk)
    if message := current.workflow_error(to):
        raise ValidationError(message)
    if not reason.strip():
        raise ValidationError(_("Say why the status changes."))
    day = effective_on or timezone.localdate()
    last = current.status_changes.order_by("-effective_on").first()
    if last and day < last.effective_on:
        raise ValidationError(
            _("This move cannot take effect before the previous one (%(day)s).")
            % {"day": date_format(last.effective_on)}
        )
    change = StatusChange.objects.create(
        action=current,
        from_status=current.status,
        to_status=to,
        reason=reason.strip(),
        changed_by=acting_user,
        effective_on=day,
    )
    SupportAction.objects.filter(pk=current.pk).update(status=to)
    action.status = to
    return change


@records_acting_user
@transaction.atomic
def add_milestone(milestone: Milestone, *, acting_user: User | None) -> Milestone:
    refuse_withdrawn(milestone.action_id)
    milestone.full_clean()
    milestone.save()
    return milestone


@records_acting_user
@transaction.atomic
def complete_milestone(
    milestone: Milestone, *, done_on: dt.date, acting_user: User | None
) -> Milestone:
    refuse_withdrawn(milestone.action_id)
    milestone.done_on = done_on
    milestone.full_clean()
    milestone.save(update_fields=["done_on"])
    return milestone


@records_acting_user
@transaction.atomic
def add_disbursement(disbursement: Disbursement, *, acting_user: User | None) -> Disbursement:
    # Lock the grant: two disbursements entered at once cannot together exceed it.
    SupportAction.objects.select_for_update().get(pk=disbursement.action_id)
    refuse_withdrawn(disbursement.action_id)
    disbursement.full_clean()
    disbursement.save()
    return disbursement


@records_acting_user
@transaction.atomic
def save_mechanism(
    mechanism: Mechanism,
    *,
    support_actions: Iterable[SupportAction] = (),
    acting_user: User | None,
) -> Mechanism:
    mechanism.full_clean()
    mechanism.save()
    mechanism.support_actions.set(support_actions)
    return mechanism


@records_acting_user
@transaction.atomic
def record_mechanism_stage(stage: MechanismStage, *, acting_user: User | None) -> MechanismStage:
    """Record the date and evidence of a stage; stages keep their order in time."""
    stage.full_clean()
    stage.save()
    return stage


@records_acting_user
@transaction.atomic
def save_action_plan(
    plan: ActionPlan,
    *,
    hub: Hub,
    support_actions: Iterable[SupportAction] = (),
    acting_user: User | None,
) -> ActionPlan:
    hub.adopt(plan)
    plan.full_clean()
    plan.save()
    plan.support_actions.set(support_actions)
    return plan


@records_acting_user
@transaction.atomic
def save_expert(
    expert: Expert,
    *,
    hub: Hub,
    themes: Iterable[Theme] = (),
    acting_user: User | None,
) -> Expert:
    hub.adopt(expert)
    expert.full_clean(exclude=["user"])
    expert.save()
    expert.themes.set(themes)
    return expert
