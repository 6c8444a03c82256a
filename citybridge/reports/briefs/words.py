"""The brief's own words, from the gettext catalogs like every other page.

A brief is printed in the language asked for, whatever the reader's interface language: it is
assembled and rendered under `translation.override(lang)` (assemble.in_language), and every
function here answers in the active language. Texts people wrote in a record (a support title,
a quote) are not translated: the brief prints them as written and marks their language.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext, ngettext, pgettext

from citybridge.network.models import KOSOVO_FOOTNOTE, region_country_names

# The brief's languages are CityBridge's: code -> name in its own language.
LANGUAGES: dict[str, str] = dict(settings.LANGUAGES)
# Codes asked for that mean one of ours: "sr-cyrl" was the brief's Serbian Cyrillic before it
# became CityBridge's "sr".
ALIASES = {"sr-cyrl": "sr", "sr-cyrillic": "sr", "sr-latin": "sr-latn"}


def normalise(lang: str | None) -> str:
    """A brief language from what was asked: sr-Latn, sr_latn, SR-CYRL -> ours."""
    code = (lang or "en").strip().lower().replace("_", "-")
    code = ALIASES.get(code, code)
    if code not in LANGUAGES:
        raise ValueError(
            gettext("No brief language '%(lang)s'. Choose one of: %(choices)s.")
            % {"lang": lang, "choices": ", ".join(LANGUAGES)}
        )
    return code


def country_names() -> dict[str, str]:
    """The region's countries as the brief prints them, by ISO code; other countries keep their
    recorded name."""
    return region_country_names()


def country_name(code: str, recorded: str) -> str:
    """The country in the active language; `recorded` ("Kosovo*" included) for the others."""
    return country_names().get(code, recorded)


def words() -> dict[str, str]:
    """Every fixed word of the brief and its charts in the active language, by key (the keys
    the templates and the Word template use)."""
    return {
        "period": pgettext("brief", "Period"),
        "key_figures": gettext("Key figures"),
        "figures_note": gettext("Every figure is computed from the Hub's records."),
        "needs": gettext("Mapping City Needs and Good Practices"),
        "needs_intro": gettext(
            "The priorities cities raised with the Hub in this period, by the number of cities "
            "that raised them:"
        ),
        "support": gettext("Strengthening City-Led Prevention"),
        "voices": gettext("Elevating Local Voices"),
        "contact": gettext("Contact"),
        "charts": gettext("In Figures"),
        "over_time": gettext("Engagements and people over time"),
        "people": pgettext("chart unit", "people"),
        "engagements": pgettext("chart unit", "engagements"),
        "by_country": gettext("Participants by country"),
        "by_gender": gettext("Participants by gender"),
        "support_chart": gettext("Support by kind and status"),
        "support_actions": pgettext("chart unit", "support actions"),
        "per_period": gettext("people in the period"),
        "so_far": gettext("people so far"),
        "n_engagements": gettext("(n) = engagements"),
        "map": gettext("Member cities"),
        "small_cells": gettext(
            "Numbers of people under 5 are shown as <5 and the others rounded to the nearest 5, "
            "to protect the people behind them."
        ),
        "not_recorded": gettext("Not recorded"),
        "female": pgettext("gender, plural", "Women"),
        "male": pgettext("gender, plural", "Men"),
        "other": pgettext("gender", "Other"),
        "table": gettext("Table"),
        "count": pgettext("brief table", "Count"),
        "kosovo": str(KOSOVO_FOOTNOTE),
        "no_records": gettext("Nothing recorded for this period."),
    }


def title(region: str) -> str:
    """The region as the hub gives it, article included where its language needs one ("the
    Western Balkans")."""
    return gettext("Delivering impact in %(region)s") % {"region": region}


def title_of_hub(hub: str) -> str:
    """Without a region: the hub's name, put in a sentence as everywhere ("the %(hub)s")."""
    return gettext("Delivering impact: the %(hub)s") % {"hub": hub}


def launched(month: str) -> str:
    return gettext("Launched in %(month)s.") % {"month": month}


def raised_by(n: int, m: int) -> str:
    return ngettext(
        "raised by %(n)d of %(m)d member city",
        "raised by %(n)d of %(m)d member cities",
        m,
    ) % {"n": n, "m": m}


def support_summary(actions: int, recipients: int) -> str:
    whom = ngettext("%(n)d city or government", "%(n)d cities and governments", recipients) % {
        "n": recipients
    }
    return ngettext(
        "%(n)d support action for %(whom)s in this period.",
        "%(n)d support actions for %(whom)s in this period.",
        actions,
    ) % {"n": actions, "whom": whom}


def more_support(n: int) -> str:
    return ngettext(
        "… and %(n)d more city or government supported in this period.",
        "… and %(n)d more cities and governments supported in this period.",
        n,
    ) % {"n": n}


def more_voices(n: int) -> str:
    return ngettext(
        "… and %(n)d more advocacy action in this period.",
        "… and %(n)d more advocacy actions in this period.",
        n,
    ) % {"n": n}


def took_part(n: int) -> str:
    return ngettext(
        "%(n)d mayor or local official took part",
        "%(n)d mayors and local officials took part",
        n,
    ) % {"n": n}


def support_line(kind: str, status: str) -> str:
    """What a support action was, after its title: "(Peer exchange, completed)"."""
    return pgettext("support kind and status", "(%(kind)s, %(status)s)") % {
        "kind": kind,
        "status": status.lower(),
    }


def hosted(month: str) -> str:
    """Before the title of an engagement a city hosted."""
    return pgettext("a city hosted an engagement", "Hosted in %(month)s:") % {"month": month}


def contact_text(hub: str) -> str:
    return gettext("For more information on the %(hub)s, please contact") % {"hub": hub}


def quarter(q: int, year: int) -> str:
    return pgettext("quarter of a year", "Q%(q)d %(year)d") % {"q": q, "year": year}
