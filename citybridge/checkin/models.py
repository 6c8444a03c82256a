"""Check-in at an engagement: the window its link works in, and each participant's arrival.

An arrival is the device's submission (its UUID made on the device, unique, so a retry or a
double tap never makes two rows); its answers are stored as an attendance row of the
engagement (source file "check-in"), like a row of a sheet, and resolved like one.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Attendance, Engagement

# The attendance rows of check-in carry this as their source file (the sheet's name).
SOURCE = "check-in"


def new_token() -> str:
    """The short link's secret part: 10 URL-safe characters, 60 bits, never guessed."""
    return secrets.token_urlsafe(8)[:10]


class CheckIn(models.Model):
    """An engagement's check-in: its link opens and closes with the window, or when closed."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="check_in")
    token = models.CharField(max_length=20, unique=True, default=new_token)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    # A hash (Django's password hashers): the PIN that lets a kiosk leave kiosk mode.
    kiosk_pin = models.CharField(max_length=128, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.engagement.key} check-in"

    def is_open(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at


class Arrival(models.Model):
    """One participant's submission, as the device sent it, and what it became."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="arrivals")
    # Made on the device: the same submission sent twice is found by it, never stored twice.
    uuid = models.UUIDField(unique=True)
    attendance = models.OneToOneField(
        Attendance, on_delete=models.SET_NULL, null=True, blank=True, related_name="arrival"
    )
    received_at = models.DateTimeField(default=timezone.now)
    language = models.CharField(max_length=10, blank=True)
    consent_contact = models.BooleanField(default=False)
    consent_photo = models.BooleanField(default=False)
    consent_quote = models.BooleanField(default=False)
    notice_version = models.CharField(max_length=40, blank=True)
    # When the hub's people were resolved with this arrival's row and its consents recorded
    # (checkin.actions.resolve_arrivals); until then it waits for the background worker.
    resolved_at = models.DateTimeField(null=True, blank=True)
    # Removed as spam by an officer: the row is gone, the UUID stays so a retry stays out.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            # The live arrivals and the per-engagement rate limit: a check-in's latest arrivals.
            models.Index(fields=["check_in", "received_at"], name="arrival_check_in_time"),
        ]

    def __str__(self) -> str:
        return str(self.uuid)
