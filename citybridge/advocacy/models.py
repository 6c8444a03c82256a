"""Elevating local voices: advocacy actions and testimonials."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Organisation, Person, Theme


class AdvocacyActionQuerySet(models.QuerySet["AdvocacyAction"]):
    def visible_to(self, user) -> AdvocacyActionQuerySet:
        """Hub staff see the hub's advocacy; a focal point the actions that carried their city's
        voice. Donors and experts see only the pipeline's numbers."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id) & Q(cities__in=cities)
        return self.filter(q).distinct()

    def of_hub(self, hub: Hub) -> AdvocacyActionQuerySet:
        return self.filter(hub=hub)

    def between(self, start: dt.date | None, end: dt.date | None) -> AdvocacyActionQuerySet:
        qs = self
        if start:
            qs = qs.filter(date__gte=start)
        if end:
            qs = qs.filter(date__lte=end)
        return qs


class AdvocacyAction(models.Model):
    class Audience(models.TextChoices):
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        REGIONAL_BODY = "regional_body", _("Regional body")
        EU = "eu", _("European Union")
        GCTF = "gctf", _("GCTF")
        GCERF = "gcerf", _("GCERF")
        UN = "un", _("United Nations")
        CITY_NETWORK = "city_network", _("Another city network")
        OTHER = "other", _("Other")

    class Form(models.TextChoices):
        LEGAL_INPUT = "legal_input", _("Legal-framework input")
        PARTNER_EVENT = "partner_event", _("Partner event")
        SUMMIT = "summit", _("Summit")
        LEARNING_EXCHANGE = "learning_exchange", _("Learning exchange with another region")
        MEETING = "meeting", _("Meeting")

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="advocacy_actions")
    title = models.CharField(_("title"), max_length=250)
    date = models.DateField(_("date"))
    audience = models.CharField(_("audience"), max_length=30, choices=Audience.choices)
    audience_detail = models.CharField(
        _("audience, in words"),
        max_length=250,
        blank=True,
        help_text=_("e.g. 'at the request of the CVE Coordination Centre'."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advocacy_actions",
        verbose_name=_("audience organisation"),
    )
    form = models.CharField(_("form"), max_length=30, choices=Form.choices)
    cities = models.ManyToManyField(
        LocalGovernment,
        blank=True,
        related_name="advocacy_actions",
        verbose_name=_("cities whose voice it carried"),
    )
    people = models.ManyToManyField(
        Person,
        blank=True,
        related_name="advocacy_actions",
        verbose_name=_("people whose voice it carried"),
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="advocacy_actions", verbose_name=_("needs it raised")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="advocacy_actions", verbose_name=_("themes it raised")
    )
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advocacy_actions",
        verbose_name=_("engagement"),
    )
    summary = models.TextField(_("what was done"), blank=True)
    outcome = models.TextField(_("what came of it"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    document_url = models.URLField(_("document"), blank=True)

    objects = AdvocacyActionQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("advocacy action")
        verbose_name_plural = _("advocacy actions")

    def __str__(self) -> str:
        return self.title


class TestimonialQuerySet(models.QuerySet["Testimonial"]):
    def visible_to(self, user) -> TestimonialQuerySet:
        """A quote names its speaker: hub staff, and a focal point for their own city's quotes."""
        scope = scope_of(user)
        q = Q(hub__in=scope.staff_hubs)
        for hub_id, cities in scope.focal_cities.items():
            q |= Q(hub_id=hub_id) & Q(city__in=cities)
        return self.filter(q)

    def of_hub(self, hub: Hub) -> TestimonialQuerySet:
        return self.filter(hub=hub)

    def publishable(self) -> TestimonialQuerySet:
        """Agreed for this quote and, still, on the speaker's record (consent can be withdrawn)."""
        return self.filter(
            publication_consent=True, person__consent_quote=True, person__is_pseudonymised=False
        )


class Testimonial(models.Model):
    """A quote; it reaches a brief only when the person agreed to its publication."""

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="testimonials")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="testimonials", verbose_name=_("person")
    )
    quote = models.TextField(_("quote"))
    attribution = models.CharField(
        _("attribution"),
        max_length=250,
        help_text=_("As printed, e.g. 'Mayor of Kumanovo, North Macedonia'."),
    )
    city = models.ForeignKey(
        LocalGovernment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="testimonials",
        verbose_name=_("city"),
    )
    said_on = models.DateField(_("said on"))
    publication_consent = models.BooleanField(_("agreed to publication"), default=False)

    objects = TestimonialQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-said_on"]
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self) -> str:
        return f"{self.person}: {self.quote[:40]}"

    def clean(self) -> None:
        if self.publication_consent and self.person_id and not self.person.consent_quote:
            raise ValidationError(
                {
                    "publication_consent": _(
                        "%(person)s has not agreed to have a quote published. Record their "
                        "consent on their page first."
                    )
                    % {"person": self.person.full_name}
                }
            )
