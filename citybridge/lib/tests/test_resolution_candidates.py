"""resolve(): people left apart who share a surname and a city and whose given names are close
(an informal name no lexicon lists, a letter dropped, a doubled last vowel) are asked about,
most likely first, with their reasons in words; what the officers taught is applied after.
Invented names only."""

from __future__ import annotations

import pytest

from citybridge.lib.resolution import Mention, Resolution, resolve
from citybridge.lib.resolution.candidates import relation, teaches_short_form

LIBRARY = "Gradska biblioteka"


def queued(result: Resolution, a: int, b: int) -> list | None:
    """The reasons of the queued pair (a, b) as plain text, or None when it is not queued."""
    for x, y, _, reasons in result.uncertain:
        if {x, y} == {a, b}:
            return [r["text"] % r["args"] if isinstance(r, dict) else r for r in reasons]
    return None


def together(result: Resolution, *ids: int) -> bool:
    return any(set(ids) <= set(cluster) for cluster in result.clusters)


def signed(id_: int, name: str, event: str, organisation: str = "", gender: str = "") -> Mention:
    return Mention(
        id_,
        name,
        city="12",
        organisation=organisation,
        gender=gender,
        event=event,
        day="2024-03-01",
    )


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("boza", "bozidar", "stem"),  # the stem written inside the full name
        ("vule", "vukoman", "short"),  # first letters and a diminutive ending
        ("dra", "dora", "typo"),  # a letter dropped
        ("jan", "jana", "typo"),  # a letter dropped from hers: no man's name Jan is known
        ("dejan", "dejana", "names"),  # a man's name and a woman's
        ("zoranaa", "zorana", "doubled"),
        ("goran", "zoran", "names"),  # two real names one letter apart
        ("mila", "milena", ""),  # a full name of its own
        ("petar", "vukoman", ""),
    ],
)
def test_how_two_given_names_may_be_one_persons(a: str, b: str, kind: str) -> None:
    assert relation(a, b) == kind


def test_an_informal_name_the_lexicon_lacks_is_asked_about_never_linked() -> None:
    # Nothing but the names and the city in common: no pair of records is worth a question.
    result = resolve(
        [
            signed(1, "Božidar Vranješ", "e1", gender="M"),
            signed(2, "Božidar Vranješ", "e2"),
            signed(3, "BOŽA Vranješ", "e3", LIBRARY),
            signed(4, "Boža Vranješ", "e4", LIBRARY),
        ]
    )
    assert together(result, 1, 2) and together(result, 3, 4)
    assert not together(result, 1, 3)
    reasons = next(queued(result, a, b) for a in (1, 2) for b in (3, 4) if queued(result, a, b))
    assert reasons is not None
    assert reasons[0] == "same surname (Vranješ) and city, never at one engagement together"
    assert reasons[1] == "Boža may be a short form of Božidar, not yet known to CityBridge"


