"""Cursor pagination: a page of rows after a position, never an offset.

The cursor is the position of the page's last row (its sort value and id), so the next page is
read from the index where the last one ended, however deep, and a row added meanwhile neither
repeats nor skips one. Rows are sorted newest first by `field`, ties by id.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Schema

from citybridge.api.errors import Refused

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class PageQuery(Schema):
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT


def _encode(value: Any, pk: int) -> str:
    if isinstance(value, dt.date):
        value = value.isoformat()
    raw = json.dumps([value, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, pk = json.loads(raw)
        if not isinstance(pk, int) or not isinstance(value, str | int | None):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Refused(
            400, _("This cursor is not one a page gave: use the 'next' of the last page.")
        ) from None
    return value, pk


def page_of(rows: QuerySet, query: PageQuery, *, field: str = "pk") -> tuple[list[Any], str | None]:
    """One page of `rows`, sorted by `field` then id, both descending (`field` never null),
    and the cursor of the next page (None on the last)."""
    if not 1 <= query.limit <= MAX_LIMIT:
        raise Refused(
            400,
            _("limit must be between 1 and %(most)s (default %(default)s).")
            % {"most": MAX_LIMIT, "default": DEFAULT_LIMIT},
        )
    if query.cursor:
        value, pk = _decode(query.cursor)
        if field == "pk":
            rows = rows.filter(pk__lt=pk)
        else:
            rows = rows.filter(Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk}))
    order = ("-pk",) if field == "pk" else (f"-{field}", "-pk")
    found = list(rows.order_by(*order)[: query.limit + 1])
    if len(found) <= query.limit:
        return found, None
    found = found[: query.limit]
    last = found[-1]
    return found, _encode(getattr(last, field if field != "pk" else "pk"), last.pk)
