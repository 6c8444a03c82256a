from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citybridge.lib.inputs import DayField


class PeriodForm(forms.Form):
    start = DayField(label=_("From"), required=False)
    end = DayField(label=_("To"), required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data

    def period(self, default_start: dt.date | None) -> tuple[dt.date | None, dt.date]:
        """The period asked for, or the hub's whole life to today."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("start") or default_start, data.get("end") or timezone.localdate()

    def show_period(self, start: dt.date | None, end: dt.date) -> None:
        """Fill the boxes left empty with the period the page shows, so the filters say what
        the heading says."""
        if not self.is_bound:
            self.initial = {"start": start, "end": end}
            return
        if not self.is_valid():
            return
        data = dict(self.data.items())
        for name, day in (("start", start), ("end", end)):
            if day and not (data.get(name) or "").strip():
                data[name] = date_format(day, "DATE_FORMAT")
        self.data = data
