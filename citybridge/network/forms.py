from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.context_processors import HTML_LANG
from citybridge.lib.inputs import FilterForm, bound_days, choose_from, parse_id
from citybridge.lib.translations import TranslationsForm
from citybridge.network.models import (
    Hub,
    LocalGovernment,
    Membership,
    Organisation,
    Person,
    Position,
)

# What a file system and the records' file-name columns hold (Sheet.file_name, Attendance.
# source_file): 255 bytes of UTF-8, in which a Cyrillic name fits 127 letters.
MAX_UPLOAD_NAME_BYTES = 255


def check_upload_name(name: str) -> None:
    """Refuse an upload whose name no record or disk could keep as written: too long, or with
    control characters (NUL, which PostgreSQL cannot store, and the like)."""
    if len(name.encode("utf-8", "surrogatepass")) > MAX_UPLOAD_NAME_BYTES:
        raise forms.ValidationError(
            _(
                "The name of %(name)s… is too long. Give the file a shorter name and attach it again."
            )
            % {"name": name[:40]}
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise forms.ValidationError(
            _(
                "The name of the file %(name)s holds characters that are not letters. Rename it and attach it again."
            )
            % {"name": repr(name)[1:-1][:80]}
        )


class VersionedForm(forms.ModelForm):
    """Carries the `version` of the record it showed, for the save action's check
    (network.versions). A post without one (a script, a page from before this field) is taken
    as made from the current version."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        self.fields["version"].required = False
        self.fields["version"].widget = forms.HiddenInput()

    def clean_version(self) -> int:
        return self.cleaned_data.get("version") or self.instance.version


class CityForm(VersionedForm):
    class Meta:
        model = LocalGovernment
        fields = [
            "version",
            "name",
            "name_cyrillic",
            "name_albanian",
            "kind",
            "country",
            "latitude",
            "longitude",
            "population",
        ]

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["country"], hub.countries.all(), empty_label=_("Choose a country"))

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the city's name."))
        return name

    def clean(self) -> dict:
        data = super().clean() or {}
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is not None and not -90 <= lat <= 90:
            self.add_error("latitude", _("Latitude must be between -90 and 90."))
        if lon is not None and not -180 <= lon <= 180:
            self.add_error("longitude", _("Longitude must be between -180 and 180."))
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Enter both latitude and longitude, or neither."))
        return data


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["joined_on", "left_on"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = [
            "version",
            "full_name",
            "gender",
            "email",
            "organisation",
            "city",
            "notes",
            "consent_contact",
            "consent_quote",
            "consent_photo",
            "consent_recorded_on",
            "consent_how",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["city"], LocalGovernment.objects.of_hub(hub))
        choose_from(
            self.fields["organisation"],
            Organisation.objects.filter(country__in=hub.countries.all()),
        )

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the person's full name."))
        return name

    def clean(self) -> dict:
        data = super().clean() or {}
        consented = (
            data.get("consent_contact") or data.get("consent_quote") or data.get("consent_photo")
        )
        if consented and not data.get("consent_recorded_on"):
            self.add_error("consent_recorded_on", _("Enter when the consent was given."))
        return data


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["role", "title", "city", "organisation", "started_on", "ended_on"]

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        bound_days(self)
        choose_from(self.fields["city"], LocalGovernment.objects.of_hub(hub))
        choose_from(self.fields["organisation"], Organisation.objects.of_hub(hub))

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The end date must be on or after the start date."))
        return data


class HubTextsForm(TranslationsForm):
    """The hub's own texts as the brief prints them, each also per language (lib.translations):
    a language left empty falls back to the hub's default language."""

    translated = ("name", "region", "mission", "head_title", "address")

    class Meta:
        model = Hub
        fields = ["name", "region", "mission", "head_title", "address"]


class PrivacyNoticeForm(forms.Form):
    """The hub's privacy notice at check-in, one box per language; a language left empty shows
    the product's notice in it (network.notice)."""

    def __init__(self, *args, texts: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, language in settings.LANGUAGES:
            self.fields[code] = forms.CharField(
                label=language,
                required=False,
                max_length=4000,
                initial=texts.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 6, "lang": HTML_LANG.get(code, code)}),
            )

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _language in settings.LANGUAGES}


class HubSettingsForm(forms.ModelForm):
    class Meta:
        model = Hub
        fields = ["default_language", "idle_timeout_minutes"]


class PersonFilterForm(FilterForm):
    """The people list's filters: words of a name, a city, a role held."""

    text_filters = ("q", "city", "role")

    def apply(self, people):
        data = self.in_force()
        if q := data.get("q"):
            people = people.search(q)
        if (city_id := parse_id(data.get("city"))) is not None:
            people = people.filter(city_id=city_id)
        if role := data.get("role"):
            people = people.filter(positions__role=role).distinct()
        return people
