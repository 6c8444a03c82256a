from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.lib.inputs import DayField


class PeriodForm(forms.Form):
    start = DayField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = DayField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data

    def period(self, default_start: dt.date | None) -> tuple[dt.date | None, dt.date]:
        """The period asked for, or the hub's whole life to today."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("start") or default_start, data.get("end") or dt.date.today()
