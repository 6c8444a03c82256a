"""The brief form: period, funder and language of a brief to preview or publish."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.lib.inputs import DayField, PeriodForm
from citybridge.network.models import Funder
from citybridge.reports.briefs.words import LANGUAGES


def default_period(
    launched_on: dt.date | None, last_published_end: dt.date | None, today: dt.date
) -> tuple[dt.date | None, dt.date]:
    """The period a new brief starts from: since the last published brief (the day after its
    end), else since the hub's launch; to the end of the last full calendar year, or to today
    when that year is already covered."""
    year_end = dt.date(today.year - 1, 12, 31)
    start = last_published_end + dt.timedelta(days=1) if last_published_end else launched_on
    if start is None:
        return dt.date(today.year - 1, 1, 1), year_end
    return start, year_end if year_end >= start else today


class BriefForm(PeriodForm):
    start = DayField(label=_("From"))
    end = DayField(label=_("To"))
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Funder.objects.all(),
        required=False,
        empty_label=_("Those who funded the period's engagements"),
        help_text=_("Whose acknowledgement closes the brief."),
    )
    lang = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGES.items()), initial="en")
