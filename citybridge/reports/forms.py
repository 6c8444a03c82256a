"""The period filters of the report pages and the city story's form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.context_processors import HTML_LANG
from citybridge.lib.inputs import DayField, PeriodForm


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


class StoryForm(PeriodForm):
    """The officer's text for a city and period, and the same paragraph in other languages."""

    start = DayField(widget=forms.HiddenInput)
    end = DayField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Story for the brief"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Drafted from the records. Edit it freely; only an approved story is printed."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The same paragraph per language, for the brief in that language (empty: the story
        # as written above).
        for code, language in settings.LANGUAGES:
            self.fields[f"text__{code}"] = forms.CharField(
                label=_("%(field)s (%(language)s)")
                % {"field": self.fields["text"].label, "language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": HTML_LANG.get(code, code)}),
            )

    def translations(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text__{code}", "") for code, _n in settings.LANGUAGES}
