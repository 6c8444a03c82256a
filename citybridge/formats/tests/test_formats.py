"""One date format in every interface language: "8 Dec 2022", "8 Dec 2022, 14:05"; forms take
ISO dates and the region's day.month.year."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

DAY = dt.date(2022, 12, 8)
MOMENT = timezone.make_aware(dt.datetime(2022, 12, 8, 14, 5))
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def shown(template: str, **context) -> str:
    return Template(template).render(Context(context))


def test_english_pages_write_day_month_year_with_a_24_hour_clock():
    with translation.override("en"):
        assert shown("{{ day }}", day=DAY) == "8 Dec 2022"
        assert shown("{{ moment }}", moment=MOMENT) == "8 Dec 2022, 14:05"
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert shown(f'{{{{ day|date:"{name}" }}}}', day=DAY) == "8 Dec 2022"
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert shown(f'{{{{ moment|date:"{name}" }}}}', moment=MOMENT) == "8 Dec 2022, 14:05"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_writes_the_day_first_and_the_month_as_a_word(lang):
    with translation.override(lang):
        day, moment = shown("{{ day }}", day=DAY), shown("{{ moment }}", moment=MOMENT)
    assert day.startswith("8 ") and day.endswith(" 2022") and not day[2].isdigit()
    assert moment == f"{day}, 14:05"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_forms_take_iso_and_day_month_year_and_date_inputs_show_iso(lang):
    field = forms.DateField()
    with translation.override(lang):
        for typed in ("2022-12-08", "08.12.2022", "8.12.2022.", "8.12.2022"):
            assert field.clean(typed) == DAY, typed
        with pytest.raises(forms.ValidationError):
            field.clean("12/08/2022")  # month first or day first: refused, not guessed
        # <input type="date"> needs its value in ISO whatever the language.
        assert forms.DateInput(attrs={"type": "date"}).format_value(DAY) == "2022-12-08"
