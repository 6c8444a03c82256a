"""Married names: one woman's records before and after she changed her surname.

A married name shares nothing with the maiden one but the given name, so no pair of records
links them, and none should: two women of one given name in one city are usually two women.
What gives a change of surname away is time. A surname changes once, at a date: one person
found signing "Elona Gashi" until March and another signing "Elona Shala" from May, in the
same city, never at one engagement together, may be one woman. That is a question for an
officer (the review queue), never an automatic link.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from citybridge.lib.given_names import NICKNAMES
from citybridge.lib.names import sound, title_capitals
from citybridge.lib.resolution.evidence import SAME_CITY, same_organisation
from citybridge.lib.resolution.profiles import Mention, Profile
from citybridge.lib.resolution.reasons import Reason, gettext_noop, reason
from citybridge.lib.text import fold

# A given name shared by more women of one city than this tells too little to ask about.
MAX_NAMESAKES = 6
# Days between the last record of one name and the first of the other under which the change
# of surname needs all the evidence there is (_judge).
SOON = 60
# Engagements the earlier name was signed at, at least, for its end to say something: one
# person seen again and again who is never seen again once the other name appears.
SIGNED_OFTEN = 3


@dataclass(frozen=True)
class Found:
    """One person as the engine found them, summed up for the comparison."""

    given: str  # the given name's sound most of their records carry
    given_written: str
    surnames: frozenset[str]
    surname_written: str
    female: bool  # a written F or a woman's given name (else only not known to be a man)
    cities: frozenset[str]
    organisations: frozenset[str]
    kinds: frozenset[str]  # what kind of body the organisations are (police, municipality...)
    roles: frozenset[str]
    events: frozenset[str]
    first: tuple[str, int]  # (day, mention id) of their first record
    last: tuple[str, int]
    emails: frozenset[str] = frozenset()  # personal addresses (no office mailbox)
    records: int = 1
    double: bool = False  # written with a double surname (maiden-married) on a record
    # Read under a full name the lexicon gives her given name as short for (Saša: Aleksandra),
    # the short name as written; "" when read under her own given name.
    short_for: str = ""


def summed_up(
    indexes: Sequence[int],
    profiles: Sequence[Profile],
    mentions: Mapping[int, Mention],
    shared: frozenset[str] | set[str] = frozenset(),
):
    """A `Found` for someone who may be a woman (no written M, and a name not read as a
    man's unless a sheet says F: "Lumturie Mustafa" reads as the man's name Mustafa) whose
    records all carry a day; None for anyone else."""
    chosen = [profiles[i] for i in indexes]
    genders = {p.gender for p in chosen} - {""}
    named = _commonest([p.name.gender for p in chosen])
    if "M" in genders or (named == "M" and "F" not in genders):
        return None
    records = [mentions[i] for p in chosen for i in p.ids]
    if any(not m.day for m in records):
        return None
    dated = sorted((m.day, m.id) for m in records)
    given = _fullest([p.given_sound for p in chosen for _ in p.ids])
    if not given:
        return None
    return Found(
        given=given,
        given_written=_most_common([p.name.written[0] for p in chosen]),
        surnames=frozenset(f for p in chosen for f in p.family_sounds),
        surname_written=_most_common([p.name.written[1] for p in chosen]),
        female="F" in genders or named == "F",
        cities=frozenset(p.city for p in chosen if p.city),
        organisations=frozenset(o for p in chosen for o in p.organisations),
        kinds=frozenset(k for p in chosen for k in p.organisation_kinds),
        roles=frozenset(r for p in chosen for r in p.roles),
        events=frozenset(m.event for m in records if m.event),
        first=dated[0],
        last=dated[-1],
        emails=frozenset(p.email for p in chosen if p.email and p.email not in shared),
        records=len(dated),
        double=any(len(p.family_sounds) > 1 for p in chosen),
    )


def _commonest(values: list):
    """The most common value (of the most common, the first), counted only when there is a
    choice: most people the engine finds have one profile."""
    if len(values) == 1:
        return values[0]
    return Counter(values).most_common(1)[0][0]


def _fullest(values: list[str]) -> str:
    """The most common given name, of two as common the longer: Tamara beside one Tami is
    her name, for a namesake's records to be compared with."""
    if len(values) == 1:
        return values[0]
    counts = Counter(values)
    return max(counts, key=lambda v: (counts[v], len(v)))


def _most_common(values: list[str]) -> str:
    """The most common spelling, a word written in capitals title-cased (PETROVIĆ)."""
    written = [v for v in values if v]
    if not written:
        return ""
    return title_capitals(_commonest(written))


