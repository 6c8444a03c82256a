"""Needs and recording one: needs are for hub staff and a focal point (their own city's),
recording for hub staff, as on the pages (a need's matches: matching/api.py). Recording goes
through the page's form and `save_need`, so the history names the token's owner."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from citybridge.api.auth import hub_of, require_people, require_staff
from citybridge.api.errors import form_refused
from citybridge.api.paging import PageQuery, page_of
from citybridge.needs.access import get_need_for_user
from citybridge.needs.actions import save_need
from citybridge.needs.forms import NeedFilterForm, NeedForm
from citybridge.needs.models import Need
from citybridge.network.models import Theme

router = Router(tags=["needs"])


class NeedOut(Schema):
    id: int
    city: int
    country: str
    theme: str
    statement: str
    language: str
    priority: str
    status: str
    source_engagement: int | None
    raised_on: dt.date


class NeedPage(Schema):
    results: list[NeedOut]
    next: str | None


class NeedIn(Schema):
    city: int
    theme: str = Field(description="the theme's slug")
    statement: str
    language: str = Field(description="sr, bs, hr, cnr, sq, mk or en")
    priority: Need.Priority = Need.Priority.MEDIUM
    status: Need.Status = Need.Status.OPEN
    source_engagement: int | None = None
    raised_on: str | None = Field(
        None, description="e.g. 2026-03-16 or 16.3.2026; empty: the engagement's date"
    )


class NeedFilters(Schema):
    theme: str | None = None
    city: int | None = None
    country: str | None = None
    status: str | None = Field(None, description="open (open or being addressed), or a status")
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")


def need_out(need: Need) -> dict:
    return {
        "id": need.pk,
        "city": need.city_id,
        "country": need.city.country_id,
        "theme": need.theme.slug,
        "statement": need.statement,
        "language": need.language,
        "priority": need.priority,
        "status": need.status,
        "source_engagement": need.source_engagement_id,
        "raised_on": need.raised_on,
    }


@router.get("/needs", response=NeedPage, url_name="need_list")
def need_list(request: HttpRequest, filters: Query[NeedFilters], page: Query[PageQuery]):
    """Needs, newest first; filters as on the needs page (raised `from`/`to`)."""
    require_people(request)
    needs = NeedFilterForm(request.GET).apply(
        Need.objects.visible_to(request.user).of_hub(hub_of(request))
    )
    rows, cursor = page_of(needs.select_related("city", "theme"), page)
    return {"results": [need_out(n) for n in rows], "next": cursor}


@router.get("/needs/{pk}", response=NeedOut, url_name="need_detail")
def need_detail(request: HttpRequest, pk: int):
    require_people(request)
    return need_out(get_need_for_user(request.user, pk))


@router.post("/needs", response={201: NeedOut}, url_name="need_create")
def need_create(request: HttpRequest, payload: NeedIn):
    """Record a need (hub staff), checked as the page's form checks it."""
    require_staff(request)
    hub = hub_of(request)
    theme = payload.theme

    theme_id = Theme.objects.of_hub(hub).filter(slug=theme).values_list("pk", flat=True).first()
    data = {
        "city": payload.city,
        "theme": theme_id or "",
        "statement": payload.statement,
        "language": payload.language,
        "priority": payload.priority,
        "status": payload.status,
        "source_engagement": payload.source_engagement or "",
        "raised_on": payload.raised_on or "",
    }
    form = NeedForm(data, instance=Need(), hub=hub)
    if not form.is_valid():
        raise form_refused(form, _("The need was not recorded: see errors."))
    need = save_need(form.instance, hub=hub, acting_user=request.user)  # type: ignore[arg-type]
    return Status(201, need_out(Need.objects.select_related("city", "theme").get(pk=need.pk)))
