import datetime as dt

from django.urls import reverse

from citybridge.engagement.models import Engagement


def valid(city, **changes):
    data = {
        "key": "T01",
        "title": "Roundtable on safety councils",
        "kind": "roundtable",
        "starts_on": "2023-07-10",
        "ends_on": "2023-07-10",
        "host_city": city.pk,
        "participating_cities": [city.pk],
        "themes": [],
    }
    return data | changes


def test_create_engagement(client_for, officer, hub, city):
    response = client_for(officer).post(reverse("engagement:engagement_create"), valid(city))
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert engagement.hub == hub
    assert list(engagement.participating_cities.all()) == [city]


def test_end_before_start_is_refused_and_nothing_saved(client_for, officer, city):
    response = client_for(officer).post(
        reverse("engagement:engagement_create"), valid(city, ends_on="2023-07-01")
    )
    assert "The end date must be on or after the start date." in response.content.decode()
    assert not Engagement.objects.exists()


def test_duplicate_key_is_refused(client_for, officer, city):
    client = client_for(officer)
    client.post(reverse("engagement:engagement_create"), valid(city))
    response = client.post(reverse("engagement:engagement_create"), valid(city, title="Other"))
    assert "already uses the key" in response.content.decode()
    assert Engagement.objects.count() == 1


def test_edit_engagement(client_for, officer, city):
    client = client_for(officer)
    client.post(reverse("engagement:engagement_create"), valid(city))
    engagement = Engagement.objects.get()
    client.post(
        reverse("engagement:engagement_edit", args=[engagement.pk]), valid(city, title="Renamed")
    )
    engagement.refresh_from_db()
    assert engagement.title == "Renamed"


def test_list_and_detail(client_for, officer, hub, city):
    client = client_for(officer)
    client.post(reverse("engagement:engagement_create"), valid(city))
    engagement = Engagement.objects.get()
    assert (
        "Roundtable on safety councils"
        in client.get(reverse("engagement:engagement_list")).content.decode()
    )
    assert (
        client.get(reverse("engagement:engagement_detail", args=[engagement.pk])).status_code == 200
    )


def test_focal_point_sees_their_citys_engagements_only(client_for, focal, hub, city, other_city):
    day = dt.date(2023, 7, 10)
    mine = Engagement.objects.create(
        hub=hub,
        key="T01",
        title="Roundtable on safety councils",
        kind="roundtable",
        starts_on=day,
        ends_on=day,
    )
    mine.participating_cities.add(city)
    Engagement.objects.create(
        hub=hub,
        key="T02",
        title="Elsewhere",
        kind="workshop",
        starts_on=day,
        ends_on=day,
        host_city=other_city,
    )
    body = client_for(focal).get(reverse("engagement:engagement_list")).content.decode()
    assert "Roundtable on safety councils" in body and "Elsewhere" not in body


def test_outsider_cannot_create(client_for, outsider, city):
    # The outsider works in another hub: this hub's city is not a choice there.
    response = client_for(outsider).post(reverse("engagement:engagement_create"), valid(city))
    assert "Select a valid choice" in response.content.decode()
    assert not Engagement.objects.exists()
