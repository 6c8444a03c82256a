"""A small multilingual lexicon: the words in which the region's needs and the network's practices
speak of the same things, in English, Bosnian/Croatian/Montenegrin/Serbian, Albanian and
Macedonian.

A need stated in Albanian and a practice documented in English share no word, but both speak of
"youth" and of a "council"; the matcher compares those concepts and names them as its reasons,
and the practice library's search finds a practice by the concepts of the words searched
("gjuha e urrejtjes" finds "hate speech").
Entries are written as people write them and keyed with the library's `search_key`, so Cyrillic,
diacritics and ijekavian forms all land on the same key. An entry ending in "*" matches the start
of a word (inflections); any other entry must match a whole word. A phrase of several words must
occur in that order.
"""

from __future__ import annotations

from functools import cache, lru_cache

from django.utils.translation import gettext_lazy as _

from citybridge.lib.text import search_key

# fmt: off
LEXICON: dict[str, tuple[object, list[str]]] = {
    "council": (
        _("a council or board"),
        [
            "council*", "board", "boards", "committee*", "savet", "saveta", "savetu", "savetom",
            "saveti", "savjet", "savjeta", "vijeće", "vijeća", "vijećem", "veće", "veća", "совет",
            "советот", "совети", "këshill*", "keshill*", "komitet*", "odbor*", "forum*",
        ],
    ),
    "safety": (
        _("safety and security"),
        [
            "safety", "safe", "secur*", "bezbedn*", "bezbjedn*", "sigurn*", "sigurie", "siguri*",
            "безбедн*", "sigurim*",
        ],
    ),
    "prevention": (
        _("prevention"),
        [
            "prevent*", "prevenc*", "prevencij*", "превенциј*", "parandal*", "спречув*", "sprečav*",
        ],
    ),
    "mechanism": (
        _("a multi-actor mechanism"),
        [
            "mechanism*", "mehaniz*", "mekaniz*", "механиз*", "multi-actor", "multi-agency",
            "multiagency", "multisector*", "multi-sector*", "intersector*", "međusektor*",
            "međuresor*", "shumësektor*", "shumë aktor*", "coordinat*", "koordin*", "координ*",
            "bashkërendim*", "network*", "mreža", "mreže", "mrežu", "mrežom", "rrjet*", "мрежа",
            "partnership*", "partnerstv*", "partneritet*",
        ],
    ),
    "youth": (
        _("young people"),
        [
            "youth", "young", "mlad*", "млад*", "rinj*", "rini*", "rinis*", "të rinj*", "student*",
            "učenik*", "ученик*", "nxënës*", "adolesc*", "teen*", "omladin*",
        ],
    ),
    "women": (
        _("women and gender"),
        [
            "women", "woman", "gender*", "girl*", "žena", "žene", "ženama", "ženski*", "жени",
            "жена", "жените", "gra", "grave", "gratë", "grua*", "vajza", "vajzat", "djevojk*",
            "devojk*", "rodn*", "родов*", "gjinor*", "mothers", "mother", "majk*", "nëna", "nënat",
        ],
    ),
    "returnees": (
        _("returnees and their families"),
        [
            "returnee*", "returning", "return", "repatria*", "reintegr*", "riintegr*", "povratni*",
            "повратни*", "kthyer*", "të kthyer*", "riatdhes*", "rehabilit*",
            "foreign terrorist fighter*", "ftf", "strani borci", "stranih boraca", "luftëtar*",
            "syria", "sirij*", "сириј*", "siri",
        ],
    ),
    "families": (
        _("families and children"),
        [
            "famil*", "porodic*", "familj*", "семејств*", "семеј*", "child*", "deca", "dece",
            "deci", "decu", "djeca", "djece", "dijete", "dete", "deteta", "деца", "дете", "fëmij*",
            "parent*", "roditel*", "roditelj*", "родител*", "prind*",
        ],
    ),
    "cooperation": (
        _("national-local cooperation"),
        [
            "national-local", "national", "nacional*", "национал*", "kombëtar*", "ministr*",
            "министер*", "ministri*", "central government", "state level", "državn*", "cooperat*",
            "saradnj*", "suradnj*", "sorabot*", "соработ*", "bashkëpun*", "nlc", "vertical*",
            "dialogue between",
        ],
    ),
    "hate": (
        _("hate speech and hate incidents"),
        [
            "hate", "hatred", "mržnj*", "мразa", "омраз*", "omraz*", "urrejtj*", "urrejtje",
            "hate speech", "govor mržnje", "gjuha e urrejtjes", "говор на омраза", "insult*",
            "graffiti", "grafit*", "incident*",
        ],
    ),
    "online": (
        _("online harms and social media"),
        [
            "online", "internet*", "интернет*", "onlajn", "digital*", "дигитал*", "dixhital*",
            "social media", "društven* mrež*", "rrjete sociale", "rrjetet sociale",
            "disinformation", "dezinform*", "дезинформ*", "misinformation", "propagand*",
            "пропаганд*", "fake news", "lažn* vest*", "lajme të rreme", "tiktok", "facebook",
            "media literacy", "medijsk* pismen*",
        ],
    ),
    "polarisation": (
        _("polarisation and social cohesion"),
        [
            "polari*", "поларизац*", "cohesion", "kohez*", "кохез*", "suživot*", "suzivot*",
            "coexistence", "bashkëjetes*", "соживот*", "toleran*", "толеран*", "interethnic*",
            "inter-ethnic*", "međuetni*", "multietni*", "ndëretni*", "меѓуетни*", "dialog*",
            "дијалог*", "interfaith", "interreligi*", "međuversk*", "međuvjersk*", "ndërfetar*",
            "меѓурелиги*", "divided", "division*", "podel*", "podjel*", "ndarj*", "trust",
            "poverenj*", "povjerenj*", "доверб*", "besueshm*", "besim i", "reconcil*", "pomirenj*",
            "pajtim*",
        ],
    ),
    "mental_health": (
        _("mental health and psychosocial support"),
        [
            "mental*", "ментал*", "psycho*", "psiho*", "психо*", "psiko*", "trauma*", "траум*",
            "counsel*", "savetovališt*", "savjetovališt*", "wellbeing", "well-being",
            "shëndet* mendor*", "mentalno zdravlj*", "ментално здрав*", "therap*", "terap*",
        ],
    ),
    "education": (
        _("schools and education"),
        [
            "school*", "educat*", "škol*", "школ*", "obrazov*", "образов*", "shkoll*", "arsim*",
            "teacher*", "nastavni*", "nastavnic*", "наставни*", "mësues*", "učitel*", "curricul*",
            "kurikul*", "училишт*", "classroom*", "university", "univerzitet*", "universitet*",
        ],
    ),
    "policing": (
        _("police and community policing"),
        [
            "police", "policing", "policij*", "полиц*", "policim*", "policia", "policis*",
            "community policing", "policing in the community", "rad policije u zajednici",
            "policimi në komunitet", "officer*",
        ],
    ),
    "community": (
        _("communities and neighbourhoods"),
        [
            "communit*", "zajednic*", "заедниц*", "komunitet*", "neighbourhood*", "neighborhood*",
            "mesn* zajednic*", "lagj*", "naselj*", "residents", "citizens", "građan*", "граѓан*",
            "qytetar*",
        ],
    ),
    "communication": (
        _("communication and campaigns"),
        [
            "communicat*", "komunikac*", "komunikim*", "комуникац*", "narrativ*", "наратив*",
            "campaign*", "kampanj*", "кампањ*", "fushat*", "message*", "poruk*", "mesazh*",
            "counter-narrative*", "alternative narrative*", "storytell*", "media", "medij*",
            "медиум*", "journalist*", "novinar*", "gazetar*",
        ],
    ),
    "action_plan": (
        _("a P/CVE action plan or strategy"),
        [
            "action plan*", "akcion* plan*", "акциск* план*", "plan veprimi", "plan* të veprimit",
            "plan* veprim*", "strateg*", "стратег*", "strategji*", "local plan*", "lokaln* plan*",
            "p/cve", "pcve", "cve", "pve",
        ],
    ),
    "extremism": (
        _("violent extremism and radicalisation"),
        [
            "extremis*", "ekstremiz*", "екстремиз*", "ekstremist*", "radical*", "radikal*",
            "радикал*", "violent", "nasiln*", "насилн*", "dhun*", "terror*", "терор*",
            "recruit*", "rekrut*", "регрут*",
        ],
    ),
    "early_warning": (
        _("early warning and referral"),
        [
            "early warning", "warning sign*", "rano upozor*", "rano otkrivanj*", "рано предупр*",
            "paralajmërim*", "paralajm*", "referral*", "refer", "referim*", "upućivanj*", "uputi*",
            "упатув*", "case management", "case conference*", "risk assessment*", "procena rizika",
            "procjena rizika", "signal*",
        ],
    ),
    "religion": (
        _("religious communities"),
        [
            "religio*", "relig*", "верск*", "versk*", "vjersk*", "fetar*", "imam*", "priest*",
            "sveštenik*", "crkv*", "džamij*", "dzamij*", "xhami*", "mosque*", "church*", "faith",
            "faith-based", "bashkësi* fetare",
        ],
    ),
    "marginalised": (
        _("minorities and marginalised groups"),
        [
            "roma", "romi", "romsk*", "ромск*", "minorit*", "manjin*", "малцинств*", "pakic*",
            "pakicë*", "marginali*", "маргинал*", "margjinaliz*", "vulnerab*", "ranjiv*", "ранлив*",
            "cenuesh*", "disabilit*", "invalidit*", "migrant*", "мигрант*", "refugee*", "izbeglic*",
            "izbjeglic*", "refugjat*", "lgbt*", "exclus*", "isključen*", "përjashtu*",
        ],
    ),
    "sport_culture": (
        _("sport, culture and the arts"),
        [
            "sport*", "спорт*", "football", "fudbal*", "futboll*", "cultur*", "kultur*", "култур*",
            "art", "arts", "umetnost*", "umjetnost*", "arti", "music*", "muzi*", "festival*",
            "theatre", "theater", "pozorišt*", "teatër*", "театар*",
        ],
    ),
    "training": (
        _("training and capacity"),
        [
            "training*", "train", "trained", "obuk*", "обук*", "trajnim*", "capacit*", "kapacitet*",
            "капацитет*", "skills", "veštin*", "vještin*", "aftësi*", "workshop*", "radionic*",
            "punëtori*", "curriculum for staff", "guidelines", "smernic*", "smjernic*", "udhëzim*",
            "manual*", "priručnik*", "toolkit*",
        ],
    ),
    "leaders": (
        _("mayors and municipal leadership"),
        [
            "mayor*", "gradonačeln*", "gradonačelnik*", "градоначалн*", "градоначелн*", "načelnik*",
            "kryetar*", "municipal*", "opštin*", "općin*", "општин*", "komuna", "komunë", "komunës",
            "komunat", "komunave", "bashki*", "local government*", "lokaln* samouprav*",
            "city hall", "leadership",
        ],
    ),
    "social_services": (
        _("social work and social services"),
        [
            "social work*", "social service*", "social worker*", "socijaln*", "социјалн*",
            "sociale", "shërbim* social*", "punonjës social*", "centar za socijalni rad",
            "qendr* për punë sociale",
        ],
    ),
    "jobs": (
        _("jobs, livelihoods and economic inclusion"),
        [
            "job*", "employ*", "zapošljav*", "zaposlen*", "вработ*", "punësim*", "livelihood*",
            "vocational", "stručn* osposobljav*", "economic*", "ekonomsk*", "ekonomik*",
            "entrepreneur*",
            "punë", "punës", "punën", "punësohen", "preduzetni*", "poduzetni*", "sipërmarr*",
            "unemploy*", "nezaposlen*",
            "papunësi*",
        ],
    ),
}
# fmt: on


