"""Subject access: everything CityBridge holds about one person, as plain data.

The records are found through the relations that point at the person (attendance, positions,
testimonials, advocacy actions and any added later), so no app is forgotten; add the person's
own history and the access log rows about them (who looked at their data, and when).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models

from citybridge.accounts.models import AccessLog
from citybridge.network.models import Person

# Internal columns that only repeat another (search keys) or mean nothing to the person.
OMITTED = {"name_key", "key"}


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_of(obj: models.Model) -> dict[str, Any]:
    row = {}
    for f in obj._meta.concrete_fields:
        if f.name in OMITTED or isinstance(f, models.BinaryField):
            continue
        if isinstance(f, models.ForeignKey):
            related = getattr(obj, f.name)
            row[str(f.verbose_name)] = str(related) if related is not None else None
        else:
            row[str(f.verbose_name)] = plain(getattr(obj, f.attname))
    return row


def subject_access(person: Person) -> dict[str, Any]:
    """{"person": {...}, "records": {section: [rows]}, "history": [...], "access_log": [...]}."""
    records: dict[str, list[dict[str, Any]]] = {}
    for rel in Person._meta.related_objects:
        model: Any = rel.related_model
        rows = model._default_manager.filter(**{rel.field.name: person})
        found = [row_of(r) for r in rows.order_by("pk")]
        if found:
            records[str(model._meta.verbose_name_plural)] = found
    history = [
        {
            "when": plain(h.history_date),
            "change": h.get_history_type_display(),
            "name": h.full_name,
            "email": h.email,
        }
        for h in person.history.order_by("history_date")
    ]
    access = [
        {
            "when": plain(a.at),
            "who": a.user.username if a.user else "",
            "action": a.get_action_display(),
        }
        for a in AccessLog.objects.about(person).select_related("user").order_by("at")
    ]
    return {
        "person": row_of(person),
        "records": records,
        "history": history,
        "access_log": access,
    }
