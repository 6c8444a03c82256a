"""`log_access`: the one way a row reaches the access log; and the sign-in signal receivers.

Every page, export or command that shows a person-level row calls `log_people_shown` once per
view with the people it shows (one row, listing them: `PersonShown`); the import/merge/split/
erasure actions and the sign-in signals call `log_access`. It stores ids, counts and keyed
hashes, never a name or the text of a search.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils.crypto import salted_hmac

from citybridge.accounts.models import AccessLog, PersonShown

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
    people: Iterable[int] = (),
) -> AccessLog:
    """Append one row: `user` did `action` (an `AccessLog.Action`) to `obj`, in `hub`, and it
    showed `people` (person ids).

    `text` (searched text, an attempted username) is stored only as `text_hash(text)`; `count`
    is how many rows a search found or an export held. `detail` must never name a person.
    """
    signed_in = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():  # the row and its people in one commit: a page waits on one
        entry = AccessLog.objects.create(
            user=signed_in,
            action=action,
            hub_id=getattr(hub, "pk", hub),
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=obj.pk if obj is not None else None,
            count=count,
            text_hash=text_hash(text) if text else "",
            detail=detail[:100],
        )
        PersonShown.objects.bulk_create(
            [PersonShown(entry=entry, person_id=pk) for pk in sorted(set(people))],
            batch_size=1000,
        )
    return entry


def log_people_shown(
    user: Any,
    people: Iterable[Any],
    *,
    hub: Any,
    obj: models.Model | None = None,
    action: str = Action.PEOPLE_VIEWED,
    text: str | None = None,
    count: int | None = None,
    detail: str = "",
) -> AccessLog | None:
    """The one row a page, export or command writes for the people it shows: `people` are
    the persons (or their ids; None, an unresolved row, is skipped) in the rows it shows.

    A page that shows nobody writes nothing, unless it is a search (`text`): a search is logged
    even when it finds no one. `count` is how many rows it shows (default: the people)."""
    ids = {getattr(p, "pk", p) for p in people} - {None}
    if not ids and text is None:
        return None
    return log_access(
        user,
        action,
        obj=obj,
        hub=hub,
        count=len(ids) if count is None else count,
        text=text,
        detail=detail,
        people=ids,
    )


def signed_in(sender, request, user, **kwargs) -> None:
    log_access(user, Action.SIGN_IN)


def sign_in_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    log_access(None, Action.SIGN_IN_FAILED, text=str(credentials.get("username", "")))


def locked_out(sender, request, username: str | None = None, **kwargs) -> None:
    log_access(None, Action.LOCKED_OUT, text=username or "")
