"""Store an attendance sheet's rows as written: the one way rows enter the register.

Every row keeps its source file, its 1-based row number and all its cells; the fields the
resolver reads are copied out of the cells the sheet's columns name.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.lib.roles import normalise_role
from citybridge.lib.spreadsheets import Row

# The fields a sheet may fill, in the order _store_sheet reads them.
_TEXT_FIELDS = ("first_name", "last_name", "full_name", "organisation", "role", "city", "email")


@records_acting_user
def store_sheet(
    engagement: Engagement,
    *,
    file_name: str,
    sha256: str,
    encoding: str,
    rows: list[Row],
    columns: dict[str, str],
    place_of: Callable[[str], int | None],
    acting_user: User | None,
) -> Sheet:
    """Store one sheet and its rows, each with its cells exactly as written; `columns` says
    which heading holds each field ({field: heading}). Called inside the import's transaction;
    resolution runs after it, over the hub."""
    stored = Sheet.objects.create(
        engagement=engagement,
        file_name=file_name,
        sha256=sha256,
        encoding=encoding,
        imported_by=acting_user,
    )
    headers = [columns.get(key) for key in (*_TEXT_FIELDS, "gender")]
    for first in range(0, len(rows), STORE_BATCH):
        _insert(
            _records(
                rows[first : first + STORE_BATCH],
                engagement.pk,
                stored.pk,
                file_name,
                headers,
                place_of,
            )
        )
    return stored


# Rows stored per INSERT: the records of a whole 20 MB sheet at once (each with its cells as
# JSON) would be one more copy of the file in memory.
STORE_BATCH = 2000


def _records(
    rows: list[Row],
    engagement_id: int,
    sheet_id: int,
    file_name: str,
    headers: list[str | None],
    place_of: Callable[[str], int | None],
) -> list[dict[str, Any]]:
    records = []
    for row in rows:
        get = row.cells.get
        given, family, full, organisation, role, city, email, gender = [
            get(header, "").strip() if header else "" for header in headers
        ]
        full = full or " ".join(p for p in (given, family) if p)
        records.append(
            {
                "engagement_id": engagement_id,
                "sheet_id": sheet_id,
                "source_file": file_name,
                "row_number": row.number,
                "cells": row.cells,
                "full_name": full[:250],
                "given_name": given[:150],
                "family_name": family[:150],
                "organisation": organisation[:250],
                "role": role[:250],
                "city": city[:150],
                "email": email[:250],
                "gender": gender[:20],
                "role_kind": normalise_role(role),
                "local_government_id": place_of(city),
            }
        )
    return records


def _insert(records: list[dict[str, Any]]) -> None:
    """Insert attendance rows given as {field attname: value} in one executemany, without
    building model instances (bulk_create's Attendance(...) objects and its ~50-row INSERTs on
    SQLite were most of the storing time of a 100,000-row import). A field not given takes its
    default; text, number and foreign-key values go in as they are, others (JSON) are prepared
    as Django prepares them. No signals and no history rows, like bulk_create."""
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` costs a lookup per use
    fields = [f for f in Attendance._meta.concrete_fields if not f.primary_key]
    direct = (models.CharField, models.PositiveIntegerField)
    prepared = [
        (i, f)
        for i, f in enumerate(fields)
        if type(f) not in direct and not isinstance(f, models.ForeignKey)
    ]
    defaults = {f.attname: f.get_default() for f in fields}
    values_of = operator.itemgetter(*(f.attname for f in fields))
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = []
    for record in records:
        row = list(values_of(defaults | record))
        for i, f in prepared:
            row[i] = f.get_db_prep_save(row[i], db)
        rows.append(row)
    with db.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Attendance._meta.db_table} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def stored_records(
    engagement: Engagement,
    *,
    file_name: str,
    rows: list[Row],
    columns: dict[str, str],
    place_of: Callable[[str], int | None],
) -> list[dict[str, Any]]:
    """The records store_sheet stores for these rows ({field attname: value}, without their
    sheet), known before they are stored: resolution starts on them meanwhile."""
    headers = [columns.get(key) for key in (*_TEXT_FIELDS, "gender")]
    return _records(rows, engagement.pk, 0, file_name, headers, place_of)
