"""Resolve place names as partners write them (Pristina, Prishtinë, Приштина) to local governments."""

from __future__ import annotations

from collections.abc import Iterable

from citybridge.lib.places import PlaceIndex, gazetteer_places
from citybridge.network.actions import save_city
from citybridge.network.models import LocalGovernment, PlaceName


def known_places(countries: Iterable[str] | None = None) -> PlaceIndex:
    """An index of the local governments the platform knows, under all their names."""
    cities = LocalGovernment.objects.all()
    names = PlaceName.objects.all()
    if countries is not None:
        codes = list(countries)
        cities = cities.filter(country__in=codes)
        names = names.filter(local_government__country__in=codes)
    by_city: dict[int, tuple[str, list[str]]] = {
        pk: (country, [name, cyrillic, albanian])
        for pk, country, name, cyrillic, albanian in cities.values_list(
            "pk", "country_id", "name", "name_cyrillic", "name_albanian"
        )
    }
    for city_id, name in names.values_list("local_government_id", "name"):
        if city_id in by_city:
            by_city[city_id][1].append(name)
    return PlaceIndex(
        (pk, [n for n in names if n], country) for pk, (country, names) in by_city.items()
    )


def find_or_create_city(
    written: str, country: str, *, index: PlaceIndex, acting_user=None
) -> tuple[LocalGovernment, bool]:
    """The local government a written name means, creating it from the gazetteer when new.

    Returns (city, created). A name the gazetteer does not know either is created as written.
    """
    found = index.lookup(written, country)
    if found is not None:
        return LocalGovernment.objects.get(pk=found), False
    gazetteer = {p.geonameid: p for p in gazetteer_places([country])}
    match = PlaceIndex((p.geonameid, p.names, p.country) for p in gazetteer.values()).lookup(
        written, country
    )
    if match is not None:
        place = gazetteer[match]
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
    city = save_city(city, acting_user=acting_user, extra_names=[written])
    index.add(city.pk, [*city.all_names(), written], country)
    return city, True