def _keyed(entry: str) -> tuple[str, bool]:
    prefix = entry.endswith("*")
    key = search_key(entry.rstrip("*"))
    # A prefix ending in a consonant's "j" meets the "je" that keying reads as yat: "urrejtj*"
    # must find "urrejtjes", keyed "urrejtes" (as "mržnj*" finds "mrznes").
    if prefix and len(key) > 4 and key[-1] == "j" and key[-2] in "bcdfghklmnprstvz":
        key = key[:-1]
    return key, prefix


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, set[str]], list[tuple[str, str]], list[tuple[str, str]]]:
    """(whole word -> concepts, [(prefix, concept)], [(phrase, concept)])."""
    words: dict[str, set[str]] = {}
    prefixes: list[tuple[str, str]] = []
    phrases: list[tuple[str, str]] = []
    for concept, (_label, entries) in LEXICON.items():
        for entry in entries:
            key, is_prefix = _keyed(entry)
            if not key:
                continue
            if " " in key:
                phrases.append((key, concept))
            elif is_prefix:
                prefixes.append((key, concept))
            else:
                words.setdefault(key, set()).add(concept)
    return words, prefixes, phrases


def concepts_in(key: str) -> dict[str, list[str]]:
    """The concepts a keyed text (`search_key`) speaks of, each with the words that showed it."""
    words, prefixes, phrases = _index()
    found: dict[str, list[str]] = {}

    def add(concept: str, word: str) -> None:
        seen = found.setdefault(concept, [])
        if word not in seen:
            seen.append(word)

    padded = f" {key} "
    for phrase, concept in phrases:
        phrase_stem = phrase
        if f" {phrase_stem}" in padded:
            add(concept, phrase)
    for token in key.split():
        for concept in words.get(token, ()):
            add(concept, token)
        for prefix, concept in prefixes:
            if token.startswith(prefix):
                add(concept, token)
    return found


