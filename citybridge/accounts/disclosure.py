"""What a viewer of aggregates (a donor viewer, an expert) is shown of a number of people.

One rule, for every page, chart, table and download that counts people for such a viewer:

1. Periods are whole calendar months: a period they ask for is widened to the first day of its
   first month and the last day of its last month (`whole_months`), and "the period before" is
   the same number of whole months just before it (`months_before`). Two periods can then differ
   by whole months only, never by the day of one engagement.
2. A number of people is shown as 0 when it is 0, as "<5" from 1 to 4, and otherwise rounded to
   the nearest multiple of 5 (`people_count`, `people_text`). Two overlapping periods whose
   counts differ by 1 to 4 then show the same number, or numbers 5 apart that may hide any
   difference from 1 to 9: no difference of the numbers shown tells how many people stand
   behind it.
3. A change is shown as the difference of two shown numbers (`shown_difference`), never worked
   out from the exact ones; beside a published number, which is exact, the change since is
   shown as "fewer than 5" from 1 to 4 and otherwise rounded to 5 (`people_change`), and the
   number now is not shown at all, since published + change would give it back.

Numbers of cities, needs, support or advocacy actions are not people and are shown as they are;
so are the numbers of a published brief, which its publisher released. Staff (hub admins,
officers) and a city's focal point see exact numbers (`sees_exact_counts`).

Pure functions apart from `sees_exact_counts`; kept here, beside `scopes`, so that every app
above accounts (the pipelines, the reports, the template filter) applies the same rule.
"""

from __future__ import annotations

import calendar
import datetime as dt

from citybridge.accounts.scopes import scope_of

# Fewer people than this are never shown as a number.
SMALL = 5
# Numbers of people are rounded to a multiple of this.
STEP = 5


def sees_exact_counts(user, hub_id: int) -> bool:
    """Whether the user sees exact numbers of people of the hub: those who may see its people."""
    return scope_of(user).sees_people_of(hub_id)


def people_count(n: int) -> int | None:
    """The number shown for `n` people: 0, None ("<5") from 1 to 4, else the nearest multiple
    of 5 (halves up: 7 → 5, 8 → 10)."""
    if n <= 0:
        return 0
    if n < SMALL:
        return None
    return (n + STEP // 2) // STEP * STEP


def people_text(n: int) -> str:
    shown = people_count(n)
    return f"<{SMALL}" if shown is None else str(shown)


def people_change(delta: int) -> int | None:
    """How a change of `delta` people beside an exact (published) number is shown: 0, None
    ("fewer than 5") from 1 to 4 either way, else rounded to the nearest multiple of 5, with
    its sign."""
    shown = people_count(abs(delta))
    return None if shown is None else shown if delta >= 0 else -shown


def shown_difference(now: int | None, before: int | None) -> int | None:
    """The change between two shown numbers (`people_count`), or None when either is "<5"."""
    if now is None or before is None:
        return None
    return now - before


def whole_months(start: dt.date | None, end: dt.date) -> tuple[dt.date | None, dt.date]:
    """[start, end] widened to whole calendar months (an open start stays open)."""
    last = calendar.monthrange(end.year, end.month)[1]
    return (start.replace(day=1) if start else None), end.replace(day=last)


def months_before(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The whole months just before the whole months [start, end], as many of them."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    previous_end = start - dt.timedelta(days=1)
    first = previous_end.year * 12 + previous_end.month - months  # months since year 0, 0-based
    return dt.date(first // 12, first % 12 + 1, 1), previous_end
