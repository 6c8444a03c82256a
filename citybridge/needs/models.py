"""What cities told the hub in consultations: concerns, resources and needs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import Engagement
from citybridge.network.models import Hub, LocalGovernment, Theme


class ConsultationFindingQuerySet(models.QuerySet["ConsultationFinding"]):
    def visible_to(self, user) -> ConsultationFindingQuerySet:
        """Like needs: hub staff, and a focal point for their own city."""
        scope = scope_of(user)
        q = Q(engagement__hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(engagement__hub_id=hub_id, city__in=cities)
        return self.filter(q)


class ConsultationFinding(models.Model):
    """What one city said at one consultation, beyond its needs.

    About the city, never about people."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="findings")
    city = models.ForeignKey(LocalGovernment, on_delete=models.CASCADE, related_name="findings")
    concerns = models.TextField(_("concerns and threats"), blank=True)
    approaches = models.TextField(_("existing approaches and resources"), blank=True)

    objects = ConsultationFindingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["engagement", "city"], name="finding_unique_per_city")
        ]

    def __str__(self) -> str:
        return f"{self.city} at {self.engagement}"


class NeedQuerySet(models.QuerySet["Need"]):
    def visible_to(self, user) -> NeedQuerySet:
        """Hub staff see the hub's needs; a focal point their own city's. Donors and experts see
        no rows: the regional priorities give them the counts."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id, city__in=cities)
        return self.filter(q)

    def of_hub(self, hub: Hub) -> NeedQuerySet:
        return self.filter(hub=hub)

    def raised_between(self, start: dt.date | None, end: dt.date | None) -> NeedQuerySet:
        qs = self
        if start:
            qs = qs.filter(raised_on__gte=start)
        if end:
            qs = qs.filter(raised_on__lte=end)
        return qs

    def open(self) -> NeedQuerySet:
        return self.filter(status__in=[Need.Status.OPEN, Need.Status.BEING_ADDRESSED])

    def in_countries(self, codes: list[str]) -> NeedQuerySet:
        return self.filter(city__country__in=codes) if codes else self


class Need(models.Model):
    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEING_ADDRESSED = "being_addressed", _("Being addressed")
        MET = "met", _("Met")
        DROPPED = "dropped", _("Dropped")

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="needs")
    city = models.ForeignKey(
        LocalGovernment, on_delete=models.CASCADE, related_name="needs", verbose_name=_("city")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="needs", verbose_name=_("theme")
    )
    statement = models.TextField(_("statement"), help_text=_("In the language it was said in."))
    language = models.CharField(_("language"), max_length=10, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    source_engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="needs",
        verbose_name=_("raised at"),
    )
    raised_on = models.DateField(_("raised on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NeedQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_on"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [
            # Regional priorities: a hub's needs by theme and date.
            models.Index(fields=["hub", "theme", "raised_on"], name="need_hub_theme_date"),
        ]

    def __str__(self) -> str:
        return f"{self.city}: {self.theme}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.BEING_ADDRESSED)