def test_a_letter_dropped_from_a_short_name_is_asked_about_with_nothing_else_in_common() -> None:
    # "Len" reads as a man's name beside Lena (Ivan / Ivana): never linked, yet both records
    # were written by a woman.
    result = resolve(
        [signed(1, "Lena Klepić", "e1", gender="F"), signed(2, "Len Klepić", "e2", gender="Ž")]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert "given names one letter apart: Len / Lena" in reasons


def test_a_doubled_last_vowel_is_asked_about() -> None:
    result = resolve(
        [
            signed(1, "Zorana Brkljač", "e1", LIBRARY, "F"),
            signed(2, "Zoranaa Brkljač", "e2", LIBRARY),
        ]
    )
    assert together(result, 1, 2) or queued(result, 1, 2) is not None


def test_two_people_at_one_engagement_or_of_two_genders_are_not_asked_about() -> None:
    at_one = resolve(
        [signed(1, "Lena Klepić", "e1", gender="F"), signed(2, "Len Klepić", "e1", gender="F")]
    )
    assert queued(at_one, 1, 2) is None
    genders = resolve(
        [signed(1, "Lena Klepić", "e1", gender="F"), signed(2, "Len Klepić", "e2", gender="M")]
    )
    assert queued(genders, 1, 2) is None
    # Dejan and Dejana are a man's and a woman's names: with no gender written, two people.
    unwritten = resolve([signed(1, "Dejana Klepić", "e1"), signed(2, "Dejan Klepić", "e2")])
    assert queued(unwritten, 1, 2) is None
    # No man's name Len is known: a letter dropped from Lena, asked about.
    slip = resolve([signed(1, "Lena Klepić", "e1"), signed(2, "Len Klepić", "e2")])
    assert queued(slip, 1, 2) is not None


def test_sisters_with_two_real_names_and_nothing_in_common_are_not_asked_about() -> None:
    result = resolve([signed(1, "Goran Klepić", "e1"), signed(2, "Zoran Klepić", "e2")])
    assert queued(result, 1, 2) is None


def test_different_people_is_remembered_and_not_asked_again() -> None:
    records = [
        signed(1, "Lena Klepić", "e1", gender="F"),
        signed(2, "Len Klepić", "e2", gender="F"),
    ]
    assert queued(resolve(records), 1, 2) is not None
    result = resolve(records, different=[(1, 2)])
    assert queued(result, 1, 2) is None and not together(result, 1, 2)


def test_a_taught_short_form_links_the_hubs_later_records() -> None:
    records = [
        signed(1, "Radovan Tešanović", "e1", LIBRARY),
        signed(2, "Raja Tešanović", "e2", LIBRARY),
        signed(3, "Radovan Grbić", "e3", LIBRARY),
        signed(4, "Raja Grbić", "e4", LIBRARY),
    ]
    assert not together(resolve(records), 1, 2)
    taught = resolve(records, short_forms=[("raja", "radovan")])
    assert together(taught, 1, 2) and together(taught, 3, 4)
    assert not together(taught, 1, 3)


def test_what_a_same_person_teaches() -> None:
    assert teaches_short_form(("Vule Tešanović", "", ""), ("", "Vukoman", "Tešanović")) == (
        "vule",
        "vukoman",
    )
    # A slip of the pen or a known short form teaches nothing.
    assert teaches_short_form(("Dra Klepić", "", ""), ("Dora Klepić", "", "")) is None
    assert teaches_short_form(("Saša Klepić", "", ""), ("Aleksandar Klepić", "", "")) is None


def test_a_surname_with_two_letters_swapped_is_asked_about_with_a_known_short_form() -> None:
    result = resolve(
        [signed(1, "Ljubomir Tešanović", "e1"), signed(2, "Ljuba TEŠAONVIĆ", "e2", LIBRARY)]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert reasons[0] == (
        "surnames with two letters swapped (Tešanović / Tešaonvić) and the same city, never at "
        "one engagement together"
    )
    assert "Ljuba is a known short form of Ljubomir" in reasons


def test_namesakes_in_two_cities_at_two_offices_of_one_kind_are_not_asked_about() -> None:
    # "Centre for Social Work Tutin" and "... Bar" are alike to a fuzzy comparison, yet they
    # are two offices: with two known cities, the namesakes are two people.
    result = resolve(
        [
            Mention(1, "Ljubica Janković", city="51", organisation="Centre for Social Work Tutin"),
            Mention(2, "Ljubica Janković", city="34", organisation="Centre for Social Work Bar"),
        ]
    )
    assert not together(result, 1, 2) and queued(result, 1, 2) is None


def test_an_address_kept_from_a_maiden_name_is_asked_about_with_a_short_name() -> None:
    # Dragana Vuksanović became Gana Orlić, and kept her old address.
    result = resolve(
        [
            signed(1, "Dragana Vuksanović", "e1", gender="F"),
            Mention(
                2,
                "Gana Orlić",
                email="dragana.vuksanovic@grad.example.org",
                city="12",
                gender="F",
                event="e2",
                day="2025-03-01",
            ),
        ]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert "spells the other's name (Dragana Vuksanović)" in reasons[0]


def test_an_address_spelling_the_name_misspelt_beside_it_is_asked_about() -> None:
    # Blagoja Atanasov signed once as Blagoj (with her address) and once as Atnaasov: no two
    # records of theirs agree on both names, the address spells the other's.
    result = resolve(
        [
            Mention(
                1,
                "Blagoj Atanasov",
                email="blagoja.atanasov@grad.example.org",
                city="12",
                event="e1",
                day="2024-03-01",
            ),
            signed(2, "Blagoja  Atnaasov", "e2"),
        ]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert "spells the other's name (Blagoja Atnaasov)" in reasons[0]


def test_a_surname_misspelt_with_a_doubled_letter_is_asked_about() -> None:
    # TODRAAV sounds as Todrav, Todarav with two letters swapped no longer sounds like it.
    result = resolve(
        [
            signed(1, "Vasilije Todarav", "e1", LIBRARY, "M"),
            signed(2, "TODRAAV Vasilij", "e2", LIBRARY, "M"),
        ]
    )
    assert together(result, 1, 2) or queued(result, 1, 2) is not None


def test_one_given_name_with_a_surname_twice_misspelt_is_asked_about() -> None:
    # Ristov written Рисотв on one sheet and Rsitov on another: the same letters in another
    # order, two slips apart, so no pair of records links them.
    result = resolve(
        [
            signed(1, "Ристо Рисотв", "e1", gender="M"),
            signed(2, "Risto  Rsitov", "e2", gender="M"),
        ]
    )
    assert not together(result, 1, 2)
    assert queued(result, 1, 2) == [
        "surnames of the same letters in another order (Рисотв / Rsitov) and the same city, "
        "never at one engagement together",
        "same given name (Ристо)",
    ]


def test_surnames_of_the_same_letters_are_not_asked_about_for_two_given_names() -> None:
    result = resolve([signed(1, "Ana Rsitov", "e1"), signed(2, "Vesna Risotv", "e2")])
    assert queued(result, 1, 2) is None
    # Nor a man and a woman, nor two people met at one engagement.
    result = resolve(
        [signed(1, "Saša Rsitov", "e1", gender="M"), signed(2, "Saša Risotv", "e2", gender="F")]
    )
    assert queued(result, 1, 2) is None
    result = resolve([signed(1, "Risto Rsitov", "e1"), signed(2, "Risto Risotv", "e1")])
    assert queued(result, 1, 2) is None


def test_a_surname_twice_misspelt_with_a_letter_dropped_from_the_given_name_needs_context() -> None:
    # Vasko Tdoorovski and Vaska Todorvoski, both Todorovski: two slips in the surname and a
    # letter apart in the given name. Asked when the organisation and the role agree too, not
    # on the names, the city and the organisation alone.
    def at(id_: int, name: str, event: str, role: str = "") -> Mention:
        return Mention(
            id_, name, city="12", organisation=LIBRARY, role=role, gender="M", event=event
        )

    result = resolve(
        [at(1, "Vasko Tdoorovski", "e1", "librarian"), at(2, "Vaska Todorvoski", "e2", "librarian")]
    )
    assert not together(result, 1, 2)
    assert queued(result, 1, 2) == [
        "surnames of the same letters in another order (Tdoorovski / Todorvoski) and the same "
        "city, never at one engagement together",
        "given names one letter apart: Vasko / Vaska",
        "same organisation",
        "same role",
    ]
    alone = resolve([at(1, "Vasko Tdoorovski", "e1"), at(2, "Vaska Todorvoski", "e2")])
    assert queued(alone, 1, 2) is None


def test_one_given_name_read_as_the_surname_on_one_side_only_is_asked_about() -> None:
    # "Xhemile Mustafa" reads as the man Mustafa (a given name of the lexicon), yet a sheet says
    # F; beside her double surname Mustafa-Kelmendi she is Xhemile on both sides.
    result = resolve(
        [
            signed(1, "Xhemile Mustafa", "e1", LIBRARY, "F"),
            signed(2, "Xhemile Mustafa-Kelmendi", "e2", LIBRARY),
        ]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert "same given name (Xhemile)" in reasons
    # Written M, the same words are a man and a woman: not asked.
    man = resolve(
        [
            signed(1, "Xhemile Mustafa", "e1", LIBRARY, "M"),
            signed(2, "Xhemile Mustafa-Kelmendi", "e2", LIBRARY, "F"),
        ]
    )
    assert queued(man, 1, 2) is None


def test_a_short_form_spelt_as_in_english_is_a_known_short_form() -> None:
    assert relation("sasha", "aleksandra") == "nickname"  # Saša, written Sasha
    result = resolve(
        [
            signed(1, "Aleksandra Lukovac", "e1", LIBRARY, "F"),
            signed(2, "Sasha Lukovac", "e2", LIBRARY, "F"),
        ]
    )
    assert together(result, 1, 2) or queued(result, 1, 2) is not None


def test_a_mans_form_of_a_given_name_written_by_a_woman_is_asked_about() -> None:
    # Vid is a man's name and Vida a woman's: the sheet of "Vid" says F, the other says
    # nothing. A slip of the pen, not a brother.
    result = resolve(
        [
            Mention(1, "Vid Klepić", city="12", gender="F", role="teacher", event="e1"),
            Mention(2, "Vida Klepić", city="12", role="teacher", event="e2"),
        ]
    )
    assert not together(result, 1, 2)
    reasons = queued(result, 1, 2)
    assert reasons is not None
    assert "given names one letter apart: Vid / Vida" in reasons
    brother = resolve(
        [
            Mention(1, "Vid Klepić", city="12", role="teacher", event="e1"),
            Mention(2, "Vida Klepić", city="12", gender="F", role="teacher", event="e2"),
        ]
    )
    assert queued(brother, 1, 2) is None


def test_a_citizens_initiative_in_two_languages_is_one_kind_of_organisation() -> None:
    from citybridge.lib.resolution.profiles import organisation_kind

    kinds = {
        organisation_kind(written)
        for written in ("Nisma Qytetare Fier", "Citizens' Initiative Fier", "Građanska inicijativa")
    }
    assert kinds == {"civil_society"}


def test_an_address_spelling_a_surname_as_in_english_is_matched_by_its_letters() -> None:
    # radovan.keshic@ writes Kešić as in English; "Ksehic" on another sheet holds the letters
    # of "keshic" in another order: the address spells that record's name.
    mail = "radovan.keshic@zelengrad.example.org"
    result = resolve(
        [
            Mention(1, "Radovan Kešić", email=mail, city="12", organisation=LIBRARY, event="e1"),
            Mention(2, "Radovan Kesic", email=mail, city="12", event="e2"),
            Mention(3, "Ksehic, Radovan", city="12", organisation=LIBRARY, event="e3"),
        ]
    )
    assert not together(result, 1, 3)
    reasons = queued(result, 1, 3)
    assert reasons == [
        "an e-mail address of one spells the other's name (Radovan Ksehic), in the same city, "
        "never at one engagement together"
    ]


def test_two_names_both_turned_round_are_not_an_unknown_short_form() -> None:
    # Jeton Rama and Jeton Bajrami, neither word in the lexicon: read the other way round,
    # "Rama" would be a short form of "Bajrami" under the surname Jeton. Both wrote Jeton
    # first, where a given name stands: one given name, two surnames, nothing to ask.
    def at(id_: int, name: str, event: str) -> Mention:
        return Mention(
            id_, name, city="12", organisation=LIBRARY, role="librarian", gender="M", event=event
        )

    result = resolve([at(1, "Jeton Rama", "e1"), at(2, "Jeton Bajrami", "e2")])
    assert queued(result, 1, 2) is None


def test_an_address_spelling_the_full_name_of_a_record_written_with_its_short_form() -> None:
    # svetlana.tomaric@ beside "TOMARIĆ Ceca" (Ceca: Svetlana's short form), the address's
    # owner now signing Svetlana Brankač: the address kept from her maiden name.
    mail = "svetlana.tomaric@zelengrad.example.org"
    result = resolve(
        [
            Mention(1, "Svetlana Brankač", email=mail, city="12", gender="F", event="e1"),
            Mention(2, "TOMARIĆ Ceca", city="12", gender="F", event="e2"),
        ]
    )
    assert not together(result, 1, 2)
    assert queued(result, 1, 2) == [
        "an e-mail address of one spells the other's name (Ceca TOMARIĆ), in the same city, "
        "never at one engagement together"
    ]
