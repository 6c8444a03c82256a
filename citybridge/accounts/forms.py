from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.models import AccessLog, User


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class AccessLogFilterForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none(), required=False)
    person = forms.IntegerField(label=_("Person id"), min_value=1, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any")), *AccessLog.Action.choices], required=False
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]

    def apply(self, rows):
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data.get("user"):
            rows = rows.filter(user=data["user"])
        if data.get("person"):
            rows = rows.filter(object_type="network.person", object_id=data["person"])
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("start"):
            rows = rows.filter(at__date__gte=data["start"])
        if data.get("end"):
            rows = rows.filter(at__date__lte=data["end"])
        return rows
