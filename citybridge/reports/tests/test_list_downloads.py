"""Every list downloads as CSV and XLSX with exactly the rows its filters find (every page of
them), scoped like the page, in the reader's language, with no cell a spreadsheet would run,
and with the HXL hashtag row when asked for (lib.exports.list_download)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from citybridge.accounts.models import AccessLog, PersonShown, Role
from citybridge.advocacy.models import AdvocacyAction
from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance, Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Person
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice
from citybridge.support.models import Milestone, SupportAction

FORMULA = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def world(hub, city, other_city, councils, youth):
    """City A (Testgrad, ME, a member) and city B (Drugovo, MK), each with a person, an
    engagement both signed (B's person named like a formula), a need, support with an overdue
    milestone."""
    people = {
        key: Person.objects.create(hub=hub, full_name=name, email=f"{key}@example.org", city=place)
        for key, place, name in (("a", city, "Ana Testić"), ("b", other_city, FORMULA))
    }
    engagements = {}
    for key, place, year in (("a", city, 2023), ("b", other_city, 2024)):
        engagements[key] = Engagement.objects.create(
            hub=hub,
            key=f"D{key.upper()}",
            title=f"Workshop in {place.name}",
            kind=Engagement.Kind.WORKSHOP if key == "a" else Engagement.Kind.TRAINING,
            starts_on=dt.date(year, 3, 16),
            ends_on=dt.date(year, 3, 16),
            host_city=place,
        )
        for row, person in enumerate(people.values(), start=1):
            Attendance.objects.create(
                engagement=engagements[key],
                source_file=f"D{key.upper()}.csv",
                row_number=row,
                full_name=person.full_name,
                resolved_city=person.city,
                person=person,
            )
        Need.objects.create(
            hub=hub,
            city=place,
            theme=councils if key == "a" else youth,
            statement=f"Need of {place.name}",
            priority=Need.Priority.HIGH,
            raised_on=dt.date(year, 3, 16),
        )
        action = SupportAction.objects.create(
            hub=hub,
            title=f"Support for {place.name}",
            kind=SupportAction.Kind.GUIDANCE,
            city=place,
            status=SupportAction.Status.IN_PROGRESS,
        )
        Milestone.objects.create(
            action=action, title=f"Plan of {place.name}", due_on=dt.date(2024, 1, 1)
        )
    for title, theme in (("Youth Council", youth), ("Safety Council", councils)):
        save_practice(
            Practice(
                title=title,
                summary=f"{title} of a city.",
                origin_city_name="Testgrad",
                origin_country_id="ME",
                evidence=Practice.Evidence.INSPIRING,
            ),
            themes=[theme],
            target_groups=[],
            acting_user=None,
        )
    advocacy = AdvocacyAction.objects.create(
        hub=hub,
        title="@Drugovo's voice in Brussels",
        date=dt.date(2023, 5, 1),
        audience=AdvocacyAction.Audience.EU,
        form=AdvocacyAction.Form.PARTNER_EVENT,
    )
    advocacy.cities.add(other_city)
    return {"people": people, "engagements": engagements}


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[object]]:
    assert response.status_code == 200, response.status_code
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def column(rows: list[list], heading: str) -> list:
    """The cells under `heading` (rows[0] the header), the rows of the file's first table."""
    at = rows[0].index(heading)
    return [row[at] for row in rows[1:]]


# (URL name, the page's filters, the column checked, what the file holds under it)
CASES = [
    ("network:city_list", {"country": "ME"}, "City", ["Testgrad"]),
    ("network:city_list", {"member": "no"}, "City", ["Drugovo"]),
    ("network:person_list", {"q": "Testić"}, "Name", ["Ana Testić"]),
    ("engagement:engagement_list", {"year": "2024"}, "Engagement", ["Workshop in Drugovo"]),
    ("engagement:engagement_list", {}, "Key", ["DB", "DA"]),
    ("needs:need_list", {"country": "MK"}, "What the city asked for", ["Need of Drugovo"]),
    ("practices:practice_list", {"theme": "youth-engagement"}, "Practice", ["Youth Council"]),
    (
        "support:support_list",
        {"kind": "guidance"},
        "Title",
        ["Support for Drugovo", "Support for Testgrad"],
    ),
    ("support:milestone_overdue", {}, "Milestone", ["Plan of Drugovo", "Plan of Testgrad"]),
    ("advocacy:advocacy_list", {"audience": "eu"}, "Title", ["'@Drugovo's voice in Brussels"]),
]


@pytest.mark.parametrize("name,filters,heading,expected", CASES)
def test_each_list_downloads_exactly_its_filtered_rows(
    client_for, officer, world, name, filters, heading, expected
):
    client = client_for(officer)
    url = reverse(name)
    rows = csv_rows(client.get(url, {**filters, "format": "csv"}))
    cells = column(rows, heading)
    assert sorted(cells, key=str) == sorted(str(e) for e in expected)
    book = xlsx_rows(client.get(url, {**filters, "format": "xlsx"}))
    assert sorted(column(book, heading), key=str) == sorted(expected, key=str)
    page = client.get(url, filters)
    if page.context and "page" in page.context:  # a paged list: its count is the file's rows
        assert page.context["page"].paginator.count == len(cells)


def test_the_regional_priorities_download_both_tables(client_for, donor, world):
    """Counts about cities: every role of the hub, donors included, as on the page."""
    response = client_for(donor).get(
        reverse("needs:regional_priorities"), {"country": "ME", "format": "xlsx"}
    )
    ranks, cells = load_workbook(io.BytesIO(response.content)).worksheets
    ranked = [list(r) for r in ranks.iter_rows(values_only=True)]
    assert column(ranked, "Theme") == ["Multi-actor prevention mechanisms"]
    assert column(ranked, "Member cities") == [1]
    grid = [list(r) for r in cells.iter_rows(values_only=True)]
    assert column(grid, "City") == ["Testgrad"] and column(grid, "High priority") == [1]


def test_a_download_holds_every_page_not_only_the_first(client_for, officer, hub, city):
    Person.objects.bulk_create(
        Person(hub=hub, full_name=f"Person {i:03}", city=city) for i in range(75)
    )
    client = client_for(officer)
    page = client.get(reverse("network:person_list"))
    assert len(page.context["page"].object_list) == 50
    rows = csv_rows(client.get(reverse("network:person_list"), {"format": "csv"}))
    assert len(rows) == 1 + 75


def test_the_download_form_keeps_the_filters(client_for, officer, world):
    page = client_for(officer).get(reverse("needs:need_list"), {"country": "MK", "page": "1"})
    html = page.content.decode()
    assert '<form class="download" method="get">' in html
    # its own words, not a filter's label of the page around it ("Raised until")
    assert "<span>Download every row these filters find:</span>" in html
    assert '<input type="hidden" name="country" value="MK">' in html
    assert 'name="page"' not in html.split('class="download"')[1].split("</form>")[0]
    assert 'name="format" value="xlsx"' in html and 'name="hxl" value="1"' in html


def test_a_focal_point_downloads_their_city_only(client_for, focal, world):
    client = client_for(focal)
    people = csv_rows(client.get(reverse("network:person_list"), {"format": "csv"}))
    assert column(people, "Name") == ["Ana Testić"]
    assert "E-mail" not in people[0]  # not on any page a focal point sees
    needs = xlsx_rows(client.get(reverse("needs:need_list"), {"format": "xlsx"}))
    assert column(needs, "City") == ["Testgrad"]
    engagements = csv_rows(client.get(reverse("engagement:engagement_list"), {"format": "csv"}))
    assert column(engagements, "Key") == ["DA"]
    support = csv_rows(client.get(reverse("support:support_list"), {"format": "csv"}))
    assert column(support, "Title") == ["Support for Testgrad"]


def test_a_focal_points_attendance_names_their_people_and_counts_the_others(
    client_for, focal, world
):
    url = reverse("engagement:engagement_detail", args=[world["engagements"]["a"].pk])
    response = client_for(focal).get(url, {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    attendance, others = book.worksheets
    rows = [list(r) for r in attendance.iter_rows(values_only=True)]
    assert column(rows, "Name as written") == ["Ana Testić"]
    counted = [list(r) for r in others.iter_rows(values_only=True)]
    assert column(counted, "City") == ["Drugovo"] and column(counted, "Attendance records") == [1]
    assert FORMULA not in response.content.decode("latin-1")


@pytest.mark.parametrize("role", ["donor", "expert"])
def test_who_may_not_see_people_gets_no_file(client_for, hub, world, donor, role):
    users = {"donor": donor, "expert": make_user("x", hub, Role.Kind.EXPERT)}
    client = client_for(users[role])
    for name in ("network:person_list", "engagement:engagement_list", "needs:need_list"):
        assert client.get(reverse(name), {"format": "csv"}).status_code == 404, name


def test_an_officer_of_another_hub_downloads_their_own_hub_only(client_for, outsider, world):
    client = client_for(outsider)
    for name in ("network:person_list", "engagement:engagement_list", "network:city_list"):
        rows = csv_rows(client.get(reverse(name), {"format": "csv"}))
        assert len(rows) == 1, name  # the header: the other hub has none of these records


def test_a_people_download_is_in_the_access_log(client_for, officer, world):
    client_for(officer).get(reverse("network:person_list"), {"city": "", "format": "xlsx"})
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.user == officer and entry.detail == "xlsx" and entry.count == 2
    shown = set(PersonShown.objects.filter(entry=entry).values_list("person_id", flat=True))
    assert shown == {p.pk for p in world["people"].values()}


def test_the_access_log_downloads_for_its_admin(client_for, hub_admin, officer, world):
    client_for(officer).get(reverse("network:person_list"), {"format": "csv"})
    client = client_for(hub_admin)
    rows = csv_rows(
        client.get(reverse("accounts:access_log"), {"action": "export", "format": "csv"})
    )
    assert column(rows, "Who") == ["officer"] and column(rows, "Detail") == ["csv"]
    assert not any("Ana" in cell for row in rows for cell in row)  # ids, never names


def test_no_cell_runs_as_a_formula(client_for, officer, world):
    client = client_for(officer)
    people = xlsx_rows(client.get(reverse("network:person_list"), {"format": "xlsx"}))
    assert "'" + FORMULA in column(people, "Name")
    assert not any(str(c).startswith("=") for row in people for c in row if c is not None)
    text = client.get(reverse("network:person_list"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "\n=" not in text and "'=HYPERLINK" in text


def test_headers_and_words_are_in_the_readers_language(client_for, officer, world):
    officer.language = "sq"
    officer.save()
    rows = csv_rows(client_for(officer).get(reverse("network:city_list"), {"format": "csv"}))
    with translation.override("sq"):
        city, member = translation.gettext("City"), translation.gettext("Member")
        yes, no = translation.gettext("Yes"), translation.gettext("No")
    assert city != "City" and rows[0][0] == city
    assert column(rows, member) == [no, yes]  # Drugovo, then Testgrad (the member)
    assert "Member" not in rows[0]


def test_hxl_hashtags_follow_the_header_when_asked_for(client_for, officer, world):
    client = client_for(officer)
    plain = csv_rows(client.get(reverse("engagement:engagement_list"), {"format": "csv"}))
    assert not plain[1][0].startswith("#")
    tagged = csv_rows(
        client.get(reverse("engagement:engagement_list"), {"format": "csv", "hxl": "1"})
    )
    assert tagged[0] == plain[0]
    assert tagged[1][:4] == ["#activity+code", "#activity+name", "#activity+type", "#date+start"]
    assert "#sector" in tagged[1] and "#adm2+name+host" in tagged[1]
    assert tagged[2:] == plain[1:]
    book = xlsx_rows(client.get(reverse("needs:need_list"), {"format": "xlsx", "hxl": "1"}))
    assert book[1][:3] == ["#adm2+name", "#country+name", "#sector"]
    assert all(str(tag).startswith("#") for tag in book[1])
