from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.lib.inputs import FilterForm, PeriodForm, bound_days, choose_from, parse_id
from citybridge.needs.models import ConsultationFinding, Need
from citybridge.network.models import Hub, LocalGovernment, Theme

# The languages needs are stated in across the region (codes as in Need.language).
STATEMENT_LANGUAGES = [
    ("", _("Choose a language")),
    ("sr", _("Serbian")),
    ("bs", _("Bosnian")),
    ("hr", _("Croatian")),
    ("cnr", _("Montenegrin")),
    ("sq", _("Albanian")),
    ("mk", _("Macedonian")),
    ("en", _("English")),
]


class NeedForm(forms.ModelForm):
    language = forms.ChoiceField(label=_("Language"), choices=STATEMENT_LANGUAGES)

    class Meta:
        model = Need
        fields = [
            "city",
            "theme",
            "statement",
            "language",
            "priority",
            "status",
            "source_engagement",
            "raised_on",
        ]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "statement": _(
                "What the city asked for, in the language it was said in. About the city: "
                "no names of people."
            ),
            "raised_on": _("Leave empty to use the date of the engagement it was raised at."),
        }

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        cities = LocalGovernment.objects.of_hub(hub)
        choose_from(self.fields["city"], cities, empty_label=_("Choose a city"))
        choose_from(
            self.fields["theme"], Theme.objects.of_hub(hub), empty_label=_("Choose a theme")
        )
        engagements = Engagement.objects.of_hub(hub).order_by("-starts_on")
        choose_from(self.fields["source_engagement"], engagements)
        self.fields["raised_on"].required = False

    def clean_statement(self) -> str:
        statement = self.cleaned_data["statement"].strip()
        if not statement:
            raise forms.ValidationError(_("Write what the city asked for."))
        return statement

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("raised_on") and not data.get("source_engagement"):
            self.add_error(
                "raised_on",
                _("Enter when the need was raised, or the engagement it was raised at."),
            )
        return data


class NeedStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Need.Status.choices)


class FindingForm(forms.ModelForm):
    """The city a consultation's notes are about, and what it said beyond its needs."""

    class Meta:
        model = ConsultationFinding
        fields = ["city", "concerns", "approaches"]
        widgets = {
            "concerns": forms.Textarea(attrs={"rows": 3}),
            "approaches": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, engagement: Engagement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cities = LocalGovernment.objects.of_hub(engagement.hub).filter(
            Q(pk=engagement.host_city_id) | Q(engagements=engagement)
        )
        choose_from(
            self.fields["city"], cities.distinct(), empty_label=_("Choose a city that took part")
        )

    def validate_unique(self) -> None:
        # A second recording for the same city replaces its notes (record_consultation).
        pass


class ConsultationNeedForm(forms.ModelForm):
    """One need in the consultation form; a row left empty is skipped."""

    language = forms.ChoiceField(label=_("Language"), choices=STATEMENT_LANGUAGES)

    class Meta:
        model = Need
        fields = ["theme", "statement", "language", "priority"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(
            self.fields["theme"], Theme.objects.of_hub(hub), empty_label=_("Choose a theme")
        )
        self.empty_permitted = True
        self.use_required_attribute = False

    def has_changed(self) -> bool:
        # The default priority alone does not make a row worth saving.
        return bool(self.data.get(self.add_prefix("statement"), "").strip()) or bool(
            self.data.get(self.add_prefix("theme"))
        )


class BaseConsultationNeedFormSet(forms.BaseFormSet):
    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        self.hub = hub
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"hub": self.hub}

    def filled(self) -> list[Need]:
        return [
            form.instance
            for form in self.forms
            if form.has_changed() and form.is_valid() and form.cleaned_data
        ]


ConsultationNeedFormSet = cast(
    type[BaseConsultationNeedFormSet],
    forms.formset_factory(
        ConsultationNeedForm, formset=BaseConsultationNeedFormSet, extra=3, max_num=10
    ),
)


class RaisedForm(FilterForm, PeriodForm):
    """When needs were raised: a period whose boxes are `from` and `to` in the addresses of the
    needs list and the regional priorities, drawn by hand (includes/day_filter.html)."""

    query_names = {"start": "from", "end": "to"}

    def day_boxes(self) -> dict:
        """What the two day boxes show: the days read, the texts typed and what went wrong."""
        data, texts = self.in_force(), self.texts()
        errors = {
            self.add_prefix(k): " ".join(map(str, self.errors.get(k, []))) for k in ("start", "end")
        }
        return {
            "start": data.get("start"),
            "end": data.get("end"),
            "day_errors": errors,
            "day_texts": {"from": texts["start"], "to": texts["end"]},
        }


class NeedFilterForm(RaisedForm):
    """The needs list's filters: a theme, a city, a country, a status ("open": open or being
    addressed) and when they were raised."""

    text_filters = ("theme", "city", "country", "status")

    def apply(self, needs):
        data = self.in_force()
        if theme := data.get("theme"):
            needs = needs.filter(theme__slug=theme)
        if (city_id := parse_id(data.get("city"))) is not None:
            needs = needs.filter(city_id=city_id)
        if country := data.get("country"):
            needs = needs.filter(city__country_id=country)
        if (status := data.get("status")) == "open":
            needs = needs.open()
        elif status:
            needs = needs.filter(status=status)
        return needs.raised_between(data.get("start"), data.get("end"))