def concepts_by_word(key: str) -> list[tuple[str, frozenset[str]]]:
    """Each word of a keyed text with the concepts it speaks of, alone or as a word of a phrase
    ("gjuha e urrejtjes": all three words speak of hate speech)."""
    words, prefixes, phrases = _index()
    tokens = key.split()
    found: list[set[str]] = [set(words.get(t, ())) for t in tokens]
    for i, token in enumerate(tokens):
        found[i] |= {concept for prefix, concept in prefixes if token.startswith(prefix)}
    for phrase, concept in phrases:
        parts = phrase.split()
        for i in range(len(tokens) - len(parts) + 1):
            window = tokens[i : i + len(parts)]
            if window[:-1] == parts[:-1] and window[-1].startswith(parts[-1]):
                for j in range(i, i + len(parts)):
                    found[j].add(concept)
    return [(token, frozenset(concepts)) for token, concepts in zip(tokens, found, strict=True)]


@cache
def patterns_of(concept: str) -> tuple[str, ...]:
    """What a keyed text padded with a space at each end (" " + key + " ") holds when it speaks
    of `concept`: " word " for a whole word, " prefix" for a prefix or a phrase (as concepts_in
    reads them). Keyed, they hold only [a-z0-9 ]: safe to join into a regular expression."""
    patterns = []
    for entry in LEXICON[concept][1]:
        key, is_prefix = _keyed(entry)
        if key:
            patterns.append(f" {key}" if is_prefix or " " in key else f" {key} ")
    return tuple(dict.fromkeys(patterns))


def label_of(concept: str) -> str:
    return str(LEXICON[concept][0])
