"""How each interface language writes dates and times, and what forms accept.

Day first, the month as a word, so a date cannot be taken for 12/8 in Podgorica or in a donor's
office abroad, each language as its readers write it (CLDR's medium date, which is what a
native reader expects in a table):

    en       8 Dec 2022         8 Dec 2022, 14:05
    sq       8 dhj 2022         8 dhj 2022, 14:05
    sr       8. дец 2022.       8. дец 2022. 14:05
    sr_Latn  8. dec 2022.       8. dec 2022. 14:05
    bs       8. dec 2022.       8. dec 2022. 14:05
    hr       8. pro 2022.       8. pro 2022. 14:05
    mk       8 дек. 2022        8 дек. 2022 14:05

Since Django 5.0 localisation is always on, so the active language's formats win over
`settings.DATE_FORMAT`; settings.FORMAT_MODULE_PATH points here and every interface language has
its own module (`<locale>/formats.py`, sr_Latn and hr included, so none falls back to another
language's or to Django's). The month abbreviations are Django's ("b": its MONTHS_3), except
where Django's translation differs from the language's usage (a dot after "мај", "ауг" for
"авг", Croatian's "pro." ...): citybridge/formats/locale/ holds those, in settings.LOCALE_PATHS
after the interface's catalogs. Numbers keep each language's own separators (Django's).

The site's own forms read dates with lib.days.read_day (lib.inputs.DayField: day first, ISO or a
written month, shown back in DATE_FORMAT); the input formats below serve only Django's own date
fields (the admin): ISO first, then the region's day.month.year, with or without the closing dot.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%Y."]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y. %H:%M",
    "%d.%m.%Y",
]
