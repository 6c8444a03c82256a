"""Writes to engagements and attendance: one atomic function per change."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.network.models import Hub, LocalGovernment, Theme
from citybridge.network.versions import claim_version


@records_acting_user
@transaction.atomic
def save_engagement(
    engagement: Engagement,
    *,
    hub: Hub,
    participating_cities: Iterable[LocalGovernment] | None = None,
    themes: Iterable[Theme] | None = None,
    acting_user: User | None,
) -> Engagement:
    """Raises EditConflict when someone saved the engagement after this edit was opened.
    Participating cities and themes are left as they are when not given (a sheet of
    engagements has no column for them)."""
    hub.adopt(engagement)
    engagement.full_clean()
    claim_version(engagement)
    engagement.save()
    if participating_cities is not None:
        engagement.participating_cities.set(participating_cities)
    if themes is not None:
        engagement.themes.set(themes)
    return engagement


@records_acting_user
@transaction.atomic
def remove_sheet(sheet: Sheet, *, acting_user: User | None) -> int:
    """Remove an imported sheet and its rows (e.g. to import a corrected file), then resolve the
    hub's people again: someone seen only on this sheet no longer counts. Returns the rows removed."""
    from citybridge.engagement.resolution import resolve_hub

    hub = sheet.engagement.hub
    removed, _ = Attendance.objects.filter(sheet=sheet).delete()
    sheet.delete()
    resolve_hub(hub)
    return removed
