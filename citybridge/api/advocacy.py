"""Advocacy: what the hub carried to governments and partners, for hub staff and a focal point
(the actions that carried their city's voice), as on the pages. The people an action raised are
named only to those who may see them, and naming them writes the access log."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from citybridge.accounts.access_log import log_people_shown
from citybridge.advocacy.access import get_advocacy_action_for_user, sees_advocacy_rows
from citybridge.advocacy.forms import AdvocacyFilterForm
from citybridge.advocacy.models import AdvocacyAction
from citybridge.api.auth import hub_of, role_refusal
from citybridge.api.errors import form_refused
from citybridge.api.paging import PageQuery, page_of
from citybridge.network.models import Person

router = Router(tags=["advocacy"])


class AdvocacyOut(Schema):
    id: int
    title: str
    date: dt.date
    audience: str
    audience_detail: str
    organisation: str | None
    form: str
    engagement: int | None
    cities: list[int]
    themes: list[str]
    needs: list[int]


class PersonRef(Schema):
    id: int
    full_name: str


class AdvocacyDetailOut(AdvocacyOut):
    summary: str
    outcome: str
    follow_up: str
    document_url: str
    people: list[PersonRef]


class AdvocacyPage(Schema):
    results: list[AdvocacyOut]
    next: str | None


class AdvocacyFilters(Schema):
    audience: str | None = None
    form: str | None = None
    theme: str | None = None
    country: str | None = None
    city: int | None = None
    start: str | None = Field(None, description="on or after, e.g. 2026-01-01")
    end: str | None = Field(None, description="on or before")


def advocacy_out(a: AdvocacyAction) -> dict:
    return {
        "id": a.pk,
        "title": a.title,
        "date": a.date,
        "audience": a.audience,
        "audience_detail": a.audience_detail,
        "organisation": a.organisation.name if a.organisation else None,
        "form": a.form,
        "engagement": a.engagement_id,
        "cities": [c.pk for c in a.cities.all()],
        "themes": [t.slug for t in a.themes.all()],
        "needs": [n.pk for n in a.needs.all()],
    }


def require_rows(request: HttpRequest) -> None:
    if not sees_advocacy_rows(request.user, hub_of(request).pk):
        raise role_refusal()


@router.get("/advocacy", response=AdvocacyPage, url_name="advocacy_list")
def advocacy_list(request: HttpRequest, filters: Query[AdvocacyFilters], page: Query[PageQuery]):
    """Advocacy actions, newest first, with the advocacy list's filters."""
    require_rows(request)
    form = AdvocacyFilterForm({k: v for k, v in filters.dict().items() if v not in (None, "")})
    if not form.is_valid():
        raise form_refused(form, _("The filters could not be read: see errors."))
    found = form.apply(AdvocacyAction.objects.visible_to(request.user).of_hub(hub_of(request)))
    rows, cursor = page_of(found, page)
    shown = {
        a.pk: a
        for a in AdvocacyAction.objects.filter(pk__in=[r.pk for r in rows])
        .select_related("organisation")
        .prefetch_related("cities", "themes", "needs")
    }
    return {"results": [advocacy_out(shown[r.pk]) for r in rows], "next": cursor}


@router.get("/advocacy/{pk}", response=AdvocacyDetailOut, url_name="advocacy_detail")
def advocacy_detail(request: HttpRequest, pk: int):
    require_rows(request)
    action = get_advocacy_action_for_user(request.user, pk)
    people = list(Person.objects.visible_to(request.user).filter(advocacy_actions=action))
    log_people_shown(request.user, people, hub=action.hub_id, obj=action, detail="api advocacy")
    return advocacy_out(action) | {
        "summary": action.summary,
        "outcome": action.outcome,
        "follow_up": action.follow_up,
        "document_url": action.document_url,
        "people": [{"id": p.pk, "full_name": p.full_name} for p in people],
    }
