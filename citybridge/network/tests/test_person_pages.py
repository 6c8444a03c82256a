from django.urls import reverse

from citybridge.network.models import Person, Position


def make_person(hub, city=None, name="Jelena Testić") -> Person:
    return Person.objects.create(hub=hub, full_name=name, city=city)


def test_people_search_across_scripts(client_for, officer, hub, city):
    make_person(hub, city)
    body = client_for(officer).get(reverse("network:person_list"), {"q": "Јелена тестиц"}).content
    assert "Jelena Testić" in body.decode()


def test_donor_sees_no_people(client_for, donor, hub, city):
    person = make_person(hub, city)
    assert client_for(donor).get(reverse("network:person_list")).status_code == 404
    assert (
        client_for(donor).get(reverse("network:person_detail", args=[person.pk])).status_code == 404
    )


def test_focal_point_sees_only_their_citys_people(client_for, focal, hub, city, other_city):
    mine = make_person(hub, city, "Mina Moja")
    theirs = make_person(hub, other_city, "Tara Tuđa")
    body = client_for(focal).get(reverse("network:person_list")).content.decode()
    assert "Mina Moja" in body and "Tara Tuđa" not in body
    assert (
        client_for(focal).get(reverse("network:person_detail", args=[theirs.pk])).status_code == 404
    )
    assert (
        client_for(focal).get(reverse("network:person_detail", args=[mine.pk])).status_code == 200
    )


def test_create_person(client_for, officer, hub, city):
    response = client_for(officer).post(
        reverse("network:person_create"),
        {"full_name": "Petar Probni", "gender": "male", "city": city.pk},
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert (person.hub, person.city, person.name_key) == (hub, city, "petar probni")


def test_create_person_without_name_saves_nothing(client_for, officer):
    response = client_for(officer).post(reverse("network:person_create"), {"full_name": " "})
    assert response.status_code == 200 and not Person.objects.exists()


def test_consent_needs_a_date(client_for, officer):
    response = client_for(officer).post(
        reverse("network:person_create"), {"full_name": "Ana Primer", "consent_quote": "on"}
    )
    assert "Enter when the consent was given." in response.content.decode()
    assert not Person.objects.exists()


def test_edit_person_refuses_the_outsider(client_for, outsider, hub):
    person = make_person(hub)
    url = reverse("network:person_edit", args=[person.pk])
    assert client_for(outsider).post(url, {"full_name": "Changed"}).status_code == 404
    person.refresh_from_db()
    assert person.full_name == "Jelena Testić"


def test_add_position_and_reject_end_before_start(client_for, officer, hub, city):
    person = make_person(hub, city)
    url = reverse("network:position_add", args=[person.pk])
    client = client_for(officer)
    client.post(url, {"role": "mayor", "city": city.pk, "started_on": "2023-06-01"})
    client.post(url, {"role": "deputy_mayor", "started_on": "2023-06-01", "ended_on": "2023-01-01"})
    assert list(Position.objects.values_list("role", flat=True)) == ["mayor"]
    assert client.get(url).status_code == 405
