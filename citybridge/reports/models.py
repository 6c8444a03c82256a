"""What the reports keep: the stories officers approved for a brief."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
from citybridge.network.models import Hub, LocalGovernment


class CityStoryQuerySet(models.QuerySet["CityStory"]):
    def visible_to(self, user) -> CityStoryQuerySet:
        """Hub staff see drafts too; other members of the hub see only approved stories."""
        scope = scope_of(user)
        return self.filter(
            Q(hub__in=scope.staff_hubs) | Q(hub__in=scope.hubs, status=CityStory.Status.APPROVED)
        )

    def approved(self) -> CityStoryQuerySet:
        return self.filter(status=CityStory.Status.APPROVED)


class CityStory(models.Model):
    """The paragraph that tells a city's story for a period (the brief's Danilovgrad paragraph).

    Drafted from the records (reports.stories), then edited and approved by a hub officer; only
    an approved story may be printed. Editing an approved story makes it a draft again.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="city_stories")
    city = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="stories", verbose_name=_("city")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    text = models.TextField(_("story"))
    # The officer's paragraph in other languages: {"sq": {"text": "…"}} (lib.translations).
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # What the records said when it was last drafted: lets the officer see what they changed.
    drafted_text = models.TextField(_("draft from the records"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = CityStoryQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-ends_on"]
        verbose_name = _("city story")
        verbose_name_plural = _("city stories")
        constraints = [
            models.UniqueConstraint(
                fields=["city", "starts_on", "ends_on"], name="city_story_once_per_period"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="city_story_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city}, {self.starts_on}–{self.ends_on}"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class PublishedBriefQuerySet(models.QuerySet["PublishedBrief"]):
    def visible_to(self, user) -> PublishedBriefQuerySet:
        """A published brief is made for donors and the network: every member of its hub."""
        return self.filter(hub__in=scope_of(user).hubs)

    def of_hub(self, hub: Hub) -> PublishedBriefQuerySet:
        return self.filter(hub=hub)


class PublishedBrief(models.Model):
    """An impact brief as it was published: frozen numbers and the files that were sent.

    `figures` keeps, for each key figure, the value, label, definition and the ids of the records
    behind it, so the brief can say later what changed since (reports.briefs.changes).
    """

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="published_briefs")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    funder = models.ForeignKey(
        "network.Funder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("funder"),
    )
    # The funder(s) as printed: kept even if the funder record is renamed or removed.
    funder_name = models.CharField(_("funder as printed"), max_length=250, blank=True)
    lang = models.CharField(_("language"), max_length=10, default="en")
    title = models.CharField(_("title"), max_length=250)
    definition_version = models.CharField(_("definitions"), max_length=20)
    figures = models.JSONField(_("key figures as published"), default=dict)
    # The brief's article as published (HTML fragment with its charts), and the files sent.
    article = models.TextField()
    pdf = models.BinaryField()
    docx = models.BinaryField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"))

    objects = PublishedBriefQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("published brief")
        verbose_name_plural = _("published briefs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="published_brief_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on}–{self.ends_on}, {self.lang})"
