"""The splits the engine cannot settle, put to an officer: people found apart who may be one.

After clustering, some people are left split in ways no pair of records can prove: an informal
given name no lexicon lists (Teja / Teodora Stanković), a slip of one letter in a short given
name (Lna / Lena), a woman's name written with its last vowel doubled (Ivanaa, which reads as
Ivan / Ivana and so is kept apart as a rule). Linking them automatically would merge real
namesakes; not asking leaves the key figures one or two people too high.

So two people found apart are asked about when they share a surname (folded, across scripts)
and a city, were never at one engagement together (two records of one sheet are two people),
their written genders do not disagree, and their given names are close: one letter apart, a
doubled last vowel, a short form of the lexicon, or the shape of an unknown one (a short name
whose stem, without a diminutive ending, begins the other: Vilda / Vildana, Srle / Srđan). The
rest of their records (the organisation or its kind, the role, the e-mail's domain) adds to
how likely they are one person, and only the likely ones are asked (`ASK_AT`): the queue shows
the most likely first, each with its reasons in words.

The reasons are citybridge.lib.resolution.reasons' `Reason`s, translated when shown (the msgids
are marked here for the catalogs), like the engine's own evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import DamerauLevenshtein

from citybridge.lib.given_names import GIVEN, NICKNAMES
from citybridge.lib.names import Name, given_keys, parse_name, sound, title_capitals
from citybridge.lib.resolution.compare import _SHORT_ENDINGS, _short_form, gendered_pair
from citybridge.lib.resolution.evidence import FREE_MAIL, same_organisation
from citybridge.lib.resolution.profiles import Mention, Profile
from citybridge.lib.resolution.reasons import Reason, gettext_noop, reason

# Points at or above which a pair is asked about, and what each agreement adds. A pair of
# given names one letter apart with the surname and the city is asked about alone (the slip
# of the pen leaves nothing else in common); a possible short form needs one more agreement.
ASK_AT = 2.0
RELATION_POINTS = {
    "nickname": 2.5,  # a short form the lexicon lists for the other name
    "doubled": 2.0,  # Ivanaa / Ivana: a doubled last vowel, not a man's name
    "typo": 2.0,  # one letter apart
    "stem": 2.0,  # an unknown short form whose stem is written inside the other (Mita)
    "short": 1.0,  # the shape of one: a short name beginning as the other (Srle / Srđan)
    "names": 0.5,  # two real names one letter apart (Lana / Ana): sisters as often as a slip
    "same": 2.0,  # one given name, its surname written with two slips of the same letters
}
SPELLED = 3.0  # an address of one spells the other's name (a kept maiden-name address)
SURNAME_TYPO = -0.5  # two letters of the surname swapped
# Two pairs of the surname's letters swapped or moved, with two given names one letter apart:
# asked only when the organisation and the role (or the address's domain) agree too.
SURNAME_SLIPS = -1.5
SAME_ORGANISATION = 1.0
SAME_KIND = 0.5
SAME_ROLE = 0.5
SAME_DOMAIN = 0.5
OTHER_ORGANISATIONS = -1.0  # each written with an organisation, of two kinds
OTHER_ADDRESSES = -1.5  # each has a personal e-mail, none in common: two people, usually
SHORT_AT_MOST = 6  # letters of a short form
_DIMINUTIVE_ENDINGS = ("ja", "le", "ke", "ka", "ko", "ca", "ce", "ci", "sa", "na", "ki", "ji")


@lru_cache(maxsize=65536)
def relation(a: str, b: str) -> str:
    """How two different folded given names may be one person's: "nickname", "doubled",
    "typo", "stem", "short", "names" (two real names one letter apart), or "" (unrelated)."""
    if not a or not b or a == b:
        return ""
    short, long = sorted((a, b), key=lambda n: (len(n), n))
    if len(long) == len(short) + 1 and long[-1] == long[-2] and long[:-1] == short:
        return "doubled" if long[-1] in "aeiou" else "typo"
    if given_keys(short) & given_keys(long) or given_keys(sound(short)) & given_keys(long):
        return "nickname"  # also a short form spelt as in English (Sasha for Saša)
    distance = DamerauLevenshtein.distance(short, long)
    if len(short) >= 3 and distance == 1:
        real = short in GIVEN and long in GIVEN and short not in NICKNAMES
        # Ivan / Ivana are a man's and a woman's names; Len / Lena or Bes / Besa, with no
        # man's name Len or Bes known, is a letter dropped from hers.
        gendered = gendered_pair(short, long) and (short in GIVEN or len(short) == len(long))
        return "names" if real or gendered else "typo"
    if len(short) > SHORT_AT_MOST or len(long) <= len(short):
        return ""
    if short in GIVEN and short not in NICKNAMES:
        return ""  # a full name of its own (Mila / Milena)
    if _short_form(short, long):
        return "stem"
    stems = {short.rstrip("aeiouy")} | {
        short[: -len(ending)] for ending in _SHORT_ENDINGS if short.endswith(ending)
    }
    if any(len(stem) >= 2 and long.startswith(stem) for stem in stems):
        return "short"
    # The diminutive shape: the long name's first two letters and an ending (Te-ja, Sr-le).
    if len(short) <= 5 and long[:2] == short[:2] and short.endswith(_DIMINUTIVE_ENDINGS):
        return "short"
    return ""


def teaches_short_form(
    written_a: tuple[str, str, str], written_b: tuple[str, str, str]
) -> tuple[str, str] | None:
    """(short, full) folded given names when an officer's "same person" on two records written
    so, each (full name, given name, family name) as on the sheet, is about an informal given
    name (a short form the lexicon lacks) with one surname, else None. Each name is read both
    ways round when its order is in doubt, as the queue read it."""
    names = [_name_readings(parse_name(*written)) for written in (written_a, written_b)]
    for given_a, family_a in names[0]:
        for given_b, family_b in names[1]:
            if family_a == family_b and relation(given_a, given_b) in ("stem", "short"):
                short, full = sorted((given_a, given_b), key=len)
                return short, full
    return None


def _name_readings(name: Name) -> list[tuple[str, str]]:
    """(given, surname sound) as parsed, and swapped when the order may have been misread."""
    readings = [(name.given, " ".join(sound(f) for f in name.family))]
    given, family = name.written
    if len(name.family) == 1 and (not name.order_known or given.isupper() or family.isupper()):
        readings.append((name.family[0], sound(name.given)))
    return readings


class _Reading(NamedTuple):
    """A profile's name read one way round: the given name (folded, and its sound) and the
    surnames' sounds; `swapped` when read the other way round from the parse."""

    profile: Profile
    given: str
    given_sound: str
    families: frozenset[str]
    swapped: bool

    def written(self) -> tuple[str, str]:
        """(given name, surname) as written, a word in capitals title-cased."""
        name = self.profile.name
        given, family = name.written[::-1] if self.swapped else name.written
        folded = (name.family[0], name.given) if self.swapped else (name.given, name.family[0])
        return title_capitals(given) or folded[0], title_capitals(family) or folded[1]


