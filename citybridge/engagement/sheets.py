"""Store an attendance sheet's rows as written: the one way rows enter the register.

Every row keeps its source file, its 1-based row number and all its cells; the fields the
resolver reads are copied out of the cells the sheet's columns name. `correct_rows` is the one
rewrite: a form tool's submission corrected on its server, found again in a newer export.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import F

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
    submission_keys: Mapping[int, Sequence[str]] | None = None,
    into: Sheet | None = None,
) -> Sheet:
    """Store one sheet and its rows, each with its cells exactly as written; `columns` says
    which heading holds each field ({field: heading}); `submission_keys` the ids of a form
    tool's submissions by row number; `into` a sheet of the engagement already stored (from
    `sheet_of`) to add the rows to. Called inside the import's transaction; resolution runs
    after it, over the hub."""
    stored = into or Sheet.objects.create(
        engagement=engagement,
        file_name=file_name,
        sha256=sha256,
        encoding=encoding,
        imported_by=acting_user,
    )
    headers = _headers(columns)
    for first in range(0, len(rows), STORE_BATCH):
        records = _records(
            rows[first : first + STORE_BATCH],
            engagement.pk,
            stored.pk,
            file_name,
            headers,
            place_of,
        )
        if submission_keys:
            for record in records:
                record["submission_keys"] = list(submission_keys.get(record["row_number"], ()))
        _insert(records)
    return stored


@records_acting_user
def sheet_of(
    engagement: Engagement, *, file_name: str, sha256: str, encoding: str, acting_user: User | None
) -> Sheet:
    """The engagement's sheet of that file name, made, or given the file's new fingerprint (a
    form tool's export downloaded again under one name)."""
    stored, _created = Sheet.objects.update_or_create(
        engagement=engagement,
        file_name=file_name,
        defaults={"sha256": sha256, "encoding": encoding, "imported_by": acting_user},
    )
    return stored


# Added to a row's number while rows of one file take new numbers, so that two rows never hold
# one number at once (a row's number is unique in its file).
SHIFT = 10_000_000


@records_acting_user
def correct_rows(
    corrections: Sequence[tuple[int, Row, Sequence[str]]],
    *,
    sheet: Sheet,
    columns: dict[str, str],
    place_of: Callable[[str], int | None],
    acting_user: User | None,
) -> None:
    """Rewrite attendance records as a newer export of their form writes them: each
    (record id, its row in `sheet`, the submission's ids) takes the row's cells, fields, file,
    row number and engagement, and keeps the ids it was known by. The one case a record is
    rewritten: the submission was corrected on the form tool's server. Each record's history
    keeps the version before, with the reason "re-sync"."""
    headers = _headers(columns)
    records = Attendance.objects.select_related("sheet").in_bulk(
        [pk for pk, _row, _keys in corrections]
    )
    # Rows are stored without history rows (_insert): the version a correction replaces is
    # kept first, as imported, dated when its sheet was.
    kept = set(Attendance.history.filter(id__in=records).values_list("id", flat=True).distinct())
    for record in records.values():
        if record.pk not in kept:
            Attendance.history.bulk_history_create(
                [record],
                default_date=record.sheet.imported_at if record.sheet else None,
                default_change_reason="import",
            )
    Attendance.objects.filter(pk__in=records).update(row_number=F("row_number") + SHIFT)
    for pk, row, keys in corrections:
        record = records[pk]
        (written,) = _records(
            [row], sheet.engagement_id, sheet.pk, sheet.file_name, headers, place_of
        )
        for name, value in written.items():
            setattr(record, name, value)
        record.submission_keys = list(dict.fromkeys([*keys, *record.submission_keys]))
        record._change_reason = "re-sync"  # type: ignore[attr-defined]  # read by simple-history
        record.save()


def _headers(columns: dict[str, str]) -> list[str | None]:
    return [columns.get(key) for key in (*_TEXT_FIELDS, "gender")]


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
                "resolved_city_id": place_of(city),
            }
        )
    return records


def _insert(records: list[dict[str, Any]]) -> None:
    """Insert attendance rows given as {field attname: value} in one executemany, without
    building model instances (bulk_create's Attendance(...) objects and its ~50-row INSERTs on
    SQLite were most of the storing time of a 100,000-row import). A field not given takes its
    default; text, number and foreign-key values go in as they are, others (JSON) are prepared
    as Django prepares them. No signals and no history rows, like bulk_create."""
    if not records:
        return
    db = connections[DEFAULT_DB_ALIAS]  # the proxy `connection` costs a lookup per use
    fields = [f for f in Attendance._meta.concrete_fields if not f.primary_key]
    given = records[0].keys()
    if any(record.keys() != given for record in records):
        # Records of several shapes: each completed with the defaults of the fields it lacks.
        defaults = {f.attname: f.get_default() for f in fields}
        records = [defaults | record for record in records]
        given = records[0].keys()
    # The fields every record gives, in the records' order, then the others: those take their
    # default, prepared once (the JSON of an empty list, on each of 100,000 rows, was a tenth
    # of preparing them).
    by_name = {f.attname: f for f in fields}
    named = [by_name[name] for name in given]
    absent = [f for f in fields if f.attname not in given]
    direct = (models.CharField, models.PositiveIntegerField)
    prepared = [
        (i, _preparer(f, db))
        for i, f in enumerate(named)
        if type(f) not in direct and not isinstance(f, models.ForeignKey)
    ]
    constants = [
        f.get_db_prep_save(f.get_default(), db)
        if type(f) not in direct and not isinstance(f, models.ForeignKey)
        else f.get_default()
        for f in absent
    ]
    values_of = operator.itemgetter(*given) if len(given) > 1 else lambda r: (r[next(iter(given))],)
    columns = ", ".join(db.ops.quote_name(f.column) for f in (*named, *absent))
    marks = ", ".join(["%s"] * len(fields))
    rows = []
    for record in records:
        row = [*values_of(record), *constants]
        for i, prepare in prepared:
            row[i] = prepare(row[i])
        rows.append(row)
    with db.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Attendance._meta.db_table} ({columns}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def _preparer(field: models.Field, db: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """How _insert prepares a field's values: as Django does, but a JSON object or list with
    one encoder made once where the backend writes JSON as text, as json.dumps (SQLite): the
    json.dumps of each row's cells, and Django's calls around it, were half the time of
    preparing 100,000 rows' cells."""
    if (
        isinstance(field, models.JSONField)
        and type(db.ops).adapt_json_value is BaseDatabaseOperations.adapt_json_value
    ):
        encode = (field.encoder or json.JSONEncoder)().encode

        def prepare(value: Any) -> Any:
            if type(value) in (dict, list):
                return encode(value)
            return field.get_db_prep_save(value, db)

        return prepare
    return lambda value: field.get_db_prep_save(value, db)


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
