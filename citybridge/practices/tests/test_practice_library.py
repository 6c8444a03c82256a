from django.urls import reverse

from citybridge.network.models import LocalGovernment, Theme
from citybridge.practices.actions import save_practice
from citybridge.practices.models import Practice, PracticeResource, PracticeTranslation


def titles(response) -> list[str]:
    return [p.title for p in response.context["page"]]


def test_search_across_scripts_diacritics_and_dialect(client_for, officer, practice):
    url = reverse("practices:practice_list")
    for q in ("savet mladih", "Савет младих", "Savjet mladih", "testgrad youth"):
        assert titles(client_for(officer).get(url, {"q": q})) == [practice.title], q
    assert titles(client_for(officer).get(url, {"q": "savet starih"})) == []


def test_filters(client_for, officer, practice):
    url = reverse("practices:practice_list")
    other = save_practice(
        Practice(
            title="Hate speech monitor",
            summary="Media.",
            origin_city_name="Oslo",
            origin_country_id="NO",
            gender_sensitive=True,
            gender_reason="Women editors.",
        ),
        themes=[Theme.objects.get(slug="hate-speech-and-online-harms")],
        acting_user=None,
    )
    client = client_for(officer)
    assert titles(client.get(url, {"theme": "youth-engagement"})) == [practice.title]
    assert titles(client.get(url, {"country": "NO"})) == [other.title]
    assert titles(client.get(url, {"target": "youth"})) == [practice.title]
    assert titles(client.get(url, {"evidence": "inspiring"})) == [practice.title]
    assert titles(client.get(url, {"hrb": "yes"})) == [practice.title]
    assert titles(client.get(url, {"gender": "yes"})) == [other.title]


def test_every_role_reads_the_library_but_the_outsider_sees_the_network_only(
    client_for, donor, focal, practice
):
    for user in (donor, focal):
        page = client_for(user).get(reverse("practices:practice_detail", args=[practice.pk]))
        assert page.status_code == 200 and "Elected openly." in page.content.decode()


def test_the_city_link_only_for_a_city_the_reader_may_open(client_for, officer, practice, city):
    """The library is the network's: its city may be another hub's, whose page is a 404 here."""
    url = reverse("practices:practice_detail", args=[practice.pk])
    city_url = reverse("network:city_detail", args=[city.pk])
    Practice.objects.filter(pk=practice.pk).update(origin_city=city)
    assert city_url in client_for(officer).get(url).content.decode()
    elsewhere = LocalGovernment.objects.create(name="Kristiansand", country_id="NO")
    Practice.objects.filter(pk=practice.pk).update(origin_city=elsewhere)
    page = client_for(officer).get(url).content.decode()
    assert reverse("network:city_detail", args=[elsewhere.pk]) not in page
    assert (
        client_for(officer).get(reverse("network:city_detail", args=[elsewhere.pk])).status_code
        == 404
    )


def test_detail_hides_a_contact_without_consent(client_for, officer, practice, hub):
    from citybridge.network.models import Person

    practice.contact = Person.objects.create(hub=hub, full_name="Ana Testić", consent_contact=False)
    practice.save()
    body = (
        client_for(officer)
        .get(reverse("practices:practice_detail", args=[practice.pk]))
        .content.decode()
    )
    assert "Ana Testić" not in body


def post_data(youth, **extra):
    data = {
        "title": "Mixed football league",
        "summary": "Mixed teams.",
        "origin_city_name": "Testgrad",
        "origin_country": "ME",
        "themes": [youth.pk],
        "evidence": "described",
        "languages": "bs; en",
    }
    data.update(extra)
    return data


def test_create_practice_links_a_known_city(client_for, officer, youth, city):
    response = client_for(officer).post(reverse("practices:practice_create"), post_data(youth))
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert practice.origin_city == city and practice.languages == "bs, en"
    assert list(practice.themes.all()) == [youth]
    assert "mixed football league" in practice.search_text


def test_a_flag_needs_its_reason(client_for, officer, youth):
    response = client_for(officer).post(
        reverse("practices:practice_create"), post_data(youth, human_rights_based="on")
    )
    assert response.status_code == 200 and not Practice.objects.exists()
    assert "Say why it is human-rights-based." in response.content.decode()


def test_create_practice_get_saves_nothing(client_for, officer):
    assert client_for(officer).get(reverse("practices:practice_create")).status_code == 200
    assert not Practice.objects.exists()


def test_create_practice_refuses_donor_and_stranger(client_for, donor, stranger, youth):
    for user in (donor, stranger):
        assert (
            client_for(user)
            .post(reverse("practices:practice_create"), post_data(youth))
            .status_code
            == 404
        )
    assert not Practice.objects.exists()


def test_edit_practice(client_for, officer, practice, youth):
    client_for(officer).post(
        reverse("practices:practice_edit", args=[practice.pk]), post_data(youth, title="Renamed")
    )
    practice.refresh_from_db()
    assert practice.title == "Renamed"
    # The translation stays in the search key after an edit.
    assert "savet mladih" in practice.search_text


def test_add_translation_makes_it_searchable(client_for, officer, practice):
    url = reverse("practices:translation_add", args=[practice.pk])
    response = client_for(officer).post(
        url, {"language": "sq", "title": "Këshilli Rinor", "summary": ""}
    )
    assert response.status_code == 302
    assert PracticeTranslation.objects.filter(practice=practice, language="sq").exists()
    found = client_for(officer).get(reverse("practices:practice_list"), {"q": "keshilli rinor"})
    assert titles(found) == [practice.title]


def test_add_translation_rejects_get_and_refuses_stranger(client_for, officer, stranger, practice):
    url = reverse("practices:translation_add", args=[practice.pk])
    assert client_for(officer).get(url).status_code == 405
    data = {"language": "sq", "title": "X", "summary": ""}
    assert client_for(stranger).post(url, data).status_code == 404
    assert not PracticeTranslation.objects.filter(language="sq").exists()


def test_add_resource(client_for, officer, stranger, practice):
    url = reverse("practices:resource_add", args=[practice.pk])
    assert client_for(officer).get(url).status_code == 405
    assert (
        client_for(stranger)
        .post(url, {"title": "Guide", "url": "https://example.org/g"})
        .status_code
        == 404
    )
    assert not PracticeResource.objects.exists()
    response = client_for(officer).post(url, {"title": "Guide", "url": "https://example.org/g"})
    assert response.status_code == 302
    assert PracticeResource.objects.get().url == "https://example.org/g"
    response = client_for(officer).post(url, {"title": "Nothing"})
    assert response.status_code == 400 and PracticeResource.objects.count() == 1
