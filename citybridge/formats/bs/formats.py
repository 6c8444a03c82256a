"""Bosnian: "8. dec 2022.", "8. dec 2022. 14:05" (the ordinal dot after the day and the year; the
month abbreviations of citybridge/formats/locale/)."""

from citybridge.formats import *  # noqa: F403

DATE_FORMAT = "j. b Y."
DATETIME_FORMAT = "j. b Y. H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
# Django's Bosnian module names "." as the thousands separator but groups nothing
# ("12345,6"): group by thousands, as Serbian and Croatian do ("12.345,6").
NUMBER_GROUPING = 3
