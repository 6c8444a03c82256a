"""People and their positions: for hub staff and a focal point (their own city's people), as
on the pages; each answer that names people writes its row of the access log (ids, never a
name). Donors and experts get 403: they never read a person."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.models import AccessLog
from citybridge.api.auth import hub_of, require_people, require_staff
from citybridge.api.paging import PageQuery, page_of
from citybridge.network.access import get_person_for_user
from citybridge.network.forms import PersonFilterForm
from citybridge.network.models import Person, Position

router = Router(tags=["people"])


class PositionOut(Schema):
    role: str
    title: str
    city: int | None
    organisation: str | None
    started_on: dt.date | None
    ended_on: dt.date | None


class PersonOut(Schema):
    id: int
    full_name: str
    gender: str
    email: str
    organisation: str | None
    city: int | None
    consent_contact: bool
    consent_quote: bool
    positions: list[PositionOut]


class PersonDetailOut(PersonOut):
    notes: str


class PersonPage(Schema):
    results: list[PersonOut]
    next: str | None


def position_out(position: Position) -> dict:
    return {
        "role": position.role,
        "title": position.title,
        "city": position.city_id,
        "organisation": position.organisation.name if position.organisation else None,
        "started_on": position.started_on,
        "ended_on": position.ended_on,
    }


def person_out(person: Person) -> dict:
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "gender": person.gender,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else None,
        "city": person.city_id,
        "consent_contact": person.consent_contact,
        "consent_quote": person.consent_quote,
        "positions": [position_out(p) for p in person.positions.all()],
    }


class PeopleFilters(Schema):
    q: str | None = None
    city: int | None = None
    role: str | None = None


@router.get("/people", response=PersonPage, url_name="person_list")
def person_list(request: HttpRequest, filters: Query[PeopleFilters], page: Query[PageQuery]):
    """The people your role may see (a focal point: their own city's), newest first;
    `q` searches names in any script."""
    require_people(request)
    hub = hub_of(request)
    people = PersonFilterForm(request.GET).apply(
        Person.objects.visible_to(request.user).of_hub(hub)
    )
    rows, cursor = page_of(people, page)
    shown = (
        Person.objects.filter(pk__in=[p.pk for p in rows])
        .select_related("organisation")
        .prefetch_related("positions__organisation")
    )
    by_id = {p.pk: p for p in shown}
    log_people_shown(
        request.user,
        by_id,
        hub=hub,
        action=AccessLog.Action.PEOPLE_SEARCHED if filters.q else AccessLog.Action.PEOPLE_VIEWED,
        text=filters.q or None,
        detail="api people",
    )
    return {"results": [person_out(by_id[p.pk]) for p in rows], "next": cursor}


@router.get("/people/{pk}", response=PersonDetailOut, url_name="person_detail")
def person_detail(request: HttpRequest, pk: int):
    """One person with their positions and notes: hub staff, as the person's page."""
    require_staff(request)
    person = get_person_for_user(request.user, pk)
    log_people_shown(
        request.user,
        [person],
        hub=hub_of(request),
        obj=person,
        action=AccessLog.Action.PERSON_VIEWED,
        detail="api person",
    )
    return person_out(person) | {"notes": person.notes}
