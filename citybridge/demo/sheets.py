"""Write sign-in sheets the way partners send them, from an invented world of people.

The demonstration imports these through the real importer, and the benchmarks use the same
writer at scale: headers in six languages, Latin or Cyrillic, CSV in UTF-8 (with or without BOM),
Windows-1250 or Windows-1251 with `,` or `;`, or XLSX; names with the variations people make.
Every row's true person is returned alongside, so resolution can be scored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field

import cyrtranslit
from openpyxl import Workbook

from citybridge.demo.names import GIVEN, SURNAMES, feminine_surname

HEADERS = {
    "en": [
        "#",
        "Full name",
        "Organisation",
        "Position",
        "City / Municipality",
        "Email",
        "Gender",
        "Signature",
    ],
    "sr-latn": [
        "#",
        "Ime i prezime",
        "Organizacija / Institucija",
        "Funkcija",
        "Grad / Opština",
        "E-mail",
        "Pol",
        "Potpis",
    ],
    "sr-cyrl": [
        "#",
        "Име и презиме",
        "Организација / Институција",
        "Функција",
        "Град / Општина",
        "Е-пошта",
        "Пол",
        "Потпис",
    ],
    "mk": [
        "#",
        "Име",
        "Презиме",
        "Организација / Институција",
        "Функција",
        "Град / Општина",
        "Е-пошта",
        "Пол",
        "Потпис",
    ],
    "sq": [
        "#",
        "Emri dhe mbiemri",
        "Organizata / Institucioni",
        "Pozita",
        "Komuna / Bashkia",
        "Email",
        "Gjinia",
        "Nënshkrimi",
    ],
    "bs": [
        "#",
        "Ime",
        "Prezime",
        "Institucija",
        "Pozicija",
        "Općina",
        "E-mail adresa",
        "Spol",
        "Potpis",
    ],
}
CYRILLIC_SHEETS = {"sr-cyrl", "mk"}
GENDER = {
    "en": ("F", "M"),
    "sq": ("F", "M"),
    "sr-latn": ("Ž", "M"),
    "bs": ("Ž", "M"),
    "sr-cyrl": ("Ж", "М"),
    "mk": ("Ж", "М"),
}

ROLES = {
    "mayor": {
        "en": "Mayor",
        "sr-latn": "Gradonačelnik",
        "sr-cyrl": "Градоначелник",
        "mk": "Градоначалник",
        "sq": "Kryetar i Komunës",
        "bs": "Načelnik općine",
    },
    "deputy_mayor": {
        "en": "Deputy Mayor",
        "sr-latn": "Zamenik gradonačelnika",
        "sr-cyrl": "Заменик градоначелника",
        "mk": "Заменик градоначалник",
        "sq": "Nënkryetar i Komunës",
        "bs": "Zamjenik načelnika",
    },
    "council_chair": {
        "en": "Chair of the Municipal Assembly",
        "sr-latn": "Predsednik Skupštine opštine",
        "sr-cyrl": "Председник Скупштине општине",
        "mk": "Претседател на Советот на општината",
        "sq": "Kryesues i Kuvendit Komunal",
        "bs": "Predsjedavajući Općinskog vijeća",
    },
    "district_head": {
        "en": "Mayor of Brčko District",
        "sr-latn": "Gradonačelnik Brčko distrikta",
        "sr-cyrl": "Градоначелник Брчко дистрикта",
        "mk": "Градоначалник на Брчко дистрикт",
        "sq": "Kryetar i Distriktit Brçko",
        "bs": "Gradonačelnik Brčko distrikta",
    },
    "municipal_official": {
        "en": "Municipal official",
        "sr-latn": "Službenik opštine",
        "sr-cyrl": "Службеник општине",
        "mk": "Општински службеник",
        "sq": "Zyrtar komunal",
        "bs": "Općinski službenik",
    },
    "police": {
        "en": "Community policing officer",
        "sr-latn": "Policijski službenik",
        "sr-cyrl": "Полицијски службеник",
        "mk": "Полициски службеник",
        "sq": "Zyrtar policie",
        "bs": "Policijski službenik",
    },
    "social_worker": {
        "en": "Social worker",
        "sr-latn": "Socijalni radnik",
        "sr-cyrl": "Социјални радник",
        "mk": "Социјален работник",
        "sq": "Punonjës social",
        "bs": "Socijalni radnik",
    },
    "teacher": {
        "en": "Teacher",
        "sr-latn": "Nastavnik",
        "sr-cyrl": "Наставник",
        "mk": "Наставник",
        "sq": "Mësues",
        "bs": "Nastavnik",
    },
    "religious_leader": {
        "en": "Religious leader",
        "sr-latn": "Verski službenik",
        "sr-cyrl": "Верски службеник",
        "mk": "Верски службеник",
        "sq": "Udhëheqës fetar",
        "bs": "Vjerski službenik",
    },
    "civil_society": {
        "en": "NGO representative",
        "sr-latn": "Predstavnik NVO",
        "sr-cyrl": "Представник НВО",
        "mk": "Претставник на НВО",
        "sq": "Përfaqësues OJQ",
        "bs": "Predstavnik NVO",
    },
    "youth": {
        "en": "Youth worker",
        "sr-latn": "Omladinski radnik",
        "sr-cyrl": "Омладински радник",
        "mk": "Младински работник",
        "sq": "Punonjës rinor",
        "bs": "Omladinski radnik",
    },
}
LEADER_ROLES = {"mayor", "deputy_mayor", "council_chair", "district_head"}
OTHER_ROLES = [
    "municipal_official",
    "police",
    "social_worker",
    "teacher",
    "religious_leader",
    "civil_society",
    "youth",
]

ORGANISATIONS = {
    "municipal": {
        "en": "Municipality of {c}",
        "sr-latn": "Opština {c}",
        "sr-cyrl": "Општина {c}",
        "mk": "Општина {c}",
        "sq": "Komuna e {c}",
        "bs": "Općina {c}",
    },
    "police": {
        "en": "Police {c}",
        "sr-latn": "Policija {c}",
        "sr-cyrl": "Полиција {c}",
        "mk": "Полиција {c}",
        "sq": "Policia {c}",
        "bs": "Policija {c}",
    },
    "social_worker": {
        "en": "Centre for Social Work {c}",
        "sr-latn": "Centar za socijalni rad {c}",
        "sr-cyrl": "Центар за социјални рад {c}",
        "mk": "Центар за социјална работа {c}",
        "sq": "Qendra për Punë Sociale {c}",
        "bs": "Centar za socijalni rad {c}",
    },
    "teacher": {
        "en": "Secondary school {c}",
        "sr-latn": "Srednja škola {c}",
        "sr-cyrl": "Средња школа {c}",
        "mk": "Средно училиште {c}",
        "sq": "Shkolla e mesme {c}",
        "bs": "Srednja škola {c}",
    },
    "religious_leader": {
        "en": "Religious community {c}",
        "sr-latn": "Verska zajednica {c}",
        "sr-cyrl": "Верска заједница {c}",
        "mk": "Верска заедница {c}",
        "sq": "Bashkësia fetare {c}",
        "bs": "Vjerska zajednica {c}",
    },
    "civil_society": {
        "en": "Citizens' Initiative {c}",
        "sr-latn": "Građanska inicijativa {c}",
        "sr-cyrl": "Грађанска иницијатива {c}",
        "mk": "Граѓанска иницијатива {c}",
        "sq": "Nisma Qytetare {c}",
        "bs": "Građanska inicijativa {c}",
    },
    "youth": {
        "en": "Youth Council {c}",
        "sr-latn": "Savet mladih {c}",
        "sr-cyrl": "Савет младих {c}",
        "mk": "Младински совет {c}",
        "sq": "Këshilli Rinor {c}",
        "bs": "Vijeće mladih {c}",
    },
}
TITLES = {
    "en": ["Dr.", "Mr.", "Ms."],
    "sr-latn": ["Dr.", "g-din", "gđa"],
    "bs": ["Dr.", "g-din", "gđa"],
    "sr-cyrl": ["Др", "г-дин", "г-ђа"],
    "mk": ["д-р", "г-дин", "г-ѓа"],
    "sq": ["Dr.", "z.", "znj."],
}
FOLD_DIACRITICS = str.maketrans(
    {
        "č": "c",
        "ć": "c",
        "š": "s",
        "ž": "z",
        "ë": "e",
        "ç": "c",
        "Č": "C",
        "Ć": "C",
        "Š": "S",
        "Ž": "Z",
        "Ë": "E",
        "Ç": "C",
    }
)
ENGLISH_STYLE = str.maketrans(
    {
        "š": "sh",
        "č": "ch",
        "ć": "c",
        "ž": "zh",
        "Š": "Sh",
        "Č": "Ch",
        "Ć": "C",
        "Ž": "Zh",
        "đ": "dj",
        "Đ": "Dj",
    }
)
LANGUAGE_OF_COUNTRY = {"RS": "sr", "ME": "sr", "BA": "bs", "MK": "mk", "AL": "sq", "XK": "sq"}
SHEET_LANGUAGES = {
    "RS": ["sr-latn", "sr-cyrl", "en"],
    "ME": ["sr-latn", "en"],
    "BA": ["bs", "sr-latn", "en"],
    "MK": ["mk", "en", "sq"],
    "AL": ["sq", "en"],
    "XK": ["sq", "en"],
}


@dataclass
class City:
    name: str
    country: str
    cyrillic: str = ""
    albanian: str = ""

    def written(self, language: str) -> str:
        if language in CYRILLIC_SHEETS and self.cyrillic:
            return self.cyrillic
        if language == "sq" and self.albanian:
            return self.albanian
        return self.name


@dataclass
class Invented:
    key: str
    given: str
    family: str
    female: bool
    language: str
    city: City
    role: str
    email: str = ""
    # A role held only from this date (the official who becomes mayor); before it, `role_before`.
    role_from: dt.date | None = None
    role_before: str = ""

    def role_on(self, day: dt.date) -> str:
        if self.role_from and day < self.role_from:
            return self.role_before
        return self.role

    def organisation(self, language: str, day: dt.date) -> str:
        """The organisation as this person writes it: in their own language (in the sheet's
        script where theirs has two), or in English on an English sheet or a sheet of a script
        theirs does not use. A Tirana official never writes "Opština Tirana"."""
        role = self.role_on(day)
        kind = "municipal" if role in LEADER_ROLES or role == "municipal_official" else role
        cyrillic = language in CYRILLIC_SHEETS
        own = {
            "sr": "sr-cyrl" if cyrillic else "sr-latn",
            "bs": "bs",
            "mk": "mk" if cyrillic else "en",
            "sq": "en" if cyrillic else "sq",
        }.get(self.language, "en")
        written = "en" if language == "en" else own
        return ORGANISATIONS[kind][written].format(c=self.city.written(written))


def invent_people(
    cities: list[City],
    count: int,
    rng: random.Random,
    *,
    start: int = 1,
    names: tuple[dict, dict] | None = None,
) -> list[Invented]:
    """`count` invented people; `names` = (given names, surnames) by language, shaped like
    citybridge.demo.names.GIVEN and SURNAMES (the default), so a benchmark can bring its own."""
    given_names, surnames = names or (GIVEN, SURNAMES)
    people = []
    for n in range(start, start + count):
        city = rng.choice(cities)
        language = LANGUAGE_OF_COUNTRY.get(city.country, "sr")
        female = rng.random() < 0.45
        given = rng.choice(given_names[language][0 if female else 1])
        family = rng.choice(surnames[language])
        if female:
            family = feminine_surname(family, language)
        person = Invented(
            f"P{n:05d}", given, family, female, language, city, rng.choice(OTHER_ROLES)
        )
        if rng.random() < 0.5:
            domain = f"{_ascii(city.name).lower().replace(' ', '')}.example.org"
            person.email = f"{_ascii(given).lower()}.{_ascii(family).lower()}@{domain}"
        people.append(person)
    return people


def _ascii(text: str) -> str:
    return text.translate(ENGLISH_STYLE).translate(FOLD_DIACRITICS).replace("ë", "e")


def _script(text: str, language: str, person: Invented) -> str:
    if language in CYRILLIC_SHEETS and person.language in ("sr", "mk", "bs"):
        return cyrtranslit.to_cyrillic(text, "mk" if person.language == "mk" else "sr")
    return text


def written_name(
    person: Invented,
    language: str,
    rng: random.Random,
    noise: float,
    kinds: list[str] | None = None,
) -> tuple[str, str]:
    """(given, family) as this person would write them on a sheet in `language`; the kinds
    of noise applied are appended to `kinds` (for the resolution benchmark's breakdown)."""
    applied = kinds if kinds is not None else []
    given, family = person.given, person.family
    if rng.random() < 0.25 * noise:
        given, family = given.translate(FOLD_DIACRITICS), family.translate(FOLD_DIACRITICS)
        applied.append("no-diacritics")
        if rng.random() < 0.5:
            given, family = (
                given.replace("đ", "d").replace("Đ", "D"),
                family.replace("đ", "d").replace("Đ", "D"),
            )
    elif rng.random() < 0.08 * noise:
        given, family = given.translate(ENGLISH_STYLE), family.translate(ENGLISH_STYLE)
        applied.append("english-style")
    if rng.random() < 0.03 * noise and len(family) > 5:
        i = rng.randrange(1, len(family) - 2)
        family = family[:i] + family[i + 1] + family[i] + family[i + 2 :]
        applied.append("typo")
    written = _script(given, language, person), _script(family, language, person)
    if written != (given, family):
        applied.append("cyrillic")
    return written


def full_name(
    given: str,
    family: str,
    language: str,
    rng: random.Random,
    noise: float,
    kinds: list[str] | None = None,
) -> str:
    applied = kinds if kinds is not None else []
    roll = rng.random()
    if roll < 0.05 * noise:
        name = f"{family}, {given}"
        applied.append("surname-comma-given")
    elif roll < 0.2 * noise:
        name = f"{family.upper() if rng.random() < 0.5 else family} {given}"
        applied.append("surname-first")
    else:
        caps = rng.random() < 0.05 * noise
        name = f"{given} {family.upper() if caps else family}"
        if caps:
            applied.append("capitals")
    if rng.random() < 0.06 * noise:
        name = f"{rng.choice(TITLES[language])} {name}"
        applied.append("title")
    if rng.random() < 0.08 * noise:
        name = f"  {name.replace(' ', '  ', 1)} "
        applied.append("spacing")
    return name


def sheet_rows(
    attendees: list[Invented],
    language: str,
    day: dt.date,
    rng: random.Random,
    noise: float,
    kinds: list[list[str]] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """Headers and rows; the kinds of noise of each row are appended to `kinds`."""
    headers = HEADERS[language]
    split = "Име" in headers or "Ime" in headers
    female, male = GENDER[language]
    rows = []
    for number, person in enumerate(attendees, start=1):
        applied: list[str] = []
        given, family = written_name(person, language, rng, noise, applied)
        names = (
            [given, family] if split else [full_name(given, family, language, rng, noise, applied)]
        )
        role = person.role_on(day)
        email = person.email if rng.random() < 0.7 else ""
        if email and rng.random() < 0.1 * noise:
            email = email.upper()
        role_cell = ROLES[role][language] if (role in LEADER_ROLES or rng.random() < 0.85) else ""
        city_cell = person.city.written(language)
        gender = (female if person.female else male) if rng.random() < 0.8 else ""
        if person.email and not email:
            applied.append("no-email")
        if person.city.written(language) != person.city.name:
            applied.append("city-in-other-language")
        if kinds is not None:
            kinds.append(applied)
        rows.append(
            [
                str(number),
                *names,
                person.organisation(language, day) if rng.random() < 0.8 else "",
                role_cell,
                city_cell,
                email,
                gender,
                "",
            ]
        )
    return headers, rows


def encode(
    headers: list[str], rows: list[list[str]], language: str, rng: random.Random
) -> tuple[str, bytes]:
    """(file extension, content) in one of the ways partners send sheets."""
    choice = rng.random()
    if choice < 0.3:
        book = Workbook()
        sheet = book.active
        sheet.append(headers)
        for row in rows:
            sheet.append([int(row[0]), *[c or None for c in row[1:]]])
        buffer = io.BytesIO()
        book.save(buffer)
        return "xlsx", buffer.getvalue()
    delimiter = ";" if rng.random() < 0.5 else ","
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    legacy = {"sr-cyrl": "cp1251", "mk": "cp1251", "sr-latn": "cp1250", "bs": "cp1250"}.get(
        language
    )
    if legacy and choice < 0.55:
        try:
            return "csv", text.getvalue().encode(legacy)
        except UnicodeEncodeError:
            pass  # a name the legacy code page cannot hold: the partner would have saved UTF-8
    return "csv", text.getvalue().encode("utf-8-sig" if rng.random() < 0.5 else "utf-8")


@dataclass
class WrittenSheet:
    file_name: str
    data: bytes
    truth: list[str]  # the true person's key, row by row
    noise: list[list[str]] = field(default_factory=list)  # the kinds of noise, row by row


def write_sheet(
    key: str,
    attendees: list[Invented],
    country: str,
    day: dt.date,
    rng: random.Random,
    noise: float = 1.0,
) -> WrittenSheet:
    language = rng.choice(SHEET_LANGUAGES.get(country, ["en"]))
    kinds: list[list[str]] = []
    headers, rows = sheet_rows(attendees, language, day, rng, noise, kinds)
    extension, data = encode(headers, rows, language, rng)
    return WrittenSheet(f"{key}.{extension}", data, [p.key for p in attendees], kinds)
