"""How two profiles' names compare: given names (same, short form, typo, two names),
surnames (same, typo, double or married, two names) and what the data says about both."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from rapidfuzz.distance import DamerauLevenshtein

from citybridge.lib.given_names import GIVEN, MALE_IN_A, NICKNAMES
from citybridge.lib.names import Name, given_gender, given_keys, sound
from citybridge.lib.resolution.profiles import Profile
from citybridge.lib.resolution.reasons import Reason, gettext_noop, reason

RIVAL_MIN = 3  # people of a spelling never written with the other: a surname of its own
NO_ALIASES: Mapping[tuple[str, str], frozenset[str]] = MappingProxyType({})


def similar(a: str, b: str) -> float:
    return DamerauLevenshtein.normalized_similarity(a, b)


def gendered_pair(a: str, b: str) -> bool:
    """Ivan / Ivana, Stefanovski / Stefanovska, Petrov / Petrova: one name, two genders."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if long == short + "a" or long == short + "e":
        return True
    return short[:-1] == long[:-1] and {short[-1], long[-1]} == {"i", "a"} and len(short) > 4


def title(token: str) -> str:
    return token.title()


@dataclass
class NameVerdict:
    points: float
    evidence: list[Reason]
    conflict: bool  # the names say these are two people


# Endings the region's short forms are made with: Mit-ko, Ljup-če, Bo-ba, Ne-ša, Ba-ne.
_SHORT_ENDINGS = ("ica", "ko", "ce", "co", "ke", "ki", "le", "sa", "ca", "e", "o", "a", "i")


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(c in letters for c in short)


@lru_cache(maxsize=262144)
def _short_form(short: str, long: str) -> bool:
    """Short forms missing from the lexicon: "mita" / "dimitrije", "sandra" / "aleksandra",
    "mitko" / "dimitar", "bane" / "branislav", "kosta" / "konstantin". The short name is no
    full name of its own (or is a known short form of other names), and its stem (without a
    short-form ending, at least three letters) is written inside the long one, or is spelt
    by the long one's letters in order from the same first letter."""
    if (short in GIVEN and short not in NICKNAMES) or len(long) <= len(short):
        return False
    if short in NICKNAMES and given_gender(short) and given_gender(short) != given_gender(long):
        return False  # Mile is a man's short form: never Milena
    stems = {short.rstrip("aeiouy")} | {
        short[: -len(ending)] for ending in _SHORT_ENDINGS if short.endswith(ending)
    }
    for stem in stems:
        if len(stem) < 3:
            continue
        if stem in long or sound(stem) in sound(long):
            return True
        if stem[0] == long[0] and _is_subsequence(stem, long):
            return True
    return False


def _mailbox_spells(a: Profile, b: Profile) -> bool:
    """One personal address beside two forms of a given name with one surname, its local part
    spelling one of them in full ("dimitrije.vukovic@" for Mita and Dimitrije Vuković): the
    address is the person's own, the other form their short name."""
    if not a.email or a.email != b.email or not set(a.family_sounds) & set(b.family_sounds):
        return False
    if a.gender and b.gender and a.gender != b.gender:
        return False
    box = a.mailbox_sounds
    return any(p.given_sound in box and any(f in box for f in p.family_sounds) for p in (a, b))


