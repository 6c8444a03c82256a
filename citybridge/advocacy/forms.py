"""Forms for advocacy: they validate and normalise; the writes are in advocacy.actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Engagement
from citybridge.lib.inputs import (
    OneLineTitle,
    bound_days,
    choose_from,
)
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Organisation, Person, Theme
from citybridge.network.pipelines import PipelineFilterForm


class AdvocacyActionForm(OneLineTitle, forms.ModelForm):
    document_url = forms.URLField(
        label=_("Document"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = AdvocacyAction
        fields = [
            "title",
            "date",
            "audience",
            "organisation",
            "audience_detail",
            "form",
            "engagement",
            "cities",
            "people",
            "needs",
            "themes",
            "summary",
            "outcome",
            "follow_up",
            "document_url",
        ]
        widgets = {
            "cities": forms.SelectMultiple(attrs={"size": 8}),
            "people": forms.SelectMultiple(attrs={"size": 8}),
            "needs": forms.SelectMultiple(attrs={"size": 6}),
            "themes": forms.SelectMultiple(attrs={"size": 8}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, hub: Hub, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        choose_from(self.fields["cities"], LocalGovernment.objects.of_hub(hub))
        choose_from(self.fields["people"], Person.objects.visible_to(user).of_hub(hub))
        choose_from(
            self.fields["needs"],
            Need.objects.of_hub(hub)
            .select_related("city", "theme")
            .order_by("city__name_key", "theme__name"),
        )
        choose_from(self.fields["themes"], Theme.objects.of_hub(hub))
        choose_from(
            self.fields["engagement"], Engagement.objects.of_hub(hub).order_by("-starts_on")
        )
        choose_from(self.fields["organisation"], Organisation.objects.of_hub(hub))


class TestimonialForm(forms.ModelForm):
    class Meta:
        model = Testimonial
        fields = ["person", "quote", "attribution", "city", "said_on", "publication_consent"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, hub: Hub, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        choose_from(self.fields["person"], Person.objects.visible_to(user).of_hub(hub))
        choose_from(self.fields["city"], LocalGovernment.objects.of_hub(hub))

    def clean_quote(self) -> str:
        quote = self.cleaned_data["quote"].strip().strip('“”"')
        if not quote:
            raise forms.ValidationError(_("Enter the quote."))
        return quote


class AdvocacyFilterForm(PipelineFilterForm):
    """The filters of the advocacy list and pipeline; the pipeline's numbers link with them."""

    field_order = ["start", "end", "audience", "form", "theme", "country", "city"]

    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All")), *AdvocacyAction.Audience.choices],
    )
    form = forms.ChoiceField(
        label=_("Form"), required=False, choices=[("", _("All")), *AdvocacyAction.Form.choices]
    )

    def apply(self, actions):
        if not (data := self.in_force()):
            return actions
        actions = actions.between(data.get("start"), data.get("end"))
        if data.get("audience"):
            actions = actions.filter(audience=data["audience"])
        if data.get("form"):
            actions = actions.filter(form=data["form"])
        if theme := data.get("theme"):
            actions = (
                actions.filter(themes__isnull=True)
                if theme == "none"
                else actions.filter(themes__slug=theme)
            )
        if country := data.get("country"):
            actions = (
                actions.filter(cities__isnull=True)
                if country == "none"
                else actions.filter(cities__country_id=country)
            )
        if data.get("city"):
            actions = actions.filter(cities=data["city"])
        return actions.distinct()
