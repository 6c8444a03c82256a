from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.lib.inputs import FilterForm, OneLineTitle, choose_from, parse_year
from citybridge.network.forms import VersionedForm
from citybridge.network.models import LocalGovernment, Theme


class EngagementForm(OneLineTitle, VersionedForm):
    class Meta:
        model = Engagement
        fields = [
            "version",
            "key",
            "title",
            "kind",
            "starts_on",
            "ends_on",
            "place",
            "country",
            "host_city",
            "participating_cities",
            "themes",
            "funder",
            "description",
        ]
        widgets = {
            "participating_cities": forms.SelectMultiple(attrs={"size": 8}),
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hub = hub
        cities = LocalGovernment.objects.of_hub(hub)
        choose_from(self.fields["host_city"], cities)
        choose_from(self.fields["participating_cities"], cities)
        self.fields["participating_cities"].required = False
        choose_from(self.fields["themes"], Theme.objects.of_hub(hub))

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip()
        taken = Engagement.objects.filter(hub=self.hub, key__iexact=key).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                _("Another engagement of this hub already uses the key %(key)s.") % {"key": key}
            )
        return key

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return data


class EngagementFilterForm(FilterForm):
    """The engagement list's filters: words of the title, key or place, a type, a year, a theme."""

    text_filters = ("q", "kind", "year", "theme")

    def apply(self, engagements):
        data = self.in_force()
        if q := data.get("q"):
            engagements = engagements.filter(
                Q(title__icontains=q) | Q(key__iexact=q) | Q(place__icontains=q)
            )
        if kind := data.get("kind"):
            engagements = engagements.filter(kind=kind)
        if (year := parse_year(data.get("year"))) is not None:
            engagements = engagements.filter(starts_on__year=year)
        if theme := data.get("theme"):
            engagements = engagements.filter(themes__slug=theme)
        return engagements
