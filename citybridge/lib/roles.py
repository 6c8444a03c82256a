"""What a person does, read from the role cell of a sign-in sheet.

The cell is written in six languages and two scripts ("Zamjenik gradonačelnika",
"Заменик градоначалник", "Nënkryetar", "Deputy Mayor"). We fold it to Latin lowercase words and
recognise word stems, so inflected and gendered forms (gradonačelnica, načelnika, kryetarja,
заменица) need no list of their own.

Local-leader kinds feed the "mayors / local leaders engaged" key figure, so the rules lean
conservative: an adviser to the mayor, a head of department or a deputy chair of the council is
a municipal official, never a leader, and an unclear cell is "other" rather than a guess.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from citybridge.lib.text import fold


class Role(StrEnum):
    MAYOR = "mayor"
    DEPUTY_MAYOR = "deputy_mayor"
    COUNCIL_CHAIR = "council_chair"
    DISTRICT_HEAD = "district_head"
    MUNICIPAL_OFFICIAL = "municipal_official"
    POLICE = "police"
    SOCIAL_WORKER = "social_worker"
    TEACHER = "teacher"
    RELIGIOUS_LEADER = "religious_leader"
    CIVIL_SOCIETY = "civil_society"
    YOUTH = "youth"
    NATIONAL_OFFICIAL = "national_official"
    INTERNATIONAL = "international"
    MEDIA = "media"
    OTHER = "other"


LOCAL_LEADER_ROLES: frozenset[str] = frozenset(
    {Role.MAYOR, Role.DEPUTY_MAYOR, Role.COUNCIL_CHAIR, Role.DISTRICT_HEAD}
)

# Each concept is a set of folded word stems; a word belongs to the first concept (in this
# order) with a stem it starts with, so "keshilltar" (adviser) is claimed before "keshill"
# (council) and "potpredsjednik" (deputy) before "predsjednik" (president).
_CONCEPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("adviser", ("advis", "savjetn", "savetn", "sovetn", "keshilltar", "konsultant", "consultant",
                 "pomocnik", "pomosnik", "assistant", "asistent", "kabinet", "cabinet")),
    # Albanian writes "deputy mayor" as one word; on its own it still means the deputy mayor.
    ("deputy_head", ("nenkryetar", "zevendeskryetar", "zevkryetar")),
    ("deputy", ("deputy", "vice", "zamjen", "zamen", "zevendes", "potpredsj", "potpreds",
                "potpretsed", "zv", "zam")),
    ("mayor", ("mayor", "gradonac", "burgomaster", "burgermeister")),
    # On its own, "Načelnik" or "Kryetari" is the mayor; "President" or "Head" could be anyone.
    ("strong_head", ("nacelni", "kryetar")),
    ("head", ("predsjednik", "predsjednic", "predsednik", "predsednic", "pretsedatel",
              "president", "head", "chief", "sef", "rakovodit", "upravit")),
    ("chair", ("chair", "predsjedav", "predsedav", "kryesues", "kryesuese", "speaker")),
    ("council", ("council", "assembly", "skupst", "vijec", "veca", "vece", "vecu", "savjet",
                 "savet", "sovet", "kuvend", "keshill", "sobranie", "odbor")),
    ("councillor", ("councillor", "councilor", "odbornik", "vijecnik", "vecnik", "asamblist",
                    "delegat", "sovetnik")),
    # Before the municipality's "grad": a citizen ("građanin", "Građanska inicijativa") is
    # no municipal office; on its own it says nothing of a role.
    ("citizen", ("gradjan", "gragjan", "citizen", "qytetar")),
    ("municipality", ("municip", "opcin", "opstin", "opcin", "komun", "bashki", "city", "town",
                      "grada", "grad", "local")),
    ("district", ("distrikt", "district")),
    ("subunit", ("odjel", "odjeljen", "odeljen", "odsjek", "odsek", "sluzb", "sektor", "sector",
                 "department", "division", "unit", "drejtori", "oddelen", "office", "kancelarij",
                 "zyra", "zyre", "ured", "uprav", "secretar", "sekretar", "directorat", "service",
                 "safety", "security", "bezbjed", "bezbed", "sigurn", "siguri", "prevenc",
                 "prevent", "komisij", "commission", "stab", "procelnik", "referent", "inspektor",
                 "koordinator", "coordinator", "menadzer", "manager")),
    ("police", ("polic", "polis", "policing", "redarstv", "gendarm", "kpz")),
    ("international", ("international", "medjunarod", "megjunarod", "nderkombetar", "osce",
                       "obse", "osbe", "undp", "unicef", "unhcr", "unfpa", "iom", "usaid",
                       "eulex", "kfor", "nato", "gcerf", "gctf", "un", "eu", "embassy", "ambasad",
                       "delegation", "delegacij", "donor", "europ", "evrop")),
    ("media", ("journalist", "novinar", "gazetar", "media", "medij", "reporter", "urednik",
               "editor", "redaktor", "televizi", "television", "radio", "portal", "kamerman")),
    ("national", ("minist", "parliament", "parlament", "national", "nacional", "kombetar",
                  "drzavn", "republik", "republic", "federal", "federacij", "kanton", "canton",
                  "government", "vlad", "qeveri", "deputet", "poslanik", "pratenik", "ombud",
                  "agencij", "agency", "agjenci", "koordinim")),
    ("religious", ("imam", "priest", "svecenik", "svestenik", "svestenic", "vjersk", "versk",
                   "religious", "religij", "fetar", "muft", "paroh", "pastor", "rabin", "rabbi",
                   "hafiz", "klerik", "muezin", "kler", "hoxhe", "islam", "church", "crkv",
                   "kisha", "bashkesia", "vakuf", "biskup", "bishop", "fratar", "fra")),
    ("youth", ("youth", "mlad", "omladin", "rinor", "rini", "student", "studen", "ucenik",
               "nxenes")),
    ("social", ("social", "socijal", "sociale", "psiholog", "psycholog", "socijalen")),
    ("teacher", ("teacher", "nastavn", "profesor", "professor", "ucitelj", "mesues", "mesuese",
                 "school", "skol", "shkoll", "ucilist", "principal", "pedagog", "educat",
                 "edukat", "lecturer", "arsimtar", "vaspitac", "edukator")),
    ("civil", ("ngo", "nvo", "ojq", "nevladin", "nongovernment", "civil", "udruz", "zdruz",
               "shoqat", "shoqeri", "shoqer", "activist", "aktivist", "fondacij", "foundation",
               "fondacion", "cso", "ocd", "drustv", "association", "organizat", "organisation",
               "organization", "volunteer", "volonter", "vullnetar", "inicijativ",
               "iniciativ", "initiativ", "nism")),
    ("official", ("official", "officer", "sluzben", "zyrtar", "staff", "employee", "zaposl",
                  "punonjes", "clerk", "direktor", "drejtor", "director", "saradnik",
                  "suradnik", "strucn", "expert", "ekspert", "focal")),
)  # fmt: skip

_EXACT = {"zv", "zam", "fra", "kpz", "iom", "ngo", "nvo", "ojq", "cso", "ocd", "unit", "un", "eu"}


_NOT_WORDS = re.compile(r"[\W\d_]+")


def _concepts(text: str) -> set[str]:
    found = {_concept(word) for word in _NOT_WORDS.sub(" ", fold(text)).split()}
    found.discard("")
    return found


@lru_cache(maxsize=65536)
def _concept(word: str) -> str:
    """The first concept with a stem the word starts with, or "". Cached: organisation cells
    are mostly distinct (2.5 ms each through the 300 stems), their words are few."""
    for concept, stems in _CONCEPTS:
        if any(word == stem if stem in _EXACT else word.startswith(stem) for stem in stems):
            return concept
    return ""


@lru_cache(maxsize=4096)  # sheets repeat a few hundred role cells on thousands of rows
def normalise_role(text: str) -> str:
    """The role vocabulary value for a role cell: '' for an empty cell, 'other' when unclear."""
    if not text.strip():
        return ""
    c = _concepts(text)
    # Bodies whose people are never municipal leaders, whatever their title ("Načelnik
    # policijske uprave", "Zamjenik ministra", "Kryetar i Këshillit Rinor").
    for concept, role in (
        ("police", Role.POLICE),
        ("international", Role.INTERNATIONAL),
        ("media", Role.MEDIA),
    ):
        if concept in c:
            return role
    if "national" in c and "district" not in c:
        return Role.NATIONAL_OFFICIAL
    for concept, role in (
        ("religious", Role.RELIGIOUS_LEADER),
        ("youth", Role.YOUTH),
        ("social", Role.SOCIAL_WORKER),
        ("teacher", Role.TEACHER),
        ("civil", Role.CIVIL_SOCIETY),
    ):
        if concept in c:
            return role
    return _municipal_role(c)


def _municipal_role(c: set[str]) -> Role:
    leader_words = c & {"mayor", "strong_head", "head", "chair"}
    if "adviser" in c or "subunit" in c or "councillor" in c:
        return Role.MUNICIPAL_OFFICIAL
    if "deputy_head" in c:
        return Role.MUNICIPAL_OFFICIAL if "council" in c else Role.DEPUTY_MAYOR
    if "deputy" in c:
        # A deputy chair of the council is a councillor; a deputy mayor is a leader.
        if "council" in c:
            return Role.MUNICIPAL_OFFICIAL
        if c & {"mayor", "strong_head", "head", "municipality", "district"}:
            return Role.DEPUTY_MAYOR
        return Role.MUNICIPAL_OFFICIAL
    if "council" in c:
        return Role.COUNCIL_CHAIR if leader_words else Role.MUNICIPAL_OFFICIAL
    if "chair" in c and not (c - {"chair"}):
        # "Predsjedavajući" on its own: the chair of the municipal assembly in BiH usage.
        return Role.COUNCIL_CHAIR
    if "district" in c and leader_words:
        return Role.DISTRICT_HEAD
    if "mayor" in c:
        return Role.MAYOR
    if "strong_head" in c and not (c - {"strong_head", "municipality"}):
        return Role.MAYOR
    if "head" in c and "municipality" in c and not (c - {"head", "municipality"}):
        return Role.MAYOR
    if c & {"municipality", "official", "district"}:
        return Role.MUNICIPAL_OFFICIAL
    return Role.OTHER
