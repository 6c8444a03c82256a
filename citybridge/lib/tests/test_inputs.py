import datetime as dt

import pytest
from django import forms

from citybridge.lib.inputs import DayField, IdField, parse_day, parse_id, parse_year

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("text", ["", "0", "-3", "abc", "١٢", HUGE, str(2**63), "1" * 5000])
def test_what_no_record_id_can_be(text):
    assert parse_id(text) is None


def test_record_ids():
    assert parse_id("42") == 42 and parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("text", ["0", "1899", "2200", "99999999999", "20x4", ""])
def test_years_outside_the_calendar_of_records(text):
    assert parse_year(text) is None


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "2024-02-30", "x", ""])
def test_days_outside_the_calendar_of_records(text):
    assert parse_day(text) is None
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)


class Filters(forms.Form):
    day = DayField(required=False)
    city = IdField(required=False)


@pytest.mark.parametrize(
    ("data", "field"),
    [({"day": "0001-01-01"}, "day"), ({"day": "9999-12-31"}, "day"), ({"city": HUGE}, "city")],
)
def test_the_fields_say_what_is_wrong(data, field):
    form = Filters(data)
    assert not form.is_valid() and field in form.errors