@lru_cache(maxsize=65536)
def _letters(family: str) -> str:
    """A surname's letters in order: two letters swapped by a slip of the pen (Pavolvić for
    Pavlović, the commonest typo) leave it as it was."""
    return "".join(sorted(family))


@lru_cache(maxsize=65536)
def _surnames(a: frozenset[str], b: frozenset[str]) -> str:
    """ "same" when two readings share a surname, "typo" when two of them are one surname with
    two letters swapped, "slips" when with two pairs of letters swapped or moved (Рисотв /
    Rsitov: Ristov twice misspelt), else ""."""
    if a & b:
        return "same"
    found = ""
    for x in a:
        for y in b:
            if _letters(x) == _letters(y):
                distance = DamerauLevenshtein.distance(x, y)
                if distance == 1:
                    return "typo"
                if distance == 2 and len(x) >= 5:
                    found = "slips"
    return found


def _may_be_swapped(p: Profile) -> bool:
    """Whether a single given name and surname may have been read the wrong way round: nothing
    told the order, a word is in capitals, or the sheet's gender contradicts the given name
    read ("Lumturie Mustafa" written F: Mustafa is a man's name, here her surname)."""
    name = p.name
    return len(name.family) == 1 and (
        not name.order_known
        or name.written[0].isupper()
        or name.written[1].isupper()
        or bool(p.gender and name.gender_sure and name.gender and name.gender != p.gender)
    )


def _readings(p: Profile) -> list[_Reading]:
    """The profile's name as parsed, and the other way round when a single given name and
    surname may have been read wrongly: a given name written in capitals ("BOŽA Vranješ"
    reads as the surname first) or an order nothing told."""
    name = p.name
    # The surnames as sounded and as written (folded): a sound drops a doubled letter, and
    # TODROOV, Todorov with two letters swapped, no longer sounds like it.
    readings = [_Reading(p, name.given, p.given_sound, _families(p), False)]
    if _may_be_swapped(p):
        families = frozenset([p.given_sound, name.given])
        readings.append(_Reading(p, name.family[0], p.family_sounds[0], families, True))
    return readings


