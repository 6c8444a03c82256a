"""The participant's form and the officer's: they validate and normalise, nothing more."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citybridge.checkin.actions import Answers

# Markup, a script's brackets or control characters have no place in a name or a city: refused
# plainly rather than stored and escaped on every page.
_SCRIPTED = re.compile(r"[<>{}\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|javascript:", re.IGNORECASE)


GENDERS = [
    ("", _("Prefer not to say")),
    ("female", _("Woman")),
    ("male", _("Man")),
    ("other", _("Another way")),
]


def _plain(value: str) -> str:
    value = " ".join(value.split())
    if _SCRIPTED.search(value):
        raise forms.ValidationError(
            _("Please write plain text: the characters < > { } are not accepted.")
        )
    return value


class ArrivalForm(forms.Form):
    """A participant's check-in. `uuid` is made on the device (or, without script, in the page)."""

    uuid = forms.UUIDField(widget=forms.HiddenInput)
    notice_version = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("As you write it, in any script."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words"}),
    )
    city = forms.CharField(
        label=_("City or municipality"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"list": "checkin-cities", "autocomplete": "off"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    position = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=GENDERS,
        required=False,
        widget=forms.RadioSelect,
    )
    consent_contact = forms.BooleanField(
        label=_("The hub may contact me about its work."), required=False
    )
    consent_photo = forms.BooleanField(
        label=_("The hub may use photographs of me taken at this event."), required=False
    )
    consent_quote = forms.BooleanField(
        label=_("The hub may quote what I say, with my name."), required=False
    )
    # A field people never see (hidden by the stylesheet, skipped by keyboards and screen
    # readers); a robot filling every box fills it too.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_name(self) -> str:
        return _plain(self.cleaned_data["name"])

    def clean_city(self) -> str:
        return _plain(self.cleaned_data["city"])

    def clean_organisation(self) -> str:
        return _plain(self.cleaned_data["organisation"])

    def clean_position(self) -> str:
        return _plain(self.cleaned_data["position"])

    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def answers(self, language: str) -> Answers:
        data = self.cleaned_data
        return Answers(
            uuid=data["uuid"],
            name=data["name"],
            city=data["city"],
            organisation=data["organisation"],
            position=data["position"],
            email=data["email"],
            gender=data["gender"],
            consent_contact=data["consent_contact"],
            consent_photo=data["consent_photo"],
            consent_quote=data["consent_quote"],
            notice_version=data["notice_version"],
            language=language,
        )


HOURS = (1, 2, 3, 4, 8, 12)


def hour_choices() -> list[tuple[int, str]]:
    """Read when a form is made, so each reader gets their own language's plurals."""
    return [(h, ngettext("%(n)s hour", "%(n)s hours", h) % {"n": h}) for h in HOURS]


class OpenForm(forms.Form):
    """How long check-in stays open from now."""

    hours = forms.TypedChoiceField(
        label=_("Open from now for"),
        coerce=int,
        choices=hour_choices,
        initial=3,
    )


class KioskPinForm(forms.Form):
    pin = forms.RegexField(
        label=_("PIN to leave kiosk mode (4 to 8 digits; empty for none)"),
        regex=r"^\d{4,8}$",
        required=False,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
