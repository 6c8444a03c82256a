import datetime as dt

from django.urls import reverse

from citybridge.advocacy.actions import save_advocacy_action
from citybridge.advocacy.models import AdvocacyAction
from citybridge.network.models import Organisation, Person, Theme


def record(hub, **fields) -> AdvocacyAction:
    cities = fields.pop("cities", [])
    themes = fields.pop("themes", [])
    people = fields.pop("people", [])
    defaults = {
        "title": "Input to the law on Local Safety Councils",
        "date": dt.date(2023, 11, 22),
        "audience": AdvocacyAction.Audience.NATIONAL_GOVERNMENT,
        "form": AdvocacyAction.Form.LEGAL_INPUT,
    }
    return save_advocacy_action(
        AdvocacyAction(**{**defaults, **fields}),
        hub=hub,
        cities=cities,
        themes=themes,
        people=people,
        acting_user=None,
    )


def test_record_advocacy_works(client_for, officer, city):
    centre = Organisation.objects.create(
        name="Invented Coordination Centre", kind=Organisation.Kind.GOVERNMENT, country_id="AL"
    )
    theme = Theme.objects.get(slug="multi-actor-prevention-mechanisms")
    response = client_for(officer).post(
        reverse("advocacy:advocacy_create"),
        {
            "title": "Input to the legal framework of Local Safety Councils",
            "date": "2023-11-22",
            "audience": "national_government",
            "organisation": centre.pk,
            "audience_detail": "at the request of the Coordination Centre",
            "form": "legal_input",
            "cities": [city.pk],
            "themes": [theme.pk],
            "outcome": "The draft names the city's role in the council.",
        },
    )
    assert response.status_code == 302
    action = AdvocacyAction.objects.get()
    assert action.organisation == centre and list(action.cities.all()) == [city]
    assert list(action.themes.all()) == [theme]


def test_record_advocacy_page_shows_the_form(client_for, officer):
    response = client_for(officer).get(reverse("advocacy:advocacy_create"))
    assert response.status_code == 200 and 'name="audience"' in response.content.decode()


def test_record_advocacy_refuses_the_focal_point_and_the_donor(client_for, focal, donor, city):
    data = {"title": "X", "date": "2023-11-22", "audience": "eu", "form": "meeting"}
    for user in (focal, donor):
        assert client_for(user).post(reverse("advocacy:advocacy_create"), data).status_code == 404
    assert not AdvocacyAction.objects.exists()


def test_focal_point_sees_advocacy_that_carried_their_city(
    client_for, focal, hub, city, other_city
):
    record(hub, title="Testgrad at the summit", cities=[city])
    other = record(hub, title="Drugovo at the EU", cities=[other_city])
    body = client_for(focal).get(reverse("advocacy:advocacy_list")).content.decode()
    assert "Testgrad at the summit" in body and "Drugovo at the EU" not in body
    url = reverse("advocacy:advocacy_detail", args=[other.pk])
    assert client_for(focal).get(url).status_code == 404


def test_outsider_and_donor_see_no_rows(client_for, outsider, donor, hub, city):
    action = record(hub, cities=[city])
    for user in (outsider, donor):
        url = reverse("advocacy:advocacy_detail", args=[action.pk])
        assert client_for(user).get(url).status_code == 404
    assert client_for(donor).get(reverse("advocacy:advocacy_list")).status_code == 404


def test_the_summit_carries_many_voices(hub, city, other_city):
    mayors = [Person.objects.create(hub=hub, full_name=f"Invented Mayor {i}") for i in range(24)]
    summit = record(
        hub,
        title="Fourth Global Summit",
        audience=AdvocacyAction.Audience.CITY_NETWORK,
        form=AdvocacyAction.Form.SUMMIT,
        cities=[city, other_city],
        people=mayors,
    )
    assert summit.people.count() == 24 and summit.cities.count() == 2


def test_list_download_neutralises_formulas(client_for, officer, hub, city):
    record(hub, title="@Danger", cities=[city])
    response = client_for(officer).get(reverse("advocacy:advocacy_list"), {"format": "csv"})
    assert "'@Danger" in response.content.decode("utf-8-sig")
