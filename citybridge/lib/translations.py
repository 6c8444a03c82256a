"""Texts a hub writes itself, given per language, and the vocabulary CityBridge seeds.

A record's own field (a theme's `name`, the hub's `mission`, a story's `text`) holds the text as
first written, in the hub's default language. Its `translations` JSON field holds the same text
in other languages: {"sq": {"name": "…"}, "mk": {"name": "…"}}. `text_in` picks the reader's
language, else the hub's default language, else the field as written, and says which language
it picked, so a page can mark it (`lang="…"`).

The vocabulary CityBridge seeds (the shared themes, the target groups) is English in the
database and translated by the catalogs: its names are marked for extraction in
network/vocabulary.py, and `vocabulary_name` translates a seeded row on display.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Said(str):
    """A text with the language it is written in ("" when unknown)."""

    lang: str

    def __new__(cls, text: str, lang: str = "") -> Said:
        said = super().__new__(cls, text)
        said.lang = lang
        return said


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def text_in(obj: Any, field: str, lang: str | None = None, fallback: str | None = None) -> Said:
    """`obj.<field>` in `lang` (the active language when None), else in `fallback` (the hub's
    default language), else as written (taken as written in `fallback`)."""
    lang = lang or current()
    given = getattr(obj, "translations", None) or {}
    for code in (lang, fallback):
        if code and (text := (given.get(code) or {}).get(field)):
            return Said(text, code)
    return Said(getattr(obj, field) or "", fallback or "")


def set_translations(obj: Any, field: str, texts: dict[str, str]) -> None:
    """Keep `texts` (language -> text) as the field's translations; an empty text removes one."""
    given: dict[str, dict[str, str]] = dict(getattr(obj, "translations", None) or {})
    for code, text in texts.items():
        entry = dict(given.get(code) or {})
        if text and text.strip():
            entry[field] = text.strip()
        else:
            entry.pop(field, None)
        if entry:
            given[code] = entry
        else:
            given.pop(code, None)
    obj.translations = given


def vocabulary_name(row: Any, seeded: frozenset[str], fallback: str | None = None) -> Said:
    """A vocabulary row's name for the reader: given in their language, else the catalog's
    translation when the row is one CityBridge seeded (its English name unchanged), else the
    name in the hub's default language, else as written."""
    lang = current()
    given = getattr(row, "translations", None) or {}
    if text := (given.get(lang) or {}).get("name"):
        return Said(text, lang)
    if row.name in seeded:
        return Said(translation.gettext(row.name), lang)
    return text_in(row, "name", lang, fallback)


class TranslationsForm(forms.ModelForm):
    """A model form that shows, after each field named in `translated`, one field per other
    language ("name (Shqip)") and keeps them in the instance's `translations`."""

    translated: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = getattr(self.instance, "translations", None) or {}
        fields = dict(self.fields)
        ordered: dict[str, forms.Field] = {}
        for name, field in fields.items():
            ordered[name] = field
            if name not in self.translated:
                continue
            for code, language in settings.LANGUAGES:
                key = f"{name}__{code}"
                ordered[key] = forms.CharField(
                    label=_("%(field)s (%(language)s)")
                    % {"field": field.label, "language": language},
                    required=False,
                    widget=type(field.widget)(attrs=dict(field.widget.attrs)),
                    max_length=getattr(field, "max_length", None),
                    initial=(given.get(code) or {}).get(name, ""),
                )
        self.fields = ordered

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.translated:  # `translations` is not a form field: set here, kept
            set_translations(
                self.instance,
                name,
                {code: data.get(f"{name}__{code}", "") for code in language_codes()},
            )
        return data
