"""The demonstration's needs: what cities said at the hub's consultations and convenings, in the
language they said it, and what they told the hub of their concerns and existing approaches.

About cities only: no person is named. Multi-actor mechanisms are raised by fourteen member
cities, as in the brief's first priority; national-local cooperation and trust with youth, women
and marginalised groups follow.
"""

from __future__ import annotations

from citybridge.demo.themes import (
    COM,
    EDU,
    EWR,
    HAT,
    MAM,
    MAR,
    MHP,
    NLC,
    PLAN,
    POL,
    POLICE,
    RET,
    WOM,
    YOU,
)
from citybridge.needs.actions import change_need_status, record_consultation
from citybridge.needs.models import Need
from citybridge.network.models import Theme

# theme -> language -> statements (the first is used unless a need asks for another).
STATEMENTS: dict[str, dict[str, list[str]]] = {
    MAM: {
        "cnr": [
            "Potrebna nam je podrška da osnujemo Savjet za bezbjednost i da on zaista radi: "
            "pravila, koordinator i redovni sastanci.",
            "Savjet za bezbjednost postoji na papiru, ali se ne sastaje; trebaju nam iskustva "
            "gradova u kojima radi.",
            "Opština želi mehanizam u kojem policija, škole, centar za socijalni rad i vjerske "
            "zajednice zajedno rade na prevenciji.",
        ],
        "sr": [
            "Potrebna nam je pomoć da uspostavimo lokalni savet za bezbednost u koji će ući "
            "policija, škole, centar za socijalni rad i verske zajednice.",
        ],
        "bs": [
            "Trebamo podršku da vijeće za sigurnost zajednice postane operativno i da ima "
            "vlastiti budžet.",
        ],
        "sq": [
            "Kemi nevojë për mbështetje për ngritjen e Këshillit Vendor për Siguri Publike dhe "
            "për ta bërë funksional.",
            "Këshilli ynë për siguri nuk ka koordinator dhe plan pune; duam të mësojmë nga "
            "komunat që e kanë bërë.",
        ],
        "mk": [
            "Ни треба поддршка за да го оживееме Локалниот совет за превенција и безбедност "
            "на граѓаните.",
        ],
        "en": [
            "The municipality wants a multi-actor prevention mechanism that brings together "
            "police, schools, social services and civil society.",
        ],
    },
    RET: {
        "sq": [
            "Kemi familje të kthyera nga Siria; na duhet ndihmë për riintegrimin e grave dhe "
            "fëmijëve në shkolla dhe në komunitet.",
        ],
        "bs": [
            "Trebamo podršku za reintegraciju porodica povratnika sa stranih ratišta, "
            "posebno djece u školama.",
        ],
        "en": [
            "Support to reintegrate the families of returned foreign terrorist fighters, "
            "with psychosocial care for the children.",
        ],
    },
    NLC: {
        "sr": [
            "Saradnja sa ministarstvima je slaba; potrebna nam je jasna podela uloga između "
            "države i opštine u prevenciji.",
        ],
        "cnr": ["Trebaju nam jasni kanali saradnje sa državnim institucijama u prevenciji."],
        "sq": [
            "Na duhet bashkëpunim më i mirë me ministritë dhe institucionet qendrore për "
            "parandalimin.",
        ],
        "mk": ["Потребна е подобра соработка меѓу општината и министерствата во превенцијата."],
        "en": ["Clearer national-local cooperation: who does what, and how information flows."],
    },
    YOU: {
        "sq": [
            "Të rinjtë nuk marrin pjesë në jetën e komunës; duam programe për angazhimin e të "
            "rinjve dhe një këshill rinor.",
        ],
        "sr": ["Mladi ne veruju instituciji; potrebni su nam programi za uključivanje mladih."],
        "mk": ["Ни требаат програми за вклучување на младите и совет на млади."],
        "bs": ["Želimo osnovati vijeće mladih i uključiti mlade u odlučivanje."],
        "en": ["Programmes that engage young people and give them a voice in the city."],
    },
    WOM: {
        "sq": ["Duam të përfshijmë gratë në këshillin e sigurisë dhe në parandalim."],
        "cnr": ["Žene su malo zastupljene u savjetu; trebamo rodno osjetljiv pristup."],
        "en": ["Involve women in prevention and make the safety council gender-responsive."],
    },
    MAR: {
        "sr": ["Romska zajednica je isključena iz usluga; potrebni su nam medijatori."],
        "en": ["Building trust with marginalised groups, including Roma communities."],
        "sq": ["Na duhet të ndërtojmë besim me grupet e margjinalizuara dhe pakicat."],
    },
    HAT: {
        "bs": ["Govor mržnje na društvenim mrežama raste; trebamo način da odgovorimo."],
        "sr": ["Potrebna nam je pomoć u borbi protiv govora mržnje na internetu."],
        "mk": ["Говорот на омраза на социјалните мрежи расте; ни треба одговор."],
        "en": ["Answering online hate speech targeting communities in the city."],
    },
    POL: {
        "cnr": ["Podjele među zajednicama rastu; trebaju nam programi za suživot."],
        "sr": ["Polarizacija u gradu raste; trebaju nam programi dijaloga i poverenja."],
        "sq": ["Duam programe për bashkëjetesë dhe dialog ndëretnik."],
        "en": ["Reduce polarisation between communities and rebuild trust."],
    },
    MHP: {
        "sr": ["Nemamo psihosocijalnu podršku za mlade u riziku."],
        "en": ["Mental health and psychosocial support for young people at risk."],
    },
    EDU: {
        "mk": ["Наставниците не знаат како да препознаат радикализација кај учениците."],
        "sr": ["Nastavnicima treba obuka da prepoznaju radikalizaciju."],
        "en": ["Train teachers to recognise signs of radicalisation in schools."],
    },
    POLICE: {
        "sq": ["Duam policim në komunitet dhe më shumë besim mes policisë dhe qytetarëve."],
        "en": ["Community policing to build trust between police and residents."],
    },
    COM: {
        "mk": ["Потребна ни е стратешка комуникација и кампањи против екстремизмот."],
        "en": ["Strategic communication and counter-narrative campaigns."],
    },
    PLAN: {
        "bs": ["Trebamo podršku u izradi i provedbi lokalnog akcionog plana za prevenciju."],
        "en": ["Support to draft and implement a local P/CVE action plan."],
    },
    EWR: {
        "sr": ["Potreban nam je mehanizam ranog upozoravanja i upućivanja za mlade u riziku."],
        "sq": ["Kemi nevojë për një mekanizëm referimi dhe paralajmërimi të hershëm."],
        "en": ["An early warning and referral mechanism for people at risk."],
    },
}

