"""Single cells as people write them by hand: dates, yes/no answers and e-mail addresses.

Each parser returns the value or raises `ValueProblem` saying what is wrong with the cell and
how to write it, for the importer to turn into a `Problem` at its row and column."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from citybridge.lib.spreadsheets import ValueProblem
from citybridge.lib.text import fold


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A time after the date is allowed and left out, fractions and offset included (a form tool's
# "2024-03-01T00:30:00.000+01:00" is 1 March where it was written, whatever the day in UTC).
_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})\.?(?:\s+\d{1,2}:\d{2})?")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")


def parse_date(text: str) -> dt.date:
    """A date written as 2024-03-09, 09.03.2024., 9.3.2024, 09/03/2024 or an Excel serial; or
    a timestamp (2024-03-09T10:00:00.000+01:00, 2024-03-09T09:00:00Z), read as the day it names
    in its own offset."""
    value = text.strip()
    fix = _("Write it as day.month.year, for example 09.03.2024.")
    if not value:
        raise ValueProblem(_("The date is missing."), fix)
    try:
        if match := _ISO.fullmatch(value):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _DAY_FIRST.fullmatch(value):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if _SERIAL.fullmatch(value):
            # Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
            return _EXCEL_EPOCH + dt.timedelta(days=int(float(value)))
    except ValueError:
        raise ValueProblem(_("'%(value)s' is not a real date.") % {"value": value}, fix) from None
    raise ValueProblem(_("'%(value)s' is not a date we can read.") % {"value": value}, fix)


_TRUE = {"yes", "y", "da", "po", "true", "1", "x", "✓", "✔", "ja", "oui", "si"}
_FALSE = {"no", "n", "ne", "jo", "false", "0", "nije", "-"}


def parse_bool(text: str) -> bool:
    """Yes or no, written in English, the region's languages (da/ne, po/jo, да/не), 1/0 or x."""
    key = _key(text) if text.strip() not in ("✓", "✔", "-") else text.strip()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    shown = text.strip()
    if not shown:
        raise ValueProblem(_("The yes/no answer is missing."), _("Write 'yes' or 'no'."))
    raise ValueProblem(
        _("'%(value)s' is not a yes or no.") % {"value": shown},
        _("Write 'yes' or 'no' (or da/ne, po/jo)."),
    )


_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}")


def parse_email(text: str) -> str:
    """The e-mail address in the cell, trimmed; its case is kept (it is evidence as written)."""
    value = text.strip().removeprefix("mailto:")
    if _EMAIL.fullmatch(value) and ".." not in value:
        return value
    raise ValueProblem(
        _("'%(value)s' is not an e-mail address.") % {"value": text.strip()},
        _("Correct it or leave the cell empty."),
    )
