"""The points a pair of profiles earns from names and context (e-mail, city, organisation,
role, gender), and which e-mails are office mailboxes rather than a person's."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.fuzz import token_set_ratio

from citybridge.lib.resolution.compare import (
    NAME_POINTS,
    NameVerdict,
    Surnames,
    compare_family,
    compare_given,
    compare_names,
    read_swapped,
    similar,
)
from citybridge.lib.resolution.profiles import Mention, Profile
from citybridge.lib.resolution.reasons import Reason, gettext_noop, reason

LINK = 3.0  # points at or above which two profiles are one person
REVIEW = 1.5  # points at or above which an unlinked pair goes to the review queue
# The most a pair's city, organisation and role add to its names' points (1.0 + 0.5 + 0.5),
# and with an e-mail (4.0).
CONTEXT_WITHOUT_EMAIL = 2.0
CONTEXT_AT_MOST = 6.0
# Names this far apart that also conflict (two given names with one surname) leave a pair
# decisively two people and out of the review queue, whatever the rest of the records says.
NAMES_APART = REVIEW - CONTEXT_AT_MOST
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
    return min(len(a), len(b)) >= 5 and similar(stem_a, stem_b) >= 0.8


def _same_place(places: tuple[str, ...], city: str) -> bool:
    """A place name the gazetteer did not resolve that is one of the names of the other's
    resolved city, starts with it or holds it as words ("mitrovice e jugut", "juzna mitrovica"
    / Mitrovicë)."""
    if not places or city.isdigit():
        return False
    text = f" {city} "
    return any(_same_city(name, city) or f" {name} " in text for name in places)


def with_places_resolved(mentions: Sequence[Mention]) -> Sequence[Mention]:
    """The mentions, each place name the gazetteer did not resolve that holds the names of
    exactly one city other records resolved to given that city's key (as compare_cities judges
    it the same place): "Južna Mitrovane" and "Mitrovane e Jugut" beside records of Mitrovane
    are then one city to the rules that group people by their city (married names, the review
    queue's candidates), not two names no pair of them joins. A name holding two cities' names,
    or none, stays as written."""
    places: dict[str, tuple[str, ...]] = {}
    for m in mentions:
        if m.place_names and m.city not in places and m.city.isdigit():
            places[m.city] = m.place_names
    if not places:
        return mentions
    keys: dict[str, str | None] = {}
    out = list(mentions)
    for i, m in enumerate(out):
        city = m.city
        if not city or city in places:
            continue
        if city not in keys:
            held = [key for key, names in places.items() if _same_place(names, city)]
            keys[city] = held[0] if len(held) == 1 else None
        key = keys[city]
        if key is not None:
            out[i] = m._replace(city=key, place_names=places[key])
    return out


# Profiles of a few hundred cities meet a million times at 100,000 rows: judge each pair of
# cities once.
@lru_cache(maxsize=65536)
def compare_cities(
    a: str, b: str, places_a: tuple[str, ...] = (), places_b: tuple[str, ...] = ()
) -> tuple[float, Reason, bool, bool]:
    """(points, evidence, same city, decisively apart) for two profiles' cities (both given):
    a resolved city's key or a folded place name, with the names the resolved one goes by."""
    if _same_city(a, b) or _same_place(places_a, b) or _same_place(places_b, a):
        return 1.0, SAME_CITY, True, False
    if a.isdigit() and b.isdigit():
        return -3.0, reason(gettext_noop("different cities")), False, True
    if a.isdigit() or b.isdigit():
        # A place name the gazetteer did not know beside one it did. When the resolved
        # city's own names are known and the text is none of them, it is another place
        # (as decisive as two known cities, unless an e-mail outweighs it); otherwise it
        # may be the same place written another way.
        known = places_a if a.isdigit() else places_b
        return (-2.0 if known else -1.0), OTHER_CITY_NAMES, False, bool(known)
    # Free text may be one city in two languages (Ulqin / Ulcinj): weaker evidence.
    return -1.5, OTHER_CITY_NAMES, False, False


SAME_CITY = reason(gettext_noop("same city"))
OTHER_CITY_NAMES = reason(gettext_noop("different city names"))


def _spells_a_name(p: Profile) -> bool:
    """Whether the e-mail's local part spells one of the profile's names (a personal address)."""
    box = p.mailbox_sounds
    return bool(box) and (p.given_sound in box or any(f in box for f in p.family_sounds))


def _spells_other_name(a: Profile, b: Profile) -> bool:
    """a's address spells b's given name and b's surname, and b's surname is not a's. A name
    whose order nothing told ("Sylejmani Entela") is tried both ways round."""
    box, given = a.mailbox_sounds, a.given_sound
    # Another surname than a's own must be in the address (one of a's is "shared", not
    # "different").
    if not a.mailbox_others or not b.given_sound or given not in box:
        return False
    if given == b.given_sound and _spells_other_surname(a, b.family_sounds):
        return True
    return (
        not b.name.order_known
        and len(b.family_sounds) == 1
        and given == b.family_sounds[0]
        and _spells_other_surname(a, (b.given_sound,))
    )


def _spells_other_surname(a: Profile, family: tuple[str, ...]) -> bool:
    # The surnames must be two surnames: a misspelt one (Dimtirov beside kiril.dimitrov@) is
    # the ordinary case of one name, scored as a typo, not a change of surname.
    return not a.mailbox_others.isdisjoint(family) and (
        compare_family(a.family_sounds, family) == "different"
    )


def same_organisation(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    if not a.isdisjoint(b):
        return True
    # At most four of each: a profile seen at many offices tells little by one of them.
    xs, ys = (list(a)[:4] if len(a) > 4 else a), (list(b)[:4] if len(b) > 4 else b)
    for x in xs:
        for y in ys:
            if _alike(x, y):
                return True
    return False


@lru_cache(maxsize=65536)  # the same few organisations of a city meet again and again
def _alike(x: str, y: str) -> bool:
    return token_set_ratio(x, y) >= 90


def share_context(a: Profile, b: Profile) -> bool:
    """Whether two records agree on anything beyond their names and city: an e-mail (or one
    spelling the other's name), the role, the organisation or its kind. Two given names (a
    possible short form, a doubtful one) with a surname and a city and nothing more are not put
    to an officer, who could only guess: at 100,000 synthetic rows none of the 540 such
    questions was one person."""
    return bool(
        (a.email and a.email == b.email)
        or _spells_other_name(a, b)
        or _spells_other_name(b, a)
        or a.roles & b.roles
        or same_organisation(a.organisations, b.organisations)
        or a.organisation_kinds & b.organisation_kinds
    )


def beyond_review(a: Profile, b: Profile, shared: set[str], verdict: NameVerdict) -> bool:
    """Whether the pair's names are so far apart that no context short of an e-mail could
    bring it to the review queue, and no e-mail relates the two: score_pair would give it
    fewer than REVIEW points. Most pairs of a block are such (Arben / Agim Krasniqi), and
    only whether they are decisively two people (`decisively_two`) matters."""
    if verdict.points + CONTEXT_AT_MOST < REVIEW:
        return True
    if verdict.points + CONTEXT_WITHOUT_EMAIL >= REVIEW:
        return False
    if a.email and a.email == b.email and a.email not in shared:
        return False
    return not (_spells_other_name(a, b) or _spells_other_name(b, a))


def may_reach_review(a: Profile, b: Profile, shared: set[str], verdict: NameVerdict) -> bool:
    """False only when score_pair gives the pair fewer than REVIEW points: its most, without
    the evidence in words. Of the pairs of a block not `beyond_review`, five in six are
    scored below review (two known cities, most of them), and only a link is kept of a block's
    pair (pairs.py): their evidence, made for nothing, was half of scoring them."""
    # The sums are made in another order than score_pair's: a hair of slack for the rounding.
    review = REVIEW - 1e-9
    if a.gender and b.gender and a.gender != b.gender:
        return verdict.points - 5.0 >= review
    points = verdict.points + CONTEXT_WITHOUT_EMAIL  # city, organisation and role at most
    if a.city and b.city:
        # The city's own points instead of its most (1.0).
        points += compare_cities(a.city, b.city, a.place_names, b.place_names)[0] - 1.0
    if points >= review:
        return True
    return points + 4.0 >= review and (
        (bool(a.email) and a.email == b.email and a.email not in shared)
        or _spells_other_name(a, b)
        or _spells_other_name(b, a)
    )


def decisively_two(a: Profile, b: Profile, verdict: NameVerdict) -> bool:
    """score_pair's third value for a pair `beyond_review` (fewer than LINK points)."""
    if verdict.conflict or (a.gender and b.gender and a.gender != b.gender):
        return True
    return (
        bool(a.city and b.city) and compare_cities(a.city, b.city, a.place_names, b.place_names)[3]
    )


def score_pair(
    a: Profile,
    b: Profile,
    shared: set[str],
    surnames: Surnames | None = None,
    verdict: NameVerdict | None = None,
) -> tuple[float, list[Reason], bool]:
    """Points, evidence and whether the pair is decisively two people."""
    if verdict is None:
        verdict = compare_names(a, b, surnames)
    points, evidence, conflict = verdict.points, list(verdict.evidence), verdict.conflict
    if a.gender and b.gender and a.gender != b.gender:
        evidence.append(reason(gettext_noop("different genders")))
        return points - 5.0, evidence, True
    hint_a, hint_b = a.gender or a.name.gender, b.gender or b.name.gender
    if hint_a and hint_b and hint_a != hint_b:
        # An ending read off a name the lexicon does not know (Ljuba, Nesha) is a weak hint.
        sure = all(p.gender or p.name.gender_sure for p in (a, b))
        points -= 1.0 if sure else 0.5
        evidence.append(reason(gettext_noop("the names suggest different genders")))
    if a.email and a.email == b.email and a.email not in shared:
        if _spells_a_name(a) or _spells_a_name(b):
            points += 4.0
            evidence.insert(0, reason(gettext_noop("same e-mail")))
        else:
            # teacher@..., info@...: an office's address may pass from one holder to the next.
            points += 1.5
            evidence.insert(0, reason(gettext_noop("same office e-mail")))
    elif _spells_other_name(a, b) or _spells_other_name(b, a):
        # nevena.pantic@ beside "Nevena Tasić" and "Nevena Pantić": an address made from the
        # other record's full name, kept after a change of surname (a maiden-name relation).
        points += 4.0
        evidence.insert(0, reason(gettext_noop("the e-mail spells the other record's name")))
    elif a.email and b.email and a.email != b.email:
        domain_a, domain_b = a.email.rpartition("@")[2], b.email.rpartition("@")[2]
        if (
            domain_a == domain_b
            and domain_a not in FREE_MAIL
            and a.email not in shared
            and b.email not in shared
        ):
            points -= 2.0
            evidence.append(reason(gettext_noop("different e-mail addresses at the same office")))
        else:
            evidence.append(reason(gettext_noop("different e-mail addresses")))
    apart_cities = together = False
    if a.city and b.city:
        delta, note, together, apart_cities = compare_cities(
            a.city, b.city, a.place_names, b.place_names
        )
        points += delta
        evidence.append(note)
    # Organisation and role add at most 1.0: not worth comparing for a pair far below review.
    if points < REVIEW - 1.0:
        return points, evidence, conflict or (apart_cities and points < LINK)
    if same_organisation(a.organisations, b.organisations):
        points += 0.5
        evidence.append(reason(gettext_noop("same organisation")))
    elif together and a.organisation_kinds & b.organisation_kinds:
        # "Centar za socijalni rad" / "Qendra për Punë Sociale" of one city: one body written
        # in two languages (the kinds are read with the role vocabulary's words).
        points += 0.5
        evidence.append(reason(gettext_noop("same kind of organisation in the same city")))
    if a.roles & b.roles:
        points += 0.5
        evidence.append(reason(gettext_noop("same role")))
    # Two known, different cities are decisive unless the rest (an e-mail) outweighs them.
    return points, evidence, conflict or (apart_cities and points < LINK)


def _clearly_two(a: Profile, b: Profile) -> bool:
    """Different given names or genders. A changed surname alone is not enough: it may be a
    married name, and the address a person's own."""
    if a.gender and b.gender and a.gender != b.gender:
        return True
    given, _ = compare_given(a, b)
    if given in ("same", "nickname", "unknown") or read_swapped(a, b) in NAME_POINTS:
        return False
    if given == "different" and _spells_one_of(a, b):
        # slobodanka.zhivkovic@ beside "Boba Živković" and "Slobodanka Zivkovic": an address
        # made from one person's full name; the other given name is a short form the lexicon
        # does not know, as long as the surnames agree (or differ by a typo).
        return compare_family(a.family_sounds, b.family_sounds) not in ("same", "typo")
    if given in ("different", "gendered"):
        return True
    # Near given names (a typo, a possible short form) and different surnames: two people.
    return compare_family(a.family_sounds, b.family_sounds) == "different"


def _spells_one_of(a: Profile, b: Profile) -> bool:
    """The shared address's local part spells the given name and a surname of one of the two."""
    box = a.mailbox_sounds
    return any(p.given_sound in box and any(f in box for f in p.family_sounds) for p in (a, b))


def shared_mailboxes(profiles: list[Profile]) -> set[str]:
    """E-mails written beside clearly different names: office mailboxes, not a person's."""
    by_email: dict[str, list[Profile]] = defaultdict(list)
    for p in profiles:
        if p.email:
            by_email[p.email].append(p)
    shared: set[str] = set()
    for email, group in by_email.items():
        names: dict[tuple[str, tuple[str, ...]], Profile] = {}
        for p in group:
            names.setdefault((p.given_sound, p.family_sounds), p)
        distinct = list(names.values())[:20]
        if any(_clearly_two(x, y) for i, x in enumerate(distinct) for y in distinct[i + 1 :]):
            shared.add(email)
    return shared
