"""Writes to needs and consultation findings: one atomic function per change, the acting user
named."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.models import Engagement
from citybridge.needs.models import ConsultationFinding, Need
from citybridge.network.models import Hub, LocalGovernment


@records_acting_user
@transaction.atomic
def save_need(need: Need, *, hub: Hub, acting_user: User | None) -> Need:
    hub.adopt(need)
    if need.pk is None:
        need.recorded_by = acting_user
    if need.source_engagement and not need.raised_on:
        need.raised_on = need.source_engagement.starts_on
    need.full_clean(exclude=["recorded_by"])
    need.save()
    return need


@records_acting_user
@transaction.atomic
def change_need_status(need: Need, status: str, *, acting_user: User | None) -> Need:
    need.status = status
    need.full_clean(exclude=["recorded_by"])
    need.save(update_fields=["status"])
    return need


@records_acting_user
@transaction.atomic
def record_consultation(
    engagement: Engagement,
    city: LocalGovernment,
    *,
    concerns: str = "",
    approaches: str = "",
    needs: Iterable[Need] = (),
    acting_user: User | None,
) -> tuple[ConsultationFinding | None, list[Need]]:
    """What one city said at one consultation: its concerns and threats, its existing approaches
    and resources (one finding per city and engagement, replaced when recorded again), and its
    needs (added), each dated and sourced to the engagement."""
    finding = None
    if concerns.strip() or approaches.strip():
        finding, _ = ConsultationFinding.objects.update_or_create(
            engagement=engagement,
            city=city,
            defaults={"concerns": concerns.strip(), "approaches": approaches.strip()},
        )
    saved = []
    for need in needs:
        need.city = city
        need.source_engagement = engagement
        need.raised_on = need.raised_on or engagement.starts_on
        saved.append(save_need(need, hub=engagement.hub, acting_user=acting_user))
    return finding, saved
