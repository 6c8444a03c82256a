"""Production refuses to start on a database that holds the demo's public-password users."""

from django.test import override_settings

from citybridge.accounts.checks import no_demo_users_in_production
from citybridge.accounts.models import User


def test_production_check_fails_while_demo_users_exist(db):
    User.objects.create_user("officer", password="demo", is_demo=True)
    with override_settings(PRODUCTION=True):
        errors = no_demo_users_in_production(None, databases=["default"])
    assert [e.id for e in errors] == ["citybridge.E001"]
    assert "officer" in errors[0].msg


def test_production_check_passes_without_demo_users_and_in_development(db):
    User.objects.create_user("real-officer", password="x-long-unguessable-1")
    with override_settings(PRODUCTION=True):
        assert no_demo_users_in_production(None, databases=["default"]) == []
    User.objects.create_user("officer", password="demo", is_demo=True)
    with override_settings(PRODUCTION=False):
        assert no_demo_users_in_production(None, databases=["default"]) == []
