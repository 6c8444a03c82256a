"""Reading through the API: the pages' scopes per role, names never to a donor, the access log
for every answer that names people, cursor pagination, filters and errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import Person

YEAR = timezone.localdate().year


@pytest.fixture
def sheets(hub, city, other_city):
    """This year's engagement hosted by the focal point's city with one person of each city,
    and 7 engagements last year with 7 other people, so a donor's count rounds."""
    people = []
    this_year = Engagement.objects.create(
        hub=hub,
        key="NOW",
        title="This year's forum",
        kind="workshop",
        starts_on=dt.date(YEAR, 1, 10),
        ends_on=dt.date(YEAR, 1, 10),
        host_city=city,
    )
    for name, place in (("Mila Domaća", city), ("Goran Gostić", other_city)):
        person = Person.objects.create(hub=hub, full_name=name, city=place)
        people.append(person)
        Attendance.objects.create(
            engagement=this_year,
            source_file="NOW.csv",
            row_number=len(people),
            cells={"Name": name},
            full_name=name,
            person=person,
            resolved_city=place,
        )
    for n in range(7):
        engagement = Engagement.objects.create(
            hub=hub,
            key=f"L{n}",
            title=f"Meeting {n}",
            kind="training",
            starts_on=dt.date(YEAR - 1, 3, n + 1),
            ends_on=dt.date(YEAR - 1, 3, n + 1),
            host_city=other_city,
        )
        person = Person.objects.create(hub=hub, full_name=f"Person Lastyear{n}")
        Attendance.objects.create(
            engagement=engagement,
            source_file=f"L{n}.csv",
            row_number=1,
            cells={"Name": person.full_name},
            full_name=person.full_name,
            person=person,
        )
    return this_year, people


def test_this_years_engagements_by_year_and_by_period(officer, hub, api_as, sheets):
    api = api_as(officer, hub)
    found = api.get("/api/v1/engagements", {"year": YEAR}).json()
    assert [e["key"] for e in found["results"]] == ["NOW"]
    assert found["results"][0]["records"] == 2 and found["results"][0]["people"] == 2
    period = api.get(
        "/api/v1/engagements", {"from": f"{YEAR - 1}-03-02", "to": f"{YEAR - 1}-03-04"}
    ).json()
    assert [e["key"] for e in period["results"]] == ["L3", "L2", "L1"]
    assert api.get("/api/v1/engagements", {"kind": "training"}).json()["results"][0]["key"] == "L6"


def test_pages_follow_the_cursor_to_the_end_without_repeating(officer, hub, api_as, sheets):
    api = api_as(officer, hub)
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/v1/engagements", query).json()
        seen += [e["key"] for e in page["results"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == ["NOW", "L6", "L5", "L4", "L3", "L2", "L1", "L0"]
    bad = api.get("/api/v1/engagements", {"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and "cursor" in bad.json()["detail"]
    assert api.get("/api/v1/engagements", {"limit": 0}).status_code == 400
    unreadable = api.get("/api/v1/engagements", {"year": "soon"})
    assert unreadable.status_code == 422
    assert unreadable.json()["errors"][0]["where"].endswith("year")


def test_a_focal_point_reads_their_citys_people_and_counts_the_others(focal, hub, api_as, sheets):
    engagement, (own, _guest) = sheets
    api = api_as(focal, hub)
    people = api.get("/api/v1/people").json()["results"]
    assert [p["full_name"] for p in people] == ["Mila Domaća"]
    rows = api.get(f"/api/v1/engagements/{engagement.pk}/attendance").json()["results"]
    assert [r["full_name"] for r in rows] == ["Mila Domaća"]
    detail = api.get(f"/api/v1/engagements/{engagement.pk}").json()
    assert detail["others"] == [{"city": "Drugovo", "role_kind": "", "count": 1}]
    assert "Goran" not in str(detail)
    # The person's page is for hub staff, so is their record here.
    assert api.get(f"/api/v1/people/{own.pk}").status_code == 403
    assert api.get("/api/v1/engagements", {"year": YEAR - 1}).json()["results"] == []


def test_a_donor_reads_rounded_figures_and_never_a_name(donor, hub, api_as, sheets):
    api = api_as(donor, hub)
    for url in (
        "/api/v1/people",
        "/api/v1/engagements",
        "/api/v1/needs",
        "/api/v1/support",
        "/api/v1/advocacy",
    ):
        refused = api.get(url)
        assert refused.status_code == 403, url
        assert "role" in refused.json()["detail"]
    engagement = sheets[0]
    assert api.get(f"/api/v1/engagements/{engagement.pk}/attendance").status_code == 403
    figures = api.get("/api/v1/figures", {"from": f"{YEAR - 1}-01-01"}).json()
    engaged = {f["key"]: f for f in figures["figures"]}["individuals_engaged"]
    assert engaged["value"] == 10 and engaged["shown"] == "10" and not engaged["exact"]
    assert engaged["record_ids"] is None
    small = api.get("/api/v1/figures", {"from": f"{YEAR}-01-01", "to": f"{YEAR}-01-31"}).json()
    engaged = {f["key"]: f for f in small["figures"]}["individuals_engaged"]
    assert (engaged["value"], engaged["shown"]) == (None, "<5")
    assert small["start"] == f"{YEAR}-01-01"
    body = str(figures) + str(small) + str(api.get("/api/v1/cities").json())
    assert "Mila" not in body and "Goran" not in body and "Lastyear" not in body
    assert not AccessLog.objects.filter(user=donor).exists()


def test_staff_read_exact_figures_with_the_people_behind_them_logged(officer, hub, api_as, sheets):
    api = api_as(officer, hub)
    figures = api.get("/api/v1/figures", {"from": f"{YEAR - 1}-01-01"}).json()["figures"]
    engaged = {f["key"]: f for f in figures}["individuals_engaged"]
    assert engaged["value"] == 9 and engaged["exact"]
    assert len(engaged["record_ids"]) == 9
    entry = AccessLog.objects.get(user=officer, detail="api figures")
    assert sorted(entry.people.values_list("person_id", flat=True)) == engaged["record_ids"]


def test_every_answer_naming_people_writes_the_access_log(officer, hub, api_as, sheets):
    engagement, (own, guest) = sheets
    api = api_as(officer, hub)
    api.get("/api/v1/people", {"q": "mila"})
    searched = AccessLog.objects.get(action=AccessLog.Action.PEOPLE_SEARCHED)
    assert list(searched.people.values_list("person_id", flat=True)) == [own.pk]
    assert searched.text_hash and "mila" not in str(AccessLog.objects.values().first())
    api.get(f"/api/v1/people/{guest.pk}")
    viewed = AccessLog.objects.get(action=AccessLog.Action.PERSON_VIEWED)
    assert (viewed.object_id, viewed.user) == (guest.pk, officer)
    api.get(f"/api/v1/engagements/{engagement.pk}/attendance")
    rows = AccessLog.objects.get(detail="api attendance")
    assert sorted(rows.people.values_list("person_id", flat=True)) == sorted([own.pk, guest.pk])


def test_another_hubs_record_and_a_missing_one_are_the_same_404(officer, outsider, api_as, sheets):
    from citybridge.network.models import Hub

    api = api_as(outsider, Hub.objects.get(slug="elsewhere"))
    engagement = sheets[0]
    hidden = api.get(f"/api/v1/engagements/{engagement.pk}")
    missing = api.get("/api/v1/engagements/999999")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert api.get("/api/v1/engagements").json()["results"] == []
