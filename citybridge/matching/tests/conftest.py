import datetime as dt

import pytest

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import Country, Theme


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


@pytest.fixture
def library(db, councils, other_city):
    """A practice of the other city on councils, and an expert who speaks the city's language."""
    from citybridge.practices.actions import save_practice
    from citybridge.practices.models import Practice
    from citybridge.support.actions import save_expert
    from citybridge.support.models import Expert

    practice = save_practice(
        Practice(
            title="Drugovo Local Safety Council",
            summary="Police, schools and social work meet monthly in a council.",
            origin_city_name="Drugovo",
            origin_country_id="MK",
            evidence=Practice.Evidence.EVALUATED,
        ),
        themes=[councils],
        acting_user=None,
    )
    hub = other_city.country.hubs.get()
    expert = save_expert(
        Expert(full_name="Vera Testović", languages="sr, en", bio="Local Safety Councils."),
        hub=hub,
        themes=[councils],
        acting_user=None,
    )
    expert.countries.set(Country.objects.filter(code="ME"))
    return practice, expert
