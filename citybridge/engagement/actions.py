"""Writes to engagements and attendance: one atomic function per change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citybridge.accounts.models import User
from citybridge.engagement.models import Engagement
from citybridge.network.models import Hub, LocalGovernment, Theme


@transaction.atomic
def save_engagement(
    engagement: Engagement,
    *,
    hub: Hub,
    participating_cities: Iterable[LocalGovernment] = (),
    themes: Iterable[Theme] = (),
    acting_user: User | None,
) -> Engagement:
    engagement.hub = hub
    engagement.full_clean()
    engagement.save()
    engagement.participating_cities.set(participating_cities)
    engagement.themes.set(themes)
    return engagement
