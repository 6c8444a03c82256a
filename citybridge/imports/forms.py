"""The upload form, and the choices an officer makes on a preview."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.imports import uploads
from citybridge.imports.registry import IMPORTERS, kinds
from citybridge.imports.reports import megabytes, size_problems
from citybridge.lib import spreadsheets
from citybridge.network.forms import check_upload_name


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


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the files hold"), choices=kinds, initial="attendance")
    engagement = forms.ModelChoiceField(
        label=_("Engagement"),
        queryset=Engagement.objects.none(),
        required=False,
        help_text=_(
            "For attendance sheets. Leave empty when each file is named after its engagement's key, e.g. E012.csv."
        ),
    )
    sheets = MultipleFileField(
        label=_("Files"), widget=MultipleFileInput(attrs={"accept": spreadsheets.ACCEPT})
    )

    def __init__(self, *args, hub, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        engagement = self.fields["engagement"]
        assert isinstance(engagement, forms.ModelChoiceField)
        engagement.queryset = Engagement.objects.of_hub(hub).order_by("-starts_on")
        self.fields["sheets"].help_text = _(
            "CSV (UTF-8, Windows-1250 or Windows-1251), Excel (.xlsx, .xls) or OpenDocument "
            "(.ods), up to %(file)s MB each and %(upload)s MB together. KoboToolbox and ODK "
            "exports are taken as they come."
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

    def stage(self) -> dict:
        """Keep the valid form's files and return the pending import that the preview, its
        placements and the confirmation carry (the page's session and the API's job alike)."""
        sheets = self.cleaned_data["sheets"]
        engagement = self.cleaned_data["engagement"]
        return {
            "token": uploads.stage_uploaded(sheets),
            "kind": self.cleaned_data["kind"],
            "engagement": engagement.pk if engagement else None,
            "names": [f.name for f in sheets],
            "columns": {},
            "headings": {},
            "placements": {},
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        found = IMPORTERS.get(data.get("kind", ""))
        if found and not found.many_files and len(data.get("sheets") or []) > 1:
            self.add_error(
                "sheets",
                _("Upload one file at a time for %(kind)s.") % {"kind": found.label},
            )
        return data
