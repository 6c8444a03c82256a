"""The practice library: the whole network's, so every role reads it, as on the pages. A
practice's contact is named only to those who may see that person, and only with their
consent (practices.access.visible_contact); naming them writes the access log."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from citybridge.accounts.access_log import log_people_shown
from citybridge.api.auth import hub_of
from citybridge.api.paging import PageQuery, page_of
from citybridge.practices.access import get_practice_for_user, visible_contact
from citybridge.practices.forms import PracticeFilterForm
from citybridge.practices.models import Practice

router = Router(tags=["practices"])


class ResourceOut(Schema):
    title: str
    url: str


class ContactOut(Schema):
    id: int
    full_name: str
    email: str


class PracticeOut(Schema):
    id: int
    title: str
    summary: str
    origin_city_name: str
    origin_country: str | None
    themes: list[str]
    target_groups: list[str]
    human_rights_based: bool | None
    gender_sensitive: bool | None
    evidence: str
    url: str


class PracticeDetailOut(PracticeOut):
    what_was_done: str
    results: str
    human_rights_reason: str
    gender_reason: str
    resources: list[ResourceOut]
    contact: ContactOut | None


class PracticePage(Schema):
    results: list[PracticeOut]
    next: str | None


class PracticeFilters(Schema):
    q: str | None = None
    theme: str | None = None
    country: str | None = None
    target: str | None = None
    evidence: str | None = None
    hrb: str | None = Field(None, description="yes: human-rights-based only")
    gender: str | None = Field(None, description="yes: gender-sensitive only")


def practice_out(p: Practice) -> dict:
    return {
        "id": p.pk,
        "title": p.title,
        "summary": p.summary,
        "origin_city_name": p.origin_city_name,
        "origin_country": p.origin_country_id,
        "themes": [t.slug for t in p.themes.all()],
        "target_groups": [g.slug for g in p.target_groups.all()],
        "human_rights_based": p.human_rights_based,
        "gender_sensitive": p.gender_sensitive,
        "evidence": p.evidence,
        "url": p.url,
    }


@router.get("/practices", response=PracticePage, url_name="practice_list")
def practice_list(request: HttpRequest, filters: Query[PracticeFilters], page: Query[PageQuery]):
    """The network's practices, newest first, with the library page's search and filters (`q`
    finds words in any language or script; here the newest come first, not the best match)."""
    found = PracticeFilterForm(request.GET).apply(Practice.objects.all())
    rows, cursor = page_of(found, page)
    shown = {
        p.pk: p
        for p in Practice.objects.filter(pk__in=[r.pk for r in rows]).prefetch_related(
            "themes", "target_groups"
        )
    }
    return {"results": [practice_out(shown[r.pk]) for r in rows], "next": cursor}


@router.get("/practices/{pk}", response=PracticeDetailOut, url_name="practice_detail")
def practice_detail(request: HttpRequest, pk: int):
    practice = get_practice_for_user(request.user, pk)
    contact = visible_contact(request.user, practice)
    if contact is not None:
        log_people_shown(
            request.user, [contact], hub=hub_of(request), obj=practice, detail="api practice"
        )
    resources = [
        {
            "title": r.title,
            "url": request.build_absolute_uri(reverse("practices:resource_download", args=[r.pk]))
            if r.file
            else r.url,
        }
        for r in practice.resources.all()
    ]
    return practice_out(practice) | {
        "what_was_done": practice.what_was_done,
        "results": practice.results,
        "human_rights_reason": practice.human_rights_reason,
        "gender_reason": practice.gender_reason,
        "resources": resources,
        "contact": {"id": contact.pk, "full_name": contact.full_name, "email": contact.email}
        if contact
        else None,
    }
