"""Each interface language writes dates as its readers do ("8 Dec 2022", "8. дец 2022.",
"8 дек. 2022"), with a 24-hour clock; forms take ISO dates and the region's day.month.year."""

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


# What a native reader expects (CLDR's medium date), for 8 December 2022 and for May, the
# month Django's own abbreviations get wrong in Serbian ("мај.").
WRITTEN = {
    "en": ("8 Dec 2022", "8 May 2022", "8 Dec 2022, 14:05"),
    "sq": ("8 dhj 2022", "8 maj 2022", "8 dhj 2022, 14:05"),
    "sr": ("8. дец 2022.", "8. мај 2022.", "8. дец 2022. 14:05"),
    "sr-latn": ("8. dec 2022.", "8. maj 2022.", "8. dec 2022. 14:05"),
    "bs": ("8. dec 2022.", "8. maj 2022.", "8. dec 2022. 14:05"),
    "hr": ("8. pro 2022.", "8. svi 2022.", "8. pro 2022. 14:05"),
    "mk": ("8 дек. 2022", "8 мај 2022", "8 дек. 2022 14:05"),
}


def test_every_interface_language_has_its_date_format():
    assert set(WRITTEN) == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_writes_the_date_as_its_readers_do(lang):
    day, in_may, moment = WRITTEN[lang]
    with translation.override(lang):
        assert shown("{{ day }}", day=DAY) == day
        assert shown("{{ day }}", day=DAY.replace(month=5)) == in_may
        assert shown("{{ moment }}", moment=MOMENT) == moment
        assert shown('{{ day|date:"SHORT_DATE_FORMAT" }}', day=DAY) == day


def test_serbian_in_latin_and_croatian_have_their_own_format_modules():
    """No fallback surprises: sr_Latn would otherwise take sr's module, hr Django's."""
    from django.utils.formats import iter_format_modules

    for lang, module in (
        ("sr-latn", "citybridge.formats.sr_Latn"),
        ("hr", "citybridge.formats.hr"),
    ):
        assert next(iter_format_modules(lang, settings.FORMAT_MODULE_PATH)).__name__ == (
            f"{module}.formats"
        )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_numbers_keep_each_languages_separators(lang):
    with translation.override(lang):
        written = shown("{{ n|floatformat:'1g' }}", n=12345.6)
    assert written == ("12,345.6" if lang == "en" else "12.345,6")


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
