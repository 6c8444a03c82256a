"""Resolve place names as partners write them (Pristina, Prishtinë, Приштина) to local governments."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from citybridge.accounts.history import records_acting_user
from citybridge.lib.places import GazetteerPlace, PlaceIndex, gazetteer_places
from citybridge.network.actions import save_city
from citybridge.network.models import LocalGovernment, PlaceName


@lru_cache(maxsize=8)
def gazetteer_index(
    countries: tuple[str, ...],
) -> tuple[PlaceIndex[int], dict[int, GazetteerPlace]]:
    """The offline gazetteer's places of these countries, indexed by geonameid (cached: loading
    the gazetteer takes seconds, so only creating a city does it, never an import of sheets)."""
    places = gazetteer_places(countries)
    return PlaceIndex.from_gazetteer(places), {p.geonameid: p for p in places}


def gazetteer_place(written: str, country: str) -> GazetteerPlace | None:
    index, places = gazetteer_index((country,))
    match = index.lookup(written, country)
    return places[match] if match is not None else None


def gazetteer_names(city: LocalGovernment) -> list[str]:
    """Every Latin and Cyrillic name the gazetteer lists for a city (Ohri, Tivari, Гњилане), kept
    as the city's place names so sheets resolve whichever form they use."""
    place = gazetteer_place(city.name, city.country_id)
    return list(place.names) if place else []


def known_places(countries: Iterable[str] | None = None) -> PlaceIndex:
    """An index of the local governments the platform knows, under all their names."""
    cities = LocalGovernment.objects.all()
    names = PlaceName.objects.all()
    if countries is not None:
        codes = list(countries)
        cities = cities.filter(country__in=codes)
        names = names.filter(city__country__in=codes)
    by_city: dict[int, tuple[str, list[str]]] = {
        pk: (country, [name, cyrillic, albanian])
        for pk, country, name, cyrillic, albanian in cities.values_list(
            "pk", "country_id", "name", "name_cyrillic", "name_albanian"
        )
    }
    for city_id, name in names.values_list("city_id", "name"):
        if city_id in by_city:
            by_city[city_id][1].append(name)
    return PlaceIndex(
        (pk, [n for n in names if n], country) for pk, (country, names) in by_city.items()
    )


@records_acting_user
def find_or_create_city(
    written: str, country: str, *, index: PlaceIndex, acting_user=None
) -> tuple[LocalGovernment, bool]:
    """The local government a written name means, creating it from the gazetteer when new.

    Returns (city, created). A name the gazetteer does not know either is created as written.
    """
    found = index.lookup(written, country)
    if found is not None:
        return LocalGovernment.objects.get(pk=found), False
    place = gazetteer_place(written, country)
    if place is not None:
        city = LocalGovernment(
            name=place.name,
            name_cyrillic=place.name_cyrillic,
            name_albanian=place.name_albanian,
            country_id=country,
            latitude=place.latitude,
            longitude=place.longitude,
            population=place.population or None,
            geonameid=place.geonameid,
        )
    else:
        city = LocalGovernment(name=" ".join(written.split()), country_id=country)
    names = [written, *(place.names if place else ())]
    city = save_city(city, acting_user=acting_user, extra_names=names)
    index.add(city.pk, [*city.all_names(), *names], country)
    return city, True