def married_name_pairs(
    groups: Sequence[Sequence[int]],
    profiles: Sequence[Profile],
    mentions: Mapping[int, Mention],
    shared: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[int, int, list[Reason]]]:
    """Pairs (last record before, first record after, evidence) of people found apart who may
    be one woman before and after a change of surname, best first; each person in one pair
    at most. `groups` are the found people as lists of profile indexes; `shared`, the office
    mailboxes (not a person's own address)."""
    by_name: dict[tuple[str, str], list[Found]] = defaultdict(list)
    for indexes in groups:
        found = summed_up(indexes, profiles, mentions, shared)
        if found:
            for reading in _readings(found, [profiles[i] for i in indexes]):
                for city in reading.cities:
                    by_name[(reading.given, city)].append(reading)
            for reading in _full_names(found):
                for city in reading.cities:
                    by_name[(reading.given, city)].append(reading)
    candidates: list[tuple[int, Found, Found, list[Reason]]] = []
    for namesakes in by_name.values():
        if not 2 <= len(namesakes) <= MAX_NAMESAKES:
            continue
        for before in namesakes:
            for after in namesakes:
                judged = _judge(before, after)
                if judged is not None:
                    candidates.append((judged[0], before, after, judged[1]))
    # Of as likely questions, the longer silence between the two names first: a change of
    # surname falls on a day unrelated to the engagements, likelier in a long gap between two
    # of hers than in a short one (see SOON). At 10,000 synthetic rows, 1.4 times the dev
    # set's noise, one woman's question lost to a namesake's this way in seeds 202 and 1111.
    candidates.sort(
        key=lambda c: (-c[0], -_days(c[1].last[0], c[2].first[0]), c[1].last, c[2].first)
    )
    paired: set[tuple[str, int]] = set()
    pairs = []
    for _, before, after, evidence in candidates:
        if before.first in paired or after.first in paired:
            continue
        paired.update((before.first, after.first))
        pairs.append((before.last[1], after.first[1], evidence))
    return pairs


def _full_names(found: Found) -> list[Found]:
    """The person read under each full name the lexicon gives her given name as short for:
    Saša Tomarić before her change of surname is written Aleksandra Brankač after it, a short
    name and a married one at once."""
    fulls = NICKNAMES.get(fold(found.given_written), ())
    return [
        replace(found, given=sound(full), short_for=found.given_written)
        for full in fulls
        if sound(full) != found.given
    ]


def _readings(found: Found, chosen: list[Profile]) -> list[Found]:
    """The person as found, read the other way round (`_swapped`), and under another given
    name as many of their records were read with, the order in doubt: "Dorina Sylejmani" and
    "Sylejmani Dorina" are one woman, read as Sylejmani as often as Dorina."""
    readings = [found]
    swapped = _swapped(found, chosen)
    if swapped is not None:
        readings.append(swapped)
    if len(chosen) == 1:
        return readings  # most people found: one profile, one reading of the name
    tokens = found.surnames | {found.given}
    counts = Counter(p.given_sound for p in chosen for _ in p.ids)
    for p in chosen:
        g = p.given_sound
        if (
            not p.name.order_known
            and g != found.given
            and g in found.surnames
            and counts[g] >= counts[found.given]
            and all(r.given != g for r in readings)
        ):
            readings.append(
                replace(
                    found,
                    given=g,
                    given_written=title_capitals(p.name.written[0]) or p.name.given,
                    surnames=tokens - {g},
                )
            )
    return readings


def _order_doubted(p: Profile) -> bool:
    """Whether nothing told the given name from the surname, or the sheet's gender contradicts
    the given name read ("Lumturie Mustafa", written F: Mustafa is a man's name, here the
    surname)."""
    name = p.name
    return not name.order_known or bool(
        p.gender and name.gender_sure and name.gender and name.gender != p.gender
    )


