"""The header's search box: every kind found by name or words, across scripts and diacritics,
grouped by kind, scoped exactly like the pages (a donor finds no person, a focal point no other
city's need), people access-logged, and a plain page without script."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from citybridge.accounts.models import AccessLog
from citybridge.advocacy.models import AdvocacyAction
from citybridge.needs.models import Need
from citybridge.network.models import Person
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice
from citybridge.support.models import SupportAction

URL = reverse("search:search")
DROPDOWN = {"HX-Request": "true", "HX-Target": "site-search-results"}


@pytest.fixture
def world(hub, city, other_city, councils, consultation):
    """Records of both cities whose names and words hold "Petrović" or "bezbjednost"."""
    return {
        "own_person": Person.objects.create(hub=hub, full_name="Петар Петровић", city=city),
        "other_person": Person.objects.create(
            hub=hub, full_name="Milica Petrović", city=other_city
        ),
        "own_need": Need.objects.create(
            hub=hub,
            city=city,
            theme=councils,
            statement="Savjet za bezbjednost Petrovića ne radi.",
            raised_on=dt.date(2024, 1, 10),
        ),
        "other_need": Need.objects.create(
            hub=hub,
            city=other_city,
            theme=councils,
            statement="Совет за безбедност во Другово.",
            raised_on=dt.date(2024, 2, 10),
        ),
        "other_support": SupportAction.objects.create(
            hub=hub,
            title="Savet za bezbednost Drugova",
            kind=SupportAction.Kind.GUIDANCE,
            city=other_city,
        ),
        "other_advocacy": AdvocacyAction.objects.create(
            hub=hub,
            title="Bezbednost gradova pred ministarstvom",
            date=dt.date(2024, 3, 1),
            audience=AdvocacyAction.Audience.NATIONAL_GOVERNMENT,
            form=AdvocacyAction.Form.MEETING,
        ),
        "practice": save_practice(
            Practice(
                title="Local Safety Council of Petrovac",
                summary="A council on safety.",
                origin_city_name="Petrovac",
                origin_country_id="ME",
            ),
            themes=[councils],
            target_groups=[],
            acting_user=None,
        ),
    }


def kinds_found(html: str) -> list[str]:
    return re.findall(r'<div class="search-group" role="group" aria-labelledby="search-(\w+)', html)


def found(client, q: str, **headers) -> str:
    response = client.get(URL, {"q": q}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_an_officer_finds_every_kind_grouped_in_the_menu_s_order(client_for, officer, world):
    html = found(client_for(officer), "bezbjednost")
    # Cyrillic "безбедност", ekavian "bezbednost" and ijekavian "bezbjednost" are one word.
    assert kinds_found(html) == ["needs", "practices", "support", "advocacy"]
    assert "Savjet za bezbjednost Petrovića" in html and "Совет за безбедност" in html
    assert "Savet za bezbednost Drugova" in html
    assert "Bezbednost gradova pred ministarstvom" in html
    html = found(client_for(officer), "Petrovic")
    assert kinds_found(html)[:2] == ["people", "needs"]
    assert "Петар Петровић" in html and "Milica Petrović" in html


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["Petrovic", "petrović", "ПЕТРОВИЋ", "Petrovič", "petr"])
def test_names_are_found_across_scripts_and_diacritics(client_for, officer, world, q):
    html = found(client_for(officer), q)
    assert "Петар Петровић" in html and "Milica Petrović" in html


@pytest.mark.django_db
def test_a_city_is_found_by_its_cyrillic_name_and_shown_in_the_reader_s_script(
    client_for, officer, world
):
    officer.name_script = "cyrillic"
    officer.save()
    html = found(client_for(officer), "testgrad")
    assert kinds_found(html)[0] == "cities"
    assert "Тестград" in html
    html = found(client_for(officer), "Petrovic")
    assert "Милица Петровић" in html  # written in Latin, shown in the reader's Cyrillic


@pytest.mark.django_db
def test_a_focal_point_finds_their_city_s_records_only(client_for, focal, world):
    html = found(client_for(focal), "Petrovic")
    assert "Петар Петровић" in html and "Petrović" not in html.replace("Petrovića", "")
    assert "Milica" not in html
    html = found(client_for(focal), "bezbjednost")
    assert "Savjet za bezbjednost Petrovića" in html
    assert "Другово" not in html and "Drugova" not in html and "ministarstvom" not in html
    assert kinds_found(html) == ["needs", "practices"]


@pytest.mark.django_db
def test_a_donor_never_gets_a_person_or_a_record_row(client_for, donor, world):
    for q in ("Petrovic", "bezbjednost", "Петровић"):
        html = found(client_for(donor), q)
        assert set(kinds_found(html)) <= {"cities", "practices"}
        assert "Петар" not in html and "Milica" not in html and "Savjet za" not in html
    assert not AccessLog.objects.filter(action=AccessLog.Action.PEOPLE_SEARCHED).exists()
    # Cities are theirs to see; practices are the network's library.
    assert kinds_found(found(client_for(donor), "Testgrad")) == ["cities"]
    assert kinds_found(found(client_for(donor), "Petrovac")) == ["practices"]


@pytest.mark.django_db
def test_an_officer_of_another_hub_finds_nothing_of_ours(client_for, outsider, world):
    html = found(client_for(outsider), "Petrovic")
    assert "Петар" not in html and "Milica" not in html
    assert kinds_found(found(client_for(outsider), "bezbjednost")) == ["practices"]


@pytest.mark.django_db
def test_the_people_shown_are_access_logged_as_a_search(client_for, officer, world):
    found(client_for(officer), "Petrovic", **DROPDOWN)
    entry = AccessLog.objects.get(action=AccessLog.Action.PEOPLE_SEARCHED)
    assert entry.count == 2
    assert {p.person_id for p in entry.people.all()} == {
        world["own_person"].pk,
        world["other_person"].pk,
    }
    # The words searched are kept as a keyed hash, never as written.
    assert "Petrovic" not in str(entry.__dict__)
    found(client_for(officer), "Nobody-by-this-name")
    assert AccessLog.objects.filter(action=AccessLog.Action.PEOPLE_SEARCHED).count() == 2


@pytest.mark.django_db
def test_the_dropdown_is_a_fragment_whose_count_alone_is_announced(client_for, officer, world):
    html = found(client_for(officer), "Petrovic", **DROPDOWN)
    assert "<html" not in html and "<h1" not in html
    assert '<p id="site-search-count" hx-swap-oob="innerHTML">3 results' in html
    assert "aria-live" not in html  # the live status stays in the page; only its words change
    assert f'href="{URL}?q=Petrovic"' in html  # all results, on the page
    html = found(client_for(officer), "zzyzx", **DROPDOWN)
    assert "No results" in html and "Nothing found for “zzyzx”" in html


@pytest.mark.django_db
def test_the_header_holds_a_plain_search_form_for_every_role(client_for, officer, donor):
    for user in (officer, donor):
        html = client_for(user).get(reverse("reports:home")).content.decode()
        form = re.search(r'<form class="site-search" id="site-search" role="search"[^>]*>', html)
        assert form and 'method="get"' in form[0] and f'action="{URL}"' in form[0]
        assert '<input type="search" id="site-search-q" name="q"' in html
        assert 'hx-trigger="input changed delay:300ms, search"' in html
        assert '<p id="site-search-count" class="visually-hidden" role="status"></p>' in html
        # The wide screen's button is hidden until site.js runs, so the form works without it.
        assert re.search(r'<button type="button" class="search-toggle"[^>]* hidden>', html)


@pytest.mark.django_db
def test_without_script_the_form_leads_to_a_full_page(client_for, officer, world):
    html = found(client_for(officer), "Petrovic")
    assert "<h1>Search results</h1>" in html
    assert (
        '<h2 class="search-kind" id="search-people">People <span class="muted">(2)</span>' in html
    )
    assert 'value="Petrovic"' in html
    html = found(client_for(officer), "x")
    assert "Type at least two letters." in html and "search-group" not in html


@pytest.mark.django_db
def test_nothing_found_says_what_to_try(client_for, officer, world):
    html = found(client_for(officer), "gjuha e huaj zzyzx")
    assert "Nothing you may see matches" in html
    assert "Or browse the library by theme:" in html
    assert "?theme=multi-actor-prevention-mechanisms" in html


@pytest.mark.django_db
def test_a_practice_is_found_by_its_meaning_in_another_language(client_for, donor, world):
    html = found(client_for(donor), "savjet za sigurnost")
    assert "Local Safety Council of Petrovac" in html


@pytest.mark.django_db
def test_withdrawn_support_is_not_found(client_for, officer, world):
    action = world["other_support"]
    action.withdrawn_at = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    action.save()
    assert "Savet za bezbednost Drugova" not in found(client_for(officer), "Drugova")


@pytest.mark.django_db
def test_the_search_refuses_the_signed_out(client):
    response = client.get(URL, {"q": "Petrovic"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_results_are_in_the_reader_s_language_and_names_in_their_script(client_for, officer, world):
    officer.name_script = "cyrillic"
    officer.save()
    client = client_for(officer)
    client.cookies["django_language"] = "sr"
    html = found(client, "Petrovic", **DROPDOWN)
    assert '<p class="search-kind" id="search-people-dd">Особе' in html
    assert "Милица Петровић" in html and "Milica" not in html
    assert "3 резултата" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["officer", "focal", "donor"])
def test_every_record_found_opens_for_whoever_found_it(client_for, role, request, world):
    client = client_for(request.getfixturevalue(role))
    for q in ("Petrovic", "bezbjednost", "Testgrad", "consultation"):
        html = found(client, q)
        hits = re.findall(r'<li>\s*<a href="([^"]+)"', html)
        for href in hits:
            assert client.get(href).status_code == 200, href
