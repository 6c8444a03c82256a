"""The brief's fixed words in English and the region's languages.

A small table rather than gettext catalogues: the brief is printed in the language asked for,
whatever the reader's interface language. Narrative fields (stories, quotes, summaries, the
hub's mission) stay in the language they were written in. Serbian Cyrillic is the Latin
transliterated by the same rules the importer uses.
"""

from __future__ import annotations

import re

import cyrtranslit

LANGUAGES = {
    "en": "English",
    "sq": "Shqip",
    "sr-latn": "Srpski (latinica)",
    "sr-cyrl": "Српски (ћирилица)",
    "mk": "Македонски",
    "bs": "Bosanski",
}
# Django's locale for dates and numbers in each brief language.
DJANGO_LANGUAGE = {"sr-cyrl": "sr", "sr-latn": "sr-latn"}

# key: (en, sq, sr-latn, mk, bs)
TABLE: dict[str, tuple[str, str, str, str, str]] = {
    "title": (
        "Delivering impact in %(region)s",
        "Duke sjellë ndikim në %(region)s",
        "Ostvareni uticaj: %(region)s",
        "Остварено влијание: %(region)s",
        "Ostvareni utjecaj: %(region)s",
    ),
    "period": ("Period", "Periudha", "Period", "Период", "Period"),
    "launched": (
        "Launched in %(month)s.",
        "Nisi punën në %(month)s.",
        "Počeo sa radom: %(month)s.",
        "Започна со работа: %(month)s.",
        "Počeo s radom: %(month)s.",
    ),
    "key_figures": (
        "Key Figures",
        "Shifrat kryesore",
        "Ključni podaci",
        "Клучни бројки",
        "Ključni podaci",
    ),
    "individuals_engaged": (
        "Individual Stakeholders Engaged",
        "Palë të interesuara të angazhuara",
        "Uključenih pojedinaca",
        "Вклучени поединци",
        "Uključenih pojedinaca",
    ),
    "member_cities": (
        "Member Cities",
        "Qytete anëtare",
        "Gradova članica",
        "Градови членки",
        "Gradova članica",
    ),
    "leaders_engaged": (
        "Mayors/Local Leaders Engaged",
        "Kryetarë/drejtues vendorë të angazhuar",
        "Uključenih gradonačelnika i lokalnih lidera",
        "Вклучени градоначалници и локални лидери",
        "Uključenih načelnika i lokalnih lidera",
    ),
    "needs": (
        "Mapping City Needs and Good Practices",
        "Hartëzimi i nevojave dhe praktikave të mira të qyteteve",
        "Mapiranje potreba i dobrih praksi gradova",
        "Мапирање на потребите и добрите практики на градовите",
        "Mapiranje potreba i dobrih praksi gradova",
    ),
    "needs_intro": (
        "The priorities cities raised with the Hub in this period, by the number of cities "
        "that raised them:",
        "Prioritetet që qytetet ngritën para Qendrës në këtë periudhë, sipas numrit të "
        "qyteteve që i ngritën:",
        "Prioriteti koje su gradovi izneli pred Hab u ovom periodu, po broju gradova koji su "
        "ih izneli:",
        "Приоритетите што градовите ги покренаа пред Хабот во овој период, според бројот на "
        "градови што ги покренаа:",
        "Prioriteti koje su gradovi iznijeli pred Hab u ovom periodu, po broju gradova koji su "
        "ih iznijeli:",
    ),
    "raised_by": (
        "raised by %(n)s of %(m)s member cities",
        "ngritur nga %(n)s nga %(m)s qytete anëtare",
        "izneo %(n)s od %(m)s gradova članica",
        "покренато од %(n)s од %(m)s градови членки",
        "iznijelo %(n)s od %(m)s gradova članica",
    ),
    "support": (
        "Strengthening City-Led Prevention",
        "Forcimi i parandalimit të udhëhequr nga qytetet",
        "Jačanje prevencije koju vode gradovi",
        "Зајакнување на превенцијата предводена од градовите",
        "Jačanje prevencije koju vode gradovi",
    ),
    "support_intro": (
        "%(actions)s support actions for %(recipients)s cities and governments in this period.",
        "%(actions)s veprime mbështetjeje për %(recipients)s qytete dhe qeveri në këtë periudhë.",
        "%(actions)s aktivnosti podrške za %(recipients)s gradova i vlada u ovom periodu.",
        "%(actions)s активности за поддршка за %(recipients)s градови и влади во овој период.",
        "%(actions)s aktivnosti podrške za %(recipients)s gradova i vlada u ovom periodu.",
    ),
    "hosted": ("Hosted", "Priti", "Domaćin", "Домаќин", "Domaćin"),
    "voices": (
        "Elevating Local Voices",
        "Ngritja e zërave vendorë",
        "Jačanje glasa lokalnih zajednica",
        "Зајакнување на гласот на локалните заедници",
        "Jačanje glasa lokalnih zajednica",
    ),
    "carried": (
        "the voice of %(n)s cities",
        "zëri i %(n)s qyteteve",
        "glas %(n)s gradova",
        "гласот на %(n)s градови",
        "glas %(n)s gradova",
    ),
    "people_took_part": (
        "%(n)s mayors and local officials took part",
        "Morën pjesë %(n)s kryetarë dhe zyrtarë vendorë",
        "Učestvovalo je %(n)s gradonačelnika i lokalnih zvaničnika",
        "Учествуваа %(n)s градоначалници и локални службеници",
        "Učestvovalo je %(n)s načelnika i lokalnih zvaničnika",
    ),
    "contact": ("Contact", "Kontakt", "Kontakt", "Контакт", "Kontakt"),
    "contact_text": (
        "For more information on the %(hub)s, please contact",
        "Për më shumë informacion mbi %(hub)s, ju lutemi kontaktoni",
        "Za više informacija o %(hub)s obratite se",
        "За повеќе информации за %(hub)s, контактирајте",
        "Za više informacija o %(hub)s obratite se",
    ),
    "charts": ("In Figures", "Në shifra", "U brojkama", "Во бројки", "U brojkama"),
    "over_time": (
        "Engagements and people over time",
        "Angazhimet dhe njerëzit me kalimin e kohës",
        "Aktivnosti i ljudi kroz vreme",
        "Активности и луѓе низ времето",
        "Aktivnosti i ljudi kroz vrijeme",
    ),
    "people": ("people", "persona", "osoba", "лица", "osoba"),
    "engagements": ("engagements", "angazhime", "aktivnosti", "активности", "aktivnosti"),
    "by_country": (
        "Participants by country",
        "Pjesëmarrësit sipas shtetit",
        "Učesnici po zemlji",
        "Учесници по земја",
        "Učesnici po zemlji",
    ),
    "by_gender": (
        "Participants by gender",
        "Pjesëmarrësit sipas gjinisë",
        "Učesnici po polu",
        "Учесници по пол",
        "Učesnici po spolu",
    ),
    "support_chart": (
        "Support by kind and status",
        "Mbështetja sipas llojit dhe statusit",
        "Podrška po vrsti i statusu",
        "Поддршка по вид и статус",
        "Podrška po vrsti i statusu",
    ),
    "support_actions": ("support actions", "veprime", "aktivnosti", "активности", "aktivnosti"),
    # Inside the charts: legends, axis units, tooltips, the time axis of a long period.
    "per_period": (
        "people in the period",
        "persona në periudhë",
        "osoba u periodu",
        "лица во периодот",
        "osoba u periodu",
    ),
    "so_far": (
        "people so far",
        "persona deri tani",
        "osoba ukupno do tada",
        "лица вкупно дотогаш",
        "osoba ukupno do tada",
    ),
    "n_engagements": (
        "(n) = engagements",
        "(n) = angazhime",
        "(n) = aktivnosti",
        "(n) = активности",
        "(n) = aktivnosti",
    ),
    "quarter": (
        "Q%(q)s %(year)s",
        "T%(q)s %(year)s",
        "K%(q)s %(year)s",
        "К%(q)s %(year)s",
        "K%(q)s %(year)s",
    ),
    "map": (
        "Member cities",
        "Qytetet anëtare",
        "Gradovi članice",
        "Градови членки",
        "Gradovi članice",
    ),
    "small_cells": (
        "Counts under 5 are shown as <5 to protect the people behind them.",
        "Numrat nën 5 shfaqen si <5 për të mbrojtur njerëzit pas tyre.",
        "Brojevi manji od 5 prikazani su kao <5 radi zaštite osoba.",
        "Бројките под 5 се прикажани како <5 за заштита на лицата.",
        "Brojevi manji od 5 prikazani su kao <5 radi zaštite osoba.",
    ),
    "not_recorded": (
        "Not recorded",
        "Pa të dhëna",
        "Nije navedeno",
        "Не е наведено",
        "Nije navedeno",
    ),
    "female": ("Women", "Gra", "Žene", "Жени", "Žene"),
    "male": ("Men", "Burra", "Muškarci", "Мажи", "Muškarci"),
    "other": ("Other", "Tjetër", "Drugo", "Друго", "Drugo"),
    # Support kinds and statuses, as SupportAction.Kind and .Status (key: kind_<value>).
    "kind_grant": (
        "Technical Support Fund grant",
        "Grant i Fondit të Mbështetjes Teknike",
        "Grant Fonda za tehničku podršku",
        "Грант од Фондот за техничка поддршка",
        "Grant Fonda za tehničku podršku",
    ),
    "kind_expert": (
        "Expert Pool deployment",
        "Angazhim nga grupi i ekspertëve",
        "Angažman eksperata",
        "Ангажман на експерти",
        "Angažman eksperata",
    ),
    "kind_peer_exchange": (
        "Peer exchange",
        "Shkëmbim me homologët",
        "Razmena iskustava",
        "Размена на искуства",
        "Razmjena iskustava",
    ),
    "kind_guidance": (
        "Hub guidance",
        "Udhëzim nga Qendra",
        "Smernice Haba",
        "Насоки од Хабот",
        "Smjernice Haba",
    ),
    "kind_action_plan": (
        "Action-plan support",
        "Mbështetje për planin e veprimit",
        "Podrška akcionom planu",
        "Поддршка за акциски план",
        "Podrška akcionom planu",
    ),
    "kind_policy_advice": (
        "Policy advice",
        "Këshillim për politikat",
        "Savetovanje o politikama",
        "Советување за политики",
        "Savjetovanje o politikama",
    ),
    "status_requested": ("Requested", "Kërkuar", "Zatraženo", "Побарано", "Zatraženo"),
    "status_approved": ("Approved", "Miratuar", "Odobreno", "Одобрено", "Odobreno"),
    "status_in_progress": ("In progress", "Në zbatim", "U toku", "Во тек", "U toku"),
    "status_completed": ("Completed", "Përfunduar", "Završeno", "Завршено", "Završeno"),
    "status_declined": ("Declined", "Refuzuar", "Odbijeno", "Одбиено", "Odbijeno"),
    "status_cancelled": ("Cancelled", "Anuluar", "Otkazano", "Откажано", "Otkazano"),
    # The region's countries by ISO code (key: country_<code>); others keep their recorded name.
    "country_AL": ("Albania", "Shqipëria", "Albanija", "Албанија", "Albanija"),
    "country_BA": (
        "Bosnia and Herzegovina",
        "Bosnja dhe Hercegovina",
        "Bosna i Hercegovina",
        "Босна и Херцеговина",
        "Bosna i Hercegovina",
    ),
    "country_XK": ("Kosovo*", "Kosova*", "Kosovo*", "Косово*", "Kosovo*"),
    "country_ME": ("Montenegro", "Mali i Zi", "Crna Gora", "Црна Гора", "Crna Gora"),
    "country_MK": (
        "North Macedonia",
        "Maqedonia e Veriut",
        "Severna Makedonija",
        "Северна Македонија",
        "Sjeverna Makedonija",
    ),
    "country_RS": ("Serbia", "Serbia", "Srbija", "Србија", "Srbija"),
    "table": ("Table", "Tabela", "Tabela", "Табела", "Tabela"),
    "count": ("Count", "Numri", "Broj", "Број", "Broj"),
    "figures_note": (
        "Every figure is computed from the Hub's records (definitions %(version)s).",
        "Çdo shifër llogaritet nga të dhënat e Qendrës (përkufizimet %(version)s).",
        "Svaki podatak izračunat je iz evidencije Haba (definicije %(version)s).",
        "Секоја бројка е пресметана од евиденцијата на Хабот (дефиниции %(version)s).",
        "Svaki podatak izračunat je iz evidencije Haba (definicije %(version)s).",
    ),
    "kosovo": (
        "*This designation is without prejudice to positions on status, and is in line with "
        "UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.",
        "*Ky përcaktim nuk paragjykon qëndrimet mbi statusin dhe është në përputhje me "
        "Rezolutën 1244/1999 të KSOKB-së dhe Opinionin e GJND-së mbi shpalljen e pavarësisë "
        "së Kosovës.",
        "*Ovaj naziv ne prejudicira stavove o statusu i u skladu je sa Rezolucijom SB UN "
        "1244/1999 i mišljenjem MSP o proglašenju nezavisnosti Kosova.",
        "*Овој назив не ги прејудицира ставовите за статусот и е во согласност со Резолуцијата "
        "1244/1999 на СБ на ОН и мислењето на МСП за прогласувањето независност на Косово.",
        "*Ovaj naziv ne prejudicira stavove o statusu i u skladu je s Rezolucijom VS UN "
        "1244/1999 i mišljenjem MSP-a o proglašenju nezavisnosti Kosova.",
    ),
    "more_support": (
        "… and %(n)s more cities and governments supported in this period.",
        "… dhe %(n)s qytete dhe qeveri të tjera të mbështetura në këtë periudhë.",
        "… i još %(n)s gradova i vlada kojima je pružena podrška u ovom periodu.",
        "… и уште %(n)s градови и влади поддржани во овој период.",
        "… i još %(n)s gradova i vlada kojima je pružena podrška u ovom periodu.",
    ),
    "more_voices": (
        "… and %(n)s more advocacy actions in this period.",
        "… dhe %(n)s veprime të tjera avokimi në këtë periudhë.",
        "… i još %(n)s zagovaračkih aktivnosti u ovom periodu.",
        "… и уште %(n)s застапувачки активности во овој период.",
        "… i još %(n)s zagovaračkih aktivnosti u ovom periodu.",
    ),
    "no_records": (
        "Nothing recorded for this period.",
        "Asgjë e regjistruar për këtë periudhë.",
        "Ništa nije evidentirano za ovaj period.",
        "Ништо не е евидентирано за овој период.",
        "Ništa nije evidentirano za ovaj period.",
    ),
}
PLACEHOLDER = re.compile(r"(%\(\w+\)s)")
_COLUMN = {"en": 0, "sq": 1, "sr-latn": 2, "mk": 3, "bs": 4}


