"""Making and revoking personal access tokens: one function each, the acting user named."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.api.models import PREFIX, ApiToken, digest_of
from citybridge.network.models import Hub

# How long a token may live, in days: the choices on the page.
LIFETIMES = (7, 30, 90, 365)


@records_acting_user
@transaction.atomic
def create_token(
    user: User, hub: Hub, *, name: str, days: int, acting_user: User | None
) -> tuple[ApiToken, str]:
    """A new token of `user` in `hub`, valid `days` days; with its secret, which is stored
    nowhere and must be shown to the user now or never."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        hub=hub,
        name=name.strip(),
        hint=secret[: len(PREFIX) + 4],
        digest=digest_of(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return token, secret


@records_acting_user
@transaction.atomic
def revoke_token(token: ApiToken, *, acting_user: User | None) -> ApiToken:
    """Refuse the token from now on; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
