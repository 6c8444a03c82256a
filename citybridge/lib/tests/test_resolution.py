"""resolve(): which sign-in rows are one person. Invented names only."""

from __future__ import annotations

from citybridge.lib.resolution import Mention, Resolution, resolve, written_gender
from citybridge.lib.resolution.reasons import in_english


def together(result: Resolution, *ids: int) -> bool:
    return any(set(ids) <= set(cluster) for cluster in result.clusters)


def apart(result: Resolution, a: int, b: int) -> bool:
    return not together(result, a, b)


def test_every_mention_is_in_exactly_one_cluster() -> None:
    mentions = [Mention(i, f"Person{i} Surname{i}") for i in range(5)]
    result = resolve(mentions)
    assert sorted(i for cluster in result.clusters for i in cluster) == [0, 1, 2, 3, 4]


def test_cyrillic_and_latin() -> None:
    result = resolve([Mention(1, "Дарко Лукић", city="7"), Mention(2, "Darko Lukic", city="7")])
    assert together(result, 1, 2)


def test_dropped_diacritics_and_dj() -> None:
    result = resolve(
        [
            Mention(1, "Đurđica Šćepanović", city="7"),
            Mention(2, "Djurdjica Scepanovic", city="7"),
            Mention(3, "Durdica Scepanovic", city="7"),
        ]
    )
    assert together(result, 1, 2, 3)


def test_english_style_spellings() -> None:
    result = resolve(
        [
            Mention(1, "Željko Čavić", city="3"),
            Mention(2, "Zheljko Chavic", city="3"),
            Mention(3, "Džemal Šušić", city="3"),
            Mention(4, "Dzhemal Shushich", city="3"),
        ]
    )
    assert together(result, 1, 2) and together(result, 3, 4) and apart(result, 1, 3)


def test_albanian_letters() -> None:
    result = resolve([Mention(1, "Gëzim Hoxhaj", city="4"), Mention(2, "Gezim Hoxhaj", city="4")])
    assert together(result, 1, 2)


def test_surname_first_comma_titles_capitals_and_spaces() -> None:
    result = resolve(
        [
            Mention(1, "Vesna Radulović", city="5"),
            Mention(2, "RADULOVIĆ Vesna", city="5"),
            Mention(3, "Radulović, Vesna", city="5"),
            Mention(4, "gđa  Vesna   Radulović", city="5"),
            Mention(5, "Dr. Vesna R. Radulović", city="5"),
            Mention(6, given_name="Radulović", family_name="Vesna", city="5"),
        ]
    )
    assert together(result, 1, 2, 3, 4, 5, 6)


def test_typos() -> None:
    result = resolve(
        [
            Mention(1, "Branimir Kostić", city="2"),
            Mention(2, "Branimri Kostić", city="2"),  # letters swapped
            Mention(3, "Branimir Kotić", city="2"),  # letter dropped
        ]
    )
    assert together(result, 1, 2, 3)


def test_nickname() -> None:
    result = resolve(
        [
            Mention(1, "Aleksandar Vujačić", city="9", gender="M"),
            Mention(2, "Saša Vujačić", city="9", gender="M"),
        ]
    )
    assert together(result, 1, 2)


def test_married_double_surname() -> None:
    # Sharing only the second (married) surname: another woman of that family may carry it
    # alone, so by name and city only it is a question for review; her own e-mail settles it.
    result = resolve(
        [
            Mention(1, "Tijana Marković-Đurić", city="6"),
            Mention(2, "Tijana Đurić", city="6"),
        ]
    )
    assert apart(result, 1, 2) and result.uncertain[0][:2] == (1, 2)
    mail = "tijana.djuric@example.net"
    result = resolve(
        [
            Mention(1, "Tijana Marković-Đurić", email=mail, city="6"),
            Mention(2, "Tijana Đurić", email=mail, city="6"),
            Mention(3, "Tijana Marković", city="6"),
        ]
    )
    assert together(result, 1, 2, 3)


def test_upper_cased_email_links_a_badly_written_name() -> None:
    result = resolve(
        [
            Mention(1, "Radomir Vukotić", email="radomir.vukotic@opstina.example.me"),
            Mention(2, "Radomri Vukotc", email="RADOMIR.VUKOTIC@OPSTINA.EXAMPLE.ME"),
        ]
    )
    assert together(result, 1, 2)
    assert not result.uncertain


def test_namesakes_in_different_cities_stay_two() -> None:
    result = resolve(
        [
            Mention(1, "Goran Ilić", city="10", organisation="Police Alfa"),
            Mention(2, "Goran Ilić", city="11", organisation="School Beta"),
        ]
    )
    assert apart(result, 1, 2)
    # Two known cities and two organisations: clearly two people, not worth a review.
    assert result.uncertain == []


