import pytest

from citybridge.accounts.tests.erasure_cast import make_records


@pytest.fixture
def records(hub, city):
    """The person to erase (erasure_cast.NAME), resolved from two sheets with three others."""
    return make_records(hub, city)