def _swapped(found: Found, chosen: list[Profile]) -> Found | None:
    """The person read with given name and surname the other way round, when every record of
    theirs is one given name and one surname whose order is in doubt ("Shala Lumturie"), else
    None."""
    if any(not _order_doubted(p) or len(p.family_sounds) != 1 for p in chosen):
        return None
    givens = {p.given_sound for p in chosen}
    families = {p.family_sounds[0] for p in chosen}
    if len(givens) != 1 or len(families) != 1:
        return None
    name = chosen[0].name
    return replace(
        found,
        given=families.pop(),
        given_written=title_capitals(name.written[1]) or name.family[0],
        surnames=frozenset(givens),
        surname_written=title_capitals(name.written[0]) or name.given,
    )


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def _judge(before: Found, after: Found) -> tuple[int, list[Reason]] | None:
    """Points and evidence for `before` having become `after`, or None when they cannot be."""
    if not before.last[0] < after.first[0]:
        return None  # a surname changes once: the maiden name is not written after the new one
    if before.short_for and after.short_for:
        return None  # one short name on both sides: asked under it, not under its full names
    if before.surnames & after.surnames or before.events & after.events:
        return None  # the engine has judged those (one surname), or they met (two people)
    if after.double:
        # A double surname after the change carries the maiden name first (Simić-Popović):
        # one without the earlier surname says it was another.
        return None
    if not (before.female or after.female):
        return None
    if before.emails and after.emails and not before.emails & after.emails:
        # Each her own address: a woman keeps hers when her surname changes (at 10,000
        # synthetic rows, 1.4 times the dev set's noise, 2 to 3 pairs of two women a set).
        return None
    known = bool(before.organisations and after.organisations)
    same = known and same_organisation(set(before.organisations), set(after.organisations))
    # The earlier name signed at several engagements and never again: that is evidence of
    # its own (below), and outweighs a later name signed only twice without the address.
    often = len(before.events) >= SIGNED_OFTEN
    if (before.emails and not after.emails and after.records >= (3 if often else 2)) or (
        after.emails and not before.emails and before.records >= 2
    ):
        # One wrote an address of her own, the other signed twice or more and never did: at
        # 10,000 synthetic rows (1.4 times the dev set's noise) this left out 3 pairs of two
        # women and 1 of one woman across three sets.
        return None
    if known and not (same or before.kinds & after.kinds):
        return None  # a new surname and a new employer at once: too little to ask about
    if before.roles and after.roles and not before.roles & after.roles:
        # ...or a new post: at 10,000 synthetic rows (1.4 times the dev set's noise) all 6
        # such questions of five sets were two women (a council chair and an official).
        return None
    short = before.short_for or after.short_for
    # A short name and a surname changed at once: the name alone is weaker evidence, so the
    # rest of the records must agree more (the organisation and the role, or more).
    points = 0 if short else 1
    text = gettext_noop(
        "signed %(before)s until %(until)s, %(after)s from %(since)s: perhaps a married name"
    )
    full = after.given_written if before.short_for else before.given_written
    evidence = [
        reason(gettext_noop("%(short)s is a known short form of %(full)s"), short=short, full=full)
        if short
        else reason(
            gettext_noop("same given name (%(name)s) and city, never at one engagement together"),
            name=before.given_written,
        ),
        *([SAME_CITY] if short else []),
        reason(
            text,
            before=before.surname_written,
            until=dt.date.fromisoformat(before.last[0]),
            after=after.surname_written,
            since=dt.date.fromisoformat(after.first[0]),
        ),
    ]
    if same:
        points += 2
        evidence.append(reason(gettext_noop("same organisation")))
    elif known:
        # A body of one kind in her one city, written in two languages (Vjerska zajednica /
        # Religious community): as much her employer as one spelling of it. At 10,000
        # synthetic rows, 1.4 times the dev set's noise (seed 1111), a woman of one record so
        # written lost her question to a namesake whose records spell it both ways.
        points += 2
        evidence.append(reason(gettext_noop("same kind of organisation in the same city")))
    if before.roles & after.roles:
        points += 1
        evidence.append(reason(gettext_noop("same role")))
    if often:
        # Seen again and again under the earlier name, never once the other appears: what a
        # change of surname leaves, and two women of one name seldom do.
        points += 1
        text = gettext_noop(
            "signed as %(before)s at %(count)s engagements, never after %(after)s appears"
        )
        evidence.append(
            reason(
                text,
                before=before.surname_written,
                count=len(before.events),
                after=after.surname_written,
            )
        )
    if points <= (2 if short else 1):
        return None  # a given name and a city alone: namesakes more often than not
    if bool(before.emails) != bool(after.emails):
        # One name written with an address of her own, the other never: a woman keeps hers
        # when her surname changes, so another namesake without one is asked about first (at
        # 10,000 synthetic rows, 1.4 times the dev set's noise, seed 1111: a woman of one
        # record who changed her surname was left split, her namesake who wrote her address on
        # seven records and never after was asked about instead).
        points -= 1
    if _days(before.last[0], after.first[0]) < SOON and points < 5:
        # One name stops and the other starts within weeks. A change of surname falls on a
        # day unrelated to the engagements, so the two records around it are usually far apart
        # (the longer a gap between two of her engagements, the likelier the day falls in it);
        # a namesake who first signs just after another last did is chance. At 10,000
        # synthetic rows, 1.4 times the dev set's noise (seeds 303, 909, 1111, 1212, 1313), 9
        # of the 11 such questions were two women, and the 2 one woman had all the evidence
        # (organisation, role, signed often, no address on one name only).
        return None
    return points, evidence
