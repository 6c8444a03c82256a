"""The erasure ledger: erasures outlive a restore of a backup taken before them.

A restore puts back the whole database as it was at the backup, the names of people erased
since included. So every erasure is also appended to a file outside the database
(`settings.ERASURE_LEDGER`, CITYBRIDGE_ERASURE_LEDGER, default var/erasure-ledger.jsonl), one
JSON line each: the person's id, the ids of their attendance rows, their hub, the pseudonym and
the time — ids and a random token, never a name. `citybridge restore` then applies every entry
again (`reapply`): a person already erased is skipped, so running it twice changes nothing.

The line is written inside the erasure's transaction, last, and flushed to disk before the
transaction commits: an erasure is never committed without its line. (If the commit itself
then fails, the line names an erasure that was asked for and not done; a restore does it.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog
from citybridge.network import erasure
from citybridge.network.models import Person

REAPPLIED = "re-applied after a restore"


@dataclass(frozen=True)
class Entry:
    person: int
    hub: int
    records: list[int]
    pseudonym: str
    at: str  # ISO 8601, UTC


def ledger_path() -> Path:
    return Path(settings.ERASURE_LEDGER)


def append(person: Person, records: list[int], pseudonym: str) -> Entry:
    entry = Entry(
        person=person.pk,
        hub=person.hub_id,
        records=sorted(records),
        pseudonym=pseudonym,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(entry), separators=(",", ":")) + "\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return entry


def entries() -> Iterator[Entry]:
    """Every complete line of the ledger, oldest first (a line torn by a crash is skipped)."""
    path = ledger_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as file:
        for line in file:
            try:
                data = json.loads(line)
                yield Entry(
                    person=int(data["person"]),
                    hub=int(data["hub"]),
                    records=[int(r) for r in data.get("records", [])],
                    pseudonym=str(data["pseudonym"]),
                    at=str(data["at"]),
                )
            except (ValueError, KeyError, TypeError):
                continue


def targets(entry: Entry) -> list[Person]:
    """Who an entry erases in the database as it is now: the person, and whoever holds the
    entry's attendance rows (after a restore they may belong to a person merged later)."""
    people = Person.objects.filter(pk=entry.person) | Person.objects.filter(
        attendances__in=entry.records
    )
    return list(people.filter(is_pseudonymised=False).distinct().order_by("pk"))


@records_acting_user
def reapply(*, acting_user=None) -> int:
    """Apply every ledger entry not yet applied in this database; returns how many people were
    erased again. Each is logged as an erasure with the detail "re-applied after a restore" (and
    how many places to check by hand, when there are any: see ErasureReport.to_check)."""
    done = 0
    for entry in entries():
        for person in targets(entry):
            with transaction.atomic():
                report = erasure.erase(person, acting_user=acting_user, placeholder=entry.pseudonym)
                log_access(
                    acting_user,
                    AccessLog.Action.ERASURE,
                    obj=person,
                    hub=person.hub_id,
                    detail=report.log_detail(REAPPLIED),
                )
            done += 1
    return done
