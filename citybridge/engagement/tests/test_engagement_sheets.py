"""The engagement page's sheets (issue #15, part 7): each sheet under its own heading with its
file, format, rows and who imported it, its rows grouped under it; "Import a sheet" for the hub's
staff, with the engagement chosen; "Remove to replace" per sheet."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from citybridge.accounts.models import PersonShown
from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.network.models import Hub, Person, RoleKind

OWN = "Jelena Domaca"  # of the focal point's city
GUEST = "Goran Gostovic"  # of another city


@pytest.fixture
def roundtable(hub, city, other_city, officer) -> Engagement:
    """Two sheets (an XLSX and a Windows-1250 CSV, each numbering its rows from 1) and a row that
    came by no sheet; the focal point's city hosted it, another city took part."""
    engagement = Engagement.objects.create(
        hub=hub,
        key="T7",
        title="Roundtable on the Local Safety Council",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=dt.date(2023, 7, 12),
        ends_on=dt.date(2023, 7, 12),
        host_city=city,
    )
    engagement.participating_cities.add(other_city)
    first = add_sheet(engagement, "T7.xlsx", "xlsx", officer)
    second = add_sheet(engagement, "T7-late.csv", "cp1250", officer)
    add_row(first, 1, GUEST, other_city, RoleKind.MAYOR)
    add_row(first, 2, OWN, city, RoleKind.MUNICIPAL_OFFICIAL)
    add_row(second, 1, "Milica Kasnic", city, RoleKind.SOCIAL_WORKER)
    add_row(None, 1, "Ranko Rucni", other_city, RoleKind.POLICE, engagement=engagement)
    return engagement


def add_sheet(engagement: Engagement, name: str, encoding: str, user) -> Sheet:
    return Sheet.objects.create(
        engagement=engagement, file_name=name, sha256=name, encoding=encoding, imported_by=user
    )


def add_row(sheet, row, name, place, role, *, engagement=None) -> Attendance:
    engagement = engagement or sheet.engagement
    person = Person.objects.create(hub=engagement.hub, full_name=name, city=place)
    return Attendance.objects.create(
        engagement=engagement,
        sheet=sheet,
        source_file=sheet.file_name if sheet else "entered by hand",
        row_number=row,
        cells={"Name": name},
        full_name=name,
        role_kind=role,
        resolved_city=place,
        person=person,
    )


def page(client, engagement):
    return client.get(reverse("engagement:engagement_detail", args=[engagement.pk]))


def import_link(engagement) -> str:
    url = reverse("imports:upload")
    return f'href="{url}?kind=attendance&amp;engagement={engagement.pk}"'


def test_each_sheet_is_listed_with_its_own_rows_in_order(client_for, officer, roundtable):
    response = page(client_for(officer), roundtable)
    groups = response.context["sheets"]
    assert [(g["sheet"] and g["sheet"].file_name, g["total"]) for g in groups] == [
        ("T7.xlsx", 2),
        ("T7-late.csv", 1),
        (None, 1),
    ]
    assert [[(a.row_number, a.full_name) for a in g["rows"]] for g in groups] == [
        [(1, GUEST), (2, OWN)],
        [(1, "Milica Kasnic")],
        [(1, "Ranko Rucni")],
    ]
    body = response.content.decode()
    # Each sheet's heading, then its facts, then its rows, before the next sheet's heading.
    order = [
        "T7.xlsx</span></h3>",
        "XLSX",
        "2 rows",
        "Imported by officer on",
        GUEST,
        OWN,
        "T7-late.csv</span></h3>",
        "CSV, Windows-1250",
        "1 row",
        "Milica Kasnic",
        "Rows entered another way</h3>",
        "Not from an imported sheet",
        "Ranko Rucni",
    ]
    at = body.index('id="sheet-1"')
    for text in order:
        at = body.index(text, at)  # ValueError: missing, or out of its place


def test_the_import_date_is_in_the_readers_language(client_for, officer, roundtable):
    Sheet.objects.filter(file_name="T7.xlsx").update(
        imported_at=dt.datetime(2024, 12, 8, 9, 30, tzinfo=dt.UTC)
    )
    officer.language = "sr"
    officer.save()
    body = page(client_for(officer), roundtable).content.decode()
    assert "8. дец 2024. 10:30" in body  # Belgrade time, Serbian's own date format


def test_the_hubs_staff_get_import_a_sheet_and_remove_to_replace(
    client_for, officer, hub_admin, roundtable
):
    for user in (officer, hub_admin):
        body = page(client_for(user), roundtable).content.decode()
        assert import_link(roundtable) in body
        sheets = Sheet.objects.filter(engagement=roundtable)
        for sheet in sheets:
            assert reverse("engagement:sheet_remove", args=[sheet.pk]) in body
        assert body.count("Remove to replace") == sheets.count()
        assert "This removes T7.xlsx and its 2 rows from this engagement" in body


def test_import_a_sheet_opens_the_upload_with_this_engagement_chosen(
    client_for, officer, roundtable
):
    url = reverse("imports:upload")
    response = client_for(officer).get(url, {"kind": "attendance", "engagement": roundtable.pk})
    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial == {"kind": "attendance", "engagement": roundtable}
    assert re.search(rf'<option value="{roundtable.pk}"[^>]* selected>', response.content.decode())
    # Cancel leads back to the engagement.
    assert response.context["cancel_url"] == reverse(
        "engagement:engagement_detail", args=[roundtable.pk]
    )


