"""Role cells in six languages and two scripts, to one vocabulary."""

from __future__ import annotations

import pytest

from citybridge.lib.roles import LOCAL_LEADER_ROLES, Role, normalise_role

CASES = {
    Role.MAYOR: [
        "Mayor", "Gradonačelnik", "Gradonacelnik", "Gradonačelnica", "Градоначелник",
        "Градоначалник", "Načelnik općine", "Načelnica opštine", "Начелник општине",
        "Načelnik", "Predsjednik opštine", "Predsednik opštine", "Председник општине",
        "Kryetar i Komunës", "Kryetar i Bashkisë", "Kryetari", "Kryetarja e Komunës",
        "MAYOR OF TESTGRAD", "President of the Municipality",
    ],
    Role.DEPUTY_MAYOR: [
        "Deputy Mayor", "Vice Mayor", "Vice-mayor", "Zamjenik gradonačelnika",
        "Zamenik gradonačelnika", "Zamjenica načelnika", "Заменик градоначелника",
        "Заменица градоначалник", "Заменик-градоначалник", "Nënkryetar", "Nënkryetare e Komunës",
        "Zëvendëskryetar", "Zëvendëskryetar i Bashkisë", "Potpredsjednik opštine",
        "Потпредсједник општине",
    ],
    Role.COUNCIL_CHAIR: [
        "Chair of the Municipal Council", "President of the Municipal Assembly",
        "Predsjednik Skupštine opštine", "Predsjednik općinskog vijeća",
        "Predsjedavajući Općinskog vijeća", "Predsedavajući", "Predsednik Skupštine grada",
        "Претседател на Совет на општина", "Kryesues i Kuvendit", "Kryetar i Këshillit Bashkiak",
    ],
    Role.DISTRICT_HEAD: [
        "Gradonačelnik Brčko distrikta", "Head of the Brčko District Government",
    ],
    Role.MUNICIPAL_OFFICIAL: [
        "Savjetnik gradonačelnika", "Advisor to the Mayor", "Këshilltar i Kryetarit",
        "Советник на градоначалникот", "Savjetnik", "Municipal official", "Općinski službenik",
        "Službenik opštine", "Zyrtar komunal", "Head of Department", "Načelnik odjeljenja",
        "Šef službe", "Раководител на одделение", "Sekretar sekretarijata",
        "Member of the Municipal Council", "Odbornik", "Zamjenik predsjedavajućeg vijeća",
        "Chair of the Local Safety Council", "Zamjenik", "Drejtor drejtorie",
    ],
    Role.POLICE: [
        "Police officer", "Policijski službenik", "Zyrtar policie", "Полицаец",
        "Community policing officer", "Načelnik policijske stanice", "Pripadnik policije",
    ],
    Role.SOCIAL_WORKER: [
        "Social worker", "Socijalni radnik", "Socijalna radnica", "Punonjës social",
        "Социјален работник", "Centar za socijalni rad",
    ],
    Role.TEACHER: [
        "Teacher", "Nastavnik", "Nastavnica", "Profesor", "Mësues", "Mësuese", "Učitelj",
        "School principal", "Direktor škole", "Drejtor shkolle", "Директор на училиште",
    ],
    Role.RELIGIOUS_LEADER: [
        "Imam", "Priest", "Svećenik", "Sveštenik", "Vjerski službenik", "Верски службеник",
        "Udhëheqës fetar", "Religious leader", "Muftija",
    ],
    Role.CIVIL_SOCIETY: [
        "NGO representative", "Predstavnik NVO", "Përfaqësues OJQ", "Udruženje građana",
        "Граѓанско здружение", "Civil society", "Shoqëri civile", "Activist",
        # A citizens' initiative and its president are no municipal office ("grad" in građanska).
        "Građanska inicijativa", "Predsjednik građanske inicijative", "Грађанска иницијатива",
        "Граѓанска иницијатива", "Kryetar i Nismës Qytetare", "Citizens' initiative",
    ],
    Role.YOUTH: [
        "Youth worker", "Youth Council member", "Omladinski radnik", "Član Savjeta mladih",
        "Vijeće mladih", "Punonjës rinor", "Anëtar i Këshillit Rinor", "Kryetar i Këshillit Rinor",
        "Член на Советот на млади", "Student",
    ],
    Role.NATIONAL_OFFICIAL: [
        "Ministry representative", "Predstavnik Ministarstva", "Përfaqësues i Ministrisë",
        "Министерство за внатрешни работи", "Zamjenik ministra", "Member of Parliament",
        "Government of the Federation of BiH",
    ],
    Role.INTERNATIONAL: [
        "OSCE Mission", "International organisation staff", "UNDP", "EU Delegation",
    ],
    Role.MEDIA: ["Journalist", "Novinar", "Gazetar", "Новинар", "TV reporter"],
    Role.OTHER: ["Lawyer", "Predsjednik", "President", "Head", "Doctor", "Građanin", "Citizen"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), [(text, role) for role, texts in CASES.items() for text in texts]
)
def test_normalise_role(text: str, expected: Role) -> None:
    assert normalise_role(text) == expected


def test_empty_cell_is_empty_and_unknown_is_other() -> None:
    assert normalise_role("") == ""
    assert normalise_role("   ") == ""
    assert normalise_role("Xyzzy") == "other"


def test_local_leaders_are_the_four_leader_kinds() -> None:
    leaders = {"mayor", "deputy_mayor", "council_chair", "district_head"}
    assert leaders == LOCAL_LEADER_ROLES
    assert normalise_role("Savjetnik gradonačelnika") not in LOCAL_LEADER_ROLES
    assert normalise_role("Zamjenik gradonačelnika") == "deputy_mayor"


def test_values_are_plain_strings() -> None:
    assert normalise_role("Mayor") == "mayor"
    assert isinstance(normalise_role("Mayor"), str)
