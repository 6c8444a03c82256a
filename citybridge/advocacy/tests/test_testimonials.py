import datetime as dt

from django.urls import reverse

from citybridge.advocacy import models as advocacy
from citybridge.network.models import Person


def speaker(hub, city, *, consented: bool) -> Person:
    return Person.objects.create(
        hub=hub,
        full_name="Invented Speaker",
        city=city,
        consent_quote=consented,
        consent_recorded_on=dt.date(2023, 7, 12) if consented else None,
    )


def form(person, city, **extra):
    data = {
        "person": person.pk,
        "quote": "“We always discussed response, never prevention.”",
        "attribution": "Invented Mayor of Testgrad",
        "city": city.pk,
        "said_on": "2023-07-12",
        "publication_consent": "on",
    }
    data.update(extra)
    return data


def test_add_a_testimonial_works(client_for, officer, hub, city):
    person = speaker(hub, city, consented=True)
    response = client_for(officer).post(reverse("advocacy:testimonial_create"), form(person, city))
    assert response.status_code == 302
    testimonial = advocacy.Testimonial.objects.get()
    assert testimonial.quote == "We always discussed response, never prevention."
    assert testimonial.publication_consent
    assert list(advocacy.Testimonial.objects.publishable()) == [testimonial]


def test_publication_needs_the_person_consent(client_for, officer, hub, city):
    person = speaker(hub, city, consented=False)
    response = client_for(officer).post(reverse("advocacy:testimonial_create"), form(person, city))
    assert "has not agreed to have a quote published" in response.content.decode()
    assert not advocacy.Testimonial.objects.exists()
    data = form(person, city)
    del data["publication_consent"]
    client_for(officer).post(reverse("advocacy:testimonial_create"), data)
    assert not advocacy.Testimonial.objects.get().publication_consent


def test_add_a_testimonial_refuses_the_focal_point_and_donor(client_for, focal, donor, hub, city):
    person = speaker(hub, city, consented=True)
    for user in (focal, donor):
        url = reverse("advocacy:testimonial_create")
        assert client_for(user).post(url, form(person, city)).status_code == 404
    assert not advocacy.Testimonial.objects.exists()


def test_testimonials_are_shown_to_those_who_may_see_people(
    client_for, focal, donor, outsider, hub, city
):
    person = speaker(hub, city, consented=True)
    advocacy.Testimonial.objects.create(
        hub=hub,
        person=person,
        quote="Invented words.",
        attribution="Mayor",
        city=city,
        said_on=dt.date(2023, 7, 12),
    )
    assert (
        "Invented words."
        in client_for(focal).get(reverse("advocacy:testimonial_list")).content.decode()
    )
    assert client_for(donor).get(reverse("advocacy:testimonial_list")).status_code == 404
    body = client_for(outsider).get(reverse("advocacy:testimonial_list")).content.decode()
    assert "Invented words." not in body
