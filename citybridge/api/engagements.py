"""Engagements and their attendance: for hub staff, and for a focal point the engagements their
city took part in, with their own city's rows by name and the others only as counts by city
and role, as on the engagement's page. Attendance rows are logged as the page logs them."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from citybridge.accounts.access_log import log_people_shown
from citybridge.api.auth import hub_of, require_people
from citybridge.api.paging import PageQuery, page_of
from citybridge.engagement.access import get_engagement_for_user
from citybridge.engagement.forms import EngagementFilterForm
from citybridge.engagement.models import Attendance, Engagement

router = Router(tags=["engagements and attendance"])


class EngagementOut(Schema):
    id: int
    key: str
    title: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    country: str | None
    host_city: int | None
    participating_cities: list[int]
    themes: list[str]
    funder: str | None
    records: int
    people: int


class EngagementPage(Schema):
    results: list[EngagementOut]
    next: str | None


class ParticipantCount(Schema):
    city: str | None
    role_kind: str
    count: int


class EngagementDetailOut(EngagementOut):
    description: str
    others: list[ParticipantCount]


class AttendanceOut(Schema):
    id: int
    person: int | None
    full_name: str
    organisation: str
    role: str
    role_kind: str
    city: str
    city_id: int | None
    email: str
    gender: str
    source_file: str
    row_number: int
    cells: dict


class AttendancePage(Schema):
    results: list[AttendanceOut]
    next: str | None


class EngagementFilters(Schema):
    year: int | None = None
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")
    city: int | None = None
    kind: str | None = None
    theme: str | None = None
    q: str | None = None


def engagement_out(e: Engagement, counts: dict[int, tuple[int, int]]) -> dict:
    records, people = counts.get(e.pk, (0, 0))
    return {
        "id": e.pk,
        "key": e.key,
        "title": e.title,
        "kind": e.kind,
        "starts_on": e.starts_on,
        "ends_on": e.ends_on,
        "place": e.place,
        "country": e.country_id,
        "host_city": e.host_city_id,
        "participating_cities": [c.pk for c in e.participating_cities.all()],
        "themes": [t.slug for t in e.themes.all()],
        "funder": e.funder.name if e.funder else None,
        "records": records,
        "people": people,
    }


def counts_of(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Rows and distinct people of the engagements shown only (as the list page counts them)."""
    return {
        pk: (records, people)
        for pk, records, people in Engagement.objects.filter(pk__in=ids)
        .annotate(
            records=Count("attendances", distinct=True),
            people=Count("attendances__person", distinct=True),
        )
        .values_list("pk", "records", "people")
    }


@router.get("/engagements", response=EngagementPage, url_name="engagement_list")
def engagement_list(
    request: HttpRequest, filters: Query[EngagementFilters], page: Query[PageQuery]
):
    """Engagements, latest first: `year=2026`, or a period `from=2026-01-01&to=2026-06-30`
    (by start date); `city` (hosted or took part), `kind`, `theme` (its slug), `q` (title,
    key or place)."""
    require_people(request)
    found = Engagement.objects.visible_to(request.user).of_hub(hub_of(request))
    # The list page's own filters (q, kind, year, theme), then the period and the city.
    found = EngagementFilterForm(request.GET).apply(found).between(filters.start, filters.end)
    if filters.city is not None:
        found = found.filter(
            Q(host_city_id=filters.city) | Q(participating_cities=filters.city)
        ).distinct()
    rows, cursor = page_of(found, page, field="starts_on")
    ids = [e.pk for e in rows]
    shown = {
        e.pk: e
        for e in Engagement.objects.filter(pk__in=ids)
        .select_related("funder")
        .prefetch_related("participating_cities", "themes")
    }
    counts = counts_of(ids)
    return {"results": [engagement_out(shown[pk], counts) for pk in ids], "next": cursor}


@router.get("/engagements/{pk}", response=EngagementDetailOut, url_name="engagement_detail")
def engagement_detail(request: HttpRequest, pk: int):
    """One engagement; `others`: the participants your role may not name, as counts by city
    and role (a focal point's view of the other cities' people)."""
    require_people(request)
    engagement = get_engagement_for_user(request.user, pk)
    rows = Attendance.objects.filter(engagement=engagement)
    visible = rows.visible_to(request.user)
    others = [
        {"city": row["city_name"], "role_kind": row["role_kind"], "count": row["n"]}
        for row in rows.exclude(pk__in=visible.values("pk")).participant_counts()
    ]
    return engagement_out(engagement, counts_of([engagement.pk])) | {
        "description": engagement.description,
        "others": others,
    }


@router.get("/engagements/{pk}/attendance", response=AttendancePage, url_name="attendance_list")
def attendance_list(request: HttpRequest, pk: int, page: Query[PageQuery]):
    """The engagement's sign-in rows as written, with the person each resolved to: the rows
    your role may see (a focal point: their own city's people)."""
    require_people(request)
    engagement = get_engagement_for_user(request.user, pk)
    visible = Attendance.objects.filter(engagement=engagement).visible_to(request.user)
    rows, cursor = page_of(visible, page)
    log_people_shown(
        request.user,
        [a.person_id for a in rows],
        hub=engagement.hub_id,
        obj=engagement,
        count=len(rows),
        detail="api attendance",
    )
    return {
        "results": [
            {
                "id": a.pk,
                "person": a.person_id,
                "full_name": a.full_name,
                "organisation": a.organisation,
                "role": a.role,
                "role_kind": a.role_kind,
                "city": a.city,
                "city_id": a.resolved_city_id,
                "email": a.email,
                "gender": a.gender,
                "source_file": a.source_file,
                "row_number": a.row_number,
                "cells": a.cells,
            }
            for a in rows
        ],
        "next": cursor,
    }
