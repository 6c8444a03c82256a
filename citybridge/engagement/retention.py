"""Retention: attendance identifiers older than a configurable period, pseudonymised in bulk.

A row keeps its engagement, city, organisation, role and link to its person, so every figure
stays the same; its name and e-mail as written (in the columns and in the sheet's cells, and in
the history of the row) become the pseudonym of its person. "Same person" decisions pin each
person's rows together so no later resolution splits them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction

from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog, User
from citybridge.engagement.models import Attendance
from citybridge.network.erasure import pin_together, pseudonym

PREFIX = "Erased "


@records_acting_user
@transaction.atomic
def pseudonymise_attendance(before: dt.date, *, acting_user: User | None) -> int:
    """Pseudonymise the rows of engagements that started before `before`; returns how many."""
    rows = list(
        Attendance.objects.filter(engagement__starts_on__lt=before)
        .exclude(full_name__startswith=PREFIX)
        .order_by("pk")
    )
    by_person: dict[int | None, list[Attendance]] = defaultdict(list)
    for row in rows:
        by_person[row.person_id].append(row)
    for person_id, group in by_person.items():
        shared = pseudonym()
        for row in group:
            placeholder = shared if person_id else pseudonym()
            names = {row.full_name, row.given_name, row.family_name} - {""}
            row.cells = {
                header: placeholder
                if value in names
                else ("" if row.email and value == row.email else value)
                for header, value in row.cells.items()
            }
            row.full_name, row.given_name, row.family_name, row.email = placeholder, "", "", ""
    Attendance.objects.bulk_update(
        rows, ["cells", "full_name", "given_name", "family_name", "email"], batch_size=500
    )
    for row in rows:
        Attendance.history.filter(id=row.pk).update(
            full_name=row.full_name, given_name="", family_name="", email="", cells=row.cells
        )
    for person_id in [p for p in by_person if p is not None]:
        ids = list(
            Attendance.objects.filter(person_id=person_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        pin_together(ids, acting_user)
    log_access(acting_user, AccessLog.Action.PSEUDONYMISATION, count=len(rows))
    return len(rows)
