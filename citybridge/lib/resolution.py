"""Decide which attendance records are one person: a pure engine, no Django, no database.

API
---
``Mention(id, full_name="", given_name="", family_name="", email="", organisation="", city="",
role="", gender="")`` is one attendance record as written (``city`` is a resolved city key when
known, e.g. a local government id as str, else the folded text; ``gender`` as written: M, F, Ž,
Ж, М, male, femër...).

``resolve(mentions, *, same=(), different=()) -> Resolution``
    ``same`` / ``different`` are officers' decisions on pairs of mention ids (must-link /
    cannot-link), re-applied on every run; they win over every automatic judgement.
``Resolution.clusters``: list[list[int]], every mention id in exactly one cluster (sorted).
``Resolution.uncertain``: list[tuple[int, int, float, list[str]]], pairs (id_a, id_b, score in
    0..1, plain-English evidence) that ended in different clusters but may be one person, at most
    one pair per two clusters, best first: the review queue.

How
---
1. Each mention becomes a profile: its name parsed (citybridge.lib.names), its e-mail, city
   and gender; a full name's organisations and roles are gathered on it. Identical profiles
   are judged once, and each pair of names once per block.
2. An e-mail written beside clearly different names (different given names, or near given
   names with different surnames: an office mailbox such as info@...) is a shared mailbox and
   is ignored as evidence. A personal address whose local part spells one of two forms of a
   given name with their common surname makes the other form a short name (Mita / Dimitrije).
3. Blocking: profiles meet only when they share an e-mail or a key "name sound | first letter
   of another name token" (one typo, any order), and a short form missing from the lexicon
   meets the longer given names of its surname that contain its stem, so work grows with the
   data, not its square.
4. Each pair gets points from names (same, typo, nickname, possible short form, one of a
   double surname, different) and context (e-mail, city, organisation, role); a gender
   conflict or two different known given names (Ivan / Ivana) forbid the link. Two surnames
   one letter apart that are each carried by people never written the other way (Kadić /
   Karić) are two surnames, not a typo; sharing only the second of a double surname (the
   married one) is left to review unless an e-mail confirms it.
5. Links are applied strongest first with a union-find that keeps cannot-link sets per cluster:
   a pair judged different (different cities, genders, given names...) may never end in one
   cluster, so one weak link cannot chain two people together.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein
from rapidfuzz.fuzz import token_set_ratio

from citybridge.lib.given_names import GIVEN, NICKNAMES
from citybridge.lib.names import Name, given_keys, parse_name, sound
from citybridge.lib.text import fold, fold_email

LINK = 3.0  # points at or above which two profiles are one person
REVIEW = 0.5  # points at or above which an unlinked pair goes to the review queue
MAX_BLOCK = 400  # a key shared by more profiles is too common to tell anything apart
RIVAL_MIN = 3  # people of a spelling never written with the other: a surname of its own

FREE_MAIL = frozenset(
    [
        "gmail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "icloud.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "protonmail.com",
        "proton.me",
        "yandex.com",
        "yandex.ru",
        "t-com.me",
        "t-home.mk",
        "yahoo.co.uk",
        "abv.bg",
        "mts.rs",
        "eunet.rs",
        "open.telekom.rs",
        "hotmail.rs",
    ]
)


@dataclass(frozen=True)
class Mention:
    id: int
    full_name: str = ""
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    organisation: str = ""
    city: str = ""
    role: str = ""
    gender: str = ""


@dataclass(frozen=True)
class Resolution:
    clusters: list[list[int]] = field(default_factory=list)
    uncertain: list[tuple[int, int, float, list[str]]] = field(default_factory=list)


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
class _Profile:
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
    name_id: int = -1  # one number per (name, gender): what the name comparison depends on


def _mailbox_sounds(email: str) -> frozenset[str]:
    local = email.partition("@")[0]
    return frozenset(sound(t) for t in re.split(r"[^a-z]+", local) if len(t) > 1)


def _profile_key(m: Mention, name: Name) -> tuple[str, ...]:
    """Records with one key are one profile. A full name with one e-mail, city and gender is
    one person whatever organisation or role the records give (those would link anyway), so
    those are gathered on the profile; a partial name keeps them apart."""
    key = (
        name.given,
        " ".join(name.family),
        " ".join(name.middle),
        fold_email(m.email),
        m.city.strip().lower(),
        written_gender(m.gender) or (name.gender if name.gender_sure else ""),
    )
    if name.given and name.family:
        return key
    return (*key, fold(m.organisation), fold(m.role))


def _profiles(mentions: Sequence[Mention], decided: set[int]) -> list[_Profile]:
    by_key: dict[tuple[str, ...], _Profile] = {}
    name_ids: dict[tuple[Name, str], int] = {}
    profiles: list[_Profile] = []
    for m in mentions:
        name = parse_name(m.full_name, m.given_name, m.family_name)
        key = _profile_key(m, name)
        if m.id in decided:
            key = (*key, str(m.id))  # a decided record must stay addressable on its own
        found = by_key.get(key)
        if found is not None:
            found.ids.append(m.id)
            if m.organisation:
                found.organisations.add(fold(m.organisation))
            if m.role:
                found.roles.add(fold(m.role))
            continue
        profile = _Profile(
            ids=[m.id],
            name=name,
            given_sound=sound(name.given) if name.given else "",
            given_keys=given_keys(name.given) if name.given else frozenset(),
            family_sounds=tuple(sound(t) for t in name.family),
            email=key[3],
            city=key[4],
            organisations={fold(m.organisation)} if m.organisation else set(),
            roles={fold(m.role)} if m.role else set(),
            gender=key[5],
            mailbox_sounds=_mailbox_sounds(key[3]) if key[3] else frozenset(),
            name_id=name_ids.setdefault((name, key[5]), len(name_ids)),
        )
        by_key[key] = profile
        profiles.append(profile)
    return profiles


def _similar(a: str, b: str) -> float:
    return DamerauLevenshtein.normalized_similarity(a, b)


def _gendered_pair(a: str, b: str) -> bool:
    """Ivan / Ivana, Stefanovski / Stefanovska, Petrov / Petrova: one name, two genders."""
    short, long = sorted((a, b), key=len)
    if long == short + "a" or long == short + "e":
        return True
    return short[:-1] == long[:-1] and {short[-1], long[-1]} == {"i", "a"} and len(short) > 4


def _title(token: str) -> str:
    return token.title()


@dataclass
class _NameVerdict:
    points: float
    evidence: list[str]
    conflict: bool  # the names say these are two people


def _short_form(short: str, long: str) -> bool:
    """Saša-style short forms missing from the lexicon: "mita" / "dimitrije", "sandra" /
    "aleksandra". The short name is no full name of its own, and its stem (the name without
    its final vowels, at least three letters) is written inside the long one."""
    if short in GIVEN or len(long) < len(short) + 2:
        return False
    stem = short.rstrip("aeiouy")
    return len(stem) >= 3 and (stem in long or sound(stem) in sound(long))


def _mailbox_spells(a: _Profile, b: _Profile) -> bool:
    """One personal address beside two forms of a given name with one surname, its local part
    spelling one of them in full ("dimitrije.vukovic@" for Mita and Dimitrije Vuković): the
    address is the person's own, the other form their short name."""
    if not a.email or a.email != b.email or not set(a.family_sounds) & set(b.family_sounds):
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    box = a.mailbox_sounds
    return any(p.given_sound in box and any(f in box for f in p.family_sounds) for p in (a, b))


