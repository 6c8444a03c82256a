from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.lib.importing import megabytes, size_problems
from citybridge.network.forms import VersionedForm, check_upload_name
from citybridge.network.models import LocalGovernment, Theme


class EngagementForm(VersionedForm):
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
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "participating_cities": forms.SelectMultiple(attrs={"size": 8}),
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.hub = hub
        cities = LocalGovernment.objects.of_hub(hub).order_by("name_key")
        self.fields["host_city"].queryset = cities  # type: ignore[attr-defined]
        self.fields["participating_cities"].queryset = cities  # type: ignore[attr-defined]
        self.fields["participating_cities"].required = False
        self.fields["themes"].queryset = Theme.objects.of_hub(hub).order_by("name")  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Enter a title."))
        return title

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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Attendance sheets")
        ENGAGEMENTS = "engagements", _("Engagements")
        MEMBERS = "members", _("Member cities")

    kind = forms.ChoiceField(
        label=_("What the files hold"), choices=Kind.choices, initial=Kind.ATTENDANCE
    )
    engagement = forms.ModelChoiceField(
        label=_("Engagement"),
        queryset=Engagement.objects.none(),
        required=False,
        help_text=_(
            "For attendance sheets. Leave empty when each file is named after its engagement's key, e.g. E012.csv."
        ),
    )
    sheets = MultipleFileField(label=_("Files"))

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        engagement = self.fields["engagement"]
        assert isinstance(engagement, forms.ModelChoiceField)
        engagement.queryset = Engagement.objects.of_hub(hub).order_by("-starts_on")
        self.fields["sheets"].help_text = _(
            "CSV (UTF-8, Windows-1250 or Windows-1251) or XLSX, up to %(file)s MB each and "
            "%(upload)s MB together."
        ) % {
            "file": megabytes(settings.IMPORT_MAX_FILE_BYTES),
            "upload": megabytes(settings.IMPORT_MAX_UPLOAD_BYTES),
        }

    def clean_sheets(self):
        files = self.cleaned_data["sheets"]
        for f in files:
            check_upload_name(f.name)
        problems = size_problems(
            ((f.name, f.size) for f in files),
            max_file=settings.IMPORT_MAX_FILE_BYTES,
            max_upload=settings.IMPORT_MAX_UPLOAD_BYTES,
        )
        if problems:
            raise forms.ValidationError(problems)
        return files

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("kind") != self.Kind.ATTENDANCE and len(data.get("sheets") or []) > 1:
            self.add_error("sheets", _("Upload one file at a time for members or engagements."))
        return data
