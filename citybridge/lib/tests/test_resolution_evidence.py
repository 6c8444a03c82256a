"""resolve(): the evidence that separates hard cases (short forms the lexicon lacks, office
mailboxes, married names, place names the gazetteer did not resolve). Invented names only."""

from __future__ import annotations

from citybridge.lib.resolution import Mention, Resolution, resolve
from citybridge.lib.resolution.reasons import in_english


def together(result: Resolution, *ids: int) -> bool:
    return any(set(ids) <= set(cluster) for cluster in result.clusters)


def apart(result: Resolution, a: int, b: int) -> bool:
    return not together(result, a, b)


def queued(result: Resolution, a: int, b: int) -> bool:
    return any({x, y} == {a, b} for x, y, _, _ in result.uncertain)


def test_short_form_spelt_by_the_full_names_letters_links_with_context() -> None:
    # "Bane" is nowhere in the lexicon; its stem is spelt in order by "Branivoj".
    office = "Opština Zelengrad"
    result = resolve(
        [
            Mention(1, "Branivoj Tomarić", city="4", organisation=office, role="teacher"),
            Mention(2, "Bane Tomarić", city="4", organisation=office, role="teacher"),
        ]
    )
    assert together(result, 1, 2)


def test_short_form_with_the_surname_and_city_alone_is_neither_linked_nor_asked() -> None:
    # "Rina" could be a Blerina, or a Rina of her own: the city alone does not decide it, and
    # with nothing else in common an officer could only guess. Anything more (here the role)
    # and the engine decides.
    strangers = resolve(
        [
            Mention(1, "Blerina Kodrasi", city="4", organisation="Shkolla Alfa"),
            Mention(2, "Rina Kodrasi", city="4", organisation="Komuna Beta"),
        ]
    )
    assert apart(strangers, 1, 2)
    assert not queued(strangers, 1, 2)
    colleagues = resolve(
        [
            Mention(1, "Blerina Kodrasi", city="4", role="teacher"),
            Mention(2, "Rina Kodrasi", city="4", role="teacher"),
        ]
    )
    assert together(colleagues, 1, 2)


def test_a_personal_address_teaches_a_short_form_for_the_records_without_it() -> None:
    # The address links "Boba" to Slobodanka Vranešić; the records without it then follow,
    # although "Boba" is listed as a man's short form.
    mail = "slobodanka.vranesic@example.net"
    result = resolve(
        [
            Mention(1, "Slobodanka Vranešić", email=mail, city="4", gender="F"),
            Mention(2, "Boba Vranešić", email=mail, city="4", gender="F"),
            Mention(3, "Boba Vranešić", city="4", gender="F"),
            Mention(4, "Slobodanka Vranesic", city="4", gender="F"),
        ]
    )
    assert together(result, 1, 2, 3, 4)


def test_the_same_address_beside_a_short_form_with_a_misspelt_surname_is_not_shared() -> None:
    mail = "slobodanka.vranesic@example.net"
    result = resolve(
        [
            Mention(1, "Slobodanka Vranešić", email=mail, city="4", gender="F"),
            Mention(2, "Boba Vranšeić", email=mail, city="4", gender="F"),
            Mention(3, "Boba Vranešić", email=mail, city="4"),
        ]
    )
    assert together(result, 1, 2, 3)


def test_a_known_short_form_of_other_names_is_no_proof_of_two_people() -> None:
    # "Miki" is listed for Milan and Mihajlo; a Miroslav signs with it too.
    mail = "miroslav.dobrilovic@example.net"
    result = resolve(
        [
            Mention(1, "Miki Dobrilović", email=mail, city="4"),
            Mention(2, "Miroslav Dobrilović", email=mail, city="4"),
            Mention(3, "Miroslav Dobrilović", city="4"),
        ]
    )
    assert together(result, 1, 2, 3)


def test_an_office_mailbox_does_not_bridge_a_change_of_surname() -> None:
    # teacher@... spells nobody's name: two Jasminas of one school share it.
    box = "teacher@zelengrad.example.org"
    school = "Srednja škola Zelengrad"
    result = resolve(
        [
            Mention(1, "Jasmina Tomarić", email=box, city="4", organisation=school, gender="F"),
            Mention(2, "Jasmina Brankač", email=box, city="4", organisation=school, gender="F"),
        ]
    )
    assert apart(result, 1, 2)
    assert queued(result, 1, 2)
    assert "same office e-mail" in [in_english(r) for r in result.uncertain[0][3]]


def test_an_office_mailbox_still_links_one_name_written_two_ways() -> None:
    box = "teacher@zelengrad.example.org"
    result = resolve(
        [
            Mention(1, "Jasmina Tomarić", email=box, city="4"),
            Mention(2, "TOMARIC Jasmina", email=box, city="4"),
        ]
    )
    assert together(result, 1, 2)


