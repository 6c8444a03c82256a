"""The good-practice library of the global network."""

from __future__ import annotations

import re
import secrets
from pathlib import PurePath

from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.lib import vocabularies
from citybridge.lib.documents import BY_EXTENSION, DocumentType
from citybridge.lib.translations import Said, vocabulary_name
from citybridge.lib.vocabularies.concepts import patterns_of
from citybridge.network import vocabulary
from citybridge.network.models import Country, LocalGovernment, Person, Theme
from citybridge.practices.search import Term, search_key, terms_of


class TargetGroup(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    # A group a hub added, in other languages: {"sq": {"name": "…"}} (lib.translations).
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> Said:
        """The name in the reader's language (seeded groups by the catalogs)."""
        return vocabulary_name(self, vocabulary.TARGET_GROUPS)


class PracticeQuerySet(models.QuerySet["Practice"]):
    def search(self, text: str) -> PracticeQuerySet:
        """Practices that hold every word of the search as written, by its stem or by its
        meaning in another language (practices.search), in any script, accent or dialect."""
        qs = self.annotate(
            _padded=Concat(Value(" "), "search_text", Value(" "), output_field=models.TextField())
        )
        terms = terms_of(text)
        for term in terms:
            qs = qs.filter(term_q(term))
        # `search_rank`: how many of the words the practice holds as written, so that those that
        # say what was searched in its own words come before those found by meaning.
        literal = [Case(When(search_text__contains=t.word, then=1), default=0) for t in terms]
        return qs.annotate(search_rank=sum(literal[1:], literal[0]) if literal else Value(0))


def concept_q(concept: str) -> Q:
    """What a practice's key holds when it speaks of `concept` (on `_padded`, as term_q)."""
    return Q(_padded__regex="|".join(patterns_of(concept)))


def term_q(term: Term) -> Q:
    """What a practice's key holds when it says `term`: the word anywhere, its stem at the start
    of a word, or a word of one of its concepts (on the key padded with spaces, `_padded`).

    One regular expression per word: keyed text is only [a-z0-9 ], so nothing needs escaping, and
    a few hundred LIKE clauses OR-ed together took Django longer to compile than to run."""
    alternatives = [term.word, f" {term.stem}"]
    for concept in sorted(term.concepts):
        alternatives += patterns_of(concept)
    return Q(_padded__regex="|".join(dict.fromkeys(alternatives)))


class Practice(models.Model):
    class Evidence(models.TextChoices):
        DESCRIBED = "described", _("Described")
        INSPIRING = "inspiring", _("Inspiring")
        EVALUATED = "evaluated", _("Evaluated")
        PEER_REVIEWED = "peer_reviewed", _("Peer-reviewed")

    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"))
    what_was_done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results and evidence"), blank=True)
    origin_city_name = models.CharField(_("city"), max_length=150)
    origin_country = models.ForeignKey(Country, on_delete=models.PROTECT, verbose_name=_("country"))
    origin_city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        help_text=_("Set when the city is one the platform knows."),
    )
    themes = models.ManyToManyField(Theme, related_name="practices", verbose_name=_("themes"))
    # The themes as a partner's sheet wrote them, kept beside the themes matched from them, as
    # the target groups are below (themes_unplaced).
    themes_as_written = models.TextField(_("themes as written"), blank=True)
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="practices")
    # The target groups as a partner's sheet wrote them ("municipal officials; Roma elders"),
    # kept beside the groups matched from them: words no group stands for are not lost, and
    # the page shows them (target_groups_unplaced).
    target_groups_as_written = models.TextField(_("target groups as written"), blank=True)
    human_rights_based = models.BooleanField(_("human-rights-based"), default=False)
    human_rights_reason = models.TextField(_("why (human rights)"), blank=True)
    gender_sensitive = models.BooleanField(_("gender-sensitive"), default=False)
    gender_reason = models.TextField(_("why (gender)"), blank=True)
    evidence = models.CharField(
        _("evidence level"), max_length=20, choices=Evidence.choices, default=Evidence.DESCRIBED
    )
    languages = models.CharField(
        _("documented in"),
        max_length=100,
        blank=True,
        help_text=_("Language codes, e.g. en, sr, sq."),
    )
    url = models.URLField(_("link"), blank=True)
    contact = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # search_key() of title, summary, what was done, city and translations: serves the library's
    # search across scripts, diacritics and ijekavian/ekavian (PracticeQuerySet.search).
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        parts = [self.title, self.summary, self.what_was_done, self.origin_city_name]
        if self.pk:
            parts += [f"{t.title} {t.summary}" for t in self.translations.all()]
        return search_key(" ".join(parts))

    def refresh_search_text(self) -> None:
        """Rebuild the key after translations change (they are saved after the practice)."""
        self.search_text = self.build_search_text()
        Practice.objects.filter(pk=self.pk).update(search_text=self.search_text)

    def themes_unplaced(self) -> tuple[str, ...]:
        """The parts of the themes as written that no theme stands for."""
        if not self.themes_as_written.strip():
            return ()
        themes = vocabularies.themes(Theme.objects.select_related("hub"))
        return themes.split_and_match(self.themes_as_written).unplaced

    def target_groups_unplaced(self) -> tuple[str, ...]:
        """The parts of the target groups as written that no target group stands for."""
        if not self.target_groups_as_written.strip():
            return ()
        groups = vocabularies.target_groups(TargetGroup.objects.all())
        return groups.split_and_match(self.target_groups_as_written).unplaced

    def contact_if_consented(self) -> Person | None:
        """The contact person is shown only when they agreed to be contacted."""
        return self.contact if self.contact and self.contact.consent_contact else None


class PracticeTranslation(models.Model):
    """The title and summary in another language; the search finds a practice by either."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language"], name="practice_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


def resource_path(instance: PracticeResource, filename: str) -> str:
    """A name of our making for an uploaded resource: nothing of the uploader's name (its path,
    its length, its extension) reaches the disk. The form has already named the upload after
    the type its bytes are (ResourceForm.clean_file); any other extension is dropped."""
    extension = PurePath(filename).suffix.lower().lstrip(".")
    suffix = f".{extension}" if extension in BY_EXTENSION else ""
    return f"practices/{secrets.token_hex(16)}{suffix}"


class PracticeResource(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    # Served only by practices:resource_download, which checks access; never under MEDIA_URL.
    file = models.FileField(_("file"), upload_to=resource_path, blank=True)

    def __str__(self) -> str:
        return self.title

    def document_type(self) -> DocumentType | None:
        """The stored file's type, from the extension we gave it (None for a file stored before
        uploads were checked, which is then served as bytes of no particular type)."""
        return BY_EXTENSION.get(PurePath(self.file.name).suffix.lower().lstrip("."))

    def download_name(self) -> str:
        """The title as a file name, with the extension of what the file is."""
        stem = re.sub(r"[^\w\- ]+", " ", self.title, flags=re.UNICODE)
        stem = " ".join(stem.split())[:100] or "resource"
        kind = self.document_type()
        return f"{stem}.{kind.extension}" if kind else stem
