"""What the weekly digest sent, so that a second run in the same week sends nothing again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class DigestSent(models.Model):
    """One user's digest of one week, claimed before it is sent (a second run, even at the same
    moment, finds the row and skips the user) and deleted again if the server refuses it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    # The Monday of the ISO week the digest is for.
    week = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_a_week"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.week}"
