"""Forms for support: they validate and normalise; the writes are in support.actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.lib.inputs import (
    DayField,
    OneLineTitle,
    bound_days,
    choose_from,
    parse_id,
)
from citybridge.needs.models import Need
from citybridge.network.models import Funder, Hub, LocalGovernment, Organisation, Theme
from citybridge.network.pipelines import PipelineFilterForm
from citybridge.support.models import (
    ActionPlan,
    Disbursement,
    Expert,
    Mechanism,
    MechanismStage,
    Milestone,
    SupportAction,
)


def peer_cities_of(hub: Hub):
    """The cities that may teach a city of the hub: the hub's own, and the network's cities whose
    good practice the shared library already names (matching.queries.peer_profiles ranks the
    same); never another hub's other cities."""
    return (
        LocalGovernment.objects.filter(Q(country__hubs=hub) | Q(practices__isnull=False))
        .distinct()
        .order_by("name_key")
    )


class SupportActionForm(OneLineTitle, forms.ModelForm):
    class Meta:
        model = SupportAction
        fields = [
            "title",
            "kind",
            "city",
            "organisation",
            "description",
            "starts_on",
            "ends_on",
            "funder",
            "amount",
            "currency",
            "needs",
            "themes",
            "experts",
            "peer_cities",
            "engagements",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.SelectMultiple(attrs={"size": 8}),
            "peer_cities": forms.SelectMultiple(attrs={"size": 8}),
            "engagements": forms.SelectMultiple(attrs={"size": 8}),
            "needs": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "amount": _("Only for a Technical Support Fund grant."),
        }

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        cities = LocalGovernment.objects.of_hub(hub)
        choose_from(self.fields["city"], cities)
        choose_from(self.fields["peer_cities"], peer_cities_of(hub))
        choose_from(self.fields["organisation"], Organisation.objects.governments_of(hub))
        choose_from(
            self.fields["needs"],
            Need.objects.of_hub(hub)
            .select_related("city", "theme")
            .order_by("city__name_key", "theme__name"),
        )
        choose_from(self.fields["experts"], Expert.objects.filter(hub=hub))
        choose_from(
            self.fields["engagements"], Engagement.objects.of_hub(hub).order_by("-starts_on")
        )
        choose_from(self.fields["themes"], Theme.objects.of_hub(hub))
        choose_from(self.fields["funder"], Funder.objects.all())

    # The action's links to other records, saved by the action after the action itself.
    LINKS = ("needs", "themes", "experts", "peer_cities", "engagements")

    def links(self) -> dict[str, Any]:
        """The cleaned links, as save_support_action takes them."""
        return {name: self.cleaned_data[name] for name in self.LINKS}

    def clean_currency(self) -> str:
        return self.cleaned_data["currency"].strip().upper()


class StatusMoveForm(forms.Form):
    to = forms.ChoiceField(label=_("Move to"), choices=SupportAction.Status.choices)
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded with your name and the date, for everyone who follows this action."),
    )
    effective_on = DayField(
        label=_("Took effect on"),
        required=False,
        help_text=_("Leave empty for today."),
    )

    def __init__(self, *args, action: SupportAction, **kwargs) -> None:
        # Every status is a valid choice here so that a refused move is told why, in words.
        super().__init__(*args, **kwargs)
        self.action = action

    def clean_to(self) -> str:
        to = self.cleaned_data["to"]
        if message := self.action.workflow_error(to):
            raise forms.ValidationError(message)
        return to

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the status changes."))
        return reason

    def clean_effective_on(self) -> dt.date | None:
        day = self.cleaned_data.get("effective_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("A move cannot take effect in the future."))
        return day


class WithdrawForm(forms.Form):
    prefix = "withdraw"  # on the page beside the status move's own "reason"
    reason = forms.CharField(
        label=_("Why is it withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For a record made by mistake. It stays, with your name, the date and this reason, "
            "but no list, pipeline, figure or brief counts it any more."
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the support action is withdrawn."))
        return reason


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)


class MilestoneDoneForm(forms.Form):
    done_on = DayField(label=_("Done on"))

    def __init__(self, *args, milestone: Milestone, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.milestone = milestone

    def clean_done_on(self) -> dt.date:
        day = self.cleaned_data["done_on"]
        start = self.milestone.action.starts_on
        if start and day < start:
            raise forms.ValidationError(_("A milestone cannot be done before the action starts."))
        if day > timezone.localdate():
            raise forms.ValidationError(_("A milestone cannot be done in the future."))
        return day


class DisbursementForm(forms.ModelForm):
    class Meta:
        model = Disbursement
        fields = ["amount", "paid_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)


class MechanismForm(forms.ModelForm):
    class Meta:
        model = Mechanism
        fields = ["city", "kind", "name", "support_actions"]
        widgets = {"support_actions": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["city"], LocalGovernment.objects.of_hub(hub))
        choose_from(
            self.fields["support_actions"],
            SupportAction.objects.of_hub(hub)
            .not_withdrawn()
            .select_related("city", "organisation"),
        )


class MechanismStageForm(forms.ModelForm):
    class Meta:
        model = MechanismStage
        fields = ["stage", "reached_on", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}

    def clean_evidence(self) -> str:
        evidence = self.cleaned_data["evidence"].strip()
        if not evidence:
            raise forms.ValidationError(
                _("Say what shows it: the legal act, minutes of meetings or the budget line.")
            )
        return evidence

    def clean_reached_on(self) -> dt.date:
        day = self.cleaned_data["reached_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A stage cannot be reached in the future."))
        return day

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "city", "organisation", "status", "adopted_on", "support_actions"]
        widgets = {
            "support_actions": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        choose_from(self.fields["city"], LocalGovernment.objects.of_hub(hub))
        choose_from(self.fields["organisation"], Organisation.objects.governments_of(hub))
        choose_from(
            self.fields["support_actions"],
            SupportAction.objects.of_hub(hub)
            .not_withdrawn()
            .select_related("city", "organisation"),
        )


class SupportFilterForm(PipelineFilterForm):
    """The filters of the support list and the pipeline; the pipeline's numbers link with them."""

    field_order = ["start", "end", "status", "kind", "country", "theme", "funder", "city"]

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *SupportAction.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *SupportAction.Kind.choices]
    )
    funder = forms.CharField(required=False, widget=forms.HiddenInput)

    def apply(self, actions):
        """The actions that match the valid filters (all of them when the form is unbound)."""
        if not (data := self.in_force()):
            return actions
        actions = actions.starting_between(data.get("start"), data.get("end"))
        if data.get("status"):
            actions = actions.filter(status=data["status"])
        if data.get("kind"):
            actions = actions.filter(kind=data["kind"])
        if country := data.get("country"):
            if country == "none":
                actions = actions.filter(city__isnull=True, organisation__country__isnull=True)
            else:
                actions = actions.filter(
                    Q(city__country_id=country)
                    | Q(city__isnull=True, organisation__country_id=country)
                )
        if theme := data.get("theme"):
            if theme == "none":
                actions = actions.filter(themes__isnull=True)
            else:
                actions = actions.filter(themes__slug=theme)
        if funder := data.get("funder"):
            if funder == "none":
                actions = actions.filter(funder__isnull=True)
            elif (funder_id := parse_id(funder)) is not None:
                actions = actions.filter(funder_id=funder_id)
        if data.get("city"):
            actions = actions.received_by(LocalGovernment(pk=data["city"]))
        return actions.distinct()
