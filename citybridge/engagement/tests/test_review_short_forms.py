"""The review queue asks about the splits no pair of records settles, in words; a "same person"
on an informal given name teaches the hub that short form, and undoing it unlearns it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from citybridge.engagement import review
from citybridge.engagement.models import Attendance, Engagement, LinkDecision, ReviewPair, ShortForm
from citybridge.engagement.templatetags.review import reason
from citybridge.imports.registry import run_import

HEADER = "#;Full name;Organisation;Position;City;Email;Gender;Signature\r\n"


def sheet(*rows: str) -> bytes:
    return (HEADER + "".join(f"{i};{r}\r\n" for i, r in enumerate(rows, 1))).encode("utf-8")


def import_sheets(hub, officer, *sheets: tuple[str, str]) -> None:
    day = dt.date(2023, 3, 1)
    for key, _ in sheets:
        Engagement.objects.get_or_create(
            hub=hub,
            key=key,
            defaults={"title": key, "kind": "workshop", "starts_on": day, "ends_on": day},
        )
    run_import(
        "attendance",
        [(f"{key}.csv", sheet(row)) for key, row in sheets],
        hub=hub,
        acting_user=officer,
    )


@pytest.fixture
def informal(hub, city, officer):
    """Božidar and, at other engagements, "Boža" of one surname and city: never linked."""
    import_sheets(
        hub,
        officer,
        ("S01", "Božidar Vranješ;;;Testgrad;;M;"),
        ("S02", "BOŽA Vranješ;Gradska biblioteka;;Testgrad;;;"),
    )
    return ReviewPair.objects.get(hub=hub)


def test_the_split_is_queued_with_its_reasons_in_words(client_for, officer, informal):
    texts = [reason(r) for r in informal.evidence]
    assert texts[:2] == [
        "same surname (Vranješ) and city, never at one engagement together",
        "Boža may be a short form of Božidar, not yet known to CityBridge",
    ]
    page = client_for(officer).get(reverse("engagement:review_list"))
    assert "Boža may be a short form of Božidar, not yet known to CityBridge" in page.text


def test_the_reasons_are_translated(informal):
    with translation.override("sr-latn"):
        texts = [reason(r) for r in informal.evidence]
    assert "Vranješ" in texts[0] and "never at one engagement" not in texts[0]
    assert "Boža" in texts[1] and "Božidar" in texts[1] and "CityBridge" in texts[1]


def test_same_person_teaches_the_short_form_for_later_imports(hub, officer, informal):
    review.decide_pair(
        hub, informal.first, informal.second, LinkDecision.Verdict.SAME, acting_user=officer
    )
    taught = ShortForm.objects.get(hub=hub)
    assert (taught.short, taught.full) == ("boza", "bozidar")
    assert taught.decision.verdict == LinkDecision.Verdict.SAME
    # Another Božidar of the hub signs as Boža: linked without asking.
    import_sheets(
        hub,
        officer,
        ("S03", "Božidar Kneževac;;;Testgrad;;M;"),
        ("S04", "Boža Kneževac;;;Testgrad;;;"),
    )
    later = Attendance.objects.filter(full_name__contains="Kneževac")
    assert later.values("person").distinct().count() == 1
    assert not ReviewPair.objects.filter(hub=hub).exists()


def test_undoing_the_decision_unlearns_the_short_form(hub, officer, informal):
    review.decide_pair(
        hub, informal.first, informal.second, LinkDecision.Verdict.SAME, acting_user=officer
    )
    review.undo_decision(hub, LinkDecision.objects.get(), acting_user=officer)
    assert not ShortForm.objects.exists()
    assert Attendance.objects.values("person").distinct().count() == 2
    assert ReviewPair.objects.filter(hub=hub).count() == 1


def test_different_people_keeps_them_apart_and_unasked(hub, officer, informal):
    review.decide_pair(
        hub, informal.first, informal.second, LinkDecision.Verdict.DIFFERENT, acting_user=officer
    )
    assert not ShortForm.objects.exists()
    import_sheets(hub, officer, ("S05", "Boža Vranješ;Gradska biblioteka;;Testgrad;;;"))
    assert not ReviewPair.objects.filter(hub=hub).exists()
    assert Attendance.objects.values("person").distinct().count() == 2