def _families(p: Profile) -> frozenset[str]:
    return frozenset((*p.family_sounds, *p.name.family))


@dataclass
class _Person:
    """One person as the engine found them, summed up for the comparison."""

    readings: list[_Reading]
    genders: set[str]
    organisations: set[str]
    kinds: set[str]
    roles: set[str]
    emails: set[str]
    domains: set[str]


def _summed_up(chosen: Sequence[Profile]) -> _Person:
    emails = {p.email for p in chosen if p.email}
    return _Person(
        readings=[r for p in chosen if p.name.given and p.family_sounds for r in _readings(p)],
        genders={p.gender for p in chosen if p.gender},
        organisations={o for p in chosen for o in p.organisations},
        kinds={k for p in chosen for k in p.organisation_kinds},
        roles={r for p in chosen for r in p.roles},
        emails=emails,
        domains={e.rpartition("@")[2] for e in emails} - FREE_MAIL,
    )


def review_candidates(
    members: Mapping[int, Sequence[int]],
    profiles: Sequence[Profile],
    mentions: Mapping[int, Mention],
    shared: set[str],
    asked: set[tuple[int, int]],
) -> list[tuple[int, int, float, list[Reason]]]:
    """Pairs (mention id, mention id, points, reasons) of people found apart who may be one,
    most likely first. `members`: each found person's profile indexes by a key of the
    person; `asked`: pairs of those keys (lower first) already queued or decided two people,
    not asked again; the pairs found here are added to it."""
    # Most people share their surname and city with nobody found apart, or share them with
    # given names nothing relates (Ana / Marko): only the pairs whose given names may be one
    # person's are summed up and judged.
    by_place: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    # One given name in one city, its surname written in ways of the same letters: asked when
    # the letters are in another order (_surnames' "slips"). Only different spellings are paired:
    # the same spelling and the same given name was the engine's to judge (and at 100k, pairing
    # every namesake of a city cost the resolution step a tenth of its time).
    spellings: dict[tuple[str, str, str], dict[str, set[int]]] = defaultdict(
        lambda: defaultdict(set)
    )
    # Each surname's letters, city and given name: the people read so turned round.
    turned: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for key, indexes in members.items():
        for index in indexes:
            p = profiles[index]
            if not (p.city and p.name.given and p.family_sounds):
                continue
            placed = [(family, p.name.given, False) for family in _families(p)]
            if _may_be_swapped(p):
                placed += [
                    (family, p.name.family[0], True) for family in (p.given_sound, p.name.given)
                ]
            for family, named, swapped in placed:
                by_place[(_letters(family), p.city)][named].add(key)
                spellings[(_letters(family), p.city, named)][family].add(key)
                if swapped:
                    turned[(_letters(family), p.city, named)].add(key)
    close: set[tuple[int, int]] = set()
    # One name read the wrong way round on one side only ("Lumturie Mustafa" read as the man
    # Mustafa, "Lumturie Mustafa-Shala" as Lumturie): the engine compared two given names.
    for (letters, city, named), keys in turned.items():
        others = by_place[(letters, city)][named]
        if len(others) > len(keys):
            close.update((x, y) if x < y else (y, x) for x in keys for y in others if x != y)
    for by_spelling in spellings.values():
        if len(by_spelling) > 1:
            spelled = sorted(by_spelling)
            for i, a in enumerate(spelled):
                for b in spelled[i + 1 :]:
                    close.update(
                        (x, y) if x < y else (y, x)
                        for x in by_spelling[a]
                        for y in by_spelling[b]
                        if x != y
                    )
    for names in by_place.values():
        if len(names) < 2:
            continue
        given = sorted(names)
        for i, a in enumerate(given):
            for b in given[i + 1 :]:
                if relation(a, b):
                    close.update(
                        (x, y) if x < y else (y, x) for x in names[a] for y in names[b] if x != y
                    )
    people: dict[int, _Person] = {}

    def person(key: int) -> _Person:
        found = people.get(key)
        if found is None:
            found = people[key] = _summed_up([profiles[i] for i in members[key]])
        return found

    events: dict[int, set[str]] = {}

    def events_of(key: int) -> set[str]:
        found = events.get(key)
        if found is None:
            found = events[key] = {
                mentions[i].event
                for index in members[key]
                for i in profiles[index].ids
                if mentions[i].event
            }
        return found

    found: dict[tuple[int, int], tuple[float, int, int, list[Reason]]] = {}
    for pair in sorted(close - asked):
        x, y = pair
        judged = _judge(person(x), person(y), shared)
        if judged is None or judged[0] < ASK_AT or events_of(x) & events_of(y):
            continue
        found[pair] = judged
    for pair, (first, second, written) in sorted(_spelled(members, profiles, shared).items()):
        x, y = pair
        if pair in asked or pair in found or events_of(x) & events_of(y):
            continue
        px, py = person(x), person(y)
        if px.genders and py.genders and not px.genders & py.genders:
            continue
        text = gettext_noop(
            "an e-mail address of one spells the other's name (%(name)s), in the same city, "
            "never at one engagement together"
        )
        found[pair] = (SPELLED, first, second, [reason(text, name=written)])
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], item[1][1], item[1][2]))
    asked.update(pair for pair, _ in ranked)
    return [(a, b, points, reasons) for _, (points, a, b, reasons) in ranked]