def normalise(lang: str | None) -> str:
    """A brief language code from what was asked: sr-Latn, sr_latn, SR-CYRL, sr -> ours."""
    code = (lang or "en").strip().lower().replace("_", "-")
    if code == "sr":
        code = "sr-cyrl"
    if code not in LANGUAGES:
        raise ValueError(f"No brief language '{lang}'. Choose one of: {', '.join(LANGUAGES)}.")
    return code


def label(key: str, lang: str, **values: object) -> str:
    row = TABLE[key]
    if lang == "sr-cyrl":
        # Transliterate the words, never the placeholders.
        parts = PLACEHOLDER.split(row[_COLUMN["sr-latn"]])
        text = "".join(
            p if PLACEHOLDER.fullmatch(p) else cyrtranslit.to_cyrillic(p, "sr") for p in parts
        )
    else:
        text = row[_COLUMN.get(lang, 0)]
    return text % values if values else text


def country_name(code: str, recorded: str, lang: str) -> str:
    """The country as printed in a brief in `lang`: from the table for the region's countries,
    else as recorded (`recorded` is the record's public name, "Kosovo*" included)."""
    key = f"country_{code}"
    return label(key, lang) if key in TABLE else recorded


def labels(lang: str) -> dict[str, str]:
    """Every fixed word of the brief in `lang`, for templates (placeholders left in)."""
    return {key: label(key, lang) for key in TABLE}
