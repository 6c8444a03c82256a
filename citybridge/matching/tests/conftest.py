import pytest

from citybridge.network.models import Country


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
