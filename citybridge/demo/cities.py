"""The demonstration's member cities: real places; the memberships are illustrative.

(Latin name, country, Cyrillic name, Albanian name, kind, joined)
"""

CITIES: list[tuple[str, str, str, str, str, str]] = [
    ("Tirana", "AL", "Тирана", "Tiranë", "city", "2022-11-10"),
    ("Elbasan", "AL", "Елбасан", "Elbasan", "city", "2022-11-10"),
    ("Shkodra", "AL", "Скадар", "Shkodër", "city", "2022-11-18"),
    ("Durrës", "AL", "Драч", "Durrës", "city", "2022-12-05"),
    ("Korça", "AL", "Корча", "Korçë", "city", "2023-01-16"),
    ("Kukës", "AL", "Кукес", "Kukës", "municipality", "2023-02-20"),
    ("Vlora", "AL", "Валона", "Vlorë", "city", "2023-03-14"),
    ("Berat", "AL", "Берат", "Berat", "municipality", "2023-05-02"),
    ("Fier", "AL", "Фијер", "Fier", "municipality", "2023-06-19"),
    ("Sarajevo", "BA", "Сарајево", "Sarajeva", "city", "2022-11-10"),
    ("Banja Luka", "BA", "Бања Лука", "Banja Luka", "city", "2022-11-10"),
    ("Tuzla", "BA", "Тузла", "Tuzla", "city", "2022-11-22"),
    ("Zenica", "BA", "Зеница", "Zenica", "city", "2022-12-12"),
    ("Mostar", "BA", "Мостар", "Mostari", "city", "2023-01-10"),
    ("Bihać", "BA", "Бихаћ", "Bihaq", "city", "2023-02-01"),
    ("Brčko", "BA", "Брчко", "Bërçka", "district", "2023-02-21"),
    ("Travnik", "BA", "Травник", "Travnik", "municipality", "2023-04-11"),
    ("Jajce", "BA", "Јајце", "Jajce", "municipality", "2023-06-06"),
    ("Prijedor", "BA", "Приједор", "Prijedor", "city", "2023-09-04"),
    ("Prishtina", "XK", "Приштина", "Prishtinë", "city", "2022-11-10"),
    ("Prizren", "XK", "Призрен", "Prizren", "municipality", "2022-11-25"),
    ("Mitrovica South", "XK", "Јужна Митровица", "Mitrovicë e Jugut", "municipality", "2022-12-14"),
    ("Gjilan", "XK", "Гњилане", "Gjilan", "municipality", "2023-01-23"),
    ("Peja", "XK", "Пећ", "Pejë", "municipality", "2023-03-01"),
    ("Ferizaj", "XK", "Урошевац", "Ferizaj", "municipality", "2023-04-18"),
    ("Gjakova", "XK", "Ђаковица", "Gjakovë", "municipality", "2023-05-23"),
    ("Vushtrri", "XK", "Вучитрн", "Vushtrri", "municipality", "2023-08-29"),
    ("Podgorica", "ME", "Подгорица", "Podgorica", "city", "2022-11-10"),
    ("Danilovgrad", "ME", "Даниловград", "Danilovgrad", "municipality", "2022-12-01"),
    ("Budva", "ME", "Будва", "Budva", "municipality", "2022-12-20"),
    ("Nikšić", "ME", "Никшић", "Nikshiq", "municipality", "2023-01-31"),
    ("Bijelo Polje", "ME", "Бијело Поље", "Bijelo Polje", "municipality", "2023-03-21"),
    ("Ulcinj", "ME", "Улцињ", "Ulqin", "municipality", "2023-04-04"),
    ("Bar", "ME", "Бар", "Tivari", "municipality", "2023-07-18"),
    ("Rožaje", "ME", "Рожаје", "Rozhajë", "municipality", "2023-10-10"),
    ("Skopje", "MK", "Скопје", "Shkup", "city", "2022-11-10"),
    ("Kumanovo", "MK", "Куманово", "Kumanovë", "municipality", "2022-11-10"),
    ("Tetovo", "MK", "Тетово", "Tetovë", "municipality", "2022-11-15"),
    ("Gostivar", "MK", "Гостивар", "Gostivar", "municipality", "2022-11-30"),
    ("Struga", "MK", "Струга", "Strugë", "municipality", "2022-12-19"),
    ("Ohrid", "MK", "Охрид", "Ohër", "municipality", "2023-02-07"),
    ("Kičevo", "MK", "Кичево", "Kërçovë", "municipality", "2023-03-28"),
    ("Bitola", "MK", "Битола", "Manastir", "municipality", "2023-06-27"),
    ("Belgrade", "RS", "Београд", "Beograd", "city", "2022-11-10"),
    ("Novi Pazar", "RS", "Нови Пазар", "Novi Pazar", "city", "2022-11-17"),
    ("Niš", "RS", "Ниш", "Nish", "city", "2022-12-08"),
    ("Bujanovac", "RS", "Бујановац", "Bujanoc", "municipality", "2023-01-17"),
    ("Preševo", "RS", "Прешево", "Preshevë", "municipality", "2023-01-17"),
    ("Kragujevac", "RS", "Крагујевац", "Kragujevac", "city", "2023-05-09"),
    ("Novi Sad", "RS", "Нови Сад", "Novi Sad", "city", "2023-08-15"),
    ("Tutin", "RS", "Тутин", "Tutin", "municipality", "2023-11-21"),
]

# Network members beyond the hub: they must not count as Western Balkans member cities.
GLOBAL_CITIES = [
    ("Kristiansand", "NO", "", "", "city", "2019-05-10"),
    ("New York City", "US", "", "", "city", "2015-09-29"),
]

# Geonames spells some places differently from how the hub prints them.
GAZETTEER_NAMES = {
    "Shkodra": "Shkodër",
    "Korça": "Korçë",
    "Vlora": "Vlorë",
    "Prishtina": "Pristina",
    "Mitrovica South": "Mitrovicë",
    "Peja": "Pejë",
    "Gjakova": "Gjakovë",
}
