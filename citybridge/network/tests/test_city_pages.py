import datetime as dt

from django.urls import reverse

from citybridge.network.models import LocalGovernment, Membership, PlaceName


def test_city_list_finds_a_city_across_scripts(client_for, officer, city):
    page = client_for(officer).get(reverse("network:city_list"), {"q": "Тестград"})
    assert page.status_code == 200
    assert "Testgrad" in page.content.decode()
    page = client_for(officer).get(reverse("network:city_list"), {"q": "zzz"})
    assert "Testgrad" not in page.content.decode()


def test_city_list_filters_members(client_for, officer, city, other_city):
    body = client_for(officer).get(reverse("network:city_list"), {"member": "yes"}).content.decode()
    assert "Testgrad" in body and "Drugovo" not in body


def test_outsider_sees_no_city_of_the_hub(client_for, outsider, city):
    assert (
        client_for(outsider).get(reverse("network:city_detail", args=[city.pk])).status_code == 404
    )
    body = client_for(outsider).get(reverse("network:city_list")).content.decode()
    assert "Testgrad" not in body


def test_anonymous_is_sent_to_sign_in(client, city):
    response = client.get(reverse("network:city_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_create_city(client_for, officer):
    response = client_for(officer).post(
        reverse("network:city_create"),
        {
            "name": "  Novo  Mesto ",
            "name_cyrillic": "Ново Место",
            "kind": "municipality",
            "country": "RS",
        },
    )
    city = LocalGovernment.objects.get(name="Novo Mesto")
    assert response.status_code == 302
    assert city.name_key == "novo mesto"
    assert list(PlaceName.objects.filter(city=city).values_list("key", flat=True)) == ["novo mesto"]


def test_create_city_with_empty_name_saves_nothing(client_for, officer):
    response = client_for(officer).post(
        reverse("network:city_create"), {"name": "   ", "kind": "city", "country": "RS"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not LocalGovernment.objects.exists()


def test_create_city_refuses_a_country_outside_the_hub(client_for, officer):
    response = client_for(officer).post(
        reverse("network:city_create"), {"name": "Oslo", "kind": "city", "country": "NO"}
    )
    assert response.status_code == 200
    assert not LocalGovernment.objects.exists()


def test_edit_city(client_for, officer, city):
    client_for(officer).post(
        reverse("network:city_edit", args=[city.pk]),
        {"name": "Testgrad Novi", "kind": "city", "country": "ME"},
    )
    city.refresh_from_db()
    assert (city.name, city.kind) == ("Testgrad Novi", "city")


def test_focal_point_and_donor_cannot_edit_a_city(client_for, focal, donor, city):
    for user in (focal, donor):
        response = client_for(user).post(
            reverse("network:city_edit", args=[city.pk]),
            {"name": "X", "kind": "city", "country": "ME"},
        )
        assert response.status_code == 404
    city.refresh_from_db()
    assert city.name == "Testgrad"


def test_add_membership(client_for, officer, other_city):
    url = reverse("network:membership_add", args=[other_city.pk])
    response = client_for(officer).post(url, {"joined_on": "2023-03-01"})
    assert response.status_code == 302
    assert other_city.is_member_on(dt.date(2023, 3, 1))


def test_duplicate_membership_is_refused_and_nothing_saved(client_for, officer, city):
    url = reverse("network:membership_add", args=[city.pk])
    response = client_for(officer).post(url, {"joined_on": "2023-01-01"})
    assert response.status_code == 400
    assert "already a member during these dates" in response.content.decode()
    assert Membership.objects.filter(city=city).count() == 1


def test_membership_left_before_joined_is_refused(client_for, officer, other_city):
    url = reverse("network:membership_add", args=[other_city.pk])
    response = client_for(officer).post(url, {"joined_on": "2023-05-01", "left_on": "2023-01-01"})
    assert response.status_code == 400
    assert not Membership.objects.exists()


def test_membership_add_rejects_get(client_for, officer, city):
    assert (
        client_for(officer).get(reverse("network:membership_add", args=[city.pk])).status_code
        == 405
    )


def test_membership_add_refuses_the_outsider(client_for, outsider, other_city):
    url = reverse("network:membership_add", args=[other_city.pk])
    assert client_for(outsider).post(url, {"joined_on": "2023-03-01"}).status_code == 404
    assert not Membership.objects.exists()


def test_the_kosovo_footnote_reads_in_the_readers_language(client_for, officer, city):
    client = client_for(officer)
    client.cookies["django_language"] = "sr"
    body = client.get(reverse("network:city_list")).content.decode()
    assert "<small>*Овај назив не прејудицира ставове о статусу" in body
    assert "without prejudice" not in body


def test_the_country_filter_is_in_the_readers_alphabetical_order(client_for, officer):
    client = client_for(officer)
    client.cookies["django_language"] = "sr"
    body = client.get(reverse("network:city_list")).content.decode()
    names = [
        "Албанија",
        "Босна и Херцеговина",
        "Косово*",
        "Северна Македонија",
        "Србија",
        "Црна Гора",
    ]
    at = [body.index(f">{name}</option>") for name in names]
    assert at == sorted(at), "Црна Гора comes last in Cyrillic, not after Косово* as in English"
