"""Column specs: which headings partners write for each field we import.

A spec lists, for each canonical field, the headings we accept for it, in English and the
languages of the Western Balkans (Serbian, Bosnian, Croatian, Montenegrin, Macedonian, Albanian),
Latin and Cyrillic. Headings are compared folded (case, diacritics, script and punctuation
ignored), so "OPŠTINA", "Opstina" and "Општина" are one synonym; we still write the common
spellings out because a reader of this file should see what is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    name: str
    label: str | Promise  # for people: translated when shown
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class ColumnSpec:
    """What a sheet of one kind must and may contain.

    `required` is a list of alternatives, each a tuple of field names that together satisfy it:
    ((("full_name",), ("first_name", "last_name")),) means "a full-name column, or both a
    first-name and a last-name column". `ignored` headings are known and deliberately skipped.
    """

    kind: str | Promise  # for people: "attendance sheet", translated when shown
    fields: tuple[Field, ...]
    required: tuple[tuple[tuple[str, ...], ...], ...] = ()
    ignored: tuple[str, ...] = field(default=())

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


_FULL_NAME = Field(
    "full_name",
    _("full name"),
    (
        "Full name", "Name", "Name and surname", "First and last name", "Participant",
        "Ime i prezime", "Ime i prezime učesnika", "Prezime i ime", "Ime prezime",
        "Име и презиме", "Презиме и име", "Име презиме",
        "Emri dhe mbiemri", "Emri e mbiemri", "Emri mbiemri", "Mbiemri dhe emri",
        "Pjesëmarrësi", "Učesnik", "Sudionik", "Учесник",
    ),
)  # fmt: skip
_FIRST_NAME = Field(
    "first_name",
    _("first name"),
    ("First name", "Given name", "Forename", "Ime", "Име", "Emri", "Emër", "Emri i parë"),
)
_LAST_NAME = Field(
    "last_name",
    _("last name"),
    ("Last name", "Surname", "Family name", "Prezime", "Презиме", "Mbiemri", "Mbiemër"),
)
_ORGANISATION = Field(
    "organisation",
    _("organisation"),
    (
        "Organisation", "Organization", "Institution", "Organisation / Institution",
        "Organization / Institution", "Agency", "Employer",
        "Organizacija", "Institucija", "Ustanova", "Organizacija / Institucija",
        "Organizacija / institucija / ustanova", "Naziv institucije", "Naziv organizacije",
        "Организација", "Институција", "Установа", "Организација / Институција",
        "Organizata", "Institucioni", "Organizata / Institucioni", "Organizata/Institucioni",
    ),
)  # fmt: skip
_ROLE = Field(
    "role",
    _("role"),
    (
        "Role", "Position", "Function", "Job title", "Position / Role",
        "Pozicija", "Funkcija", "Radno mjesto", "Radno mesto", "Zvanje", "Položaj",
        "Позиција", "Функција", "Радно место", "Радно мјесто", "Звање",
        "Pozita", "Funksioni", "Roli", "Pozicioni", "Detyra",
    ),
)  # fmt: skip
_CITY = Field(
    "city",
    _("city / municipality"),
    (
        "City", "Municipality", "City / Municipality", "Town", "Local government", "Place",
        "Grad", "Opština", "Općina", "Opstina", "Opcina", "Grad / Opština", "Grad / Općina",
        "Mjesto", "Mesto", "Lokalna samouprava", "Jedinica lokalne samouprave",
        "Град", "Општина", "Град / Општина", "Место", "Мјесто",
        "Komuna", "Bashkia", "Komuna / Bashkia", "Qyteti", "Vendi",
    ),
)  # fmt: skip
_COUNTRY = Field(
    "country",
    _("country"),
    ("Country", "Country code", "Država", "Drzava", "Држава", "Shteti", "Vendi / Shteti"),
)
_EMAIL = Field(
    "email",
    _("e-mail"),
    (
        "E-mail", "Email", "E-mail address", "Email address", "Mail", "E-mail adresa",
        "Email adresa", "Adresa e-pošte", "E-pošta", "Elektronska pošta",
        "Е-маил", "Е-пошта", "Е-mail", "Електронска пошта", "Емаил", "Адреса е-поште",
        "Adresa e emailit", "Posta elektronike", "E-posta",
    ),
)  # fmt: skip
_GENDER = Field(
    "gender",
    _("gender"),
    ("Gender", "Sex", "M/F", "M/Ž", "Pol", "Spol", "Пол", "Gjinia", "Gjinia (M/F)"),
)

# A participant's own agreements, ticked on a paper sign-in sheet (checkin.paper prints these
# headings): read as consents given on the engagement's day (imports.attendance). Never a bare
# "Contact", which partners use for a phone number.
_CONSENT_CONTACT = Field(
    "consent_contact",
    _("agrees to be contacted"),
    (
        "Contact me", "Consent to contact", "Consent to be contacted", "Agrees to be contacted",
        "Më kontaktoni", "Pëlqim për kontakt", "Kontaktirajte me", "Saglasnost za kontakt",
        "Suglasnost za kontakt", "Контактирајте ме", "Контактирајте", "Согласност за контакт",
        "Сагласност за контакт",
    ),
)  # fmt: skip
_CONSENT_PHOTO = Field(
    "consent_photo",
    _("agrees to photographs"),
    (
        "Photos of me", "Consent to photos", "Consent to photographs", "Photo consent",
        "Fotografi të mia", "Pëlqim për fotografi", "Moje fotografije", "Saglasnost za fotografije",
        "Suglasnost za fotografije", "Моје фотографије", "Мои фотографии",
        "Согласност за фотографии",
    ),
)  # fmt: skip
_CONSENT_QUOTE = Field(
    "consent_quote",
    _("agrees to be quoted"),
    (
        "Quote me", "Consent to quote", "Consent to be quoted", "Quote consent",
        "Më citoni", "Pëlqim për citim", "Citirajte me", "Saglasnost za citiranje",
        "Suglasnost za citiranje", "Цитирајте ме", "Цитирајте", "Согласност за цитирање",
    ),
)  # fmt: skip
CONSENT_FIELDS = ("consent_contact", "consent_photo", "consent_quote")

# Which engagement a row belongs to, by the engagement's key or title: a form partners reuse at
# every event (a KoboToolbox sign-in form with the event chosen at the top) sends the rows of
# several engagements in one export.
_ENGAGEMENT = Field(
    "engagement",
    _("engagement"),
    (
        "Engagement", "Event", "Activity", "Engagement key", "Event key", "Event code",
        "Događaj", "Dogadjaj", "Aktivnost", "Skup", "Догађај", "Активност", "Настан",
        "Aktiviteti", "Ngjarja", "Eventi",
    ),
)  # fmt: skip

ATTENDANCE = ColumnSpec(
    kind=_("attendance sheet"),
    fields=(
        _FULL_NAME, _FIRST_NAME, _LAST_NAME, _ORGANISATION, _ROLE, _CITY, _EMAIL, _GENDER,
        _ENGAGEMENT, _CONSENT_CONTACT, _CONSENT_PHOTO, _CONSENT_QUOTE,
    ),
    required=((("full_name",), ("first_name", "last_name")),),
    ignored=(
        "#", "No.", "No", "Nr.", "Nr", "Br.", "Br", "R.br.", "Rb", "Redni broj", "Р.бр.", "Бр.",
        "Ред. бр.", "Nr. rendor", "Serial",
        "Signature", "Potpis", "Потпис", "Nënshkrimi", "Nenshkrimi",
        "Telephone", "Phone", "Telefon", "Телефон", "Tel.",
    ),
)  # fmt: skip

_JOINED = Field(
    "joined",
    _("date joined"),
    (
        "Joined", "Date joined", "Member since", "Joined on", "Pristupila", "Datum pristupanja",
        "Član od", "Приступила", "Датум приступања", "Anëtarësuar", "Data e anëtarësimit",
    ),
)  # fmt: skip
_LEFT = Field(
    "left",
    _("date left"),
    (
        "Left", "Date left", "Left on", "Member until", "Istupila", "Datum istupanja",
        "Иступила", "Датум иступања", "Larguar", "Data e largimit",
    ),
)  # fmt: skip

MEMBERS = ColumnSpec(
    kind=_("member cities sheet"),
    fields=(_CITY, _COUNTRY, _JOINED, _LEFT),
    required=((("city",),), (("country",),), (("joined",),)),
    ignored=("#", "No.", "Br.", "Rb"),
)

ENGAGEMENTS = ColumnSpec(
    kind=_("engagements sheet"),
    fields=(
        Field("key", _("key"), ("Key", "Code", "ID", "Ref", "Reference", "Šifra", "Kodi")),
        Field(
            "title", _("title"), ("Title", "Name of event", "Event", "Naziv", "Назив", "Titulli")
        ),
        Field(
            "type",
            _("type"),
            ("Type", "Event type", "Kind", "Format", "Vrsta", "Tip", "Врста", "Тип", "Lloji"),
        ),
        Field(
            "start",
            _("start date"),
            ("Start", "Start date", "From", "Date", "Datum", "Početak", "Od", "Датум", "Fillimi"),
        ),
        Field("end", _("end date"), ("End", "End date", "To", "Kraj", "Do", "Крај", "Mbarimi")),
        _CITY,
        _COUNTRY,
    ),
    required=((("key",),), (("title",),), (("start",),)),
    ignored=("#", "No.", "Br.", "Rb"),
)

PRACTICES = ColumnSpec(
    kind=_("good practices sheet"),
    fields=(
        Field("title", _("title"), ("Title", "Practice", "Good practice", "Naziv", "Titulli")),
        Field(
            "summary",
            _("summary"),
            ("Summary", "Description", "Abstract", "Opis", "Sažetak", "Опис", "Përshkrimi"),
        ),
        _CITY,
        _COUNTRY,
        Field(
            "themes", _("themes"), ("Themes", "Theme", "Topics", "Teme", "Теме", "Temat", "Tema")
        ),
        Field(
            "human_rights_based",
            _("human-rights-based"),
            (
                "Human rights based",
                "Human-rights-based",
                "HRBA",
                "Human rights-based approach",
                "Zasnovano na ljudskim pravima",
                "Bazuar në të drejtat e njeriut",
            ),
        ),
        Field(
            "gender_sensitive",
            _("gender-sensitive"),
            (
                "Gender sensitive",
                "Gender-sensitive",
                "Gender responsive",
                "Rodno osjetljivo",
                "Rodno osetljivo",
                "E ndjeshme ndaj gjinisë",
            ),
        ),
        Field(
            "evidence",
            _("evidence"),
            ("Evidence", "Results", "Outcome", "Rezultati", "Dokazi", "Dëshmi"),
        ),
        Field("language", _("language"), ("Language", "Jezik", "Језик", "Gjuha")),
        Field(
            "target_groups",
            _("target groups"),
            ("Target groups", "Target group", "Beneficiaries", "Ciljne grupe", "Grupet e synuara"),
        ),
        Field("url", _("link"), ("URL", "Link", "Web", "Website", "Source", "Izvor", "Burimi")),
    ),
    required=((("title",),),),
    ignored=("#", "No.", "Br.", "Rb"),
)

SPECS: tuple[ColumnSpec, ...] = (ATTENDANCE, MEMBERS, ENGAGEMENTS, PRACTICES)
