"""English: "8 Dec 2022", "8 Dec 2022, 14:05" (the house format, citybridge.formats)."""

from citybridge.formats import *  # noqa: F403
