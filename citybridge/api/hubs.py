"""The token's hub, its cities and their memberships: public knowledge within the hub, so
every role reads them, as on the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema

from citybridge.api.auth import hub_of, scope
from citybridge.api.paging import PageQuery, page_of
from citybridge.network.access import get_city_for_user
from citybridge.network.models import LocalGovernment

router = Router(tags=["hub and cities"])


class HubOut(Schema):
    id: int
    slug: str
    name: str
    countries: list[str]
    launched_on: dt.date | None
    default_language: str
    your_roles: list[str]


class MembershipOut(Schema):
    joined_on: dt.date
    left_on: dt.date | None


class CityOut(Schema):
    id: int
    name: str
    name_cyrillic: str
    name_albanian: str
    kind: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int | None
    memberships: list[MembershipOut]


class CityPage(Schema):
    results: list[CityOut]
    next: str | None


@router.get("/hub", response=HubOut, url_name="hub")
def hub(request: HttpRequest):
    """The hub the token reads, and your roles in it now."""
    found = hub_of(request)
    mine = scope(request)
    roles = [
        name
        for name, held in (
            ("hub_admin", found.pk in mine.admin_hubs),
            ("officer", found.pk in mine.officer_hubs),
            ("focal_point", found.pk in mine.focal_cities),
            ("expert", found.pk in mine.expert_hubs),
            ("donor", found.pk in mine.donor_hubs),
        )
        if held
    ]
    return {
        "id": found.pk,
        "slug": found.slug,
        "name": found.name,
        "countries": sorted(c.code for c in found.countries.all()),
        "launched_on": found.launched_on,
        "default_language": found.default_language,
        "your_roles": roles,
    }


def city_out(city: LocalGovernment) -> dict:
    return {
        "id": city.pk,
        "name": city.name,
        "name_cyrillic": city.name_cyrillic,
        "name_albanian": city.name_albanian,
        "kind": city.kind,
        "country": city.country_id,
        "latitude": city.latitude,
        "longitude": city.longitude,
        "population": city.population,
        "memberships": [
            {"joined_on": m.joined_on, "left_on": m.left_on} for m in city.memberships.all()
        ],
    }


class CityFilters(Schema):
    country: str | None = None
    q: str | None = None
    member_on: dt.date | None = None


@router.get("/cities", response=CityPage, url_name="city_list")
def city_list(request: HttpRequest, filters: Query[CityFilters], page: Query[PageQuery]):
    """The hub's cities with their memberships; `member_on=YYYY-MM-DD`: members on that day."""
    cities = LocalGovernment.objects.visible_to(request.user).of_hub(hub_of(request))
    if filters.country:
        cities = cities.filter(country_id=filters.country.upper())
    if filters.q:
        cities = cities.search(filters.q)
    if filters.member_on:
        cities = cities.members_on(filters.member_on)
    rows, cursor = page_of(cities, page)
    found = {
        c.pk: c
        for c in LocalGovernment.objects.filter(pk__in=[r.pk for r in rows]).prefetch_related(
            "memberships"
        )
    }
    return {"results": [city_out(found[r.pk]) for r in rows], "next": cursor}


@router.get("/cities/{pk}", response=CityOut, url_name="city_detail")
def city_detail(request: HttpRequest, pk: int):
    """One city of the hub (the token's scope is its hub only: another hub's city is a 404)."""
    return city_out(get_city_for_user(request.user, pk))
