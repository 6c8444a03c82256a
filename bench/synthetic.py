"""A synthetic attendance data set of the dev set's layout, at any size, for the resolution bench.

    .venv/bin/python bench/synthetic.py OUT_DIR --rows 10000 [--seed 7] [--noise 1.4]

Writes OUT_DIR/members.csv, engagements.csv, sheets/<key>.csv|xlsx (through the demo's sheet
writer, citybridge/demo/sheets.py, so sheets carry the same kinds of noise partners make),
truth/mentions.csv (source,row,person) and truth/figures.json. The names are this module's own
lists, not the demo's nor the dev set's, so the resolver is measured on names it was not built
on. On top of the writer's noise it adds what the writer does per person rather than per row:
nicknames, middle initials, married and double surnames, namesakes in other cities and office
mailboxes shared by several people, plus officials who become mayor during the period.

`--noise` scales every rate of noise, the writer's and the per-person kinds (1.0 is the
development set's; 1.4 is 40% more of each). Three kinds of variation are made with name lists
of their own, so that no lexicon or data set of the resolver already knows them: informal given
names (hypocorisms) some people sign with, sometimes in capitals; a slip that drops one letter
of a four-letter given name; and a woman's given name written with its last vowel doubled
("Ivanaa", which reads as Ivan / Ivana).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citybridge.demo.cities import CITIES, GAZETTEER_NAMES  # noqa: E402
from citybridge.demo.names import feminine_surname  # noqa: E402
from citybridge.demo.sheets import (  # noqa: E402
    LEADER_ROLES,
    City,
    Invented,
    invent_people,
    write_sheet,
)
from citybridge.lib.text import fold  # noqa: E402

# This generator's own names (given: female, male), common in the region; none is the demo's.
GIVEN = {
    "sr": (
        "Aleksandra Bojana Danijela Dragica Gordana Ivona Jasmina Ljiljana Maja Marina Milena "
        "Mirjana Nevena Olivera Radmila Slađana Slobodanka Snežana Svetlana Tamara Vesna Violeta "
        "Zorica Željka Teodora Jelisaveta Kristina Andrijana Ljubica Dragana Lena Nina Vida",
        "Aleksandar Bogdan Branislav Darko Dimitrije Dragoslav Đorđe Filip Lazar Ljubomir Miodrag "
        "Miroslav Mladen Nebojša Obrad Petar Radoslav Slobodan Srđan Stevan Svetozar Uroš Vladimir "
        "Vukašin Žarko Velimir Milutin Radovan Dobrivoje Čedomir",
    ),
    "bs": (
        "Alma Amela Belma Elma Fatima Hana Ilma Jasmina Lamija Mediha Melisa Mirela Nejra Nermina "
        "Samira Sanela Senada Šejla Vildana Zehra Ajla Edina Emina Dijana Lana Zana",
        "Adis Ahmed Alen Almir Anel Armin Benjamin Damir Denis Elvir Enes Faruk Hamza Ibrahim "
        "Jasmin Kemal Mehmed Muhamed Nihad Samir Sulejman Tarik Vedad Zlatan",
    ),
    "mk": (
        "Ana Angela Blagica Daniela Dragana Emilija Frosina Katerina Ljupka Magdalena Marina "
        "Natasha Olivera Sanja Slavica Sonja Stefanija Tanja Verica Zorica Gjurgjica Vera Neda",
        "Aleksandar Blagoja Borče Darko Dejan Dimitar Gjorgji Goce Ilija Jovan Konstantin Ljupčo "
        "Marjan Mile Nikola Pance Risto Slavčo Stojan Toni Trajče Vasil Zlatko",
    ),
    "sq": (
        "Albana Anila Arbëresha Besiana Blerina Donika Dorina Drenusha Elona Entela Fjolla Flutura "
        "Gentiana Hana Jehona Kaltrina Liridona Lumturie Majlinda Merita Njomza Rina Shqipe Vlora "
        "Dita Besa",
        "Adem Afrim Agim Albert Arianit Armend Bekim Blerim Dardan Edmond Fatos Flamur Gentian "
        "Hysen Ilir Kushtrim Labinot Leutrim Mentor Naim Petrit Qëndrim Shpëtim Skënder Ylber",
    ),
}
SURNAMES = {
    "sr": "Aleksić Antić Babić Blagojević Bogdanović Bošković Cvetković Ćirić Đurić Đorđević "
    "Filipović Gajić Grujić Ilić Janković Jeremić Jovičić Kostić Krstić Lazić Lukić Marjanović "
    "Matić Milenković Milosavljević Milutinović Mitić Nedeljković Nešić Obradović Pantić "
    "Pavlović Perić Popović Radić Radosavljević Ristić Savić Simić Stanković Stevanović "
    "Tasić Todorović Trifunović Vasić Vučković Vuković Zdravković Živković Šarić Čolić",
    "bs": "Alić Avdić Bašić Begić Čaušević Delić Dedić Džafić Fazlić Halilović Hasanović "
    "Hodžić Husić Ibrahimović Imamović Jusić Kadić Karić Kovačević Mehmedović Memić Mujkić "
    "Mustafić Omerović Osmanović Selimović Softić Šabić Tahirović Zukić Hadžić Suljić",
    "mk": "Angelovski Atanasov Bogdanovski Dimovski Georgiev Gjorgjievski Ilievski Jankulovski "
    "Jovanov Kostadinov Kostovski Lazarevski Manev Markovski Mitrevski Naumovski Nikolov "
    "Pavlovski Petkovski Popovski Ristov Sazdov Spasovski Stefanov Stojanovski Todorov "
    "Trajkovski Velkov Zdravkovski",
    "sq": "Ahmeti Aliu Bajrami Berisha Bytyqi Dervishi Demiri Gashi Hajdari Hasani Hoxha "
    "Islami Jashari Kastrati Krasniqi Kryeziu Leka Limani Mehmeti Morina Mustafa Osmani Qerimi "
    "Rama Rexhepi Salihu Shala Sinani Sylejmani Thaçi Veseli Xhaferi Zeqiri Beqiri Llapashtica",
}
NAMES = (
    {k: (f.split(), m.split()) for k, (f, m) in GIVEN.items()},
    {k: v.split() for k, v in SURNAMES.items()},
)
# The short forms people sign with; (formal, short).
NICKNAMES = {
    "Aleksandar": ["Saša", "Aca"],
    "Aleksandra": ["Saša", "Sandra"],
    "Slobodan": ["Boban", "Slobo"],
    "Slobodanka": ["Boba"],
    "Nebojša": ["Neša"],
    "Branislav": ["Bane"],
    "Svetozar": ["Toza"],
    "Dimitrije": ["Mita"],
    "Miroslav": ["Miki"],
    "Radoslav": ["Rade"],
    "Ljubomir": ["Ljuba"],
    "Stevan": ["Steva"],
    "Vladimir": ["Vlada"],
    "Gordana": ["Goca"],
    "Snežana": ["Sneža"],
    "Jelisaveta": ["Jelica"],
    "Mehmed": ["Meho"],
    "Ahmed": ["Ahmo"],
    "Sulejman": ["Sule"],
    "Ibrahim": ["Ibro"],
    "Fatima": ["Fata"],
    "Muhamed": ["Hamo"],
    "Konstantin": ["Kosta"],
    "Gjorgji": ["Gjoko"],
    "Dimitar": ["Mitko"],
    "Ljupčo": ["Ljupče"],
    "Blagoja": ["Blagoj"],
    "Skënder": ["Skender"],
}
# Informal given names missing from the resolver's short-form lexicon (and from the dev set):
# regional hypocorisms, some written with the full name's first letters (Vilda, Kate), some
# not (Teja, Srle). (formal, informal).
INFORMAL = {
    "Dobrivoje": "Dobri",
    "Tamara": "Tami",
    "Teodora": "Teja",
    "Danijela": "Dani",
    "Srđan": "Srle",
    "Nermina": "Nera",
    "Sulejman": "Sulja",
    "Samira": "Sami",
    "Tarik": "Taki",
    "Faruk": "Faro",
    "Vildana": "Vilda",
    "Katerina": "Kate",
    "Magdalena": "Magi",
    "Stefanija": "Stefi",
    "Zlatko": "Zlate",
    "Risto": "Riste",
    "Kushtrim": "Kushi",
    "Gentiana": "Genta",
    "Besiana": "Besi",
    "Kaltrina": "Kali",
    "Drenusha": "Drena",
}
# The rates (at noise 1.0) of the per-person kinds: the share of the people who can carry one.
NICKNAME_RATE = 0.4
MIDDLE_INITIAL_RATE = 0.04
INFORMAL_RATE = 0.05
SLIP_RATE = 0.04  # of people with a four-letter given name
DOUBLED_VOWEL_RATE = 0.005  # of women

# Cities beyond the demo's 51: real places, membership illustrative.
EXTRA_CITIES = [
    ("Vranje", "RS", "Врање", "Vranjë"),
    ("Šabac", "RS", "Шабац", "Shabac"),
    ("Pljevlja", "ME", "Пљевља", "Plevla"),
    ("Strumica", "MK", "Струмица", "Strumicë"),
    ("Zvornik", "BA", "Зворник", "Zvornik"),
    ("Lezhë", "AL", "Љеш", "Lezhë"),
    ("Podujevë", "XK", "Подујево", "Podujevë"),
]
OUTSIDE_HUB = ("Kristiansand", "NO")
START = dt.date(2022, 11, 1)
END = dt.date(2025, 12, 31)
YEAR = 2024
ROWS_PER_ENGAGEMENT = 100
MENTIONS_PER_PERSON = 4.0
KINDS = ["workshop", "webinar", "roundtable", "training", "consultation", "learning_exchange"]


def cities() -> list[City]:
    demo = [City(GAZETTEER_NAMES.get(n, n), c, cyr, alb) for n, c, cyr, alb, _, _ in CITIES]
    return demo + [City(*c) for c in EXTRA_CITIES]


def people_of(places: list[City], count: int, rng: random.Random) -> list[Invented]:
    """`count` people, no two with one name in one city (those would be namesakes no sheet
    separates); the namesakes in other cities are added on purpose below."""
    people = invent_people(places, count, rng, names=NAMES)
    seen: set[tuple[str, str, str]] = set()
    for i, person in enumerate(people):
        while (person.given, person.family, person.city.name) in seen:
            person = invent_people(places, 1, rng, start=i + 1, names=NAMES)[0]
        seen.add((person.given, person.family, person.city.name))
        people[i] = person
    # Namesakes: 3% carry the name of someone in another city of the same language.
    by_language: dict[str, list[Invented]] = defaultdict(list)
    for person in people:
        by_language[person.language].append(person)
    for person in rng.sample(people, len(people) * 3 // 100):
        model = rng.choice(by_language[person.language])
        key = (model.given, model.family, person.city.name)
        if model.city.name != person.city.name and key not in seen:
            seen.discard((person.given, person.family, person.city.name))
            person.given, person.family, person.female = model.given, model.family, model.female
            seen.add(key)
            if person.email and model.email:
                person.email = f"{model.email.split('@')[0]}@{person.email.split('@')[1]}"
            elif person.email:
                person.email = ""
    # Last check: one name per city, whatever the steps above did.
    taken: set[tuple[str, str, str]] = set()
    for i, person in enumerate(people):
        while (person.given, person.family, person.city.name) in taken:
            person = invent_people(places, 1, rng, start=i + 1, names=NAMES)[0]
        taken.add((person.given, person.family, person.city.name))
        people[i] = person
    return people


def add_roles(people: list[Invented], rng: random.Random) -> None:
    """A mayor and a deputy per city, some assembly chairs, and officials who become mayor."""
    by_city: dict[str, list[Invented]] = defaultdict(list)
    for person in people:
        by_city[person.city.name].append(person)
    for residents in by_city.values():
        chosen = rng.sample(residents, min(4, len(residents)))
        for person, role in zip(
            chosen, ["mayor", "deputy_mayor", "council_chair", "riser"], strict=False
        ):
            if role == "riser":
                if rng.random() < 0.3:
                    person.role_before, person.role = "municipal_official", "mayor"
                    person.role_from = START + dt.timedelta(days=rng.randrange((END - START).days))
            elif role != "council_chair" or rng.random() < 0.4:
                person.role = role


def add_mailboxes(people: list[Invented], rng: random.Random) -> None:
    """Offices whose staff sign with one mailbox: 2-4 people of one city and role."""
    by_office: dict[tuple[str, str], list[Invented]] = defaultdict(list)
    for person in people:
        if person.role not in LEADER_ROLES:
            by_office[(person.city.name, person.role)].append(person)
    for (city, role), staff in by_office.items():
        if len(staff) >= 4 and rng.random() < 0.3:
            domain = fold(city).replace(" ", "")
            box = f"{role.replace('_', '')}@{domain}.example.org"
            for person in rng.sample(staff, rng.randint(2, 4)):
                person.email = box


def variants(
    people: list[Invented], rng: random.Random, noise: float = 1.0
) -> dict[str, list[tuple[str, Invented]]]:
    """Per person, the other ways they write their own name (same key, so the truth holds),
    each with the kind of variation it is: any of them on any sheet."""
    out: dict[str, list[tuple[str, Invented]]] = {}
    letters = "ABDGJLMNPRSTVZ"

    def rate(base: float) -> float:
        return min(1.0, base * noise)

    for person in people:
        forms = []
        if person.given in NICKNAMES and rng.random() < rate(NICKNAME_RATE):
            forms.append(("nickname", replace(person, given=rng.choice(NICKNAMES[person.given]))))
        if person.given in INFORMAL and rng.random() < rate(INFORMAL_RATE):
            informal = INFORMAL[person.given]
            # Some write it in capitals, as on a badge.
            written = informal.upper() if rng.random() < 0.3 else informal
            forms.append(("informal-name", replace(person, given=written)))
        if len(person.given) == 4 and rng.random() < rate(SLIP_RATE):
            i = rng.randrange(1, 4)
            forms.append(
                ("short-name-slip", replace(person, given=person.given[:i] + person.given[i + 1 :]))
            )
        if person.female and person.given[-1] in "ae" and rng.random() < rate(DOUBLED_VOWEL_RATE):
            forms.append(("doubled-vowel", replace(person, given=person.given + person.given[-1])))
        if rng.random() < rate(MIDDLE_INITIAL_RATE):
            forms.append(
                ("middle-initial", replace(person, given=f"{person.given} {rng.choice(letters)}."))
            )
        if forms:
            out[person.key] = forms
    return out


def weddings(people: list[Invented], rng: random.Random) -> dict[str, tuple[dt.date, str, str]]:
    """Women who marry during the period: from their wedding day on they sign with their
    husband's surname or with both (the kind of variation, the surname). A surname changes
    once, at a date, as it does in life (the dev set's married names do the same)."""
    out = {}
    for person in people:
        if person.female and rng.random() < 0.05:
            other = feminine_surname(rng.choice(NAMES[1][person.language]), person.language)
            married = rng.random() < 0.5
            day = START + dt.timedelta(days=rng.randrange((END - START).days))
            out[person.key] = (
                day,
                "married-name" if married else "double-surname",
                other if married else f"{person.family}-{other}",
            )
    return out


def written_form(
    person: Invented,
    day: dt.date,
    forms: dict[str, list[tuple[str, Invented]]],
    married: dict[str, tuple[dt.date, str, str]],
    rng: random.Random,
) -> tuple[str, Invented]:
    """How `person` writes their name on a sheet of `day`, and the kinds of variation in it."""
    kind, form = (
        rng.choice(forms[person.key])
        if person.key in forms and rng.random() < 0.5
        else (
            "",
            person,
        )
    )
    if person.key in married and day >= married[person.key][0]:
        _, change, family = married[person.key]
        kind, form = ";".join(k for k in (kind, change) if k), replace(form, family=family)
    return kind, form


def generate(out: Path, rows: int, seed: int = 7, noise: float = 1.0) -> dict:
    rng = random.Random(seed)
    places = cities()
    people = people_of(places, max(20, round(rows / MENTIONS_PER_PERSON)), rng)
    add_roles(people, rng)
    add_mailboxes(people, rng)
    forms = variants(people, rng, noise)
    married = weddings(people, rng)
    # Some people come to a lot of engagements, most to a few.
    weight = {p.key: rng.paretovariate(1.5) * (4 if p.role in LEADER_ROLES else 1) for p in people}

    (out / "sheets").mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    members = [(c, START - dt.timedelta(days=rng.randrange(400)), None) for c in places]
    for i in rng.sample(range(len(members)), 4):  # joined during the period
        members[i] = (members[i][0], START + dt.timedelta(days=rng.randrange(900)), None)
    leaver = rng.randrange(len(members))
    members[leaver] = (members[leaver][0], members[leaver][1], dt.date(YEAR + 1, 3, 9))
    with (out / "members.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["city", "country", "joined", "left"])
        for city, joined, left in members:
            w.writerow(
                [city.name, city.country, joined.isoformat(), left.isoformat() if left else ""]
            )
        w.writerow([*OUTSIDE_HUB, "2022-11-24", ""])

    count = max(1, round(rows / ROWS_PER_ENGAGEMENT))
    sizes = [rng.randint(60, 140) for _ in range(count)]
    total = sum(sizes)
    sizes = [max(1, round(s * rows / total)) for s in sizes]
    sizes[-1] = max(1, sizes[-1] + rows - sum(sizes))
    span = (END - START).days
    days = sorted(START + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
    by_country: dict[str, list[Invented]] = defaultdict(list)
    for person in people:
        by_country[person.city.country].append(person)

    attended: list[tuple[dt.date, Invented]] = []
    mentions = []
    row_kinds: list[str] = []  # row by row, the kinds of noise (for the bench's breakdown)
    marks = person_marks(people)
    engagements = []
    for n, (size, day) in enumerate(zip(sizes, days, strict=True)):
        key = f"E{n:04d}"
        host = rng.choice(places)
        kind = rng.choice(KINDS)
        engagements.append(
            [key, f"{kind.replace('_', ' ').title()} in {host.name} #{n}", kind, day, day, host]
        )
        chosen = pick(by_country[host.country], people, weight, min(size, len(people)), rng)
        picked = [written_form(p, day, forms, married, rng) for p in chosen]
        sheet = write_sheet(key, [form for _, form in picked], host.country, day, rng, noise)
        (out / "sheets" / sheet.file_name).write_bytes(sheet.data)
        mentions += [(sheet.file_name, r, k) for r, k in enumerate(sheet.truth, start=1)]
        for (form_kind, person), applied in zip(picked, sheet.noise, strict=True):
            row_kinds.append(
                ";".join([*([form_kind] if form_kind else []), *applied, *marks[person.key]])
            )
        attended += [(day, p) for p in chosen]

    with (out / "engagements.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key", "title", "type", "start", "end", "city", "country"])
        for key, title, kind, start, end, host in engagements:
            w.writerow(
                [key, title, kind, start.isoformat(), end.isoformat(), host.name, host.country]
            )
    with (out / "truth" / "mentions.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "row", "person"])
        w.writerows(mentions)
    with (out / "truth" / "noise.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "row", "kinds"])
        w.writerows(
            (source, row, kinds)
            for (source, row, _), kinds in zip(mentions, row_kinds, strict=True)
        )

    def figures(start: dt.date, end: dt.date) -> dict:
        inside = [(d, p) for d, p in attended if start <= d <= end]
        active = [c for c, j, left in members if j <= end and (left is None or left > end)]
        return {
            "from": start.isoformat(),
            "to": end.isoformat(),
            "individuals_engaged": len({p.key for _, p in inside}),
            "leaders_engaged": len({p.key for d, p in inside if p.role_on(d) in LEADER_ROLES}),
            "member_cities": len(active) + 1,  # with the member outside the hub
            "member_cities_western_balkans": len(active),
        }

    truth = {
        "all": figures(START, max(days)),
        str(YEAR): figures(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)),
        "mentions": len(mentions),
        "persons_total": len(people),
        "seed": seed,
        "noise": noise,
    }
    (out / "truth" / "figures.json").write_text(json.dumps(truth, indent=1))
    return truth


def person_marks(people: list[Invented]) -> dict[str, list[str]]:
    """What makes a person hard to resolve whatever the row: a namesake elsewhere, a mailbox
    shared with colleagues, a role that changes during the period."""
    names = Counter((p.given, p.family) for p in people)
    emails = Counter(p.email for p in people if p.email)
    return {
        p.key: [
            mark
            for mark, present in (
                ("namesake", names[(p.given, p.family)] > 1),
                ("shared-mailbox", bool(p.email) and emails[p.email] > 1),
                ("role-change", p.role_from is not None),
            )
            if present
        ]
        for p in people
    }


def pick(
    local: list[Invented],
    everyone: list[Invented],
    weight: dict[str, float],
    size: int,
    rng: random.Random,
) -> list[Invented]:
    """`size` distinct attendees, about 70% from the host's country, by each person's activity."""
    chosen: dict[str, Invented] = {}
    want_local = min(len(local), round(size * 0.7))
    for pool, target in ((local, want_local), (everyone, size)):
        weights = [weight[p.key] for p in pool]
        while len(chosen) < target:
            for person in rng.choices(pool, weights=weights, k=2 * (target - len(chosen))):
                if len(chosen) < target:
                    chosen.setdefault(person.key, person)
    out = list(chosen.values())
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--noise", type=float, default=1.0, help="scale of every noise rate (1.0: the dev set's)"
    )
    args = parser.parse_args()
    truth = generate(args.out, args.rows, args.seed, args.noise)
    print(json.dumps(truth, indent=1))


if __name__ == "__main__":
    main()