def test_namesakes_in_different_cities_of_one_organisation_go_to_review() -> None:
    result = resolve(
        [
            Mention(1, "Goran Ilić", city="10", organisation="Regional Water Board"),
            Mention(2, "Goran Ilić", city="11", organisation="Regional Water Board"),
        ]
    )
    assert apart(result, 1, 2)
    assert [(a, b) for a, b, _, _ in result.uncertain] == [(1, 2)]
    assert "different cities" in [in_english(r) for r in result.uncertain[0][3]]


def test_a_mention_without_city_cannot_chain_two_namesakes() -> None:
    result = resolve(
        [
            Mention(1, "Goran Ilić", city="10", email="goran.ilic@alfa.example"),
            Mention(2, "Goran Ilić", city="11"),
            Mention(3, "Goran Ilić", email="goran.ilic@alfa.example"),
        ]
    )
    assert together(result, 1, 3)
    assert apart(result, 1, 2)


def test_shared_office_mailbox_is_ignored() -> None:
    office = "info@opstina.example.mk"
    result = resolve(
        [
            Mention(1, "Elena Trajkovska", email=office),
            Mention(2, "Blerim Osmani", email=office),
            Mention(3, "Kiril Naumoski", email=office),
            Mention(4, "Elena Trajkovska", email=office),
        ]
    )
    assert apart(result, 1, 2) and apart(result, 2, 3) and apart(result, 1, 3)
    assert together(result, 1, 4)  # the same name still links, on the name


def test_ivan_and_ivana_of_the_same_office_are_two() -> None:
    result = resolve(
        [
            Mention(1, "Ivan Đokić", city="12", organisation="Opština X"),
            Mention(2, "Ivana Đokić", city="12", organisation="Opština X"),
        ]
    )
    assert apart(result, 1, 2)
    assert not result.uncertain


def test_gendered_surnames_are_two() -> None:
    result = resolve(
        [Mention(1, "Dragi Petreski", city="1"), Mention(2, "Dragi Petreska", city="1")]
    )
    assert apart(result, 1, 2)


def test_written_gender_separates() -> None:
    result = resolve(
        [
            Mention(1, "Vanja Lazić", city="3", gender="M"),
            Mention(2, "Vanja Lazić", city="3", gender="Ж"),
        ]
    )
    assert apart(result, 1, 2)


def test_written_gender() -> None:
    assert [written_gender(g) for g in ("M", "м", "male", "Mashkull")] == ["M"] * 4
    assert [written_gender(g) for g in ("F", "Ž", "ж", "Femër", "ženski")] == ["F"] * 5
    assert written_gender("") == written_gender("?") == ""


def test_two_different_known_names_are_two() -> None:
    result = resolve([Mention(1, "Goran Babić", city="8"), Mention(2, "Zoran Babić", city="8")])
    assert apart(result, 1, 2)


def test_officer_decisions_win() -> None:
    mentions = [
        Mention(1, "Mirela Hodžić", city="4"),
        Mention(2, "Mirela Hodžić", city="4"),
        Mention(3, "Mirela Hadžić", city="5"),
    ]
    automatic = resolve(mentions)
    assert together(automatic, 1, 2) and apart(automatic, 1, 3)
    decided = resolve(mentions, same=[(2, 3)], different=[(1, 2)])
    assert together(decided, 2, 3) and apart(decided, 1, 2) and apart(decided, 1, 3)
    assert all({a, b} != {1, 2} for a, b, _, _ in decided.uncertain)


def test_uncertain_pairs_explain_themselves() -> None:
    result = resolve([Mention(1, "Nermin Begović"), Mention(2, "Nermin Begovic", city="3")])
    assert together(result, 1, 2) or result.uncertain
    for _, _, score, evidence in result.uncertain:
        assert 0.0 <= score <= 1.0
        assert evidence and all(in_english(e) for e in evidence)


def test_unknown_short_form_linked_by_the_personal_mailbox_spelling_the_full_name() -> None:
    # "Vuko" is in no lexicon; the address spells the formal name and the surname.
    mail = "vukasin.tomaric@example.net"
    result = resolve(
        [
            Mention(1, "Vukašin Tomarić", email=mail, city="3"),
            Mention(2, "Vuko Tomarić", email=mail, city="3"),
        ]
    )
    assert together(result, 1, 2)


def test_short_form_written_inside_the_full_name_links_with_context() -> None:
    result = resolve(
        [
            Mention(1, "Teodosije Brankač", city="4", organisation="Opština Zelengrad"),
            Mention(2, "Dosa Brankač", city="4", organisation="Opština Zelengrad", gender="M"),
            Mention(3, "Dosa Brankač", city="9"),
        ]
    )
    assert together(result, 1, 2) and apart(result, 1, 3)


def test_mailbox_beside_two_wholly_different_names_is_no_evidence() -> None:
    box = "kancelarija@zelengrad.example.org"
    result = resolve(
        [
            Mention(1, "Marina Tomarić", email=box, city="3"),
            Mention(2, "Martina Brankač", email=box, city="3"),
        ]
    )
    assert apart(result, 1, 2)