# (engagement key, city, theme, language, statement index, priority, status)
NEEDS: list[tuple[str, str, str, str, int, str, str]] = [
    # WB02: mayors of North Macedonia.
    ("WB02", "Skopje", HAT, "mk", 0, "medium", "open"),
    ("WB02", "Skopje", EDU, "mk", 0, "high", "being_addressed"),
    ("WB02", "Kumanovo", YOU, "mk", 0, "high", "open"),
    ("WB02", "Kumanovo", NLC, "mk", 0, "medium", "open"),
    ("WB02", "Tetovo", MAM, "sq", 0, "high", "open"),
    ("WB02", "Tetovo", POL, "sq", 0, "medium", "open"),
    ("WB02", "Gostivar", MAM, "mk", 0, "high", "open"),
    ("WB02", "Gostivar", COM, "mk", 0, "low", "open"),
    ("WB02", "Struga", MAM, "sq", 1, "medium", "open"),
    ("WB02", "Struga", YOU, "sq", 0, "medium", "met"),
    # WB03: Albanian municipalities.
    ("WB03", "Tirana", RET, "sq", 0, "high", "being_addressed"),
    ("WB03", "Tirana", NLC, "sq", 0, "medium", "open"),
    ("WB03", "Elbasan", YOU, "sq", 0, "high", "being_addressed"),
    ("WB03", "Elbasan", MAM, "sq", 0, "high", "open"),
    ("WB03", "Shkodra", MAM, "sq", 1, "medium", "open"),
    ("WB03", "Shkodra", WOM, "sq", 0, "medium", "open"),
    ("WB03", "Durrës", POLICE, "sq", 0, "medium", "open"),
    ("WB03", "Durrës", YOU, "sq", 0, "low", "open"),
    ("WB03", "Korça", MAM, "sq", 0, "high", "open"),
    ("WB03", "Korça", MAR, "sq", 0, "medium", "open"),
    ("WB03", "Kukës", MAM, "sq", 1, "high", "open"),
    ("WB03", "Kukës", RET, "sq", 0, "high", "open"),
    # WB05: Montenegrin municipalities.
    ("WB05", "Podgorica", NLC, "cnr", 0, "medium", "met"),
    ("WB05", "Podgorica", POL, "cnr", 0, "medium", "open"),
    ("WB05", "Danilovgrad", MAM, "cnr", 0, "high", "being_addressed"),
    ("WB05", "Danilovgrad", WOM, "cnr", 0, "medium", "open"),
    ("WB05", "Budva", MAM, "cnr", 1, "medium", "open"),
    ("WB05", "Budva", NLC, "cnr", 0, "high", "being_addressed"),
    ("WB05", "Nikšić", MAM, "cnr", 2, "high", "open"),
    ("WB05", "Nikšić", YOU, "en", 0, "medium", "open"),
    ("WB05", "Bijelo Polje", POL, "cnr", 0, "high", "open"),
    ("WB05", "Bijelo Polje", EWR, "sr", 0, "medium", "open"),
    ("WB05", "Ulcinj", YOU, "sq", 0, "medium", "open"),
    ("WB05", "Ulcinj", WOM, "sq", 0, "low", "dropped"),
    # WB07: Kosovo* municipal leaders.
    ("WB07", "Prishtina", RET, "en", 0, "high", "met"),
    ("WB07", "Prishtina", HAT, "en", 0, "medium", "open"),
    ("WB07", "Prizren", MAM, "sq", 0, "high", "open"),
    ("WB07", "Prizren", POL, "sq", 0, "medium", "open"),
    ("WB07", "Mitrovica South", POL, "en", 0, "high", "open"),
    ("WB07", "Mitrovica South", RET, "sq", 0, "high", "open"),
    ("WB07", "Gjilan", MAM, "sq", 1, "medium", "open"),
    ("WB07", "Gjilan", RET, "sq", 0, "high", "being_addressed"),
    ("WB07", "Peja", POLICE, "sq", 0, "medium", "open"),
    ("WB07", "Peja", YOU, "sq", 0, "medium", "open"),
    ("WB07", "Ferizaj", MAM, "sq", 1, "high", "open"),
    ("WB07", "Ferizaj", NLC, "sq", 0, "high", "open"),
    ("WB07", "Gjakova", WOM, "sq", 0, "medium", "open"),
    ("WB07", "Gjakova", EWR, "sq", 0, "medium", "open"),
    # WB04: the inaugural workshop heard the cities of Bosnia and Herzegovina and Serbia.
    ("WB04", "Zenica", RET, "bs", 0, "high", "open"),
    ("WB04", "Zenica", PLAN, "bs", 0, "medium", "being_addressed"),
    ("WB04", "Bihać", MAM, "bs", 0, "high", "open"),
    ("WB04", "Bihać", MAR, "en", 0, "high", "open"),
    ("WB04", "Brčko", PLAN, "bs", 0, "high", "being_addressed"),
    ("WB04", "Novi Pazar", HAT, "sr", 0, "medium", "open"),
    ("WB04", "Novi Pazar", EWR, "sr", 0, "high", "open"),
    ("WB04", "Bujanovac", POLICE, "en", 0, "medium", "met"),
    ("WB04", "Bujanovac", YOU, "sr", 0, "medium", "open"),
    ("WB04", "Preševo", YOU, "sq", 0, "high", "open"),
    ("WB04", "Preševo", MAR, "sq", 0, "medium", "open"),
    # WB06: the webinar on online hate.
    ("WB06", "Mostar", HAT, "bs", 0, "high", "open"),
    ("WB06", "Tuzla", HAT, "bs", 0, "medium", "met"),
    ("WB06", "Ohrid", HAT, "mk", 0, "low", "open"),
    # WB09: the Elbasan convening on youth.
    ("WB09", "Korça", YOU, "sq", 0, "medium", "open"),
    ("WB09", "Bihać", YOU, "bs", 0, "medium", "open"),
    # WB12: the Budva workshop on national-local cooperation.
    ("WB12", "Nikšić", NLC, "cnr", 0, "medium", "open"),
    ("WB12", "Sarajevo", NLC, "en", 0, "medium", "open"),
    ("WB12", "Belgrade", NLC, "sr", 0, "low", "open"),
    ("WB12", "Kragujevac", MHP, "sr", 0, "medium", "open"),
    # WB16: the training on early warning and referral.
    ("WB16", "Tutin", EWR, "sr", 0, "high", "open"),
    ("WB16", "Niš", MAR, "sr", 0, "medium", "open"),
    ("WB16", "Rožaje", EWR, "sr", 0, "medium", "open"),
    ("WB16", "Bijelo Polje", MHP, "sr", 0, "medium", "open"),
    # WB17 (2024): Sandžak municipalities.
    ("WB17", "Novi Pazar", POL, "sr", 0, "high", "open"),
    ("WB17", "Tutin", YOU, "sr", 0, "medium", "open"),
    ("WB17", "Rožaje", POL, "cnr", 0, "medium", "open"),
]

