"""The Preferences page: the interface language and the script of people's and places' names;
names shown in the chosen script on the pages that list them, and lists sorted by the folded
name whatever the script."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from citybridge.accounts.models import NameScript, User
from citybridge.network.models import Person

URL = "/accounts/preferences/"


def names_in_order(page: str, *names: str) -> list[str]:
    return sorted(names, key=page.index)


def test_preferences_save_the_language_and_the_name_script(client_for, officer):
    client = client_for(officer)
    response = client.post(URL, {"language": "sr", "name_script": "cyrillic"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert (officer.language, officer.name_script) == ("sr", NameScript.CYRILLIC)
    assert officer.history.latest().history_user == officer
    # The language as the switcher saves it: on the account and in its cookie.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sr"
    page = client.get(URL).content.decode()
    assert '<html lang="sr-Cyrl">' in page
    assert re.search(r'value="cyrillic"[^>]*checked', page)


def test_preferences_refuse_an_unknown_script_and_change_nothing(client_for, officer):
    client = client_for(officer)
    response = client.post(URL, {"language": "xx", "name_script": "runic"})
    assert response.status_code == 200
    officer.refresh_from_db()
    assert (officer.language, officer.name_script) == ("", NameScript.AS_WRITTEN)


def test_a_get_shows_the_form_and_saves_nothing(client_for, officer):
    response = client_for(officer).get(URL, {"language": "sq", "name_script": "latin"})
    assert response.status_code == 200
    officer.refresh_from_db()
    assert (officer.language, officer.name_script) == ("", NameScript.AS_WRITTEN)


def test_someone_not_signed_in_is_sent_to_sign_in(client, hub):
    response = client.post(URL, {"language": "sq", "name_script": "latin"})
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert not User.objects.exclude(name_script=NameScript.AS_WRITTEN).exists()


def test_the_account_menu_links_to_preferences(client_for, outsider):
    page = client_for(outsider).get(reverse("reports:home")).content.decode()
    assert f'href="{URL}"' in page


def people(hub, *full_names: str) -> list[Person]:
    return [Person.objects.create(hub=hub, full_name=n) for n in full_names]


def test_people_are_shown_in_the_chosen_script_and_sorted_by_the_folded_name(
    client_for, officer, hub
):
    people(hub, "Zoran Zec", "Гордана Ђорђевић", "Gordan Bajić", "Ana Đukić")
    client = client_for(officer)
    url = reverse("network:person_list")

    page = client.get(url).content.decode()  # as written: each in its own script
    assert "Гордана Ђорђевић" in page and "Zoran Zec" in page
    # Sorted by the folded name: Гордана among the Gs, not after Z.
    assert names_in_order(page, "Zoran Zec", "Гордана Ђорђевић", "Gordan Bajić", "Ana Đukić") == [
        "Ana Đukić",
        "Gordan Bajić",
        "Гордана Ђорђевић",
        "Zoran Zec",
    ]

    User.objects.filter(pk=officer.pk).update(name_script=NameScript.LATIN)
    page = client.get(url).content.decode()
    assert "Gordana Đorđević" in page and "Гордана" not in page
    assert names_in_order(page, "Zoran Zec", "Gordana Đorđević", "Gordan Bajić", "Ana Đukić") == [
        "Ana Đukić",
        "Gordan Bajić",
        "Gordana Đorđević",
        "Zoran Zec",
    ]

    User.objects.filter(pk=officer.pk).update(name_script=NameScript.CYRILLIC)
    page = client.get(url).content.decode()
    assert "Зоран Зец" in page and "Ана Ђукић" in page and "Zoran" not in page


def test_a_city_is_shown_by_its_own_cyrillic_name_or_in_macedonian_rules(
    client_for, officer, city, other_city
):
    User.objects.filter(pk=officer.pk).update(name_script=NameScript.CYRILLIC)
    client = client_for(officer)
    assert (
        "<h1>Тестград"
        in client.get(reverse("network:city_detail", args=[city.pk])).content.decode()
    )
    other_city.name_cyrillic = ""
    other_city.name = "Gjorgjija"
    other_city.save()
    page = client.get(reverse("network:city_detail", args=[other_city.pk])).content.decode()
    assert "<h1>Ѓорѓија" in page  # North Macedonia: Macedonian rules


def test_a_person_page_shows_the_name_in_the_chosen_script(client_for, officer, hub):
    (person,) = people(hub, "Милош Богичевић")
    User.objects.filter(pk=officer.pk).update(name_script=NameScript.LATIN)
    page = client_for(officer).get(reverse("network:person_detail", args=[person.pk]))
    assert re.search(r"<h1>Miloš Bogičević</h1>", page.content.decode())