def _rival_families() -> list[Mention]:
    """Two real surnames one letter apart, each carried by people never written the other way."""
    mentions = []
    for i, given in enumerate(["Ranko", "Stole", "Jezdimir", "Bogoljub"]):
        mentions.append(Mention(100 + i, f"{given} Hadrović", city="5"))
        mentions.append(Mention(200 + i, f"{given}a Hamrović", city="6"))
    return mentions


def test_one_letter_between_two_real_surnames_is_not_a_typo() -> None:
    result = resolve(
        [
            *_rival_families(),
            Mention(1, "Vidosav Hadrović", city="7", organisation="Dom zdravlja"),
            Mention(2, "Vidosav Hamrović", city="7", organisation="Dom zdravlja"),
            # Two real surnames and a city, nothing more: an officer could only guess.
            Mention(3, "Milun Hadrović", city="8"),
            Mention(4, "Milun Hamrović", city="8"),
        ]
    )
    assert apart(result, 1, 2) and apart(result, 3, 4)
    assert any({a, b} == {1, 2} for a, b, _, _ in result.uncertain)
    assert not any({a, b} == {3, 4} for a, b, _, _ in result.uncertain)


SCHOOL, OTHER_SCHOOL = "Srednja škola Jovan Cvijić", "Osnovna škola Vuk Karadžić"


def test_two_real_surnames_are_asked_about_only_with_one_body_in_common() -> None:
    # Vidosav Hadrović of one school and Vidosav Hamrović of another, both teachers: two
    # families' names and two bodies.
    result = resolve(
        [
            *_rival_families(),
            Mention(1, "Vidosav Hadrović", city="7", organisation=SCHOOL, role="teacher"),
            Mention(2, "Vidosav Hamrović", city="7", organisation=OTHER_SCHOOL, role="teacher"),
        ]
    )
    assert apart(result, 1, 2)
    assert not any({a, b} == {1, 2} for a, b, _, _ in result.uncertain)


def test_a_typo_of_a_common_surname_still_links() -> None:
    result = resolve(
        [
            *_rival_families(),
            Mention(1, "Vidosav Hadrović", city="7"),
            Mention(2, "Vidosav Hadorvić", city="7"),
        ]
    )
    assert together(result, 1, 2)


def test_married_name_only_shared_with_the_second_of_a_double_surname_goes_to_review() -> None:
    result = resolve(
        [
            Mention(1, "Zlatija Brankač-Tomarić", city="3"),
            Mention(2, "Zlatija Tomarić", city="3"),
            Mention(3, "Radojka Lukavac-Perunić", city="4"),
            Mention(4, "Radojka Lukavac", city="4"),
        ]
    )
    assert apart(result, 1, 2) and together(result, 3, 4)
    assert any({a, b} == {1, 2} for a, b, _, _ in result.uncertain)


def test_two_written_male_genders_make_blagoj_blagoja_one_name() -> None:
    mail = "blagoja.trencevski@example.net"
    result = resolve(
        [
            Mention(1, "Blagoja Trenčevski", email=mail, gender="M", city="2"),
            Mention(2, "Blagoj Trenčevski", email=mail, gender="M", city="2"),
        ]
    )
    assert together(result, 1, 2)


def test_two_surnames_before_one_given_name_are_not_a_short_form() -> None:
    # "Bajrami Leotrim" and "Bajra Leotrim", neither order known: read so, Bajra may be a short
    # form of Bajrami, and the office and role would link them. Where the order is certain the
    # sheets write Leotrim as a given name and Bajrami and Bajra as surnames: two men.
    from citybridge.lib.resolution import Mention, resolve

    office, role = "Komuna e Vlorës", "municipal_official"
    rows = [
        Mention(1, "Bajrami Leotrim", city="5", organisation=office, role=role, event="e1"),
        Mention(2, "Bajra Leotrim", city="5", organisation=office, role=role, event="e2"),
        Mention(6, "BAJRAMI Drilon", city="6", event="e6"),
        Mention(7, "BAJRA Gent", city="7", event="e7"),
        Mention(8, "Leotrim KRASNIQI", city="8", event="e8"),
    ]
    result = resolve(rows)
    assert not any({1, 2} <= set(cluster) for cluster in result.clusters)


def test_a_slipped_hyphen_is_one_double_surname() -> None:
    from citybridge.lib.resolution.compare import compare_family

    assert compare_family(("kraja", "lika"), ("kraj", "alika")) == "typo"


def test_one_sheet_signed_with_two_personal_addresses_is_two_people() -> None:
    from citybridge.lib.resolution import Mention, resolve

    rows = [
        Mention(1, "Jelica Brković", email="jelica.brkovic@a.example.org", city="3", event="e1"),
        Mention(2, "Jelica Brković", email="jelica.b@b.example.org", city="3", event="e1"),
        Mention(3, "Jelica Brković", city="3", event="e2"),
    ]
    result = resolve(rows)
    assert not any({1, 2} <= set(cluster) for cluster in result.clusters)
