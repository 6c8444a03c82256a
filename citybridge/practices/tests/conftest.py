import pytest

from citybridge.network.models import Theme
from citybridge.practices.actions import save_practice, save_translation
from citybridge.practices.models import Practice, TargetGroup


@pytest.fixture
def youth(db) -> Theme:
    return Theme.objects.get(slug="youth-engagement")


@pytest.fixture
def practice(db, youth) -> Practice:
    practice = save_practice(
        Practice(
            title="Youth Council of Testgrad",
            summary="An elected youth council advises the city.",
            origin_city_name="Testgrad",
            origin_country_id="ME",
            evidence=Practice.Evidence.INSPIRING,
            human_rights_based=True,
            human_rights_reason="Elected openly.",
        ),
        themes=[youth],
        target_groups=[TargetGroup.objects.get(slug="youth")],
        acting_user=None,
    )
    save_translation(
        practice, language="sr", title="Savet mladih Testgrada", summary="", acting_user=None
    )
    return practice


@pytest.fixture
def stranger(db):
    """Signed in, with no role anywhere: the library is the network's, not the public's."""
    from citybridge.conftest import make_user

    return make_user("stranger")
