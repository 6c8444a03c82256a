"""Support actions for the tests, built through the real actions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from citybridge.support.actions import move_support_status, save_support_action
from citybridge.support.models import SupportAction


@pytest.fixture
def make_support(hub, officer):
    """make_support(city=..., kind=..., status=..., amount=..., currency=...) -> SupportAction."""

    def make(
        *,
        city=None,
        organisation=None,
        title="Help with a Local Safety Council",
        kind=SupportAction.Kind.GUIDANCE,
        status=SupportAction.Status.REQUESTED,
        starts_on=dt.date(2023, 3, 1),
        amount: Decimal | None = None,
        currency: str = "",
        **related,
    ) -> SupportAction:
        action = save_support_action(
            SupportAction(
                title=title,
                kind=kind,
                city=city,
                organisation=organisation,
                starts_on=starts_on,
                amount=amount,
                currency=currency,
            ),
            hub=hub,
            acting_user=officer,
            **related,
        )
        path = [SupportAction.Status.APPROVED, SupportAction.Status.IN_PROGRESS]
        path += [SupportAction.Status.COMPLETED]
        if status in (SupportAction.Status.DECLINED, SupportAction.Status.CANCELLED):
            path = [status]
        for step in path:
            if action.status == status:
                break
            move_support_status(
                action,
                step,
                reason="Step for the test.",
                acting_user=officer,
                effective_on=starts_on,
            )
        return action

    return make