def compare_given(
    a: Profile, b: Profile, aliases: Mapping[tuple[str, str], frozenset[str]] = NO_ALIASES
) -> tuple[str, Reason | None]:
    """("same" | "nickname" | "short" | "typo" | "doubtful" | "different" | "gendered" |
    "unknown", evidence or None). `aliases`: surname sounds by the (given sound, given sound) that the
    data shows are one person's names with that surname (see Surnames.learn_aliases)."""
    ga, gb = a.name.given, b.name.given
    if not ga or not gb:
        return "unknown", None
    if a.given_sound == b.given_sound:
        return "same", None
    if aliases:
        families = aliases.get(
            (a.given_sound, b.given_sound)
            if a.given_sound < b.given_sound
            else (b.given_sound, a.given_sound)
        )
        # Either surname: one of the two may carry a typo (Žviković Boba).
        if families and any(f in families for f in (*a.family_sounds, *b.family_sounds)):
            text = gettext_noop(
                "one personal e-mail is written with both given names: %(a)s / %(b)s"
            )
            return "nickname", reason(text, a=title(ga), b=title(gb))
    if a.given_keys & b.given_keys:
        text = gettext_noop("one given name is a short form of the other: %(a)s / %(b)s")
        return "nickname", reason(text, a=title(ga), b=title(gb))
    if gendered_pair(a.given_sound, b.given_sound) and not (a.gender and a.gender == b.gender):
        if ga in MALE_IN_A or gb in MALE_IN_A:
            # Blagoja / Blagoj, Kosta / Kost: a man's name written with and without its -a.
            text = gettext_noop("one given name, two forms: %(a)s / %(b)s")
            return "nickname", reason(text, a=title(ga), b=title(gb))
        return "gendered", _given_reason(DIFFERENT_GIVEN, ga, gb)
    if _mailbox_spells(a, b):
        text = gettext_noop(
            "one given name is a short form of the other, and the e-mail spells the full name: "
            "%(a)s / %(b)s"
        )
        return "nickname", reason(text, a=title(ga), b=title(gb))
    return _compare_spelling(ga, gb, a.given_sound, b.given_sound)


# Pure, and asked of most pairs of a block (Arben / Agim): once per two given names.
@lru_cache(maxsize=262144)
def _compare_spelling(ga: str, gb: str, sound_a: str, sound_b: str) -> tuple[str, Reason]:
    """compare_given's verdict on two given names (folded, and their sounds) that neither the
    lexicon nor an e-mail relates: a possible short form, a typo or two names."""
    short, long = sorted((ga, gb), key=len)
    sounds = sorted((sound_a, sound_b), key=len)
    if _short_form(short, long) or _short_form(*sounds):
        text = gettext_noop("one given name may be a short form of the other: %(a)s / %(b)s")
        return "short", _given_reason(text, ga, gb)
    # Two full names of the lexicon are two names (Goran / Zoran). A known short form beside a
    # full name it is not listed for is not proof: the list of short forms is never complete.
    known_both = ga in GIVEN and gb in GIVEN and ga not in NICKNAMES and gb not in NICKNAMES
    similarity = max(similar(sound_a, sound_b), similar(ga, gb))
    if known_both or (similarity < 0.5 and ga[:2] != gb[:2]):
        return "different", _given_reason(DIFFERENT_GIVEN, ga, gb)
    if min(len(ga), len(gb)) >= 3 and similarity >= 0.7:
        text = gettext_noop("given names nearly the same, perhaps a slip of the pen: %(a)s / %(b)s")
        return "typo", _given_reason(text, ga, gb)
    # Miki is listed for Milan and Mihajlo, yet Miroslavs sign with it too; Kosta is a name and
    # a Konstantin's short form. Names that start alike, one of them outside the lexicon or a
    # short form, are not proof of two people; nor are two misspellings of one name.
    return "doubtful", _given_reason(gettext_noop("given names differ: %(a)s / %(b)s"), ga, gb)


DIFFERENT_GIVEN = gettext_noop("different given names: %(a)s / %(b)s")


def _given_reason(text: str, ga: str, gb: str) -> Reason:
    return reason(text, a=title(ga), b=title(gb))


