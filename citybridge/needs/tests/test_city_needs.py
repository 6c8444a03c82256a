from django.urls import reverse


def test_city_page_shows_its_needs_over_time(client_for, officer, need, city):
    body = client_for(officer).get(reverse("network:city_detail", args=[city.pk])).content.decode()
    assert "Needs over time" in body and "Savjet za bezbjednost" in body


def test_donor_sees_no_needs_on_the_city_page(client_for, donor, need, city):
    body = client_for(donor).get(reverse("network:city_detail", args=[city.pk])).content.decode()
    assert "Savjet za bezbjednost" not in body
