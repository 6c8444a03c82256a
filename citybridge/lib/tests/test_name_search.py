"""Finding a name however it was written: orders, scripts, diacritics, split cells."""

from citybridge.lib.name_search import family_alone, name_pattern, split_cells, written_names


def test_name_pattern_reads_every_order_script_and_spelling():
    pattern = name_pattern("Đorđe", "Čolić-Šćekić")
    for written in (
        "Đorđe Čolić-Šćekić",
        "Djordje Colic Scekic",
        "Dordje Colic-Scekic",
        "ČOLIĆ-ŠĆEKIĆ, Đorđe",
        "Čolić Šćekić Đorđe",
        "Ђорђе Чолић-Шћекић",
        "Чолић-Шћекић, Ђорђе",
        "Đorđe M. Čolić-Šćekić",
        "Đorđe\n  Čolić-Šćekić",
    ):
        assert pattern.fullmatch(written), written
    for other in ("Đorđe Čolak", "Jovana Čolić-Šćekić", "Marđorđe Čolić-Šćekić"):
        assert not pattern.search(other), other


def test_a_name_over_two_cells_of_a_row_is_found_and_only_with_both_cells():
    names = written_names([("Milica Brisanović", "", "")])
    assert split_cells(["BRISANOVIC", "Milica", "Testgrad", 3], names, "X") == [
        "",
        "X",
        "Testgrad",
        3,
    ]
    assert split_cells(["Брисановић", " Милица "], names, "X") == ["", "X"]
    for row in (["Brisanović", "Jovana"], ["Milica", "Petrović"], ["Milica Brisanović"]):
        assert split_cells(row, names, "X") == row


def test_the_family_name_alone_is_told_from_a_relative_named_in_full():
    names = written_names([("Milica Brisanović", "", "")])
    assert family_alone("Mrs Brisanović will follow up.", names)
    assert family_alone("Ask BRISANOVICA about it.", names)  # declined, no diacritics
    assert family_alone("Госпођа Брисановић је звала.", names)
    assert not family_alone("Jovana Brisanović will follow up.", names)
    assert not family_alone("Брисановић Јована је звала.", names)
    assert not family_alone("Brisanovićevska street is long.", names)
    assert not family_alone("Nothing here.", names)
