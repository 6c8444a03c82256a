"""One attendance record as written (Mention), and the profiles the engine compares:
records with one name, e-mail, city and gender, gathered with their organisations and roles."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from citybridge.lib.names import Name, given_keys, parse_name, sound
from citybridge.lib.roles import normalise_role
from citybridge.lib.text import fold, fold_email


class Mention(NamedTuple):
    """One record as the engine reads it. A named tuple, immutable: a frozen dataclass sets
    each of its fields through object.__setattr__, and making 100,000 of them took 0.6 s."""

    id: int
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    organisation: str = ""
    city: str = ""
    role: str = ""
    gender: str = ""
    # The folded names a resolved city goes by (Mitrovicë, Митровица...), so that a place name
    # the gazetteer did not resolve ("Mitrovicë e Jugut") can still be recognised as that city.
    place_names: tuple[str, ...] = ()
    # The engagement the record was written at and its first day (ISO): two records of one
    # engagement are two people, and a surname changes once, at a date (married names).
    event: str = ""
    day: str = ""


def written_gender(text: str) -> str:
    """ "M", "F" or "" from a gender cell: M, m., male, muški, mashkull, М / F, Ž, Ж, ženski, femër."""
    key = fold(text)
    if not key:
        return ""
    if key[0] == "m":
        return "M"
    if key[0] in "fzw":
        return "F"
    return ""


@dataclass
class Profile:
    ids: list[int]
    name: Name
    given_sound: str
    given_keys: frozenset[str]
    family_sounds: tuple[str, ...]
    email: str
    city: str
    organisations: set[str]  # folded, as written on the profile's records
    roles: set[str]
    gender: str
    mailbox_sounds: frozenset[str] = frozenset()  # the e-mail's local part, as name sounds
    # One number per name and gender as compared (spellings that fold alike share it): what
    # the name comparison depends on.
    name_id: int = -1
    place_names: tuple[str, ...] = ()
    # What kind of body the organisations are (police, school...), in any language.
    organisation_kinds: set[str] = field(default_factory=set)
    # The e-mail's name sounds that are none of the profile's surnames: empty for most
    # personal addresses (ana.petrovic@), so the many pairs asking whether an address spells
    # another surname are answered at once.
    mailbox_others: frozenset[str] = field(init=False)
    # The profile with its two names read the other way round (compare.read_swapped), made
    # once: a block's pairs asked for it 37,000 times at 100,000 rows.
    swapped: Profile | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mailbox_others = self.mailbox_sounds.difference(self.family_sounds)

    def add(self, m: Mention) -> None:
        """Take in one of the profile's records: its id, organisation (and its kind) and role."""
        self.ids.append(m.id)
        if m.organisation:
            self.organisations.add(fold(m.organisation))
            if kind := organisation_kind(m.organisation):
                self.organisation_kinds.add(kind)
        if m.role:
            self.roles.add(fold(m.role))


@lru_cache(maxsize=65536)
def organisation_kind(written: str) -> str:
    """The kind of body an organisation cell names, read with the role vocabulary's words
    ("Qendra për Punë Sociale" and "Centar za socijalni rad" are both social work), or ""."""
    if any(word.startswith(_CITIZENS) for word in fold(written).split()):
        return "civil_society"
    kind = normalise_role(written)
    return "" if kind == "other" else kind


# A citizens' initiative, as the region's organisations call themselves (Nisma Qytetare,
# Građanska inicijativa, Граѓанска иницијатива): one body written in two languages was two
# kinds (other, or a municipality read in "Građanska"), and the queue asked the slip of a
# given name (Kushi / Kushtrim Jashari of one initiative) as if of two organisations.
_CITIZENS = ("initiativ", "inicijativ", "nisma", "nismes")


def mailbox_sounds(email: str) -> frozenset[str]:
    local = email.partition("@")[0]
    return frozenset(sound(t) for t in re.split(r"[^a-z]+", local) if len(t) > 1)


