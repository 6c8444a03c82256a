"""A user's key to their calendar feeds: the private addresses a calendar program fetches without
signing in (calendars.feeds, calendars.views)."""

from __future__ import annotations

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

TOKEN = re.compile(r"^(\d+)-([0-9a-f]{40})$")


def new_secret() -> str:
    return secrets.token_hex(16)


class FeedKey(models.Model):
    """One per user. The feed addresses carry `token()`, a keyed hash of the user's id and this
    secret: the database alone (a backup, a dump) does not give the addresses away, and making
    a new secret (`calendars.actions.reset_feed_key`) ends every address given before."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_key"
    )
    secret = models.CharField(max_length=32, default=new_secret)
    made_at = models.DateTimeField(_("made on"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed key")

    def __str__(self) -> str:
        return f"calendar feed key of user {self.user_id}"

    def token(self) -> str:
        digest = salted_hmac(
            "citybridge.calendars.feed", f"{self.user_id}:{self.secret}", algorithm="sha256"
        )
        return f"{self.user_id}-{digest.hexdigest()[:40]}"

    @classmethod
    def holder_of(cls, token: str):
        """The active user whose current token this is, else None (an old, reset or made-up
        token, or a deactivated user)."""
        match = TOKEN.match(token)
        if not match:
            return None
        key = cls.objects.select_related("user").filter(user_id=int(match[1])).first()
        if key is None or not key.user.is_active or not constant_time_compare(key.token(), token):
            return None
        return key.user
