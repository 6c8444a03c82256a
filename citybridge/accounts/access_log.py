"""`log_access`: the one way a row reaches the access log; and the sign-in signal receivers.

Views that show a person, search people or export personal data, the import/merge/split/erasure
actions and the sign-in signals all call `log_access`. It stores ids, counts and keyed hashes,
never a name or the text of a search.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.crypto import salted_hmac

from citybridge.accounts.models import AccessLog

Action = AccessLog.Action


def text_hash(text: str) -> str:
    """A keyed hash of `text` (case-folded, trimmed): equal searches match, none can be read."""
    key = " ".join(text.casefold().split())
    return salted_hmac("citybridge.access_log", key, algorithm="sha256").hexdigest()


def log_access(
    user: Any,
    action: str,
    *,
    obj: models.Model | None = None,
    hub: Any = None,
    count: int | None = None,
    text: str | None = None,
    detail: str = "",
) -> AccessLog:
    """Append one row: `user` did `action` (an `AccessLog.Action`) to `obj`, in `hub`.

    `text` (searched text, an attempted username) is stored only as `text_hash(text)`; `count`
    is how many rows a search found or an export held. `detail` must never name a person.
    """
    signed_in = user if getattr(user, "is_authenticated", False) else None
    return AccessLog.objects.create(
        user=signed_in,
        action=action,
        hub_id=getattr(hub, "pk", hub),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        count=count,
        text_hash=text_hash(text) if text else "",
        detail=detail[:100],
    )


def signed_in(sender, request, user, **kwargs) -> None:
    log_access(user, Action.SIGN_IN)


def sign_in_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    log_access(None, Action.SIGN_IN_FAILED, text=str(credentials.get("username", "")))


def locked_out(sender, request, username: str | None = None, **kwargs) -> None:
    log_access(None, Action.LOCKED_OUT, text=username or "")