def _compare_given(a: _Profile, b: _Profile) -> tuple[str, str]:
    """("same" | "nickname" | "short" | "typo" | "doubtful" | "different" | "gendered" |
    "unknown", evidence)."""
    ga, gb = a.name.given, b.name.given
    if not ga or not gb:
        return "unknown", ""
    if a.given_sound == b.given_sound:
        return "same", ""
    if a.given_keys & b.given_keys:
        return "nickname", f"given name is a short form of the other: {_title(ga)} / {_title(gb)}"
    if _gendered_pair(a.given_sound, b.given_sound) and not (a.gender and a.gender == b.gender):
        return "gendered", f"different given names: {_title(ga)} / {_title(gb)}"
    if _mailbox_spells(a, b):
        return "nickname", (
            f"given name is a short form of the other, the e-mail spells the full name: "
            f"{_title(ga)} / {_title(gb)}"
        )
    short, long = sorted((ga, gb), key=len)
    if _short_form(short, long):
        return "short", f"given name may be a short form of the other: {_title(ga)} / {_title(gb)}"
    known_both = (ga in GIVEN or ga in NICKNAMES) and (gb in GIVEN or gb in NICKNAMES)
    similarity = max(_similar(a.given_sound, b.given_sound), _similar(ga, gb))
    if known_both or similarity < 0.5:
        return "different", f"different given names: {_title(ga)} / {_title(gb)}"
    if min(len(ga), len(gb)) >= 3 and similarity >= 0.7:
        return "typo", f"given names differ by a typo: {_title(ga)} / {_title(gb)}"
    # Two misspellings of one name can be far apart: doubtful, but not proof of two people.
    return "doubtful", f"given names differ: {_title(ga)} / {_title(gb)}"


