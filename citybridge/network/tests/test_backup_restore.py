"""`citybridge backup` and `citybridge restore`: a restore brings back exactly what was saved."""

from __future__ import annotations

import datetime as dt
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from citybridge.accounts.models import AccessLog
from citybridge.demo.sheets import City, invent_people, write_sheet
from citybridge.engagement.models import Attendance, Engagement
from citybridge.imports.registry import run_import
from citybridge.lib import backups
from citybridge.lib.backups import fingerprint
from citybridge.network.models import Hub, LocalGovernment, Membership, Person
from citybridge.reports.figures import key_figures

ENGAGEMENTS = (
    "key,title,type,start,end,city,country\n"
    "B01,Roundtable in Budva,roundtable,2024-03-12,2024-03-12,Budva,ME\n"
    "B02,Convening in Bar,convening,2024-05-10,2024-05-11,Bar,ME\n"
)
YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))

# Restoring replaces every table, the seeded ones included; serialized_rollback puts the
# migrations' rows back for the tests that follow.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fill(hub: Hub) -> None:
    """A small network written through the real importers: cities, engagements, two sheets."""
    for name in ("Budva", "Bar"):
        city = LocalGovernment.objects.create(name=name, country_id="ME")
        Membership.objects.create(city=city, joined_on=dt.date(2022, 1, 1))
    run_import(
        "engagements", [("engagements.csv", ENGAGEMENTS.encode())], hub=hub, acting_user=None
    )
    rng = random.Random(7)
    people = invent_people([City("Budva", "ME", "Будва"), City("Bar", "ME", "Бар")], 40, rng)
    sheets = [
        write_sheet(key, rng.sample(people, 25), "ME", dt.date(2024, 3, 12), rng)
        for key in ("B01", "B02")
    ]
    run_import("attendance", [(s.file_name, s.data) for s in sheets], hub=hub, acting_user=None)


def figures(hub: Hub) -> list[tuple[str, int, tuple[int, ...]]]:
    return [(f.key, f.value, f.record_ids) for f in key_figures(hub, *YEAR)]


def test_restore_brings_back_every_table_and_the_key_figures(tmp_path):
    hub = Hub.objects.get(slug="western-balkans")
    fill(hub)
    saved, saved_figures = fingerprint(), figures(hub)
    assert Attendance.objects.count() == 50 and saved_figures[0][1] > 0
    out = StringIO()
    call_command("backup", str(tmp_path / "citybridge.backup"), stdout=out)
    assert out.getvalue().startswith(f"Backed up {len(saved)} tables")

    # Work done after the backup: an engagement deleted, a person renamed, a city added.
    Engagement.objects.filter(key="B02").delete()
    Person.objects.filter(pk=Person.objects.order_by("pk")[0].pk).update(full_name="Someone")
    LocalGovernment.objects.create(name="Kotor", country_id="ME")
    assert fingerprint() != saved and figures(hub) != saved_figures

    call_command("restore", str(tmp_path / "citybridge.backup"), stdout=StringIO())
    restored = fingerprint()
    changed = sorted(t for t in saved if restored.get(t) != saved[t])
    # Everything as saved, and one row more in the access log: the restore itself.
    assert changed == ["accounts_accesslog"] and restored.keys() == saved.keys()
    assert restored["accounts_accesslog"].rows == saved["accounts_accesslog"].rows + 1
    assert AccessLog.objects.filter(action=AccessLog.Action.RESTORE).count() == 1
    assert figures(hub) == saved_figures
    # The restored database takes new writes (sequences came back with it).
    LocalGovernment.objects.create(name="Kotor", country_id="ME")


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(tmp_path):
    LocalGovernment.objects.create(name="Budva", country_id="ME")
    before = fingerprint()
    bogus = tmp_path / "notes.backup"
    bogus.write_bytes(b"city,country\nBudva,ME\n")
    with pytest.raises(CommandError, match=r"is not a (SQLite|PostgreSQL) backup"):
        call_command("restore", str(bogus))
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.backup"))
    assert fingerprint() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's tool")
def test_missing_client_tools_are_a_clear_refusal(tmp_path, monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="pg_dump is not installed"):
        call_command("backup", str(tmp_path / "citybridge.backup"))
    assert not (tmp_path / "citybridge.backup").exists()
