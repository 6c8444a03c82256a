"""The form that makes a personal access token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from citybridge.api.actions import LIFETIMES


def lifetime_choices() -> list[tuple[int, str]]:
    return [
        (days, ngettext_lazy("%(n)s day", "%(n)s days", days) % {"n": days}) for days in LIFETIMES
    ]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the script using it."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        choices=lifetime_choices,
        initial=90,
        help_text=_("After this it is refused; make a new one then."),
    )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name
