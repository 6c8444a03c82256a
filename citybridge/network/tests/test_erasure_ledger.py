"""Erasures done after a backup are applied again when that backup is restored."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from citybridge.accounts.models import AccessLog, Role
from citybridge.accounts.tests.erasure_cast import CYRILLIC, EMAIL, NAME, figures_of, make_records
from citybridge.accounts.tests.traces import traces_in_database
from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance
from citybridge.lib.text import fold
from citybridge.network import ledger
from citybridge.network.actions import erase_person
from citybridge.network.models import Hub, LocalGovernment, Membership, Person

# Restoring replaces every table: serialized_rollback puts the migrations' rows back after.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OTHER = "Petar Petrović"


def test_an_erasure_after_a_backup_is_applied_again_on_restore(tmp_path):
    hub = Hub.objects.get(slug="western-balkans")
    city = LocalGovernment.objects.create(name="Testgrad", country_id="ME")
    Membership.objects.create(city=city, joined_on=dt.date(2022, 11, 15))
    person = make_records(hub, city)
    admin = make_user("hubadmin", hub, Role.Kind.HUB_ADMIN)
    other = Person.objects.get(full_name=OTHER)
    other_pk = other.pk
    at_backup = figures_of(hub)
    backup = tmp_path / "citybridge.backup"
    call_command("backup", str(backup), stdout=StringIO())
    # The copy holds everyone's data: an export, in the hub's log.
    assert AccessLog.objects.filter(
        action=AccessLog.Action.EXPORT, hub=hub, detail="backup (command line)"
    ).exists()

    # After the backup: one person erased; another's rows moved to a new record (as a later
    # resolution may do), and that record erased.
    first = erase_person(person, acting_user=admin)
    moved = Person.objects.create(hub=hub, full_name=OTHER, city=city)
    Attendance.objects.filter(person=other).update(person=moved)
    other.delete()
    second = erase_person(moved, acting_user=admin)
    written = settings.ERASURE_LEDGER.read_text()
    assert [e.person for e in ledger.entries()] == [person.pk, moved.pk]
    assert first.placeholder in written and second.placeholder in written
    assert not [n for n in (NAME, CYRILLIC, EMAIL, OTHER, fold(NAME)) if n in written]

    out = StringIO()
    call_command("restore", str(backup), stdout=out)

    assert "erased 2 people again from the erasure ledger" in out.getvalue()
    person.refresh_from_db()
    assert person.is_pseudonymised and person.full_name == first.placeholder
    restored_other = Person.objects.get(pk=other_pk)  # the record the backup had
    assert restored_other.is_pseudonymised and restored_other.full_name == second.placeholder
    needles = [NAME, CYRILLIC, EMAIL, fold(NAME), fold(CYRILLIC), OTHER, fold(OTHER)]
    assert traces_in_database(needles) == []
    assert figures_of(hub) == at_backup
    again = AccessLog.objects.filter(action=AccessLog.Action.ERASURE, detail=ledger.REAPPLIED)
    assert set(again.values_list("object_id", flat=True)) == {person.pk, other_pk}
    assert AccessLog.objects.filter(action=AccessLog.Action.RESTORE).count() == 1
    # Applying the ledger again finds nothing left to do.
    assert ledger.reapply() == 0
