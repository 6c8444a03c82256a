"""The product's one way of writing dates and times, in every interface language.

"8 Dec 2022" and "8 Dec 2022, 14:05": day first, the month as a word (localised), so a date
reads the same in Podgorica and in a donor's office abroad and cannot be taken for 12/8.

Since Django 5.0 localisation is always on, so the active language's formats win over
`settings.DATE_FORMAT`; settings.FORMAT_MODULE_PATH points here and each interface language
(`<locale>/formats.py`, sr_Latn falling back to sr) takes these values. Formats these modules do
not name (numbers, month-and-year) stay the language's own.

Forms accept ISO dates (what `<input type="date">` sends, and first, so date widgets render
their value in it) and the region's day.month.year, with or without the closing dot.
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
