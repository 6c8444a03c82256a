from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citybridge.lib.documents import document_type
from citybridge.lib.inputs import FilterForm, choose_from
from citybridge.network.models import Country, Hub, Person, Theme
from citybridge.practices.models import Practice, PracticeResource, PracticeTranslation

LANGUAGE_CODE_HINT = _("Language codes separated by commas, e.g. en, sr, sq, mk.")


class PracticeForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "what_was_done",
            "target_groups",
            "results",
            "origin_city_name",
            "origin_country",
            "themes",
            "human_rights_based",
            "human_rights_reason",
            "gender_sensitive",
            "gender_reason",
            "evidence",
            "languages",
            "url",
            "contact",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "what_was_done": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "human_rights_reason": forms.Textarea(attrs={"rows": 2}),
            "gender_reason": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }
        labels = {"target_groups": _("for whom"), "contact": _("contact person")}
        help_texts = {
            "human_rights_reason": _("Why it is (or is not) human-rights-based: not only a tick."),
            "gender_reason": _("Why it is (or is not) gender-sensitive: not only a tick."),
            "contact": _("Only people who agreed to be contacted."),
            "languages": LANGUAGE_CODE_HINT,
        }

    def __init__(self, *args, hub: Hub, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["themes"], Theme.objects.of_hub(hub))
        choose_from(
            self.fields["origin_country"],
            Country.objects.order_by("name"),
            empty_label=_("Choose a country"),
        )
        people = Person.objects.visible_to(user).filter(hub=hub)
        current = self.instance.contact_id
        if current and not people.filter(pk=current).exists():
            # Another hub's person (or one this user may not see): the select could not offer
            # them, so an edit would drop them unseen. The field goes; the contact stays.
            del self.fields["contact"]
            self.contact_kept = True
        else:
            choose_from(
                self.fields["contact"], people.filter(Q(consent_contact=True) | Q(pk=current))
            )
            self.contact_kept = False

    def clean_languages(self) -> str:
        codes = self.cleaned_data["languages"].replace(";", ",").replace(" ", ",").split(",")
        return ", ".join(dict.fromkeys(c.strip().lower() for c in codes if c.strip()))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("human_rights_based") and not data.get("human_rights_reason", "").strip():
            self.add_error("human_rights_reason", _("Say why it is human-rights-based."))
        if data.get("gender_sensitive") and not data.get("gender_reason", "").strip():
            self.add_error("gender_reason", _("Say why it is gender-sensitive."))
        return data


class TranslationForm(forms.ModelForm):
    class Meta:
        model = PracticeTranslation
        fields = ["language", "title", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"language": _("A language code, e.g. sr, sq, mk.")}

    def validate_unique(self) -> None:
        # A translation in a language already there replaces it (save_translation).
        pass


MAX_RESOURCE_BYTES = 20 * 1024 * 1024


class ResourceForm(forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    # No max_length: the upload's own name is never stored (models.resource_path).
    file = forms.FileField(
        label=_("file"),
        required=False,
        help_text=_(
            "PDF, Word, Excel, PowerPoint or OpenDocument, or a PNG or JPEG picture; up to 20 MB."
        ),
    )

    class Meta:
        model = PracticeResource
        fields = ["title", "url", "file"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        if upload.size > MAX_RESOURCE_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        head = upload.read()
        upload.seek(0)
        kind = document_type(head)
        if kind is None:
            raise forms.ValidationError(
                _(
                    "This file is not a PDF, Word, Excel, PowerPoint or OpenDocument file, nor "
                    "a PNG or JPEG picture (or it is damaged, or holds macros). Save it as one "
                    "of those and attach it again."
                )
            )
        # Named for what its bytes are; the stored name is made from this extension alone.
        upload.name = f"resource.{kind.extension}"
        return upload

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("url") and not data.get("file"):
            self.add_error("url", _("Give a link or attach a file."))
        return data


class PracticeFilterForm(FilterForm):
    """The library's search and filters: words in any language or script (ranked by how well
    they match), a theme, a target group, the country of origin, a level of evidence, and
    whether it is human-rights based or gender sensitive ("yes")."""

    text_filters = ("q", "theme", "country", "target", "evidence", "hrb", "gender")

    def apply(self, practices):
        data = self.in_force()
        if q := data.get("q"):
            practices = practices.search(q)
        if theme := data.get("theme"):
            practices = practices.filter(themes__slug=theme)
        if country := data.get("country"):
            practices = practices.filter(origin_country_id=country)
        if target := data.get("target"):
            practices = practices.filter(target_groups__slug=target)
        if evidence := data.get("evidence"):
            practices = practices.filter(evidence=evidence)
        if data.get("hrb") == "yes":
            practices = practices.filter(human_rights_based=True)
        if data.get("gender") == "yes":
            practices = practices.filter(gender_sensitive=True)
        if q:
            return practices.distinct().order_by("-search_rank", "title")
        return practices.distinct().order_by("title")
