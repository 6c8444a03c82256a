"""Many rows written in few statements, on SQLite and PostgreSQL alike, without model instances.

The ORM's bulk_create builds a model instance per row and compiles each batch's SQL through its
expression machinery; bulk_update writes a CASE WHEN per row. At 100,000 attendance rows those
were seconds of an import: here rows are plain tuples and each statement carries a few hundred.
No signals and no history rows, as with bulk_create.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

# Rows per statement: enough that the per-statement cost vanishes, few enough that a statement's
# parameters stay under SQLite's (32,766 since 3.32) and PostgreSQL's (65,535) limits.
ROWS_PER_STATEMENT = 500


def _cursor(db: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor that does not log its statements in development. With DEBUG on, Django keeps
    each statement with its parameters spelt out, on SQLite by a second query quoting every
    parameter: for a few hundred rows a statement that was 0.75 of the 2.6 CPU seconds of
    writing a 100,000-row import's people and links. A test capturing queries still sees them."""
    if db.force_debug_cursor or not db.queries_logged:
        return db.cursor()
    db.ensure_connection()
    with db.wrap_database_errors:
        return db.make_cursor(db.create_cursor())


def insert_rows(model: type[models.Model], records: Sequence[Mapping[str, Any]]) -> list[int]:
    """Insert `records` ({field attname: value}) and return their new primary keys, in the
    records' order. A field not given takes its default (auto_now and auto_now_add: now); text,
    number, boolean and foreign-key values go in as they are, others (JSON, dates) are prepared
    as Django prepares them."""
    if not records:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    defaults = {
        f.attname: now
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
        else f.get_default()
        for f in fields
    }
    direct = (models.CharField, models.IntegerField, models.BooleanField, models.TextField)
    # Each field's place, and whether its values need preparing (JSON, dates); the defaults
    # prepared once rather than once a row (two timestamps a person were a third of the time).
    place = {
        f.attname: (i, not isinstance(f, (*direct, models.ForeignKey)), f)
        for i, f in enumerate(fields)
    }
    base = [
        f.get_db_prep_save(defaults[f.attname], db) if prepare else defaults[f.attname]
        for i, prepare, f in place.values()
    ]
    table = db.ops.quote_name(model._meta.db_table)
    columns = ", ".join(db.ops.quote_name(f.column) for f in fields)
    pk = db.ops.quote_name(model._meta.pk.column)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[int] = []
    with _cursor(db) as cursor:
        for start in range(0, len(records), ROWS_PER_STATEMENT):
            chunk = records[start : start + ROWS_PER_STATEMENT]
            params: list[Any] = []
            for record in chunk:
                row = base.copy()
                for attname, value in record.items():
                    i, prepare, f = place[attname]
                    row[i] = f.get_db_prep_save(value, db) if prepare else value
                params.extend(row)
            values = ", ".join([one] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {pk}",  # noqa: S608 (model metadata)
                params,
            )
            # Sorted rather than trusting RETURNING's order (SQLite does not promise one):
            # the keys are given out in increasing order, one row of the VALUES after another.
            ids.extend(sorted(row[0] for row in cursor.fetchall()))
    return ids


def set_column(
    model: type[models.Model], field_name: str, values: Mapping[int, Any] | Iterable[tuple]
) -> None:
    """Set one column of many rows, {primary key: value}, each statement an UPDATE ... FROM a
    VALUES list of a few hundred rows rather than one UPDATE per row."""
    # In the order of the keys: the rows' pages, and those of indexes that lead with a column
    # following the key (an attendance row's engagement), are then visited once each rather
    # than at random (a third of the time of 20,000 links on SQLite).
    items = sorted(values.items() if isinstance(values, Mapping) else values)
    if not items:
        return
    db = connections[DEFAULT_DB_ALIAS]
    field = model._meta.get_field(field_name)
    assert isinstance(field, models.Field)
    table = db.ops.quote_name(model._meta.db_table)
    column = db.ops.quote_name(field.column)
    pk = db.ops.quote_name(model._meta.pk.column)
    # VALUES columns are column1, column2 on both engines; PostgreSQL needs their types.
    value_type = field.db_type(db) if db.vendor == "postgresql" else None
    pk_type = model._meta.pk.db_type(db) if db.vendor == "postgresql" else None
    key = f"CAST(v.column1 AS {pk_type})" if pk_type else "v.column1"
    value = f"CAST(v.column2 AS {value_type})" if value_type else "v.column2"
    with _cursor(db) as cursor:
        for start in range(0, len(items), ROWS_PER_STATEMENT):
            chunk = items[start : start + ROWS_PER_STATEMENT]
            rows = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET {column} = {value} FROM (VALUES {rows}) AS v "  # noqa: S608 (model metadata)
                f"WHERE {table}.{pk} = {key}",
                [p for item in chunk for p in item],
            )
