from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import date_format

from citybridge.lib.inputs import PeriodForm


class ShownPeriodForm(PeriodForm):
    """A page's period filter that fills its empty boxes with the period the page shows."""

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
