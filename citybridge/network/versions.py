"""The optimistic version check: an edit saved from an older version of a record is refused.

A form carries the `version` of the record it showed (a hidden field). The save action claims
the next version with `UPDATE ... SET version = version + 1 WHERE id = %s AND version = %s`
inside its transaction before writing anything else. The UPDATE takes the row's write lock, so
of two people who opened the same version exactly one claims it; the other gets an
`EditConflict` naming who saved in between, and nothing of theirs is written.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone saved the record after this edit was opened; the message says who."""

    def __init__(self, record: models.Model, editor: str) -> None:
        self.record = record
        self.editor = editor
        super().__init__(
            _(
                "%(record)s was changed by %(editor)s since you opened it. Nothing was saved: "
                "open it again to see their changes, then make yours."
            )
            % {"record": record, "editor": editor}
        )


def claim_version(record: models.Model) -> None:
    """Move an existing record from the version it was opened at to the next, or refuse.

    Call inside the save action's transaction, before its writes; a new record passes.
    """
    if record._state.adding or record.pk is None:
        return
    model = type(record)
    opened = record.version  # type: ignore[attr-defined]
    claimed = model._default_manager.filter(pk=record.pk, version=opened).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(record, last_editor(record))
    record.version = opened + 1  # type: ignore[attr-defined]


def last_editor(record: models.Model) -> str:
    """Who saved the record last, from its history when it keeps one."""
    history = getattr(type(record), "history", None)
    entry = history.filter(id=record.pk).order_by("-history_date").first() if history else None
    user = getattr(entry, "history_user", None)
    if user is None:
        return _("someone else")
    return user.get_full_name() or user.get_username()
