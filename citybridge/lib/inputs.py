"""Numbers and days read from a query string or a form, within what the database and the
calendar arithmetic behind the pages hold.

A value outside them is no record's: `?city=99999999999999999999` overflowed SQLite's integers,
`?year=99999999999` Python's dates, and a period from 0001-01-01 made "the period before" fall
off the calendar. Filters read such a value as no filter at all (`parse_id`, `parse_year`,
`parse_day`); forms say what is wrong (`IdField`, `DayField`).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

# Primary keys are BigAutoField: 64-bit signed integers on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1
# The hub's records start in the 20th century at the earliest; the bounds leave a period and
# the period of the same length before it (the home page's trend) well inside the calendar.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def parse_id(text: str | None) -> int | None:
    """A record id from a query string, or None when it cannot be one."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def parse_year(text: str | None) -> int | None:
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 4:
        return None
    year = int(text)
    return year if FIRST_DAY.year <= year <= LAST_DAY.year else None


def parse_day(text: str | None) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) from a query string, or None when it is none or out of bounds."""
    try:
        day = dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY else None


def validate_day(value: dt.date | None) -> None:
    if value and not FIRST_DAY <= value <= LAST_DAY:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )


class DayField(forms.DateField):
    """A date between FIRST_DAY and LAST_DAY: the calendar's edges are a form error."""

    default_validators = [validate_day]


def bound_days(form: forms.BaseForm) -> None:
    """Hold every date field of a (model) form to FIRST_DAY..LAST_DAY, as DayField does."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField) and validate_day not in field.validators:
            field.validators.append(validate_day)


class IdField(forms.IntegerField):
    """A record id: a positive integer the database can hold."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
