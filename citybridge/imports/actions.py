"""Writes of the imports app itself (the rows of a file go through their own apps' actions)."""

from __future__ import annotations

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.imports.models import ColumnChoice
from citybridge.imports.reading import heading_key
from citybridge.network.models import Hub


@records_acting_user
@transaction.atomic
def remember_columns(
    hub: Hub, kind: str, chosen: dict[str, str], *, file_name: str, acting_user: User | None
) -> None:
    """Keep the officer's column choices ({heading as written: field, or "" for not used}) for
    the hub's next files of this kind."""
    for heading, field in chosen.items():
        ColumnChoice.objects.update_or_create(
            hub=hub,
            kind=kind,
            heading_key=heading_key(heading),
            defaults={
                "heading": heading[:250],
                "field": field,
                "file_name": file_name[:255],
                "chosen_by": acting_user,
            },
        )
