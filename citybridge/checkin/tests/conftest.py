import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.utils import timezone

from citybridge.checkin.actions import open_check_in
from citybridge.engagement.models import Engagement


@pytest.fixture(autouse=True)
def fresh_limits():
    """Each test starts with no submission counted against the rate limits."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def engagement(hub, city):
    return Engagement.objects.create(
        hub=hub,
        key="W01",
        title="Workshop in Testgrad",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=dt.date(2026, 12, 7),
        ends_on=dt.date(2026, 12, 7),
        host_city=city,
    )


@pytest.fixture
def check_in(engagement, officer):
    now = timezone.now()
    return open_check_in(
        engagement,
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=2),
        acting_user=officer,
    )


def answers(name: str = "Milica Petrović", **extra) -> dict:
    return {
        "uuid": str(uuid.uuid4()),
        "notice_version": "2026-12-07",
        "name": name,
        "city": "Testgrad",
        "organisation": "Opština Testgrad",
        "position": "Savjetnica",
        "email": "",
        "gender": "female",
        **extra,
    }
