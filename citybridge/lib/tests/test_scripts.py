"""in_script(): a name as written, in Latin or in Cyrillic, by the region's rules."""

from __future__ import annotations

import pytest

from citybridge.lib.scripts import AS_WRITTEN, CYRILLIC, LATIN, in_script
from citybridge.lib.text import fold


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("Гордана Ђорђевић", "Gordana Đorđević"),
        ("Љубица Њежић Џамбић", "Ljubica Nježić Džambić"),
        ("Ѓорѓи Ќосевски", "Gjorgji Kjosevski"),  # Macedonian letters, Macedonian Latin practice
        ("Ѕвонко", "Dzvonko"),
        ("ЏАКИЋ Милош", "DŽAKIĆ Miloš"),  # a word in capitals stays in capitals
        ("Gordana Đorđević", "Gordana Đorđević"),  # already Latin
    ],
)
def test_to_latin(written, latin):
    assert in_script(written, LATIN) == latin


@pytest.mark.parametrize(
    ("written", "cyrillic"),
    [
        ("Gordana Đorđević", "Гордана Ђорђевић"),
        ("Ljubica Nježić Džambić", "Љубица Њежић Џамбић"),
        ("DRAGAN ŠIŠIĆ", "ДРАГАН ШИШИЋ"),
        # Albanian names by the Serbian rules: each letter as the Serbian letter that sounds so.
        ("Arbër Krasniqi", "Арбер Краснићи"),
        ("Xhafer Gjoka", "Џафер Ђока"),
        ("Shkëlzen Thaçi", "Шкелзен Тачи"),
        ("Гордана", "Гордана"),  # already Cyrillic
    ],
)
def test_to_cyrillic_by_the_serbian_rules(written, cyrillic):
    assert in_script(written, CYRILLIC) == cyrillic


def test_to_cyrillic_by_the_macedonian_rules():
    assert in_script("Gjorgji Dzvezda Kjoseski", CYRILLIC, "mk") == "Ѓорѓи Ѕвезда Ќосески"
    assert in_script("Xhafer Krasniqi", CYRILLIC, "mk") == "Џафер Красниќи"


def test_as_written_changes_nothing():
    for text in ("Гордана", "Gordana", "Arbër", ""):
        assert in_script(text, AS_WRITTEN) == text


@pytest.mark.parametrize(
    "name", ["Гордана Ђорђевић", "Ljubica Nježić", "Ѓорѓи Ќосевски", "Милош Богичевић"]
)
def test_a_name_in_either_script_folds_to_the_same_key(name):
    """The resolver and the sort key agree with what the reader sees."""
    assert fold(in_script(name, LATIN)) == fold(in_script(name, CYRILLIC)) == fold(name)
