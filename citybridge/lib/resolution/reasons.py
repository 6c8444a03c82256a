"""Why a new row was recognised as someone seen before, in a few words for the import preview.

The resolver decides on points (citybridge.lib.resolution.evidence); this says, for a person, the
evidence a reader can check at a glance against the best-matching earlier record: the same
e-mail, the same name written in another script or without its diacritics, the same city,
the same organisation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from citybridge.lib.text import fold, fold_email, is_cyrillic


def _name_reason(written: str, earlier: str) -> str | None:
    if not written or not earlier or fold(written) != fold(earlier):
        return None
    if written == earlier:
        return _("same name")
    if is_cyrillic(written) != is_cyrillic(earlier) or written.casefold() != earlier.casefold():
        # Петровић = Petrović, Petrovic = Petrović: the reader sees both spellings.
        return f"{written} = {earlier}"
    return _("same name")


def _reasons(row: Mapping[str, object], earlier: Mapping[str, object]) -> list[str]:
    reasons = []
    email, other_email = str(row.get("email") or ""), str(earlier.get("email") or "")
    if email and other_email and fold_email(email) == fold_email(other_email):
        reasons.append(_("same e-mail"))
    name = _name_reason(str(row.get("full_name") or ""), str(earlier.get("full_name") or ""))
    if name:
        reasons.append(name)
    city = row.get("local_government_id")
    if city and city == earlier.get("local_government_id"):
        reasons.append(_("same city"))
    organisation = fold(str(row.get("organisation") or ""))
    if organisation and organisation == fold(str(earlier.get("organisation") or "")):
        reasons.append(_("same organisation"))
    return reasons


def why_same(row: Mapping[str, object], earlier: Sequence[Mapping[str, object]]) -> str:
    """The reasons against the earlier record that shares the most with `row`, joined with
    commas; "similar name" when no single field is the same (the resolver weighed several)."""
    best = max((_reasons(row, e) for e in earlier), key=len, default=[])
    return ", ".join(best) if best else _("similar name")
