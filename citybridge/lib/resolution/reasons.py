"""Reasons in words: why a new row was recognised as someone seen before (the import preview),
and the engine's reasons for and against two records being one person (the review queue).

The resolver decides on points (citybridge.lib.resolution.evidence); this says, for a person, the
evidence a reader can check at a glance against the best-matching earlier record: the same
e-mail, the same name written in another script or without its diacritics, the same city,
the same organisation.

The engine runs without Django's settings and its reasons are stored with the review queue's
pairs, to be read later by officers of any language: each is a `Reason`, {"text": msgid,
"args": {...}}, translated when shown (citybridge.engagement.templatetags.review). Its
arguments are names (shown in the reader's script) but for those listed under "dates": days
written as ISO dates, shown in the reader's date format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from citybridge.lib.text import fold, fold_email, is_cyrillic

Reason = dict[str, object]


def gettext_noop(text: str) -> str:
    """Marks a msgid for the catalogs (makemessages reads this name); the reason is translated
    where it is shown."""
    return text


def reason(text: str, **args: object) -> Reason:
    """A reason as stored: its msgid and arguments; a date argument is kept as an ISO day and
    named under "dates", to be written in the reader's format."""
    # Most reasons carry names, not days (200,000 of them at 100,000 rows): those go as they
    # are, found by a plain loop (a list of the date arguments, made for each, was a third of
    # making one).
    for value in args.values():
        if isinstance(value, dt.date):
            break
    else:
        return {"text": text, "args": args}
    dates = [key for key, value in args.items() if isinstance(value, dt.date)]
    iso = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in args.items()}
    return {"text": text, "args": iso, "dates": dates}


def in_english(value: object) -> str:
    """A reason as its msgid says it, arguments put in as stored (tests, logs of the bench); a
    plain string (a reason stored before reasons were msgids) as it is."""
    if not isinstance(value, dict):
        return str(value or "")
    text, args = str(value.get("text") or ""), value.get("args") or {}
    try:
        return text % args if args else text
    except (KeyError, TypeError, ValueError):
        return text


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
    city = row.get("resolved_city_id")
    if city and city == earlier.get("resolved_city_id"):
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