def test_an_address_spelling_the_maiden_name_links_a_married_name() -> None:
    result = resolve(
        [
            Mention(1, "Nevenka Tomarić", email="nevenka.brankac@example.net", city="4"),
            Mention(2, "Brankač, Nevenka", city="4"),
        ]
    )
    assert together(result, 1, 2)


def test_a_married_name_is_never_linked_on_the_given_name_city_and_office_alone() -> None:
    office = "Centar za socijalni rad Zelengrad"
    result = resolve(
        [
            Mention(1, "Zehrija Tomarić", city="4", organisation=office, gender="F"),
            Mention(2, "Zehrija Brankač", city="4", organisation=office, gender="F"),
        ]
    )
    assert apart(result, 1, 2)


def test_one_record_with_the_maiden_name_address_brings_the_married_records_together() -> None:
    # Record 3 carries the married name and the address made from the maiden one: it links
    # to the maiden name (1) by the address and to the married name without it (2) by name.
    office = "Centar za socijalni rad Zelengrad"
    result = resolve(
        [
            Mention(1, "Zehrija Tomarić", city="4", organisation=office, gender="F"),
            Mention(2, "Zehrija Brankač", city="4", organisation=office, gender="F"),
            Mention(3, "Zehrija Brankač", email="zehrija.tomaric@example.net", city="4"),
        ]
    )
    assert together(result, 2, 3)
    assert together(result, 1, 2)


def test_an_unresolved_place_name_holding_the_resolved_citys_name_is_that_city() -> None:
    # "Mitrovane e Jugut" / "Južna Mitrovane": the gazetteer resolved neither, yet both hold the
    # name of the resolved city 22.
    result = resolve(
        [
            Mention(1, "Lumnije Kodrasi", city="22", place_names=("mitrovane",)),
            Mention(2, "Lumnije Kodrasi", city="juzna mitrovane"),
            Mention(3, "Lumnije Kodrasi", city="mitrovane e jugut"),
            Mention(4, "Lumnije Kodrasi", city="23", place_names=("zelengrad",)),
        ]
    )
    assert together(result, 1, 2, 3)
    assert apart(result, 1, 4)


def test_an_unresolved_place_name_unlike_the_resolved_citys_names_keeps_namesakes_apart() -> None:
    result = resolve(
        [
            Mention(1, "Lumnije Kodrasi", city="22", place_names=("mitrovane",)),
            Mention(2, "Lumnije Kodrasi", city="zelengrad"),
        ]
    )
    # Like two known cities: namesakes, not a question for an officer.
    assert apart(result, 1, 2)
    assert not queued(result, 1, 2)


def test_a_name_read_in_the_wrong_order_gives_no_hard_gender() -> None:
    # "Mustafa" is a man's given name and an Albanian surname: "Mustafa Lumnije" read as given
    # Mustafa must not forbid linking Lumnije Mustafa, written as a woman, to herself.
    mail = "lumnije.mustafa@example.net"
    result = resolve(
        [
            Mention(1, "Lumnije Mustafa", email=mail, city="4", gender="F"),
            Mention(2, "Mustafa Lumnije", email=mail, city="4"),
        ]
    )
    assert together(result, 1, 2)


def test_a_misspelt_surname_beside_the_address_spelling_it_is_no_change_of_surname() -> None:
    # kiril.dimitrov@ spells "Kiril Dimitrov"; "Kiril Dimtirov" is that name misspelt, not a
    # married name, so a Kiril Dimitrov of another city stays another person.
    result = resolve(
        [
            Mention(1, "Kiril Dimtirov", email="kiril.dimitrov@example.net", city="4"),
            Mention(2, "Kiril Dimitrov", city="juzni grad"),
        ]
    )
    assert apart(result, 1, 2)


def test_one_name_written_at_one_engagement_in_two_roles_is_two_namesakes() -> None:
    # Two women of one name and town, a youth worker and the mayor, on the same sheets: the
    # records with one name, city and gender are not one person then.
    def at(id_: int, event: str, role: str) -> Mention:
        return Mention(id_, "Zorka Tomarić", city="4", gender="F", role=role, event=event)

    result = resolve(
        [
            at(1, "e1", "youth worker"),
            at(2, "e1", "mayor"),
            at(3, "e2", "youth worker"),
            at(4, "e2", "mayor"),
            at(5, "e3", "mayor"),
        ]
    )
    assert together(result, 1, 3)
    assert together(result, 2, 4, 5)
    assert apart(result, 1, 2)
    # One woman signing twice in one role, or once without one, is still one.
    once = resolve([at(1, "e1", "mayor"), at(2, "e1", "mayor"), at(3, "e1", "")])
    assert together(once, 1, 2, 3)
    # One address on both rows is one woman, whatever roles she wrote.
    mailed = [at(1, "e1", "youth worker")._replace(email="z.t@example.org")]
    mailed.append(at(2, "e1", "mayor")._replace(email="z.t@example.org"))
    assert together(resolve(mailed), 1, 2)
