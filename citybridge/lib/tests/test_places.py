"""Place names as written on sheets, to known places."""

from __future__ import annotations

import pytest

from citybridge.lib.places import GazetteerPlace, PlaceIndex, gazetteer_places

KNOWN = [
    (1, ["Tetovo", "Тетово", "Tetovë"], "MK"),
    (2, ["Ohrid", "Охрид", "Ohër"], "MK"),
    (3, ["Korçë"], "AL"),
    (4, ["Bujanovac", "Бујановац"], "RS"),
    (5, ["Pristina", "Priština", "Prishtinë", "Приштина"], "XK"),
    (6, ["Kičevo", "Кичево", "Kërçovë"], "MK"),
    (7, ["Ulcinj", "Улцињ"], "ME"),
    (8, ["Shkodër"], "AL"),
    (9, ["Gračanica"], "XK"),
    (10, ["Gračanica"], "BA"),
    (11, ["Novi Grad"], "BA"),
    (12, ["Preševo", "Прешево"], "RS"),
    (13, ["Pejë", "Peć"], "XK"),
]


@pytest.fixture(scope="module")
def index() -> PlaceIndex[int]:
    return PlaceIndex(KNOWN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tetovo", 1), ("TETOVA", 1), ("Tetovë", 1), ("Komuna e Tetovës", 1),
        ("Општина Тетово", 1), ("Ohri", 2), ("Ohër", 2), ("Municipality of Ohrid", 2),
        ("Korça", 3), ("Korce", 3), ("Bashkia Korçë", 3), ("Bujanoci", 4), ("Bujanoc", 4),
        ("Police Bujanovac", 4), ("Prishtina", 5), ("Prishtinë", 5), ("Приштина", 5),
        ("Kërçova", 6), ("Kicevo", 6), ("Кичево", 6), ("Ulqin", 7), ("Shkodra", 8),
        ("Shkoder", 8), ("Presheva", 12), ("Opština Preševo", 12), ("Peja", 13),
        ("Komuna e Pejës", 13), ("Novi Grad", 11), ("Grad Ulcinj", 7),
        ("Bujanovaac", 4),  # a typo, with one clear nearest place
    ],
)  # fmt: skip
def test_lookup(index: PlaceIndex[int], text: str, expected: int) -> None:
    assert index.lookup(text) == expected


def test_same_name_in_two_countries_needs_the_country(index: PlaceIndex[int]) -> None:
    assert index.lookup("Gračanica") is None
    assert index.lookup("Gracanica", "XK") == 9
    assert index.lookup("Graçanica", "ba") == 10


def test_unknown_and_empty_names_resolve_to_nothing(index: PlaceIndex[int]) -> None:
    assert index.lookup("") is None
    assert index.lookup("Testgrad") is None
    assert index.lookup("Municipality") is None
    assert index.lookup("Tetovo", "AL") is None


def test_fuzzy_match_refuses_when_two_places_are_close() -> None:
    index = PlaceIndex([(1, ["Testovac"], "RS"), (2, ["Testovic"], "RS")])
    assert index.lookup("Testovac") == 1
    assert index.lookup("Testovec") is None


def test_a_far_bigger_place_wins_a_tie_of_names() -> None:
    index: PlaceIndex[str] = PlaceIndex()
    index.add("town", ["Testpolje"], "ME", weight=15_000)
    index.add("hamlet", ["Testpolje"], "ME", weight=700)
    assert index.lookup("Testpolje") == "town"
    index.add("other town", ["Testpolje"], "ME", weight=9_000)
    assert index.lookup("Testpolje") is None


def test_gazetteer_has_latin_cyrillic_and_albanian_names() -> None:
    places = gazetteer_places(["AL", "BA", "XK", "ME", "MK", "RS"])
    assert {p.country for p in places} == {"AL", "BA", "XK", "ME", "MK", "RS"}
    # Biggest first, so the first place of a name is the town, not a hamlet sharing its name.
    by_name: dict[tuple[str, str], GazetteerPlace] = {}
    for place in places:
        by_name.setdefault((place.name, place.country), place)
    pristina = by_name[("Pristina", "XK")]
    assert pristina.name_cyrillic == "Приштина"
    assert pristina.name_albanian == "Prishtinë"
    assert by_name[("Skopje", "MK")].name_cyrillic == "Скопје"
    assert gazetteer_places(["rs", "mk", "me", "ba", "xk", "al"]) == places  # cached, any order

    index = PlaceIndex.from_gazetteer(places)
    assert index.lookup("Tetova") == by_name[("Tetovo", "MK")].geonameid
    assert index.lookup("Shkup") == by_name[("Skopje", "MK")].geonameid
    assert index.lookup("Tivari", "ME") == by_name[("Bar", "ME")].geonameid
    assert index.lookup("Bijelo Polje", "ME") == by_name[("Bijelo Polje", "ME")].geonameid