@lru_cache(maxsize=262144)  # pure, and the same surnames meet again and again
def compare_family(
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
    if (len(fa) > 1 or len(fb) > 1) and "".join(fa) == "".join(fb):
        return "typo"  # Hoxh-aLeka for Hoxha-Leka: the hyphen slipped, not Hoxh / Hoxha
    pairs = [(x, y) for x in fa for y in fb]
    if written is not None:
        pairs += [(x, y) for x in written[0] for y in written[1]]
    if any(gendered_pair(x, y) for x in fa for y in fb):
        return "gendered"
    # A slip of the pen changes a letter or two (Vukvoić, Mitervska), whatever the length:
    # Milosavljević / Radosavljević share three quarters of their letters and are two names.
    if min(len(x) for x in (*fa, *fb)) >= 3 and any(
        similar(x, y) >= 0.75 and DamerauLevenshtein.distance(x, y) <= 2 for x, y in pairs
    ):
        return "typo"
    if len(fa) > 1 or len(fb) > 1:
        joined_a, joined_b = "".join(fa), "".join(fb)
        if similar(joined_a, joined_b) >= 0.85:
            return "typo"
    return "different"


NAME_POINTS = {
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
    # A guessed short form with the surname is not enough with the city alone (Rina and
    # Blerina are two names): the organisation, the role or an e-mail must agree as well.
    ("short", "same"): 1.5,
    ("short", "typo"): 0.5,
    ("short", "shared"): 0.5,
    ("short", "shared_late"): -0.5,
    # Two real surnames (Kadić / Karić): even with the given name, city and office agreeing,
    # only an e-mail may link them.
    ("same", "rival"): 0.5,
    ("nickname", "rival"): 0.0,
    ("short", "rival"): -1.0,
    ("typo", "rival"): -1.0,
    ("unknown", "rival"): -0.5,
}


class Surnames:
    """Who carries each surname: (given name, city) sounds per surname sound."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.carriers: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # How many profiles write each sound as a given name, and as a surname, where the
        # order was certain (it may still be misread: Mustafa Kaltrina).
        self.as_given: Counter[str] = Counter()
        self.as_family: Counter[str] = Counter()
        for p in profiles:
            if p.given_sound:
                for family in p.family_sounds:
                    self.carriers[family].add((p.given_sound, p.city))
                if p.name.order_known:
                    self.as_given[p.given_sound] += 1
                    self.as_family.update(p.family_sounds)
        self.verdicts: dict[tuple[str, str], bool] = {}
        # (given sound, given sound) in order -> the surname sounds they are one name with.
        self.aliases: Mapping[tuple[str, str], frozenset[str]] = NO_ALIASES

    def learn_aliases(self, profiles: list[Profile], shared: set[str]) -> None:
        """Given names one personal address is written with (boba.djuric@ beside Boba and
        Slobodanka Đurić): in this data they are one person's names with that surname, so the
        records of either form without the address are not kept apart as two given names."""
        by_email: dict[str, list[Profile]] = defaultdict(list)
        for p in profiles:
            if p.email and p.email not in shared and p.given_sound:
                by_email[p.email].append(p)
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        for group in by_email.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a.given_sound != b.given_sound and _mailbox_spells(a, b):
                        low, high = sorted((a.given_sound, b.given_sound))
                        found[low, high].update(set(a.family_sounds) & set(b.family_sounds))
        self.aliases = {pair: frozenset(families) for pair, families in found.items() if families}

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


def compare_names(a: Profile, b: Profile, surnames: Surnames | None = None) -> NameVerdict:
    given, given_note = compare_given(a, b, surnames.aliases if surnames else NO_ALIASES)
    family = compare_family(a.family_sounds, b.family_sounds, (a.name.family, b.name.family))
    if family == "typo" and surnames and surnames.rivals(a.family_sounds, b.family_sounds):
        family = "rival"
    # The order may have been read wrongly on one side: try the two names swapped as well.
    b_read = (b.given_sound, b.name.given, b.family_sounds)  # b's given name and surnames as read
    if (given, family) not in NAME_POINTS or given != "same":
        swapped = read_swapped(a, b)
        if swapped is not None and NAME_POINTS.get(swapped, -9) > NAME_POINTS.get(
            (given, family), -9
        ):
            given, family = swapped
            given_note = None
            b_read = (b.family_sounds[0], b.name.family[0], (b.given_sound,))
    if given == "short" and family == "same" and surnames and _surnames_first(a, b_read, surnames):
        pair = {"a": title(a.name.given), "b": title(b_read[1])}
        return NameVerdict(-2.0, [reason(DIFFERENT_SURNAMES, **pair)], False)
    evidence: list[Reason] = []
    if given in ("gendered", "different"):
        return NameVerdict(
            -5.0,
            [given_note] if given_note else [],
            conflict=family in ("same", "shared", "typo", "gendered"),
        )
    if family == "gendered":
        text = gettext_noop("a man's and a woman's form of a surname: %(a)s / %(b)s")
        return NameVerdict(-5.0, [reason(text, **_surnames(a, b))], conflict=True)
    if family == "different":
        if given == "same" and female(a) and female(b):
            # A woman's surname changes on marriage: the rest of the record decides, and
            # without an e-mail it is at most a question for an officer.
            return NameVerdict(-1.0, [reason(MAYBE_MARRIED, **_surnames(a, b))], False)
        return NameVerdict(-2.0, [reason(DIFFERENT_SURNAMES, **_surnames(a, b))], conflict=False)
    points = NAME_POINTS.get((given, family), 0.0)
    if given == "same" and family == "same":
        if a.name.tokens == b.name.tokens:
            evidence.append(reason(gettext_noop("same name")))
        else:
            evidence.append(
                reason(gettext_noop("same name, written in another script or spelling"))
            )
    if given_note:
        evidence.append(given_note)
    if family == "typo":
        text = gettext_noop("surnames nearly the same, perhaps a slip of the pen: %(a)s / %(b)s")
        evidence.append(reason(text, **_surnames(a, b)))
    elif family == "rival":
        evidence.append(reason(RIVAL_SURNAMES, **_surnames(a, b)))
    elif family in ("shared", "shared_late"):
        text = gettext_noop("one surname of a double or married surname in common: %(a)s / %(b)s")
        evidence.append(reason(text, **_surnames(a, b)))
    elif family == "unknown" or given == "unknown":
        evidence.append(reason(gettext_noop("only part of the name is written")))
    ma, mb = set(a.name.middle) - set(a.name.family), set(b.name.middle) - set(b.name.family)
    if ma and mb and not ma & mb:
        points -= 0.3
        evidence.append(reason(gettext_noop("different middle initials")))
    return NameVerdict(points, evidence, conflict=False)


DIFFERENT_SURNAMES = gettext_noop("different surnames: %(a)s / %(b)s")
SHARED_SURNAME = gettext_noop("one surname of a double or married surname in common: %(a)s / %(b)s")
RIVAL_SURNAMES = gettext_noop(
    "surnames one letter apart, each the surname of several people: %(a)s / %(b)s"
)
MAYBE_MARRIED = gettext_noop("different surnames, perhaps a married name: %(a)s / %(b)s")


def _surnames(a: Profile, b: Profile) -> dict[str, str]:
    return {"a": title(" ".join(a.name.family)), "b": title(" ".join(b.name.family))}


def _surnames_first(
    a: Profile, b_read: tuple[str, str, tuple[str, ...]], surnames: Surnames
) -> bool:
    """Whether two names of one "surname" and given names that may be one name's short form
    (Salihu Leutrim / Shala Leutrim) are two surnames before one given name: neither name's
    order is known, the data writes the shared word as a given name and the two others as
    surnames more often than not where the order is certain, and read so they are two surnames, not one with a
    slip. The short form is a guess that two surnames explain better (at 10,000 synthetic
    rows, 1.4 times the dev set's noise, it merged two men in one set and two women in another;
    Drena / Drenusha Sylejmani, whose surname is never a given name, is still a short form)."""
    b_given, _, b_families = b_read
    if a.name.order_known or len(a.family_sounds) != 1 or len(b_families) != 1:
        return False
    as_given, as_family = surnames.as_given, surnames.as_family
    return (
        as_given[a.family_sounds[0]] > as_family[a.family_sounds[0]]
        and all(as_family[w] > as_given[w] for w in (a.given_sound, b_given))
        and compare_family((a.given_sound,), (b_given,)) == "different"
    )


def female(p: Profile) -> bool:
    return (p.gender or p.name.gender) == "F"


def read_swapped(a: Profile, b: Profile) -> tuple[str, str] | None:
    if not (
        a.given_sound and b.given_sound and len(a.family_sounds) == 1 and len(b.family_sounds) == 1
    ):
        return None
    # Read the other way round, the names must at least start alike.
    if a.given_sound[0] != b.family_sounds[0][:1] and a.family_sounds[0][:1] != b.given_sound[0]:
        return None
    flipped = b.swapped
    if flipped is None:
        flipped = b.swapped = Profile(
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
    given, _ = compare_given(a, flipped)
    return given, compare_family(a.family_sounds, flipped.family_sounds)
