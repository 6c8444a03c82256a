"""Making and resetting a user's calendar feed key."""

from __future__ import annotations

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.calendars.models import FeedKey, new_secret


def feed_key_of(user) -> FeedKey:
    """The user's key, made the first time they open their calendar feeds."""
    key, _made = FeedKey.objects.get_or_create(user=user)
    return key


@records_acting_user
@transaction.atomic
def reset_feed_key(*, acting_user) -> FeedKey:
    """A new secret for the acting user's own feeds: every address given before stops working
    (a calendar program still fetching one gets a 404)."""
    key = feed_key_of(acting_user)
    key.secret = new_secret()
    key.save()
    return key
