"""Albanian: "8 dhj 2022", "8 dhj 2022, 14:05" (months in lower case)."""

from citybridge.formats import *  # noqa: F403

DATE_FORMAT = "j b Y"
DATETIME_FORMAT = "j b Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
# Django's Albanian module names "." as the thousands separator but groups nothing
# ("12345,6"): group by thousands, as the region's other languages do ("12.345,6").
NUMBER_GROUPING = 3