def _spelled(
    members: Mapping[int, Sequence[int]], profiles: Sequence[Profile], shared: set[str]
) -> dict[tuple[int, int], tuple[int, int, str]]:
    """Pairs of found people (keys, lower first) of one city where a personal address of one
    spells the other's given name and surname, and is written with a form of that given name
    (aleksandra.trifunovic@ beside Sandra Krstić, Aleksandra Trifunović's married name and
    short name at once): the address kept from before a change of surname. Each pair with
    (mention id of the address, mention id of the name, the name as written)."""
    # By the surname's letters, as sounded and as written: the name may be misspelt where the
    # address is not (blagoja.atanasov@ beside Blagoja Atnaasov).
    by_name: dict[tuple[str, str, str], list[tuple[int, Profile]]] = defaultdict(list)
    for key, indexes in members.items():
        for index in indexes:
            p = profiles[index]
            if p.city and p.given_sound:
                # Under the given name and the full names it is known to be short for: an
                # address of Svetlana's spells the name of a record written Ceca.
                for given in p.given_keys | {p.given_sound}:
                    for letters in {_letters(family) for family in _families(p)}:
                        by_name[(given, letters, p.city)].append((key, p))
    found: dict[tuple[int, int], tuple[int, int, str]] = {}
    for key, indexes in members.items():
        for index in indexes:
            p = profiles[index]
            if not (p.email and p.city and p.given_sound and p.mailbox_others):
                continue
            if p.email in shared:
                continue
            for given in p.mailbox_sounds:
                if p.given_sound != given and p.given_sound not in given:
                    continue  # the address is not written with a form of the given name
                # The address's surname is another (kept from a maiden name), or this person's
                # own with the given name written here a slip of the address's (Blagoj beside
                # blagoja.atanasov@): the address spells the name of a person of the city.
                others = p.mailbox_sounds if given != p.given_sound else p.mailbox_others
                # ...and its words as written, not sounded: radovan.keshic@ (Kešić written as
                # in English) beside Radovan Ksehic, the letters of "keshic" in another order.
                others = others | (_mailbox_words(p.email) - _families(p))
                for family in others - {given}:
                    for other, q in by_name.get((given, _letters(family), p.city), ()):
                        if other != key:
                            pair = (key, other) if key < other else (other, key)
                            written = " ".join(w for w in q.name.written if w)
                            found.setdefault(pair, (p.ids[0], q.ids[0], written))
    return found


@lru_cache(maxsize=65536)
def _mailbox_words(email: str) -> frozenset[str]:
    """The words of an address's local part as written (folded), of two letters or more."""
    local = email.partition("@")[0]
    return frozenset(w for w in re.split(r"[^a-z]+", local) if len(w) > 1)


