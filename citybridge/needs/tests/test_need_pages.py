from django.urls import reverse

from citybridge.needs.models import Need


def test_officer_lists_and_filters_needs(client_for, officer, need, youth, other_city, hub):
    Need.objects.create(
        hub=hub,
        city=other_city,
        theme=youth,
        statement="Youth programmes",
        raised_on=need.raised_on,
    )
    body = client_for(officer).get(reverse("needs:need_list")).content.decode()
    assert "Savjet za bezbjednost" in body and "Youth programmes" in body
    body = (
        client_for(officer).get(reverse("needs:need_list"), {"theme": youth.slug}).content.decode()
    )
    assert "Youth programmes" in body and "Savjet za bezbjednost" not in body


def test_focal_point_sees_only_their_city_and_the_donor_no_rows(
    client_for, focal, donor, need, youth, other_city, hub
):
    Need.objects.create(
        hub=hub, city=other_city, theme=youth, statement="Other city asks", raised_on=need.raised_on
    )
    body = client_for(focal).get(reverse("needs:need_list")).content.decode()
    assert "Savjet za bezbjednost" in body and "Other city asks" not in body
    assert client_for(donor).get(reverse("needs:need_list")).status_code == 404
    assert client_for(donor).get(reverse("needs:need_detail", args=[need.pk])).status_code == 404


def test_outsider_sees_no_need(client_for, outsider, need):
    assert client_for(outsider).get(reverse("needs:need_detail", args=[need.pk])).status_code == 404
    body = client_for(outsider).get(reverse("needs:need_list"))
    assert body.status_code == 404 or "Savjet" not in body.content.decode()


def test_need_detail_shows_statement_and_matches_link(client_for, officer, need):
    body = client_for(officer).get(reverse("needs:need_detail", args=[need.pk])).content.decode()
    assert 'lang="cnr"' in body and "Savjet za bezbjednost" in body
    assert reverse("matching:need_matches", args=[need.pk]) in body


def test_create_need(client_for, officer, city, councils, consultation):
    response = client_for(officer).post(
        reverse("needs:need_create"),
        {
            "city": city.pk,
            "theme": councils.pk,
            "statement": "  Kemi nevojë për Këshillin Vendor për Siguri. ",
            "language": "sq",
            "priority": "high",
            "status": "open",
            "source_engagement": consultation.pk,
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert need.statement == "Kemi nevojë për Këshillin Vendor për Siguri."
    assert need.raised_on == consultation.starts_on
    assert need.recorded_by == officer and need.hub.slug == "western-balkans"


def test_create_need_without_date_or_engagement_saves_nothing(client_for, officer, city, councils):
    response = client_for(officer).post(
        reverse("needs:need_create"),
        {
            "city": city.pk,
            "theme": councils.pk,
            "statement": "x",
            "language": "en",
            "priority": "low",
            "status": "open",
        },
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Need.objects.exists()


def test_create_need_get_shows_the_form_and_saves_nothing(client_for, officer):
    response = client_for(officer).get(reverse("needs:need_create"))
    assert response.status_code == 200 and not Need.objects.exists()


def test_focal_point_and_outsider_cannot_create_a_need(client_for, focal, outsider, city, councils):
    data = {
        "city": city.pk,
        "theme": councils.pk,
        "statement": "x",
        "language": "en",
        "priority": "low",
        "status": "open",
        "raised_on": "2023-01-01",
    }
    assert client_for(focal).post(reverse("needs:need_create"), data).status_code == 404
    # An officer of another hub cannot choose this hub's city: the form refuses it.
    response = client_for(outsider).post(reverse("needs:need_create"), data)
    assert "There is a problem" in response.content.decode()
    assert not Need.objects.exists()


def test_edit_need(client_for, officer, need, youth):
    client_for(officer).post(
        reverse("needs:need_edit", args=[need.pk]),
        {
            "city": need.city_id,
            "theme": youth.pk,
            "statement": "Changed",
            "language": "en",
            "priority": "low",
            "status": "open",
            "raised_on": "2023-03-16",
        },
    )
    need.refresh_from_db()
    assert (need.theme, need.statement, need.priority) == (youth, "Changed", "low")


def test_outsider_cannot_edit_a_need(client_for, outsider, need):
    response = client_for(outsider).post(reverse("needs:need_edit", args=[need.pk]), {})
    assert response.status_code == 404
    need.refresh_from_db()
    assert need.statement.startswith("Potreban")


def test_change_status(client_for, officer, need):
    response = client_for(officer).post(
        reverse("needs:need_status", args=[need.pk]), {"status": "met"}
    )
    need.refresh_from_db()
    assert response.status_code == 302 and need.status == "met"


def test_change_status_rejects_get(client_for, officer, need):
    assert client_for(officer).get(reverse("needs:need_status", args=[need.pk])).status_code == 405
    need.refresh_from_db()
    assert need.status == "open"


def test_change_status_refuses_outsider_and_focal_point(client_for, outsider, focal, need):
    for user in (outsider, focal):
        response = client_for(user).post(
            reverse("needs:need_status", args=[need.pk]), {"status": "met"}
        )
        assert response.status_code == 404
    need.refresh_from_db()
    assert need.status == "open"
