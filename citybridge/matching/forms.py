from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.lib.inputs import DayField, choose_from
from citybridge.network.models import Hub, LocalGovernment, Theme
from citybridge.practices.models import Practice
from citybridge.support.forms import peer_cities_of
from citybridge.support.models import Expert


class MatchForm(forms.Form):
    """A city and a theme, and maybe the words it used: matching without a recorded need."""

    city = forms.ModelChoiceField(label=_("City"), queryset=LocalGovernment.objects.none())
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none())
    text = forms.CharField(
        label=_("What the city asks for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In any language or script. Optional."),
    )

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cities = LocalGovernment.objects.of_hub(hub)
        choose_from(self.fields["city"], cities, empty_label=_("Choose a city"))
        choose_from(
            self.fields["theme"], Theme.objects.of_hub(hub), empty_label=_("Choose a theme")
        )


class MatchSupportForm(forms.Form):
    """The match whose support action the form opens filled in: an expert, a peer city or a
    practice (none: support for the need, filled in from the need alone)."""

    expert = forms.ModelChoiceField(queryset=Expert.objects.none(), required=False)
    peer_city = forms.ModelChoiceField(queryset=LocalGovernment.objects.none(), required=False)
    practice = forms.ModelChoiceField(queryset=Practice.objects.all(), required=False)

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["expert"], Expert.objects.filter(hub=hub))
        choose_from(self.fields["peer_city"], peer_cities_of(hub))

    def clean(self) -> dict:
        data = super().clean() or {}
        chosen = [k for k in ("expert", "peer_city", "practice") if data.get(k)]
        if len(chosen) > 1:
            raise forms.ValidationError(_("Choose one expert, one peer city or one practice."))
        return data


class PeerExchangeForm(forms.Form):
    peer_cities = forms.ModelMultipleChoiceField(
        label=_("Peer cities"), queryset=LocalGovernment.objects.none()
    )
    starts_on = DayField(label=_("Date of the exchange"))

    def __init__(self, *args, hub: Hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["peer_cities"], peer_cities_of(hub))
