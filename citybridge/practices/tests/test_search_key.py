from citybridge.practices.search import ekavian, query_terms, search_key


def test_scripts_diacritics_and_yat_reflex_share_one_key():
    keys = {
        search_key(s) for s in ("savet mladih", "Савет младих", "Savjet mladih", "SAVJET MLADIH")
    }
    assert keys == {"savet mladih"}


def test_ijekavian_forms_become_ekavian():
    assert ekavian("mlijeko") == "mleko"
    assert ekavian("dijete") == "dete"
    assert ekavian("savjet za bezbjednost") == "savet za bezbednost"


def test_je_after_a_vowel_or_at_the_start_stays():
    assert ekavian("moje jezik") == "moje jezik"
    assert ekavian("projekat") == "projekat"


def test_punctuation_splits_words():
    assert query_terms("Local-Safety, Council!") == ["local", "safety", "council"]
    assert query_terms("  ") == []