# (engagement, city, concerns, existing approaches): what the hub wrote down beyond the needs.
FINDINGS = [
    (
        "WB02",
        "Kumanovo",
        "Tensions between communities after incidents; online hate around elections.",
        "A Local Safety Council that meets monthly; youth centres run with civil society.",
    ),
    (
        "WB02",
        "Tetovo",
        "Young people leaving; little contact between Albanian and Macedonian youth.",
        "A council for prevention exists on paper; schools run some joint activities.",
    ),
    (
        "WB03",
        "Elbasan",
        "Young people do not take part in municipal life; recruitment online.",
        "A youth office with two staff; no youth council.",
    ),
    (
        "WB03",
        "Kukës",
        "Families returned from Syria; stigma in schools.",
        "Social services follow the families case by case, without a mechanism.",
    ),
    (
        "WB05",
        "Danilovgrad",
        "No forum where police, schools and social work meet; the new mayor wants one.",
        "A decision on a Savjet za bezbjednost was adopted years ago but never applied.",
    ),
    (
        "WB05",
        "Bijelo Polje",
        "Divisions between communities visible in schools and sport.",
        "Religious communities meet informally; no municipal programme.",
    ),
    (
        "WB07",
        "Gjilan",
        "Children of returned families need psychosocial care.",
        "School psychologists, too few for the need.",
    ),
    (
        "WB07",
        "Mitrovica South",
        "Polarisation across the river; rumours spread fast online.",
        "Civil society dialogue projects, funded from abroad.",
    ),
]


def build(ctx) -> None:
    """Record each city's needs and notes at its engagement, through record_consultation."""
    themes = {t.slug: t for t in Theme.objects.all()}
    officer = ctx.users.get("officer")
    notes = {(key, city): (c, a) for key, city, c, a in FINDINGS}
    grouped: dict[tuple[str, str], list[tuple[str, str, int, str, str]]] = {}
    for key, city, theme, language, index, priority, status in NEEDS:
        grouped.setdefault((key, city), []).append((theme, language, index, priority, status))
    for (key, city_name), rows in grouped.items():
        engagement, city = ctx.engagements[key], ctx.cities[city_name]
        concerns, approaches = notes.get((key, city_name), ("", ""))
        needs = [
            Need(
                theme=themes[theme],
                statement=STATEMENTS[theme][language][index],
                language=language,
                priority=priority,
            )
            for theme, language, index, priority, _status in rows
        ]
        _finding, saved = record_consultation(
            engagement,
            city,
            concerns=concerns,
            approaches=approaches,
            needs=needs,
            acting_user=officer,
        )
        for need, (*_rest, status) in zip(saved, rows, strict=True):
            if status != Need.Status.OPEN:
                change_need_status(need, status, acting_user=officer)
