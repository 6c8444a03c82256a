"""fold(): one key across scripts, diacritics, case and punctuation."""

from __future__ import annotations

import pytest

from citybridge.lib.text import fold, fold_email, is_cyrillic


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Милош Богичевић", "milos bogicevic"),  # Serbian Cyrillic
        ("BOGIČEVIĆ Miloš", "bogicevic milos"),  # Latin diacritics, capitals
        ("Ђурђа Ђукић", "djurdja djukic"),  # ђ → dj
        ("Đurđa Đukić", "djurdja djukic"),  # đ → dj
        ("Ѓорѓи Ќосевски", "gjorgji kjosevski"),  # Macedonian ѓ, ќ
        ("Ѕвонко Јанчевски", "dzvonko jancevski"),  # Macedonian ѕ, ј
        ("Љубица Њежић Џамбић", "ljubica njezic dzambic"),  # љ, њ, џ
        ("Gëzim Çeliku", "gezim celiku"),  # Albanian ë, ç
        ("  Ana   Petrović-Jovanović  ", "ana petrovic jovanovic"),  # spaces, hyphen
        ("O'Brien, Tom.", "obrien tom"),  # apostrophe dropped, punctuation a break
        ("Ярослав Щукин", "jaroslav shtukin"),  # other Cyrillic letters still fold
        ("", ""),
    ],
)
def test_fold(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize(
    "text", ["Ђорђе ČOLIĆ", "Ѓорѓи", "Gëzim Çela", "O'Brien", "Ярослав", "a--b", "ß æ ø ł"]
)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_scripts_and_diacritics_meet() -> None:
    assert fold("Снежана Шћекић") == fold("Snežana Šćekić") == fold("SNEZANA SCEKIC")


def test_is_cyrillic() -> None:
    assert is_cyrillic("Милош Bogičević Петровић")
    assert not is_cyrillic("Miloš Богичевић Petrović")
    assert not is_cyrillic("")


def test_fold_email() -> None:
    assert fold_email("  ANA.LUKIC@Grad.Example.RS ") == "ana.lukic@grad.example.rs"
    assert fold_email("mailto:ana@example.org") == "ana@example.org"
    assert fold_email("not an address") == ""
    assert fold_email("ana@localhost") == ""


def test_collation_puts_diacritics_after_their_letter_and_cyrillic_in_its_own_order():
    from citybridge.lib.text import collation_key

    # Each list in the order a reader expects; sorted from its reverse, it must come back so.
    latin = ["Crna Gora", "Čad", "Ćuprija", "Dubrovnik", "Đakovica", "Ečka", "Ëa", "Zadar", "Ž"]
    cyrillic = ["Албанија", "Босна", "Ђаковица", "Јагодина", "Ћуприја", "Црна Гора", "Шабац"]
    spaces = ["Bosna i Hercegovina", "Bosnaa"]
    for expected in (latin, cyrillic, spaces):
        assert sorted(reversed(expected), key=collation_key) == expected
    assert sorted(["ćuprija", "Crna"], key=collation_key) == ["Crna", "ćuprija"]