@pytest.mark.parametrize(
    "value", ["foreign", "99999", "abc", "-3", "²", "99999999999999999999", ""]
)
def test_an_engagement_not_of_this_hub_or_no_engagement_is_ignored(
    client_for, officer, outsider, roundtable, value
):
    elsewhere = Engagement.objects.create(
        hub=Hub.objects.get(slug="elsewhere"),
        key="X1",
        title="Meeting of another hub",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 1, 1),
    )
    pk = str(elsewhere.pk) if value == "foreign" else value
    response = client_for(officer).get(
        reverse("imports:upload"), {"kind": "attendance", "engagement": pk}
    )
    assert response.status_code == 200
    assert response.context["form"].initial == {"kind": "attendance"}
    assert "Meeting of another hub" not in response.content.decode()
    assert response.context["cancel_url"] is None


def test_an_unknown_kind_is_ignored(client_for, officer, roundtable):
    response = client_for(officer).get(
        reverse("imports:upload"), {"kind": "passwords", "engagement": roundtable.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].initial == {"kind": "attendance", "engagement": roundtable}


def test_the_focal_point_sees_what_they_saw_before(client_for, focal, roundtable):
    """Their city's people by name, under their sheets; the others as counts; neither import nor
    remove; and the access log lists exactly the people shown."""
    response = page(client_for(focal), roundtable)
    body = response.content.decode()
    assert OWN in body and "Milica Kasnic" in body
    assert GUEST not in body and "Ranko Rucni" not in body
    groups = response.context["sheets"]
    assert [[a.full_name for a in g["rows"]] for g in groups] == [[OWN], ["Milica Kasnic"], []]
    assert "Shown here: 1 of the 2 rows, the people of your city." in body
    assert "No one of your city is among these rows." in body  # the row entered by hand
    assert sorted((o["city_name"], o["role_kind"], o["n"]) for o in response.context["others"]) == [
        ("Drugovo", "mayor", 1),
        ("Drugovo", "police", 1),
    ]
    assert import_link(roundtable) not in body and "Import a sheet" not in body
    assert "Remove to replace" not in body and "/remove/" not in body
    shown = PersonShown.objects.values_list("person_id", flat=True)
    assert set(Person.objects.filter(pk__in=shown).values_list("full_name", flat=True)) == {
        OWN,
        "Milica Kasnic",
    }


def test_the_focal_point_cannot_open_the_import(client_for, focal, roundtable):
    response = client_for(focal).get(
        reverse("imports:upload"), {"kind": "attendance", "engagement": roundtable.pk}
    )
    assert response.status_code == 404


def test_queries_do_not_grow_with_the_sheets(client_for, officer, hub, city, roundtable):
    client = client_for(officer)
    page(client, roundtable)  # the session and the scope settle
    with CaptureQueriesContext(connection) as few:
        page(client, roundtable)
    for n in range(5):
        sheet = add_sheet(roundtable, f"T7-extra-{n}.csv", "utf-8", officer)
        add_row(sheet, 1, f"Extra Person{n}", city, RoleKind.YOUTH)
    with CaptureQueriesContext(connection) as many:
        body = page(client, roundtable).content.decode()
    assert "T7-extra-4.csv" in body
    assert len(many) == len(few)


def test_following_import_a_sheet_adds_a_sheet_of_its_own(client_for, officer, roundtable):
    """As a new officer would: the button, the upload with the engagement chosen, the preview,
    the import; the engagement page then lists the new sheet with its rows numbered from 1."""
    client = client_for(officer)
    upload = reverse("imports:upload") + (f"?kind=attendance&engagement={roundtable.pk}")
    assert import_link(roundtable).removeprefix('href="').removesuffix('"') == upload.replace(
        "&", "&amp;"
    )
    sheet = SimpleUploadedFile(
        "Spisak.csv", "Ime i prezime;Grad\r\nTijana Novaković;Testgrad\r\n".encode("cp1250")
    )
    response = client.post(
        upload, {"kind": "attendance", "engagement": roundtable.pk, "sheets": sheet}
    )
    assert response.status_code == 200 and response.context["result"]["rows"] == 1
    client.post(reverse("imports:confirm"), {"token": response.context["token"]})
    groups = page(client, roundtable).context["sheets"]
    added = next(g for g in groups if g["sheet"] and g["sheet"].file_name == "Spisak.csv")
    assert [(a.row_number, a.full_name) for a in added["rows"]] == [(1, "Tijana Novaković")]
    assert added["sheet"].format_label == "CSV, Windows-1250"


def test_removing_a_sheet_says_so_and_how_to_replace_it(client_for, officer, roundtable):
    sheet = Sheet.objects.get(file_name="T7.xlsx")
    response = client_for(officer).post(
        reverse("engagement:sheet_remove", args=[sheet.pk]), follow=True
    )
    body = response.content.decode()
    assert "Removed T7.xlsx and its 2 rows" in body
    assert "Import the corrected file with “Import a sheet”." in body
    assert [g["sheet"] and g["sheet"].file_name for g in response.context["sheets"]] == [
        "T7-late.csv",
        None,
    ]


@pytest.mark.parametrize(
    ("file_name", "encoding", "label"),
    [
        ("a.xlsx", "xlsx", "XLSX"),
        ("a.csv", "utf-8", "CSV, UTF-8"),
        ("a.csv", "utf-8-sig", "CSV, UTF-8"),
        ("a.csv", "cp1250", "CSV, Windows-1250"),
        ("a.csv", "cp1251", "CSV, Windows-1251"),
        ("a.ods", "", "ODS"),
        ("list", "", ""),
    ],
)
def test_a_sheets_format_is_named_as_people_know_it(file_name, encoding, label):
    assert Sheet(file_name=file_name, encoding=encoding).format_label == label
