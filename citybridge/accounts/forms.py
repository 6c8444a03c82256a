from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from citybridge.accounts.models import AccessLog, NameScript, Role, User
from citybridge.lib.inputs import DayField, IdField, choose_from


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class PreferencesForm(forms.Form):
    """The reader's own choices: the interface language and the script of names."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    name_script = forms.ChoiceField(
        label=_("People's and places' names"),
        choices=NameScript.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Show names as they were written, or all in one script. Lists are sorted the same "
            "way whichever you choose."
        ),
    )
    weekly_digest = forms.BooleanField(
        label=_("Send me the weekly digest by e-mail"),
        required=False,
        help_text=_(
            "On Monday mornings: overdue milestones, pairs waiting for review and new needs "
            "where you work, in your language. Nothing is sent in a week with nothing to report."
        ),
    )

    def __init__(self, *args, offers_digest: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not offers_digest:
            del self.fields["weekly_digest"]


class AccessLogFilterForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none(), required=False)
    person = IdField(label=_("Person id"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any")), *AccessLog.Action.choices], required=False
    )
    start = DayField(label=_("From"), required=False)
    end = DayField(label=_("To"), required=False)

    def __init__(self, *args, users, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["user"], users)

    def apply(self, rows):
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data.get("user"):
            rows = rows.filter(user=data["user"])
        if data.get("person"):
            rows = rows.about_person(data["person"])
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if data.get("start"):
            rows = rows.filter(at__date__gte=data["start"])
        if data.get("end"):
            rows = rows.filter(at__date__lte=data["end"])
        return rows


class RoleForm(forms.Form):
    """A role in one of the hubs the acting user administers; a city only for a focal point.

    The hubs and cities come by label: accounts may not import network."""

    hub: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=None,
        empty_label=None,
    )
    kind = forms.ChoiceField(label=_("Role"), choices=Role.Kind.choices)
    city: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("City"),
        queryset=None,
        required=False,
        help_text=_("Only for a city focal point: the city they serve."),
    )

    def __init__(self, *args, hubs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        Hub = apps.get_model("network", "Hub")
        LocalGovernment = apps.get_model("network", "LocalGovernment")
        choose_from(self.fields["hub"], Hub.objects.filter(pk__in=hubs))
        if len(hubs) == 1:
            self.fields["hub"].widget = forms.HiddenInput()
            self.fields["hub"].initial = next(iter(hubs))
        choose_from(
            self.fields["city"],
            LocalGovernment.objects.filter(country__hubs__in=hubs)
            .select_related("country")
            .distinct()
            .order_by("country__name", "name"),
        )

    def clean(self) -> dict:
        data = super().clean() or {}
        kind, city, hub = data.get("kind"), data.get("city"), data.get("hub")
        if kind == Role.Kind.FOCAL_POINT:
            if city is None:
                self.add_error("city", _("Choose the city this focal point serves."))
            elif hub is not None and not hub.countries.filter(pk=city.country_id).exists():
                self.add_error("city", _("Choose a city of this hub."))
        else:
            data["city"] = None  # only a focal point has a city
        return data

    def role_for(self, user: User) -> Role:
        data = self.cleaned_data
        return Role(user=user, hub=data["hub"], kind=data["kind"], city=data["city"])


class UserAddForm(RoleForm):
    """A new account with its first role. It has no password until the person sets one through
    the link the hub admin passes on: nobody but them ever knows it."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("What they sign in with: letters, digits and @ . + - _ only."),
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)

    field_order = ["username", "first_name", "last_name", "email", "hub", "kind", "city"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _(
                    "This username is taken. Choose another; someone who already works in "
                    "another hub is given a role here by a CityBridge administrator."
                )
            )
        return username
