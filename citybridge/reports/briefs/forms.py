"""The brief form: period, funder and language of a brief to preview or publish."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.lib.inputs import DayField
from citybridge.network.models import Funder
from citybridge.reports.briefs.words import LANGUAGES

DATE = forms.DateInput(attrs={"type": "date"})


class BriefForm(forms.Form):
    start = DayField(label=_("From"), widget=DATE)
    end = DayField(label=_("To"), widget=DATE)
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Funder.objects.all(),
        required=False,
        empty_label=_("Those who funded the period's engagements"),
        help_text=_("Whose acknowledgement closes the brief."),
    )
    lang = forms.ChoiceField(label=_("Language"), choices=list(LANGUAGES.items()), initial="en")

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data
