"""The review queue: officers' verdicts are applied and remembered; a merge can be undone."""

import datetime as dt

import pytest
from django.urls import reverse

from citybridge.engagement import review
from citybridge.engagement.models import Attendance, Engagement, LinkDecision, Sheet
from citybridge.imports.registry import run_import
from citybridge.network.models import Person

HEADER = "#;Full name;Organisation;Position;City;Email;Gender;Signature\r\n"


def sheet(*rows: str) -> bytes:
    return (HEADER + "".join(f"{i};{r}\r\n" for i, r in enumerate(rows, 1))).encode("utf-8")


@pytest.fixture
def two_sheets(hub, city, officer):
    day = dt.date(2023, 3, 1)
    for key in ("R01", "R02"):
        Engagement.objects.create(
            hub=hub, key=key, title=key, kind="workshop", starts_on=day, ends_on=day
        )
    run_import(
        "attendance",
        [
            ("R01.csv", sheet("Jasna Testović;School;Teacher;Testgrad;;F;")),
            ("R02.csv", sheet("Jasna Testović;School;Teacher;Testgrad;;F;")),
        ],
        hub=hub,
        acting_user=officer,
    )
    return list(Attendance.objects.order_by("pk"))


def test_different_people_verdict_splits_and_is_remembered(hub, officer, two_sheets):
    first, second = two_sheets
    assert first.person_id == second.person_id
    review.decide_pair(hub, first, second, LinkDecision.Verdict.DIFFERENT, acting_user=officer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.person_id != second.person_id
    assert Person.objects.count() == 2


def test_undoing_the_verdict_links_them_again(hub, officer, two_sheets):
    first, second = two_sheets
    review.decide_pair(hub, first, second, LinkDecision.Verdict.DIFFERENT, acting_user=officer)
    review.undo_decision(hub, LinkDecision.objects.get(), acting_user=officer)
    assert Attendance.objects.values("person").distinct().count() == 1
    assert Person.objects.count() == 1


def test_split_view_undoes_a_merge(client_for, officer, two_sheets):
    first, _ = two_sheets
    response = client_for(officer).post(reverse("engagement:record_split", args=[first.pk]))
    assert response.status_code == 302
    assert Attendance.objects.values("person").distinct().count() == 2


def test_split_view_rejects_get(client_for, officer, two_sheets):
    assert (
        client_for(officer)
        .get(reverse("engagement:record_split", args=[two_sheets[0].pk]))
        .status_code
        == 405
    )


def test_split_view_refuses_the_outsider_and_the_focal_point(
    client_for, outsider, focal, two_sheets
):
    for user in (outsider, focal):
        assert (
            client_for(user)
            .post(reverse("engagement:record_split", args=[two_sheets[0].pk]))
            .status_code
            == 404
        )
    assert Attendance.objects.values("person").distinct().count() == 1


def test_review_page_lists_uncertain_pairs_with_evidence(client_for, officer, hub, city):
    day = dt.date(2023, 3, 1)
    Engagement.objects.create(
        hub=hub, key="R03", title="R03", kind="workshop", starts_on=day, ends_on=day
    )
    run_import(
        "attendance",
        [
            (
                "R03.csv",
                sheet("Milena Probić;School Testgrad;Teacher;Testgrad;;F;", "Milena Probič;;;;;;"),
            )
        ],
        hub=hub,
        acting_user=officer,
    )
    page = client_for(officer).get(reverse("engagement:review_list"))
    assert page.status_code == 200


def test_remove_sheet_removes_its_rows_and_the_people_only_it_held(client_for, officer, hub, city):
    day = dt.date(2023, 3, 1)
    for key in ("S01", "S02"):
        Engagement.objects.create(
            hub=hub, key=key, title=key, kind="workshop", starts_on=day, ends_on=day
        )
    run_import(
        "attendance",
        [
            ("S01.csv", sheet("Jasna Testović;School;Teacher;Testgrad;;F;")),
            ("S02.csv", sheet("Jasna Testović;School;Teacher;Testgrad;;F;", "Olga Probna;;;;;F;")),
        ],
        hub=hub,
        acting_user=officer,
    )
    second = Sheet.objects.get(file_name="S02.csv")
    response = client_for(officer).post(reverse("engagement:sheet_remove", args=[second.pk]))
    assert response.status_code == 302
    assert list(Attendance.objects.values_list("source_file", flat=True)) == ["S01.csv"]
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Jasna Testović"]


def test_remove_sheet_rejects_get_and_refuses_the_outsider(
    client_for, officer, outsider, two_sheets
):
    sheet_pk = Sheet.objects.earliest("pk").pk
    assert (
        client_for(officer).get(reverse("engagement:sheet_remove", args=[sheet_pk])).status_code
        == 405
    )
    assert (
        client_for(outsider).post(reverse("engagement:sheet_remove", args=[sheet_pk])).status_code
        == 404
    )
    assert Sheet.objects.count() == 2
