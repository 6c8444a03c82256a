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
from django.utils.translation import gettext_lazy

from citybridge.accounts.history import records_acting_user


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


# What changed a record when no user did it through a form: said in the conflict message.
REASONS = {
    "resolution": gettext_lazy("the resolution of people after an import or a merge"),
    "erasure": gettext_lazy("an erasure"),
    "admin": gettext_lazy("the admin site"),
    "re-sync": gettext_lazy("a newer export of its form, with the submission corrected"),
    "check-in": gettext_lazy("the person's own check-in at an engagement, with their consent"),
    "sign-in sheet": gettext_lazy("the person's agreements ticked on a paper sign-in sheet"),
}


def take_next_version(record: models.Model) -> None:
    """For a change that wins over any open form (an erasure, the admin site): the record
    moves to the version after the one in the database, whatever version it was read at.
    Call inside the transaction, then save the record."""
    model = type(record)
    current = (
        model._default_manager.select_for_update()
        .filter(pk=record.pk)
        .values_list("version", flat=True)
        .first()
    )
    record.version = (current or record.version) + 1  # type: ignore[attr-defined]


@records_acting_user
def raise_versions(model: type[models.Model], ids, *, reason: str, acting_user=None) -> int:
    """Move records changed other than through their own form (a merge by resolution, the
    admin site) to their next version, so a form opened before is refused; each change is kept
    in the record's history with `reason` (a key of REASONS). Returns how many moved."""
    ids = sorted({i for i in ids if i is not None})
    if not ids:
        return 0
    moved = model._default_manager.filter(pk__in=ids).update(version=F("version") + 1)
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create(
            list(model._default_manager.filter(pk__in=ids)),
            batch_size=1000,
            update=True,
            default_user=acting_user,
            default_change_reason=reason,
        )
    return moved


def last_editor(record: models.Model) -> str:
    """Who saved the record last, from its history when it keeps one."""
    history = getattr(type(record), "history", None)
    entry = history.filter(id=record.pk).order_by("-history_date").first() if history else None
    user = getattr(entry, "history_user", None)
    if user is None:
        reason = getattr(entry, "history_change_reason", None) or ""
        return str(REASONS.get(reason, _("someone else")))
    return user.get_full_name() or user.get_username()
