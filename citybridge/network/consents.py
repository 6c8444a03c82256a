"""Consents a person gave themselves (at check-in, on a paper sign-in sheet), added to their
record with when and how, and the version of the privacy notice they were shown.

An agreement not given withdraws nothing: a sign-in asks, it is no withdrawal form. Withdrawal
is the person's page (or an erasure).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from citybridge.lib.text import fold
from citybridge.network.models import Person
from citybridge.network.versions import take_next_version

CONSENTS = ("consent_contact", "consent_photo", "consent_quote")

# What a paper sheet's consent box holds when ticked, folded (lib.text.fold): a tick, a cross,
# or yes in the region's languages. Anything else (empty, "no", "ne", "jo") gives nothing.
YES = frozenset(
    ["x", "v", "+", "1", "yes", "y", "ok", "true", "da", "po", "✓", "✔", "☑", "☒", "✗", "✘"]
)


def ticked(cell: str) -> bool:
    """Whether a sign-in sheet's consent cell says yes."""
    value = cell.strip()
    return bool(value) and (value in YES or fold(value) in YES)


def give_consents(
    person_id: int, given: Iterable[str], *, on: dt.date, how: str, reason: str
) -> bool:
    """Record on the person the consents in `given` (names from CONSENTS), given on `on`, and
    `how` (the sign-in and the privacy notice's version). Inside the caller's transaction; the
    person moves to its next version, its history keeping `reason` (versions.REASONS). Whether
    anything was given."""
    fields = [f for f in CONSENTS if f in set(given)]
    if not fields:
        return False
    person = Person.objects.get(pk=person_id)
    for field in fields:
        setattr(person, field, True)
    person.consent_recorded_on = on
    person.consent_how = how[:200]
    take_next_version(person)
    person._change_reason = reason  # type: ignore[attr-defined]  # read by simple-history
    person.save()
    return True
