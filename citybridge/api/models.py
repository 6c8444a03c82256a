"""Personal access tokens: how a script reads and writes the hub's records through the API.

A token is its owner's, in one hub, and carries no role of its own: each request is answered
with the role the owner holds in that hub at that moment (accounts.scopes.work_in), so removing
a role or deactivating the user takes effect at once, as on the pages. Only a SHA-256 digest of
the secret is stored; the secret (256 random bits) is shown once, when the token is made.

Kept in the api app rather than accounts: the token belongs to the API (its pages, its
authentication and its tests live here), and it points at a hub, which accounts may only name.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# What every secret starts with: a leaked one is recognised for what it is (secret scanners),
# and a bearer token of another kind is refused before any lookup.
PREFIX = "cbt_"


def digest_of(secret: str) -> str:
    """The stored form of a secret. A plain SHA-256 (no salt, no stretching) is enough for
    256 random bits, and lets a request find its token by an indexed lookup."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Tokens not revoked and not expired; the owner's role is checked at use."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    hub = models.ForeignKey("network.Hub", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. the script using it.")
    )
    # The first characters of the secret, shown in the list so its owner can tell tokens apart.
    hint = models.CharField(max_length=12)
    # Unique: the request's lookup (`Authorization: Bearer ...` -> its digest).
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    # Written at most once a minute (api.auth): not a write per request.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()
    # Who made and who revoked each token, and when (the digest is no business of the history).
    history = HistoricalRecords(excluded_fields=["digest", "last_used_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
