import datetime as dt

import pytest

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Theme


@pytest.fixture
def councils(db) -> Theme:
    return Theme.objects.get(slug="multi-actor-prevention-mechanisms")


@pytest.fixture
def youth(db) -> Theme:
    return Theme.objects.get(slug="youth-engagement")


@pytest.fixture
def consultation(hub, city, other_city) -> Engagement:
    engagement = Engagement.objects.create(
        hub=hub,
        key="T01",
        title="Consultation with test municipalities",
        kind=Engagement.Kind.CONSULTATION,
        starts_on=dt.date(2023, 3, 16),
        ends_on=dt.date(2023, 3, 16),
        host_city=city,
    )
    engagement.participating_cities.add(other_city)
    return engagement


@pytest.fixture
def need(hub, city, councils, consultation) -> Need:
    return Need.objects.create(
        hub=hub,
        city=city,
        theme=councils,
        statement="Potreban nam je Savjet za bezbjednost koji radi.",
        language="cnr",
        priority=Need.Priority.HIGH,
        source_engagement=consultation,
        raised_on=consultation.starts_on,
    )
