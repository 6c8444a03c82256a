"""Elevating local voices: advocacy actions and testimonials."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Person, Theme


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
    audience_detail = models.CharField(_("audience, in words"), max_length=250, blank=True)
    form = models.CharField(_("form"), max_length=30, choices=Form.choices)
    cities = models.ManyToManyField(LocalGovernment, blank=True, related_name="advocacy_actions")
    people = models.ManyToManyField(Person, blank=True, related_name="advocacy_actions")
    needs = models.ManyToManyField(Need, blank=True, related_name="advocacy_actions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="advocacy_actions")
    engagement = models.ForeignKey(
        Engagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advocacy_actions",
    )
    summary = models.TextField(_("what was done"), blank=True)
    outcome = models.TextField(_("what came of it"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    document_url = models.URLField(_("document"), blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("advocacy action")
        verbose_name_plural = _("advocacy actions")

    def __str__(self) -> str:
        return self.title


class Testimonial(models.Model):
    """A quote; it reaches a brief only when the person agreed to its publication."""

    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="testimonials")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="testimonials")
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
    )
    said_on = models.DateField(_("said on"))
    publication_consent = models.BooleanField(_("agreed to publication"), default=False)

    class Meta:
        ordering = ["-said_on"]

    def __str__(self) -> str:
        return f"{self.person}: {self.quote[:40]}"
