"""Support actions with their milestones, disbursements and status history, moving one's
status, and the cities' mechanisms. Support rows are for hub staff, a focal point (their city's)
and an expert (their deployments); donors read the pipeline's numbers on the pages, and get 403
here. Mechanisms are about cities, not people: every role reads them, as on the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from citybridge.api.auth import hub_of, require_staff, role_refusal
from citybridge.api.errors import Refused, form_refused
from citybridge.api.paging import PageQuery, page_of
from citybridge.support.access import (
    get_mechanism_for_user,
    get_support_action_for_user,
    sees_support_rows,
)
from citybridge.support.actions import move_support_status
from citybridge.support.forms import StatusMoveForm, SupportFilterForm
from citybridge.support.models import Mechanism, SupportAction

router = Router(tags=["support and mechanisms"])


class SupportOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    city: int | None
    organisation: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    funder: str | None
    amount: Decimal | None
    currency: str
    themes: list[str]
    needs: list[int]
    withdrawn: bool


class MilestoneOut(Schema):
    title: str
    due_on: dt.date
    done_on: dt.date | None


class DisbursementOut(Schema):
    amount: Decimal
    paid_on: dt.date


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    reason: str
    changed_by: str | None
    effective_on: dt.date


class SupportDetailOut(SupportOut):
    description: str
    milestones: list[MilestoneOut]
    disbursements: list[DisbursementOut]
    status_changes: list[StatusChangeOut]
    withdrawal_reason: str


class SupportPage(Schema):
    results: list[SupportOut]
    next: str | None


class SupportFilters(Schema):
    status: str | None = None
    kind: str | None = None
    city: int | None = None
    country: str | None = None
    theme: str | None = None
    funder: str | None = None
    start: str | None = Field(None, description="started on or after, e.g. 2026-01-01")
    end: str | None = Field(None, description="started on or before")
    withdrawn: bool = Field(False, description="true: only the withdrawn actions")


class StatusMoveIn(Schema):
    to: SupportAction.Status
    reason: str
    effective_on: str | None = Field(None, description="e.g. 2026-12-07; empty: today")


class StageOut(Schema):
    stage: str
    reached_on: dt.date
    evidence: str


class MechanismOut(Schema):
    id: int
    city: int
    kind: str
    name: str
    stages: list[StageOut]
    support_actions: list[int]


class MechanismPage(Schema):
    results: list[MechanismOut]
    next: str | None


def support_out(a: SupportAction) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "kind": a.kind,
        "status": a.status,
        "city": a.city_id,
        "organisation": a.organisation.name if a.organisation else None,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "funder": a.funder.name if a.funder else None,
        "amount": a.amount,
        "currency": a.currency,
        "themes": [t.slug for t in a.themes.all()],
        "needs": [n.pk for n in a.needs.all()],
        "withdrawn": a.withdrawn_at is not None,
    }


def support_detail_out(a: SupportAction) -> dict:
    changes = a.status_changes.select_related("changed_by").order_by("effective_on", "pk")
    return support_out(a) | {
        "description": a.description,
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "done_on": m.done_on} for m in a.milestones.all()
        ],
        "disbursements": [
            {"amount": d.amount, "paid_on": d.paid_on} for d in a.disbursements.all()
        ],
        "status_changes": [
            {
                "from_status": c.from_status,
                "to_status": c.to_status,
                "reason": c.reason,
                "changed_by": c.changed_by.username if c.changed_by else None,
                "effective_on": c.effective_on,
            }
            for c in changes
        ],
        "withdrawal_reason": a.withdrawal_reason,
    }


def require_support_rows(request: HttpRequest) -> None:
    if not sees_support_rows(request.user, hub_of(request).pk):
        raise role_refusal()


@router.get("/support", response=SupportPage, url_name="support_list")
def support_list(request: HttpRequest, filters: Query[SupportFilters], page: Query[PageQuery]):
    """Support actions, newest first, with the support list's filters (`start`/`end` by the
    day the action started); withdrawn actions only with `withdrawn=true`."""
    require_support_rows(request)
    form = SupportFilterForm({k: v for k, v in filters.dict().items() if v not in (None, "")})
    if not form.is_valid():
        raise form_refused(form, _("The filters could not be read: see errors."))
    shown = SupportAction.objects.visible_to(request.user).of_hub(hub_of(request))
    shown = shown.withdrawn() if filters.withdrawn else shown.not_withdrawn()
    rows, cursor = page_of(form.apply(shown), page)
    found = {
        a.pk: a
        for a in SupportAction.objects.filter(pk__in=[r.pk for r in rows])
        .select_related("organisation", "funder")
        .prefetch_related("themes", "needs")
    }
    return {"results": [support_out(found[r.pk]) for r in rows], "next": cursor}


@router.get("/support/{pk}", response=SupportDetailOut, url_name="support_detail")
def support_detail(request: HttpRequest, pk: int):
    """One support action with its milestones, disbursements and every status move."""
    require_support_rows(request)
    return support_detail_out(get_support_action_for_user(request.user, pk))


@router.post("/support/{pk}/status", response=SupportDetailOut, url_name="support_move")
def support_move(request: HttpRequest, pk: int, payload: StatusMoveIn):
    """Move the action's status along its workflow, saying why (hub staff). Recorded with your
    name and the day, as on the action's page."""
    require_staff(request)
    action = get_support_action_for_user(request.user, pk)
    if action.is_withdrawn:
        raise Refused(
            400,
            _("%(title)s was withdrawn, so it can no longer be changed.") % {"title": action.title},
        )
    form = StatusMoveForm(
        {"to": payload.to, "reason": payload.reason, "effective_on": payload.effective_on or ""},
        action=action,
    )
    if not form.is_valid():
        raise form_refused(form, _("The status was not changed: see errors."))
    move_support_status(
        action,
        form.cleaned_data["to"],
        reason=form.cleaned_data["reason"],
        effective_on=form.cleaned_data["effective_on"],
        acting_user=request.user,  # type: ignore[arg-type]
    )
    return support_detail_out(get_support_action_for_user(request.user, pk))


def mechanism_out(m: Mechanism) -> dict:
    return {
        "id": m.pk,
        "city": m.city_id,
        "kind": m.kind,
        "name": m.name,
        "stages": [
            {"stage": s.stage, "reached_on": s.reached_on, "evidence": s.evidence}
            for s in m.stages.all()
        ],
        "support_actions": [a.pk for a in m.support_actions.all()],
    }


@router.get("/mechanisms", response=MechanismPage, url_name="mechanism_list")
def mechanism_list(request: HttpRequest, page: Query[PageQuery], city: int | None = None):
    """The cities' multi-actor mechanisms with the date and evidence of each stage."""
    found = Mechanism.objects.visible_to(request.user).of_hub(hub_of(request))
    if city is not None:
        found = found.filter(city_id=city)
    rows, cursor = page_of(found, page)
    shown = {
        m.pk: m
        for m in Mechanism.objects.filter(pk__in=[r.pk for r in rows]).prefetch_related(
            "stages", "support_actions"
        )
    }
    return {"results": [mechanism_out(shown[r.pk]) for r in rows], "next": cursor}


@router.get("/mechanisms/{pk}", response=MechanismOut, url_name="mechanism_detail")
def mechanism_detail(request: HttpRequest, pk: int):
    return mechanism_out(get_mechanism_for_user(request.user, pk))
