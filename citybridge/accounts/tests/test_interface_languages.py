"""The interface speaks each language wholly: over an officer's list and form pages, the share of
the interface's own words (navigation, headings, labels, table headers, buttons, hints, legends,
first options of selects) left identical to the English page stays at most 2%.

`bench/languages.py` prints the shares per language and the strings left in English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from lxml import html

from citybridge.engagement.models import Engagement

# The interface's own words: where they stand on a page.
INTERFACE = (
    "//nav//a",
    "//h1",
    "//h2",
    "//h3",
    "//label",
    "//th",
    "//button",
    "//legend",
    "//*[contains(@class, 'hint') or contains(@class, 'helptext')]",
    "//select/option[1]",
    "//summary",
)
# Words that are the same in a language by nature: names, codes, numbers, and a few words the
# region writes as English does.
SAME_EVERYWHERE = {
    "CityBridge",
    "PDF",
    "CSV",
    "XLSX",
    "HTML",
    "Word",
    "Excel",
    "E-mail",
    "English",
    "Shqip",
    "Српски (ћирилица)",
    "Srpski (latinica)",
    "Македонски",
    "Bosanski",
    "Hrvatski",
    "ID",
    "Status",
    "Period",
    "Email",
    "Kosovo*",
    "Hub",
    "Admin",
    "Online",
    "Format",
    "Grant",
    "Plan",
}
SKIP = re.compile(r"^[\W\d_]*$|@")  # numbers, punctuation, e-mail addresses


def interface_strings(content: bytes, ignore: set[str]) -> list[str]:
    tree = html.fromstring(content)
    found = []
    for path in INTERFACE:
        for element in tree.xpath(path):
            text = " ".join(element.text_content().split())
            if text and not SKIP.match(text) and text not in SAME_EVERYWHERE | ignore:
                found.append(text)
    return found


def pages() -> list[str]:
    """Every list and form page of the site that takes no argument (the account pages that are
    only steps of signing in aside)."""
    urls = []

    def walk(patterns, namespace=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in ("admin", "accounts") or entry.namespace is None:
                    continue
                walk(entry.url_patterns, f"{namespace}{entry.namespace}:")
            elif isinstance(entry, URLPattern) and not entry.pattern.converters and entry.name:
                urls.append(reverse(f"{namespace}{entry.name}"))

    walk(get_resolver().url_patterns)
    return [*urls, reverse("accounts:user_list"), reverse("accounts:user_add")]


def english_share(client, urls: list[str], code: str, user) -> tuple[float, list[str]]:
    """The share of the interface's words identical on the English page and on the page in
    `code`, and those words."""
    same, total = [], 0
    for url in urls:
        user.language = "en"
        user.save()
        english_page = client.get(url)
        if english_page.status_code != 200 or "html" not in english_page.headers["Content-Type"]:
            continue
        user.language = code
        user.save()
        translated_page = client.get(url)
        # Words from the records (people's and places' names, titles) are the same in both pages
        # and in the other languages: only what differs between en and the page's own words
        # counts, so compare with the records' words removed.
        english = interface_strings(english_page.content, set())
        translated = set(interface_strings(translated_page.content, set()))
        total += len(english)
        same += [f"{url}: {text}" for text in english if text in translated]
    return (len(same) / total if total else 0.0), same


@pytest.fixture
def officer_pages(client_for, hub_admin, hub, city, need):
    Engagement.objects.create(
        hub=hub,
        key="E-LANG",
        title="E-LANG 2024/3",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=dt.date(2024, 3, 1),
        ends_on=dt.date(2024, 3, 1),
        country_id="ME",
        host_city=city,
    )
    return client_for(hub_admin), pages()


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_at_most_two_percent_of_the_interface_stays_english(officer_pages, hub_admin, code):
    client, urls = officer_pages
    share, same = english_share(client, urls, code, hub_admin)
    print(f"\n{code}: {share:.1%} of the interface's words identical to English")
    for text in same:
        print("   ", text)
    assert share <= 0.02, f"{code}: {share:.1%} still English: {same[:20]}"
