"""Which language a page is in: the user's saved choice, the switcher's cookie, the browser, the
hub's default; and <html lang> names it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from citybridge.network.models import Country

LOGIN = "/accounts/login/"


def html_lang(response) -> str:
    match = re.search(r"<html lang=\"([^\"]+)\"", response.content.decode())
    assert match
    return match.group(1)


def test_a_visitor_gets_the_hubs_default_language(client, hub):
    assert html_lang(client.get(LOGIN)) == "en"
    hub.default_language = "sr-latn"
    hub.save()
    assert html_lang(client.get(LOGIN)) == "sr-Latn"


def test_the_browser_wins_over_the_hubs_default(client, hub):
    hub.default_language = "sq"
    hub.save()
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="mk-MK,mk;q=0.9,en;q=0.5")
    assert html_lang(page) == "mk"
    assert page.headers["Content-Language"] == "mk"
    assert html_lang(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="sr-Latn-ME")) == "sr-Latn"
    assert html_lang(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="sr-RS")) == "sr-Cyrl"
    # A language CityBridge does not speak falls through to the hub's default.
    assert html_lang(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.8")) == "sq"


def test_the_switcher_is_on_the_sign_in_page_in_each_languages_own_name(client, hub):
    page = client.get(LOGIN).content.decode()
    assert reverse("accounts:set_language") in page
    for code, name in settings.LANGUAGES:
        assert f'value="{code}"' in page and name in page


def test_the_switchers_cookie_wins_over_the_browser(client, hub):
    client.post(reverse("accounts:set_language"), {"language": "hr", "next": LOGIN})
    assert html_lang(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="mk")) == "hr"


def test_a_signed_in_users_choice_is_saved_and_follows_them(client_for, officer, hub):
    client = client_for(officer)
    response = client.post(reverse("accounts:set_language"), {"language": "bs", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    officer.refresh_from_db()
    assert officer.language == "bs"
    # On another device (no cookie), with a browser in English, the saved choice still wins.
    other = Client()
    other.force_login(officer)
    assert html_lang(other.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "bs"


def test_set_language_refuses_get_and_unknown_languages(client_for, officer):
    client = client_for(officer)
    assert client.get(reverse("accounts:set_language")).status_code == 405
    client.post(reverse("accounts:set_language"), {"language": "de", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == ""


def test_every_offered_language_has_a_catalog_of_ours():
    locale = settings.BASE_DIR / "locale"
    for code, _name in settings.LANGUAGES:
        if code == "en":
            continue
        folder = {"sr-latn": "sr_Latn"}.get(code, code)
        assert (locale / folder / "LC_MESSAGES" / "django.mo").exists(), code


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_html_lang_names_the_pages_language(client_for, officer, code):
    officer.language = code
    officer.save()
    page = client_for(officer).get("/")
    assert html_lang(page) == {"sr": "sr-Cyrl", "sr-latn": "sr-Latn"}.get(code, code)


@pytest.mark.parametrize(
    ("lang", "montenegro", "kosovo", "belgium"),
    [
        ("en", "Montenegro", "Kosovo*", "Belgium"),
        ("sr", "Црна Гора", "Косово*", "Белгија"),
        ("sr-latn", "Crna Gora", "Kosovo*", "Belgija"),
        ("sq", "Mali i Zi", "Kosova*", "Belgjikë"),
    ],
)
def test_countries_are_named_in_the_readers_language(lang, montenegro, kosovo, belgium):
    with translation.override(lang):
        # The region's names from the catalogs (Kosovo with its designation marker), the
        # others from CLDR; English keeps the name as recorded.
        assert Country(code="ME", name="Montenegro").public_name == montenegro
        assert Country(code="XK", name="Kosovo").public_name == kosovo
        assert Country(code="BE", name="Belgium").public_name == belgium
