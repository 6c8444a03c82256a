"""The review queue says why in the reader's language: the engine's reasons are msgids with
their names and days as arguments, translated when shown, the days in the reader's date format
and the names in the reader's script; a reason stored as English text before still shows; the
score is said in words."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from citybridge.engagement.models import Attendance, Engagement, ReviewPair
from citybridge.engagement.templatetags.review import reason
from citybridge.imports.registry import run_import
from citybridge.lib.resolution import Mention, resolve
from citybridge.lib.resolution.reasons import in_english
from citybridge.lib.scripts import CYRILLIC
from citybridge.network import names

LANGUAGES = ("sq", "sr", "sr-latn", "mk", "bs", "hr")


def married() -> list:
    """The engine's reasons for asking about Drita Kelmendi, later Drita Berisha."""
    mentions = [
        Mention(1, "Drita Kelmendi", city="7", day="2023-02-01", event="e1", gender="F"),
        Mention(2, "Kelmendi Drita", city="7", day="2023-06-10", event="e2", organisation="Komuna"),
        Mention(3, "Drita Berisha", city="7", day="2024-01-15", event="e3", organisation="Komuna"),
        Mention(4, "Drita Berisha", city="7", day="2024-05-20", event="e4", gender="F"),
    ]
    (evidence,) = [e for a, b, _, e in resolve(mentions).uncertain if {a, b} == {2, 3}]
    return evidence


def slip() -> list:
    """The engine's reasons for asking about Goran Ilić of one organisation in two cities."""
    mentions = [
        Mention(1, "Goran Ilić", city="10", organisation="Regional Water Board"),
        Mention(2, "Goran Ilić", city="11", organisation="Regional Water Board"),
    ]
    return resolve(mentions).uncertain[0][3]


def test_the_engines_reasons_are_msgids_with_arguments() -> None:
    evidence = married()
    assert all(isinstance(r, dict) and r["text"] for r in evidence)
    changed = next(r for r in evidence if "until" in r["text"])
    assert changed["args"]["before"] == "Kelmendi" and changed["args"]["after"] == "Berisha"
    assert changed["args"]["until"] == "2023-06-10" and changed["dates"] == ["until", "since"]
    assert "signed Kelmendi until 2023-06-10" in in_english(changed)


def test_a_married_name_reads_in_serbian_with_its_days_and_names_in_cyrillic() -> None:
    token = names.activate(CYRILLIC)
    try:
        with translation.override("sr"):
            shown = [reason(r) for r in married()]
    finally:
        names.deactivate(token)
    changed = shown[1]
    assert "Келменди" in changed and "Бериша" in changed
    assert "10. јун 2023." in changed and "15. јан 2024." in changed
    assert "signed" not in changed and "Kelmendi" not in changed and "2023-06-10" not in changed
    assert "Дрита" in shown[0]


def test_a_day_is_written_as_the_reader_writes_it() -> None:
    changed = married()[1]
    with translation.override("en"):
        assert "until 10 Jun 2023, Berisha from 15 Jan 2024" in reason(changed)
    with translation.override("sq"):
        assert "10 qer 2023" in reason(changed) and "Kelmendi" in reason(changed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_of_the_engine_is_translated(language) -> None:
    for evidence in (married(), slip()):
        for r in evidence:
            with translation.override("en"):
                english = reason(r)
            with translation.override(language):
                assert reason(r) != english, (language, english)


def test_a_reason_stored_as_english_text_still_shows() -> None:
    with translation.override("sr"):
        assert reason("signed Popović until 20 Sep 2023") == "signed Popović until 20 Sep 2023"
        assert reason("same role") == reason({"text": "same role", "args": {}})


@pytest.mark.django_db
def test_the_page_says_the_reasons_and_how_likely_in_the_readers_language(
    client_for, officer, hub, city
):
    day = dt.date(2023, 3, 1)
    for key in ("W1", "W2"):
        Engagement.objects.create(
            hub=hub, key=key, title=key, kind="workshop", starts_on=day, ends_on=day
        )
    header = "#;Full name;City;Gender\r\n"
    run_import(
        "attendance",
        [
            ("W1.csv", f"{header}1;Drita Kelmendi;Testgrad;F\r\n".encode()),
            ("W2.csv", f"{header}1;Drita Berisha;Testgrad;F\r\n".encode()),
        ],
        hub=hub,
        acting_user=officer,
    )
    ReviewPair.objects.all().delete()
    first, second = Attendance.objects.order_by("pk")
    ReviewPair.objects.create(
        hub=hub, first=first, second=second, score=0.32, evidence=["an old reason", *married()]
    )
    officer.language = "sr"
    officer.save(update_fields=["language"])
    page = client_for(officer).get(reverse("engagement:review_list"))
    assert "an old reason" in page.text  # stored before reasons were msgids
    assert "10. јун 2023." in page.text and "perhaps a married name" not in page.text
    assert "similarity" not in page.text and "0.32" not in page.text and "0,32" not in page.text
    with translation.override("sr"):
        assert str(ReviewPair(score=0.32).likeness[0]) in page.text