def _judge(x: _Person, y: _Person, shared: set[str]) -> tuple[float, int, int, list[Reason]] | None:
    if x.genders and y.genders and not x.genders & y.genders:
        return None  # a woman and a man
    best: tuple[float, _Reading, _Reading, str] | None = None
    for ra in x.readings:
        for rb in y.readings:
            a, b = ra.profile, rb.profile
            if not a.city or a.city != b.city:
                continue
            surnames = _surnames(ra.families, rb.families)
            kind = relation(ra.given, rb.given) if surnames else ""
            if surnames == "slips":
                # One surname twice misspelt: the given name the same, or one letter apart
                # (Blagoj Angleovski / Blagoja Aneglovski, both Angelovski), then with the rest
                # of the records agreeing (SURNAME_SLIPS).
                if ra.given_sound == rb.given_sound:
                    kind = "same"
                elif kind not in ("typo", "doubled", "names"):
                    kind = ""
            elif surnames == "same" and ra.given == rb.given and ra.swapped != rb.swapped:
                kind = "same"  # one given name, read as the surname on one side
            if not kind:
                continue
            if ra.swapped and rb.swapped and kind in ("stem", "short"):
                # Both names turned round to read their second words as an unknown short form
                # and its full name: both records wrote the shared word first, where a given
                # name stands (Jeton Rama / Jeton Bajrami are one given name, two surnames).
                continue
            # The written genders of all their records: Blagoj / Blagoja, each written M on a
            # record of theirs though not on these two, is one man's name in two forms.
            written_alike = (
                (bool(a.gender) and a.gender == b.gender)
                or (len(x.genders) == 1 and x.genders == y.genders)
                or _woman_wrote_mans_form(ra.given, x.genders, rb.given, y.genders)
            )
            if kind == "names" and gendered_pair(ra.given, rb.given) and written_alike:
                # Vid / Vida, both written by a woman: a letter dropped, not a man's name.
                kind = "typo"
            # Otherwise Ivan / Ivana, Lana / Ana are two people's names as often as one's: asked
            # only when the rest of the records agrees (RELATION_POINTS["names"]).
            points = RELATION_POINTS[kind] + (
                SURNAME_TYPO
                if surnames == "typo"
                else SURNAME_SLIPS
                if surnames == "slips" and kind != "same"
                else 0.0
            )
            if best is None or points > best[0]:
                best = (points, ra, rb, kind)
    if best is None:
        return None
    points, ra, rb, kind = best
    (given_a, surname), (given_b, other) = ra.written(), rb.written()
    if ra.families & rb.families:
        text = gettext_noop("same surname (%(surname)s) and city, never at one engagement together")
        place = reason(text, surname=surname)
    elif _surnames(ra.families, rb.families) == "slips":
        text = gettext_noop(
            "surnames of the same letters in another order (%(a)s / %(b)s) and the same city, "
            "never at one engagement together"
        )
        place = reason(text, a=surname, b=other)
    else:
        text = gettext_noop(
            "surnames with two letters swapped (%(a)s / %(b)s) and the same city, never at one "
            "engagement together"
        )
        place = reason(text, a=surname, b=other)
    reasons: list[Reason] = [place, _relation_reason(kind, given_a, given_b, ra.given, rb.given)]
    if same_organisation(x.organisations, y.organisations):
        points += SAME_ORGANISATION
        reasons.append(reason(gettext_noop("same organisation")))
    elif x.kinds & y.kinds:
        points += SAME_KIND
        reasons.append(reason(gettext_noop("same kind of organisation")))
    elif x.organisations and y.organisations:
        points += OTHER_ORGANISATIONS  # reported by the reasons' absence: it weighs against
    if x.roles & y.roles:
        points += SAME_ROLE
        reasons.append(reason(gettext_noop("same role")))
    if x.domains & y.domains:
        points += SAME_DOMAIN
        reasons.append(reason(gettext_noop("e-mail addresses at the same domain")))
    own_x, own_y = x.emails - shared, y.emails - shared
    if own_x and own_y and not own_x & own_y:
        points += OTHER_ADDRESSES
        reasons.append(reason(gettext_noop("different personal e-mail addresses")))
    return points, ra.profile.ids[0], rb.profile.ids[0], reasons


def _woman_wrote_mans_form(a: str, genders_a: set[str], b: str, genders_b: set[str]) -> bool:
    """Whether the man's form of two given names one letter apart (Vid of Vid / Vida) was
    written by a woman on every sheet that says, and the other form never by a man."""
    (_, man), (_, other) = sorted(((len(a), genders_a), (len(b), genders_b)), key=lambda t: t[0])
    return man == {"F"} and other <= {"F"}


def _relation_reason(kind: str, written_a: str, written_b: str, a: str, b: str) -> Reason:
    first, second = (written_a, written_b) if len(a) <= len(b) else (written_b, written_a)
    if kind == "same":
        return reason(gettext_noop("same given name (%(name)s)"), name=first)
    if kind == "nickname":
        text = gettext_noop("%(short)s is a known short form of %(full)s")
        return reason(text, short=first, full=second)
    if kind in ("stem", "short"):
        text = gettext_noop(
            "%(short)s may be a short form of %(full)s, not yet known to CityBridge"
        )
        return reason(text, short=first, full=second)
    if kind == "doubled":
        text = gettext_noop("given names differ by a doubled last letter: %(a)s / %(b)s")
        return reason(text, a=first, b=second)
    return reason(gettext_noop("given names one letter apart: %(a)s / %(b)s"), a=first, b=second)


def learnt_keys(short_forms: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The hub's taught short forms as the names' sound keys: folded short -> full sounds."""
    keys: dict[str, set[str]] = defaultdict(set)
    for short, full in short_forms:
        if short and full and short != full:
            keys[short].add(sound(full))
    return {short: frozenset(fulls) for short, fulls in keys.items()}