def profile_key(m: Mention, name: Name) -> tuple[str, ...]:
    """Records with one key are one profile. A full name with one e-mail, city and gender is
    one person whatever organisation or role the records give (those would link anyway), so
    those are gathered on the profile; a partial name keeps them apart."""
    key = (
        name.given,
        " ".join(name.family),
        " ".join(name.middle),
        fold_email(m.email),
        m.city.strip().lower(),
        # Only the sheet's gender cell is proof. A name's gender depends on reading its order
        # right, and "Mustafa Majlinda" or "Njomza Mustafa" (Mustafa is a given name and an
        # Albanian surname) read the wrong way round would forbid linking a woman to herself;
        # the name's gender stays a hint in the score.
        written_gender(m.gender),
    )
    if name.given and name.family:
        return key
    return (*key, fold(m.organisation), fold(m.role))


def _compared(name: Name, gender: str) -> tuple:
    """What of a name and written gender the name comparison (compare.py) reads: not the
    spelling as written (capitals, diacritics), which only names the person."""
    return (
        name.given,
        name.family,
        name.middle,
        name.gender,
        name.gender_sure,
        name.order_known,
        gender,
    )


def build_profiles(
    mentions: Sequence[Mention],
    decided: set[int],
    learnt: Mapping[str, frozenset[str]] | None = None,
) -> list[Profile]:
    """One profile per key (profile_key). `learnt`: short forms the hub's officers taught
    (folded short given name -> the full names' sound keys), read like the lexicon's."""
    learnt = learnt or {}
    by_key: dict[tuple[str, ...], Profile] = {}
    name_ids: dict[tuple, int] = {}
    profiles: list[Profile] = []
    for m in mentions:
        name = parse_name(m.full_name, m.given_name, m.family_name)
        key = profile_key(m, name)
        if m.id in decided:
            key = (*key, str(m.id))  # a decided record must stay addressable on its own
        found = by_key.get(key)
        if found is not None:
            found.add(m)
            continue
        profile = Profile(
            ids=[],
            name=name,
            given_sound=sound(name.given) if name.given else "",
            given_keys=(given_keys(name.given) | learnt.get(name.given, frozenset()))
            if name.given
            else frozenset(),
            family_sounds=tuple(sound(t) for t in name.family),
            email=key[3],
            city=key[4],
            organisations=set(),
            roles=set(),
            gender=key[5],
            mailbox_sounds=mailbox_sounds(key[3]) if key[3] else frozenset(),
            name_id=name_ids.setdefault(_compared(name, key[5]), len(name_ids)),
            place_names=m.place_names,
        )
        profile.add(m)
        by_key[key] = profile
        profiles.append(profile)
    return profiles


def namesakes_met(
    profiles: list[Profile], mentions: Sequence[Mention]
) -> tuple[list[Profile], list[tuple[int, int]]]:
    """The profiles without an e-mail, each whose records include two of one engagement written
    with two roles split by role, and the pairs of the new profiles (indexes) that met so. One
    name, e-mail, city and gender is one person as a rule (profile_key), but not two rows of one
    sheet of a youth worker and a mayor: two namesakes of one town (at 10,000 synthetic rows,
    1.4 times the dev set's noise, seed 1212: two women of one name, at four engagements
    together, were one person). One person signing twice with two roles writes her name another
    way or an address on one of them, so her records are of two profiles, as the dev set's are;
    one e-mail on both rows is one person however many roles she wrote (a row copied, a speaker
    who also signed in)."""
    by_id = {m.id: m for m in mentions}
    out: list[Profile] = []
    apart: list[tuple[int, int]] = []
    for p in profiles:
        if len(p.ids) < 2 or p.email or not _met_in_two_roles([by_id[i] for i in p.ids]):
            out.append(p)
            continue
        by_role: dict[str, list[int]] = {}
        for i in p.ids:
            by_role.setdefault(fold(by_id[i].role), []).append(i)
        first = len(out)
        for ids in by_role.values():
            part = replace(p, ids=[], organisations=set(), roles=set(), organisation_kinds=set())
            for i in ids:
                part.add(by_id[i])
            out.append(part)
        roles = list(by_role)
        apart.extend(
            (first + a, first + b)
            for a in range(len(roles))
            for b in range(a + 1, len(roles))
            if roles[a] and roles[b]
        )
    return out, apart


def _met_in_two_roles(records: list[Mention]) -> bool:
    """Whether two of the records were written at one engagement with two roles."""
    roles: dict[str, str] = {}
    for m in records:
        role = fold(m.role)
        if not (m.event and role):
            continue
        seen = roles.setdefault(m.event, role)
        if seen != role:
            return True
    return False
