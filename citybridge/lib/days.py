"""Read a day as people of the region type it, one way only: day before month.

Every date box of the site is a text box read by `read_day` (through `lib.inputs.DayField` and
`parse_day`), not the browser's own date box, which shows mm/dd/yyyy in an English browser and
turned "12052024" into 5 Dec 2024. Taken:

- the region's day-first numbers, with dots, slashes or dashes: 5.12.2024, 5.12.2024., 5/12/2024,
  05-12-2024;
- ISO, year first: 2024-12-05 (what links and downloads carry);
- a written month, in the reader's language or in English, full, short or in the genitive, in
  any script: "5 Dec 2024", "5. decembar 2024.", "5. децембра 2024", "5 dhjetor 2024",
  "5. prosinca 2024.", "December 5, 2024".

Refused, each with its own reason (`DayError.code`): a run of digits ("12052024" may be 12 May or
5 Dec), a year in two digits, a day the calendar does not have (31.2.2024), and anything else.
Month names come from Django's month names in the active language (and our own abbreviations,
citybridge.formats), folded with `lib.text.fold`, so Cyrillic and Latin, with or without
diacritics, read the same.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from django.utils import dates, translation

from citybridge.lib.text import fold

# Words that may stand in a written date without changing it ("5th of December",
# "5. decembra 2024. godine"), as folded.
_FILLER = frozenset({"of", "the", "g", "god", "godine", "godina", "viti", "vitit", "e"})
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")


class DayError(ValueError):
    """Why a text is no day: `code` is one of "digits", "short_year", "no_such_day", "unreadable"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@lru_cache(maxsize=16)
def month_names(language: str) -> tuple[tuple[str, ...], ...]:
    """The folded names of each month (index 0 is January) in `language` and in English."""
    names: list[set[str]] = [set() for _ in range(12)]
    for code in dict.fromkeys(["en", language]):
        with translation.override(code):
            for table in (dates.MONTHS, dates.MONTHS_ALT, dates.MONTHS_3, dates.MONTHS_AP):
                for number, name in table.items():
                    if folded := fold(str(name)):
                        names[number - 1].add(folded)
    return tuple(tuple(sorted(n)) for n in names)


def _month_of(word: str, names: tuple[tuple[str, ...], ...]) -> int | None:
    """The month a word names: the name itself, its start (three letters or more), or the name
    with another ending ("decembra" for "decembar"); None when no month or several fit."""
    if len(word) < 3:
        return None
    found = set()
    for number, forms in enumerate(names, start=1):
        for name in forms:
            stem = name[: max(3, len(name) - 2)]
            if name.startswith(word) or word.startswith(stem):
                found.add(number)
    return found.pop() if len(found) == 1 else None


def read_day(text: str, language: str | None = None) -> dt.date | None:
    """The day `text` names (None when it is blank); DayError when it names none for certain."""
    if not text or not text.strip():
        return None
    names = month_names(language or translation.get_language() or "en")
    numbers: list[str] = []
    month: int | None = None
    for token in fold(text).split():
        if ordinal := _ORDINAL.match(token):
            token = ordinal.group(1)
        if token.isdigit():
            numbers.append(token)
        elif token in _FILLER or (month is None and (month := _month_of(token, names)) is not None):
            continue
        else:
            raise DayError("unreadable")
    if len(numbers) == 1 and month is None and len(numbers[0]) >= 5:
        raise DayError("digits")
    if month is not None:
        if len(numbers) != 2:
            raise DayError("unreadable")
        years = [n for n in numbers if len(n) == 4]
        days = [n for n in numbers if len(n) <= 2]
        if len(years) != 1 or len(days) != 1:
            raise DayError("short_year" if len(days) == 2 else "unreadable")
        year, day = int(years[0]), int(days[0])
    elif len(numbers) == 3:
        if len(numbers[0]) == 4 and all(len(n) <= 2 for n in numbers[1:]):
            year, month, day = (int(n) for n in numbers)
        elif len(numbers[2]) == 4 and all(len(n) <= 2 for n in numbers[:2]):
            day, month, year = (int(n) for n in numbers)
        elif len(numbers[2]) == 2 and all(len(n) <= 2 for n in numbers[:2]):
            raise DayError("short_year")
        else:
            raise DayError("unreadable")
    else:
        raise DayError("unreadable")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DayError("no_such_day") from None
