import pytest
from django.core.management import CommandError, call_command

from citybridge.network.models import Hub


def test_fresh_database_holds_the_western_balkans_hub(db):
    hub = Hub.objects.get(slug="western-balkans")
    assert hub.country_codes() == ["AL", "BA", "ME", "MK", "RS", "XK"]


def test_hub_add(db):
    call_command("hub", "add", "nordic", "--name", "Nordic Hub", "--countries", "no, se")
    assert Hub.objects.get(slug="nordic").country_codes() == ["NO", "SE"]


def test_hub_add_refuses_unknown_country_and_saves_nothing(db):
    with pytest.raises(CommandError, match="ZZ"):
        call_command("hub", "add", "nordic", "--name", "Nordic Hub", "--countries", "NO,ZZ")
    assert not Hub.objects.filter(slug="nordic").exists()
