"""One way to read a day, in every language: day before month, ISO, or a written month; a text
that could name two days, or none, is refused with what to type."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from citybridge.lib.days import DayError, month_names, read_day
from citybridge.lib.inputs import DayField, DayInput, filter_day, parse_day

DEC_5 = dt.date(2024, 12, 5)
LANGUAGES = ["en", "sq", "sr", "sr-latn", "mk", "bs", "hr"]


@pytest.mark.parametrize(
    "text",
    [
        "5.12.2024",
        "5.12.2024.",
        "05.12.2024",
        "5. 12. 2024.",
        "5/12/2024",
        "05-12-2024",
        "2024-12-05",
        " 2024-12-05 ",
        "5 Dec 2024",
        "5 December 2024",
        "December 5, 2024",
        "5th of December 2024",
        "Dec 5 2024",
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_regions_day_first_forms_iso_and_english_months_in_every_language(text, lang):
    assert read_day(text, lang) == DEC_5


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("sq", ["5 dhjetor 2024", "5 dhj 2024", "5 dhjetorit 2024"]),
        (
            "sr",
            ["5. децембар 2024.", "5. децембра 2024. године", "5. дец 2024.", "5. decembra 2024"],
        ),
        ("sr-latn", ["5. decembar 2024.", "5. decembra 2024.", "5. dec 2024."]),
        ("mk", ["5 декември 2024", "5 дек. 2024", "5 dekemvri 2024"]),
        ("bs", ["5. decembar 2024.", "5. decembra 2024."]),
        ("hr", ["5. prosinca 2024.", "5. prosinac 2024.", "5. pro 2024."]),
    ],
)
def test_written_months_in_the_readers_language_any_script_and_case(lang, texts):
    for text in texts:
        assert read_day(text, lang) == DEC_5, text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_site_shows_is_read_back_as_the_same_day(lang):
    """A bound form shows a date as the reader's format; submitting it again must keep it."""
    with translation.override(lang):
        for day in [DEC_5, dt.date(2026, 3, 31), dt.date(2025, 5, 1), dt.date(2023, 8, 19)]:
            assert read_day(DayInput().format_value(day)) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12052024", "digits"),  # 12 May or 5 Dec: the bug this replaces
        ("5122024", "digits"),
        ("20241205", "digits"),
        ("5.12.24", "short_year"),
        ("5 Dec 24", "short_year"),
        ("31.2.2024", "no_such_day"),
        ("29.2.2023", "no_such_day"),
        ("2024-13-05", "no_such_day"),
        ("32 Dec 2024", "no_such_day"),
        ("5.12", "unreadable"),
        ("tomorrow", "unreadable"),
        ("5 Ma 2024", "unreadable"),  # too short to say which month
        ("5 Dec Jan 2024", "unreadable"),
        ("12/05/2024/1", "unreadable"),
    ],
)
def test_ambiguous_and_impossible_days_are_refused_with_their_reason(text, code):
    with pytest.raises(DayError) as refused:
        read_day(text, "en")
    assert refused.value.code == code


def test_blank_is_no_day():
    assert read_day("", "en") is None and read_day("   ", "sr") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_month_names_do_not_collide_on_their_first_three_letters(lang):
    """A short written month ("mar", "lip", "dhj") names one month only in English and the
    reader's language together."""
    starts: dict[str, int] = {}
    for number, names in enumerate(month_names(lang), start=1):
        for name in names:
            if len(name) >= 3:
                assert starts.setdefault(name[:3], number) == number, (lang, name)


class Period(forms.Form):
    day = DayField()


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "12052024", "separate the day, the month and the year, for example 31.3.2026"),
        ("en", "5.12.24", "Write the year in full, for example 31.3.2026"),
        ("en", "31.2.2024", "The calendar has no such day"),
        (
            "en",
            "soon",
            "Enter the day first, then the month and the year: 31.3.2026, 31 Mar 2026 or 2026-03-31.",
        ),
        ("sr", "soon", "31. мар 2026."),
        ("sq", "soon", "31 mar 2026"),
        ("hr", "soon", "31. ožu 2026."),
    ],
)
def test_a_form_says_what_to_type_in_the_readers_language(lang, text, words):
    with translation.override(lang):
        form = Period({"day": text})
        assert not form.is_valid()
        assert words in form.errors["day"][0]
        # What was typed comes back as typed, to be corrected.
        assert f'value="{text}"' in str(form["day"])


@pytest.mark.parametrize("lang", ["en", "sr", "sq"])
def test_refusals_are_translated(lang):
    with translation.override(lang):
        form = Period({"day": "12052024"})
        form.is_valid()
        message = form.errors["day"][0]
    if lang != "en":
        assert "separate the day" not in message and "31.3.2026" in message


def test_a_form_takes_a_day_and_shows_it_in_the_readers_format():
    with translation.override("sr"):
        form = Period({"day": "5/12/2024"})
        assert form.is_valid() and form.cleaned_data["day"] == DEC_5
        unbound = Period(initial={"day": DEC_5})
        html = str(unbound["day"])
    assert 'type="text"' in html and 'value="5. дец 2024."' in html
    assert 'type="date"' not in html and 'placeholder="31.3.2026"' in html


def test_query_string_filters_read_the_same_way():
    assert parse_day("5.12.2024") == DEC_5 and parse_day("2024-12-05") == DEC_5
    assert parse_day("12052024") is None
    assert filter_day("5 Dec 2024") == (DEC_5, "")
    day, error = filter_day("12052024")
    assert day is None and "31.3.2026" in error
    day, error = filter_day("1.1.0001")
    assert day is None and "1900-01-01" in error