def _compare_family(
    fa: tuple[str, ...],
    fb: tuple[str, ...],
    written: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> str:
    """ "same" | "shared" | "typo" | "gendered" | "different" | "unknown"."""
    if not fa or not fb:
        return "unknown"
    if set(fa) == set(fb):
        return "same"
    if set(fa) & set(fb):
        # "Petrović-Jović" and "Petrović": the first of a double surname is usually the one a
        # woman was born with. Sharing only the second (the married name) is weaker: another
        # woman of that family may carry it alone.
        longer = fa if len(fa) > len(fb) else fb if len(fb) > len(fa) else ()
        return "shared_late" if longer and longer[0] not in (set(fa) & set(fb)) else "shared"
    best = max(_similar(x, y) for x in fa for y in fb)
    if best < 0.75 and written is not None:
        best = max(best, *(_similar(x, y) for x in written[0] for y in written[1]))
    if any(_gendered_pair(x, y) for x in fa for y in fb):
        return "gendered"
    if best >= 0.75 and min(len(x) for x in (*fa, *fb)) >= 3:
        return "typo"
    if len(fa) > 1 or len(fb) > 1:
        joined_a, joined_b = "".join(fa), "".join(fb)
        if _similar(joined_a, joined_b) >= 0.85:
            return "typo"
    return "different"


_NAME_POINTS = {
    ("same", "same"): 4.0,
    ("nickname", "same"): 3.5,
    ("same", "typo"): 2.5,
    ("typo", "same"): 2.5,
    ("same", "shared"): 2.5,
    ("nickname", "typo"): 1.5,
    ("nickname", "shared"): 1.5,
    ("typo", "typo"): 1.0,
    ("typo", "shared"): 1.0,
    ("unknown", "same"): 1.5,
    ("unknown", "typo"): 0.5,
    ("same", "unknown"): 0.5,
    ("unknown", "unknown"): 0.0,
    ("doubtful", "same"): 0.5,
    ("doubtful", "typo"): -1.0,
    ("doubtful", "shared"): -1.0,
    ("same", "shared_late"): 1.5,
    ("nickname", "shared_late"): 0.5,
    ("typo", "shared_late"): 0.0,
    ("short", "same"): 2.5,
    ("short", "typo"): 0.5,
    ("short", "shared"): 0.5,
    ("short", "shared_late"): -0.5,
    ("same", "rival"): 1.0,
    ("nickname", "rival"): 0.0,
    ("short", "rival"): -1.0,
    ("typo", "rival"): -1.0,
    ("unknown", "rival"): -0.5,
}


class _Surnames:
    """Who carries each surname: (given name, city) sounds per surname sound."""

    def __init__(self, profiles: list[_Profile]) -> None:
        self.carriers: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for p in profiles:
            if p.given_sound:
                for family in p.family_sounds:
                    self.carriers[family].add((p.given_sound, p.city))
        self.verdicts: dict[tuple[str, str], bool] = {}

    def rivals(self, fa: tuple[str, ...], fb: tuple[str, ...]) -> bool:
        """Kadić / Karić: one letter apart, yet each is a surname of its own in the data:
        several people carry each spelling who are never written with the other one. A slip
        of the pen (Slaihu for Salihu) is carried only by people also written correctly."""
        key = (" ".join(fa), " ".join(fb))
        found = self.verdicts.get(key)
        if found is None:
            a = set().union(*(self.carriers.get(f, set()) for f in fa))
            b = set().union(*(self.carriers.get(f, set()) for f in fb))
            found = len(a - b) >= RIVAL_MIN and len(b - a) >= RIVAL_MIN
            self.verdicts[key] = found
        return found


def _compare_names(a: _Profile, b: _Profile, surnames: _Surnames | None = None) -> _NameVerdict:
    given, given_note = _compare_given(a, b)
    family = _compare_family(a.family_sounds, b.family_sounds, (a.name.family, b.name.family))
    if family == "typo" and surnames and surnames.rivals(a.family_sounds, b.family_sounds):
        family = "rival"
    # The order may have been read wrongly on one side: try the two names swapped as well.
    if (given, family) not in _NAME_POINTS or given != "same":
        swapped = _swapped(a, b)
        if swapped is not None and _NAME_POINTS.get(swapped, -9) > _NAME_POINTS.get(
            (given, family), -9
        ):
            given, family = swapped
            given_note = ""
    evidence: list[str] = []
    if given in ("gendered", "different"):
        return _NameVerdict(
            -5.0, [given_note], conflict=family in ("same", "shared", "typo", "gendered")
        )
    if family == "gendered":
        pair = f"{_title(' '.join(a.name.family))} / {_title(' '.join(b.name.family))}"
        return _NameVerdict(
            -5.0, [f"different surname forms (man's / woman's): {pair}"], conflict=True
        )
    if family == "different":
        pair = f"{_title(' '.join(a.name.family))} / {_title(' '.join(b.name.family))}"
        return _NameVerdict(-2.0, [f"different surnames: {pair}"], conflict=False)
    points = _NAME_POINTS.get((given, family), 0.0)
    if given == "same" and family == "same":
        if a.name.tokens == b.name.tokens:
            evidence.append("same name")
        else:
            evidence.append("names match after transliteration")
    if given_note:
        evidence.append(given_note)
    if family == "typo":
        pair = f"{_title(' '.join(a.name.family))} / {_title(' '.join(b.name.family))}"
        evidence.append(f"surnames differ by a typo: {pair}")
    elif family == "rival":
        pair = f"{_title(' '.join(a.name.family))} / {_title(' '.join(b.name.family))}"
        evidence.append(f"surnames one letter apart, both common surnames: {pair}")
    elif family in ("shared", "shared_late"):
        pair = f"{_title(' '.join(a.name.family))} / {_title(' '.join(b.name.family))}"
        evidence.append(f"share one of a double or married surname: {pair}")
    elif family == "unknown" or given == "unknown":
        evidence.append("only part of the name is written")
    ma, mb = set(a.name.middle) - set(a.name.family), set(b.name.middle) - set(b.name.family)
    if ma and mb and not ma & mb:
        points -= 0.3
        evidence.append("different middle initials")
    return _NameVerdict(points, evidence, conflict=False)


def _swapped(a: _Profile, b: _Profile) -> tuple[str, str] | None:
    if not (
        a.given_sound and b.given_sound and len(a.family_sounds) == 1 and len(b.family_sounds) == 1
    ):
        return None
    # Read the other way round, the names must at least start alike.
    if a.given_sound[0] != b.family_sounds[0][:1] and a.family_sounds[0][:1] != b.given_sound[0]:
        return None
    flipped = _Profile(
        ids=b.ids,
        name=Name(given=b.name.family[0], family=(b.name.given,)),
        given_sound=b.family_sounds[0],
        given_keys=given_keys(b.name.family[0]),
        family_sounds=(b.given_sound,),
        email=b.email,
        city=b.city,
        organisations=b.organisations,
        roles=b.roles,
        gender=b.gender,
    )
    given, _ = _compare_given(a, flipped)
    return given, _compare_family(a.family_sounds, flipped.family_sounds)


def _same_city(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False  # resolved city keys are exact
    # Unresolved names in several languages and cases: "tetova" / "tetovo", "peje" / "peja",
    # "kukes" / "kukesi": the stems agree.
    stem_a, stem_b = a.rstrip("aeiou") or a, b.rstrip("aeiou") or b
    if stem_a == stem_b or (
        min(len(stem_a), len(stem_b)) >= 3 and (a.startswith(stem_b) or b.startswith(stem_a))
    ):
        return True
    return min(len(a), len(b)) >= 5 and _similar(stem_a, stem_b) >= 0.8


def _same_organisation(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if a & b:
        return True
    return any(token_set_ratio(x, y) >= 90 for x in list(a)[:4] for y in list(b)[:4])


def _score(
    a: _Profile,
    b: _Profile,
    shared: set[str],
    surnames: _Surnames | None = None,
    verdict: _NameVerdict | None = None,
) -> tuple[float, list[str], bool]:
    """Points, evidence and whether the pair is decisively two people."""
    if verdict is None:
        verdict = _compare_names(a, b, surnames)
    points, evidence, conflict = verdict.points, list(verdict.evidence), verdict.conflict
    if a.gender and b.gender and a.gender != b.gender:
        evidence.append("different genders")
        return points - 5.0, evidence, True
    hint_a, hint_b = a.gender or a.name.gender, b.gender or b.name.gender
    if hint_a and hint_b and hint_a != hint_b:
        points -= 1.0
        evidence.append("the names suggest different genders")
    if a.email and a.email == b.email and a.email not in shared:
        points += 4.0
        evidence.insert(0, "same e-mail")
    elif a.email and b.email and a.email != b.email:
        domain_a, domain_b = a.email.rpartition("@")[2], b.email.rpartition("@")[2]
        if (
            domain_a == domain_b
            and domain_a not in FREE_MAIL
            and a.email not in shared
            and b.email not in shared
        ):
            points -= 2.0
            evidence.append("different e-mail addresses at the same office")
        else:
            evidence.append("different e-mail addresses")
    apart_cities = False
    if a.city and b.city:
        if _same_city(a.city, b.city):
            points += 1.0
            evidence.append("same city")
        elif a.city.isdigit() and b.city.isdigit():
            points -= 3.0
            evidence.append("different cities")
            apart_cities = True
        elif a.city.isdigit() or b.city.isdigit():
            # A place name the gazetteer did not know beside one it did: often the same place
            # written another way ("Mitrovicë e Jugut"), so only a little evidence of two.
            points -= 1.0
            evidence.append("different city names")
        else:
            # Free text may be one city in two languages (Ulqin / Ulcinj): weaker evidence.
            points -= 1.5
            evidence.append("different city names")
    # Organisation and role add at most 0.8: not worth comparing for a pair far below review.
    if points < REVIEW - 0.8:
        return points, evidence, conflict or (apart_cities and points < LINK)
    if _same_organisation(a.organisations, b.organisations):
        points += 0.5
        evidence.append("same organisation")
    if a.roles & b.roles:
        points += 0.3
        evidence.append("same role")
    # Two known, different cities are decisive unless the rest (an e-mail) outweighs them.
    return points, evidence, conflict or (apart_cities and points < LINK)


def _clearly_two(a: _Profile, b: _Profile) -> bool:
    """Different given names or genders. A changed surname alone is not enough: it may be a
    married name, and the address a person's own."""
    if a.gender and b.gender and a.gender != b.gender:
        return True
    given, _ = _compare_given(a, b)
    if given in ("same", "nickname", "unknown") or _swapped(a, b) in _NAME_POINTS:
        return False
    if given in ("different", "gendered"):
        return True
    # Near given names (a typo, a possible short form) and different surnames: two people.
    return _compare_family(a.family_sounds, b.family_sounds) == "different"


def _shared_mailboxes(profiles: list[_Profile]) -> set[str]:
    """E-mails written beside clearly different names: office mailboxes, not a person's."""
    by_email: dict[str, list[_Profile]] = defaultdict(list)
    for p in profiles:
        if p.email:
            by_email[p.email].append(p)
    shared: set[str] = set()
    for email, group in by_email.items():
        names: dict[tuple[str, tuple[str, ...]], _Profile] = {}
        for p in group:
            names.setdefault((p.given_sound, p.family_sounds), p)
        distinct = list(names.values())[:20]
        if any(_clearly_two(x, y) for i, x in enumerate(distinct) for y in distinct[i + 1 :]):
            shared.add(email)
    return shared


def _blocks(
    profiles: list[_Profile], shared: set[str]
) -> tuple[dict[str, list[int]], dict[str, tuple[list[int], list[int]]]]:
    """Blocks of profiles to compare among themselves, and short forms missing from the
    lexicon (Mita) to compare with the longer given names of their surname (Dimitrije)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    short_forms: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for index, p in enumerate(profiles):
        tokens = [t for t in (p.given_sound, *p.family_sounds) if len(t) > 1]
        # Initials both as sounded and as written: "kj" sounds "c" yet a typo keeps the "k".
        initials = [{t[0], w[0]} for t, w in zip(tokens, p.name.tokens, strict=False)]
        keys = {
            f"n:{t}|{letter}"
            for i, t in enumerate(tokens)
            for j, letters in enumerate(initials)
            if i != j
            for letter in letters
        }
        if len(tokens) == 1:
            keys.add(f"n:{tokens[0]}|")
        # A short form (Saša) must meet its full name (Aleksandar).
        for variant in p.given_keys - {p.given_sound}:
            for family in p.family_sounds:
                if family:
                    keys.update((f"n:{variant}|{family[0]}", f"n:{family}|{variant[0]}"))
        # ...and one missing from the lexicon (Mita, Dimitrije) too: the short form's stem
        # meets every three letters inside a longer given name of the same surname.
        given = p.name.given
        if given and p.family_sounds:
            stem = given.rstrip("aeiouy")
            if len(stem) >= 3 and given not in GIVEN:
                for family in p.family_sounds:
                    short_forms[f"{family}|{stem[:3]}"][0].append(index)
            if len(given) >= 5:
                grams = {given[i : i + 3] for i in range(1, len(given) - 2)}
                for family in p.family_sounds:
                    for gram in grams:
                        short_forms[f"{family}|{gram}"][1].append(index)
        if p.email and p.email not in shared:
            keys.add(f"e:{p.email}")
        for key in keys:
            blocks[key].append(index)
    return blocks, {k: v for k, v in short_forms.items() if v[0] and v[1]}


class _Clusters:
    """Union-find whose clusters carry the clusters they may never join."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.apart: dict[int, set[int]] = defaultdict(set)

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def keep_apart(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.apart[rx].add(ry)
            self.apart[ry].add(rx)

    def join(self, x: int, y: int) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        if ry in self.apart.get(rx, ()):
            return False
        small, big = (
            (rx, ry) if len(self.apart.get(rx, ())) < len(self.apart.get(ry, ())) else (ry, rx)
        )
        self.parent[small] = big
        for other in self.apart.pop(small, set()):
            self.apart[other].discard(small)
            self.apart[other].add(big)
            self.apart[big].add(other)
        return True


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _probability(points: float) -> float:
    return round(1.0 / (1.0 + math.exp(-(points - (LINK + REVIEW) / 2))), 3)


def resolve(
    mentions: Sequence[Mention],
    *,
    same: Iterable[tuple[int, int]] = (),
    different: Iterable[tuple[int, int]] = (),
) -> Resolution:
    """Cluster mentions into persons; see the module docstring."""
    same, different = list(same), list(different)
    known = {m.id for m in mentions}
    decided = {i for pair in (*same, *different) for i in pair if i in known}
    profiles = _profiles(mentions, decided)
    profile_of = {i: index for index, p in enumerate(profiles) for i in p.ids}
    clusters = _Clusters(len(profiles))
    for x, y in different:
        if x in profile_of and y in profile_of:
            clusters.keep_apart(profile_of[x], profile_of[y])
    for x, y in same:
        if x in profile_of and y in profile_of:
            clusters.join(profile_of[x], profile_of[y])

    shared = _shared_mailboxes(profiles)
    surnames = _Surnames(profiles)
    seen: set[int] = set()
    links: list[tuple[float, int, int, list[str]]] = []
    width = len(profiles)
    # Many profiles carry one name in other contexts: judge each pair of names once per block.
    verdicts: dict[tuple[int, int, str], _NameVerdict] = {}

    def judge(x: int, y: int) -> None:
        pair = x * width + y if x < y else y * width + x
        if pair in seen:
            return
        seen.add(pair)
        a, b = profiles[x], profiles[y]
        key = (a.name_id, b.name_id, a.email if a.email == b.email else "")
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _compare_names(a, b, surnames)
        points, evidence, conflict = _score(a, b, shared, surnames, verdict)
        if conflict:
            clusters.keep_apart(x, y)
        if points >= REVIEW:
            links.append((points, x, y, evidence))

    blocks, short_forms = _blocks(profiles, shared)
    for members in blocks.values():
        if 2 <= len(members) <= MAX_BLOCK:
            verdicts.clear()
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    judge(x, y)
    for shorts, longs in short_forms.values():
        if len(shorts) * len(longs) <= MAX_BLOCK * 4:
            verdicts.clear()
            for x in shorts:
                for y in longs:
                    if x != y:
                        judge(x, y)

    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    for points, x, y, _ in links:
        if points >= LINK:
            clusters.join(x, y)

    grouped: dict[int, list[int]] = defaultdict(list)
    for index, p in enumerate(profiles):
        grouped[clusters.find(index)].extend(p.ids)
    uncertain: list[tuple[int, int, float, list[str]]] = []
    # Clusters an officer already said are two people are not asked about again.
    reported = {
        _ordered(clusters.find(profile_of[a]), clusters.find(profile_of[b]))
        for a, b in different
        if a in profile_of and b in profile_of
    }
    for points, x, y, evidence in links:
        rx, ry = clusters.find(x), clusters.find(y)
        if rx == ry or _ordered(rx, ry) in reported:
            continue
        reported.add(_ordered(rx, ry))
        uncertain.append((profiles[x].ids[0], profiles[y].ids[0], _probability(points), evidence))
    return Resolution(clusters=sorted(sorted(ids) for ids in grouped.values()), uncertain=uncertain)
