"""The demonstration's good-practice library (demo/library.py) and Expert Pool, written through
the practices' and support's actions.
"""

from __future__ import annotations

from citybridge.demo.library import PRACTICES
from citybridge.demo.themes import (
    COM,
    EDU,
    EWR,
    HAT,
    MAM,
    MHP,
    NLC,
    PLAN,
    POL,
    POLICE,
    RET,
    WOM,
    YOU,
)
from citybridge.network.models import Country, Theme
from citybridge.practices.actions import save_practice, save_translation
from citybridge.practices.models import Practice, TargetGroup
from citybridge.support.actions import save_expert
from citybridge.support.models import Expert

# Invented experts: name, languages, countries they work in, themes, profile, available now.
EXPERTS = [
    (
        "Arben Hoxha",
        "sq, en",
        ["AL", "XK", "MK"],
        [MAM, EWR],
        "Former coordinator of a Local Safety Council in Albania; referral mechanisms and "
        "training of municipal staff.",
        True,
    ),
    (
        "Elena Stojanovska",
        "mk, sq, en",
        ["MK"],
        [YOU, EDU],
        "Youth worker and trainer; youth councils, participatory budgets and school programmes.",
        True,
    ),
    (
        "Selma Begić",
        "bs, en",
        ["BA", "ME"],
        [RET, MHP, WOM],
        "Psychologist; psychosocial support for women and children returned from conflict zones.",
        True,
    ),
    (
        "Marija Radulović",
        "cnr, en",
        ["ME"],
        [WOM, MAM],
        "Gender equality adviser to municipalities; gender-responsive safety planning.",
        True,
    ),
    (
        "Lars Eriksen",
        "en, no",
        ["NO", "DK"],
        [MAM, YOU],
        "Ran a municipal SLT coordination model; multi-agency prevention for young people.",
        False,
    ),
    (
        "Nina Petrović",
        "sr, en",
        ["RS", "BA"],
        [HAT, COM],
        "Journalist and trainer; hate speech monitoring, media literacy and campaigns.",
        True,
    ),
    (
        "Besa Gashi",
        "sq, en",
        ["XK", "MK"],
        [YOU, POL],
        "Civil society leader; inter-ethnic youth dialogue and social cohesion in mixed "
        "municipalities.",
        True,
    ),
    (
        "Goran Ilievski",
        "mk, en",
        ["MK", "RS"],
        [POLICE, EWR],
        "Retired police commander; community policing and early warning with municipalities.",
        True,
    ),
    (
        "Sara Lindqvist",
        "en, sv",
        ["SE", "BA", "AL"],
        [PLAN, NLC],
        "Drafts P/CVE action plans with local and national governments; monitoring and indicators.",
        True,
    ),
]


def build(ctx) -> None:
    """The library and the Expert Pool, through the practices' and support's actions."""
    themes = {t.slug: t for t in Theme.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    known_countries = set(Country.objects.values_list("code", flat=True))
    officer = ctx.users.get("officer")
    for p in PRACTICES:
        if p.country not in known_countries:
            continue
        practice = save_practice(
            Practice(
                title=p.title,
                summary=p.summary,
                what_was_done=p.done,
                results=p.results,
                origin_city_name=p.city,
                origin_country_id=p.country,
                human_rights_based=bool(p.rights),
                human_rights_reason=p.rights,
                gender_sensitive=bool(p.gender),
                gender_reason=p.gender,
                evidence=p.evidence,
                languages=p.languages,
            ),
            themes=[themes[s] for s in p.themes],
            target_groups=[groups[s] for s in p.targets],
            acting_user=officer,
        )
        for language, (title, summary) in p.translations.items():
            save_translation(
                practice, language=language, title=title, summary=summary, acting_user=officer
            )
    existing = set(Expert.objects.filter(hub=ctx.hub).values_list("full_name", flat=True))
    for name, languages, countries, slugs, bio, available in EXPERTS:
        if name in existing:
            continue
        expert = save_expert(
            Expert(full_name=name, languages=languages, bio=bio, available=available),
            hub=ctx.hub,
            themes=[themes[s] for s in slugs],
            acting_user=officer,
        )
        expert.countries.set(Country.objects.filter(code__in=countries))
