"""Numbers and days read from a query string or a form, within what the database and the
calendar arithmetic behind the pages hold.

A value outside them is no record's: `?city=99999999999999999999` overflowed SQLite's integers,
`?year=99999999999` Python's dates, and a period from 0001-01-01 made "the period before" fall
off the calendar. Filters read such a value as no filter at all (`parse_id`, `parse_year`,
`parse_day`); forms say what is wrong (`IdField`, `DayField`).

Days are typed in one text box everywhere (`DayInput`), read one way (`lib.days.read_day`: day
before month, or ISO, or a written month) and shown back in the reader's own format ("5 Dec 2024",
"5. дец 2024."), so what was understood is there to read; the browser's date box is not used.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citybridge.lib.days import DayError, read_day

if TYPE_CHECKING:  # django-stubs is a test dependency
    from django_stubs_ext import StrOrPromise

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
    """A day from a query string (as `read_day` reads it), or None when it is none, cannot be
    read for certain or is out of bounds."""
    try:
        day = read_day(text or "")
    except DayError:
        return None
    return day if day and FIRST_DAY <= day <= LAST_DAY else None


def filter_day(text: str | None) -> tuple[dt.date | None, str]:
    """A day from a hand-written filter box and, when the text names none, what to type."""
    try:
        day = read_day(text or "")
    except DayError as error:
        return None, str(day_error_message(error.code))
    if day and not FIRST_DAY <= day <= LAST_DAY:
        return None, str(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()}
        )
    return day, ""


# A day whose number cannot be a month, so the examples teach the order.
EXAMPLE_DAY = dt.date(2026, 3, 31)


def day_examples() -> dict[str, str]:
    return {
        "numeric": f"{EXAMPLE_DAY.day}.{EXAMPLE_DAY.month}.{EXAMPLE_DAY.year}",
        "written": date_format(EXAMPLE_DAY, "DATE_FORMAT"),
        "iso": EXAMPLE_DAY.isoformat(),
    }


def day_error_message(code: str) -> str:
    """What to type instead, for each reason `read_day` refuses a text."""
    if code == "digits":
        return (
            _(
                "These digits can be read as more than one day: separate the day, the month and the "
                "year, for example %(numeric)s."
            )
            % day_examples()
        )
    if code == "short_year":
        return _("Write the year in full, for example %(numeric)s.") % day_examples()
    if code == "no_such_day":
        return (
            _(
                "The calendar has no such day: check the day and the month (day first, for example "
                "%(numeric)s)."
            )
            % day_examples()
        )
    return (
        _("Enter the day first, then the month and the year: %(numeric)s, %(written)s or %(iso)s.")
        % day_examples()
    )


def validate_day(value: dt.date | None) -> None:
    if value and not FIRST_DAY <= value <= LAST_DAY:
        raise forms.ValidationError(
            _("Enter a date between %(first)s and %(last)s."),
            code="out_of_range",
            params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
        )


class DayInput(forms.TextInput):
    """The site's one date box: text, shown back in the reader's format (see the module
    docstring); a value that could not be read comes back as it was typed."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(
            {"autocomplete": "off", "spellcheck": "false", "class": "day-input", **(attrs or {})}
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].setdefault("placeholder", day_examples()["numeric"])
        return context

    def format_value(self, value):
        if isinstance(value, dt.date):
            return date_format(value, "DATE_FORMAT")
        return super().format_value(value)


class DayField(forms.DateField):
    """A date between FIRST_DAY and LAST_DAY, read by `read_day`: a text that names no day for
    certain, and the calendar's edges, are form errors that say what to type."""

    widget = DayInput
    default_validators = [validate_day]

    def to_python(self, value):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return read_day(str(value or ""))
        except DayError as error:
            raise forms.ValidationError(day_error_message(error.code), code=error.code) from None


def bound_days(form: forms.BaseForm) -> None:
    """Make every date field of a (model) form a DayField: the same box, reading and bounds."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DateField) and not isinstance(field, DayField):
            day = DayField(
                required=field.required,
                label=field.label,
                initial=field.initial,
                help_text=field.help_text,
                disabled=field.disabled,
                validators=[v for v in field.validators if v is not validate_day],
            )
            if field.widget.is_hidden:
                day.widget = field.widget
            form.fields[name] = day


class PeriodForm(forms.Form):
    """A period from `start` to `end`, either left open; an end before the start is the end's
    error. The lists' filters, the figures and the brief build on it (a subclass may make the
    days required or hidden by declaring them again)."""

    start = DayField(label=_("From"), required=False)
    end = DayField(label=_("To"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data


class FilterForm(forms.Form):
    """A list's filters, read from its query string (the one list idiom): `apply(rows)` narrows
    a queryset by the filters in force, `active_filters()` gives them back as query parameters
    (for links and downloads) and `texts()` as typed, for the boxes a page writes by hand.

    A field in error says what to type and is left out while the others still filter; a form
    with `whole` set filters only when every field is valid (support and advocacy: their
    pipelines' numbers link to the list with the same filters). `query_names` names a field
    differently in the address (`from` for `start`); `text_filters` are fields of text matched
    as typed, not choices: a value no record has finds none, as the address asked."""

    whole = False
    query_names: dict[str, str] = {}
    text_filters: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.text_filters:
            self.fields[name] = forms.CharField(required=False)

    def add_prefix(self, field_name: str) -> str:
        return super().add_prefix(self.query_names.get(field_name, field_name))

    def in_force(self) -> dict[str, Any]:
        """The cleaned values of the filters set (none when the form is unbound)."""
        if not self.is_bound or (not self.is_valid() and self.whole):
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def apply(self, rows):
        raise NotImplementedError

    def active_filters(self) -> dict[str, str]:
        """The filters in force, as query parameters."""
        return {
            self.add_prefix(k): v.isoformat() if isinstance(v, dt.date) else str(v)
            for k, v in self.in_force().items()
        }

    def texts(self) -> dict[str, str]:
        """What each box holds, as typed (stripped), by field name."""
        return {name: str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields}


def choose_from(field: forms.Field, queryset, *, empty_label: StrOrPromise | None = None) -> None:
    """Offer only these records in a model choice field (the hub's, the user's), and name its
    empty choice when given."""
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    if empty_label is not None:
        field.empty_label = empty_label


class OneLineTitle:
    """For a form with a `title`: kept on one line with its spaces folded, and required in
    words (a title of spaces alone is no title)."""

    cleaned_data: dict[str, Any]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title


class IdField(forms.IntegerField):
    """A record id: a positive integer the database can hold."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
