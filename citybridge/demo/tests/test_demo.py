"""The demonstration: the brief's key figures come out of its imported sheets."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from citybridge.accounts.models import User
from citybridge.engagement.models import Attendance, ReviewPair, Sheet
from citybridge.lib.resolution.reasons import in_english
from citybridge.network.models import LocalGovernment, Person
from citybridge.reports.figures import key_figures

BRIEF = (dt.date(2022, 11, 1), dt.date(2023, 12, 31))


@pytest.mark.slow
@pytest.mark.django_db(transaction=False)
def test_demo_yields_the_briefs_figures_from_its_sheets(hub):
    call_command("demo")
    figures = {f.key: f.value for f in key_figures(hub, *BRIEF)}
    assert figures == {"individuals_engaged": 235, "member_cities": 51, "leaders_engaged": 23}
    # The figures rest on imported sheets, resolved: more rows than people, every row linked.
    assert Sheet.objects.count() == 18
    assert Attendance.objects.count() > 400
    assert not Attendance.objects.filter(person__isnull=True).exists()
    # Kristiansand is a member of the network, not of the Western Balkans hub.
    assert LocalGovernment.objects.get(name="Kristiansand").is_member_on(BRIEF[1])
    # The Ohrid official who became mayor in 2024 counts as a leader in 2024 only.
    riser = Person.objects.get(positions__role="mayor", positions__started_on=dt.date(2024, 1, 1))
    assert riser.pk not in key_figures(hub, *BRIEF)[2].record_ids
    assert riser.pk in key_figures(hub, dt.date(2024, 1, 1), dt.date(2024, 12, 31))[2].record_ids
    # The official who married at the turn of 2024 waits for an officer, shown as a married name.
    (pair,) = ReviewPair.objects.all()
    assert "perhaps a married name" in " ".join(in_english(r) for r in pair.evidence)
    assert pair.first.person != pair.second.person
    assert set(User.objects.filter(is_demo=True).values_list("username", flat=True)) >= {
        "admin",
        "officer",
        "focal",
        "donor",
    }
    with pytest.raises(CommandError, match="already holds data"):
        call_command("demo")
    call_command("demo", "--if-empty")  # succeeds, changes nothing
    assert Sheet.objects.count() == 18
