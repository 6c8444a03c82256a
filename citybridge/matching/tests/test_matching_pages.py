import datetime as dt
import json
import re
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.support.models import SupportAction


def test_need_matches_explains_practices_peer_cities_and_experts(
    client_for, officer, need, library
):
    practice, expert = library
    response = client_for(officer).get(reverse("matching:need_matches", args=[need.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert practice.title in body and "Same theme: Multi-actor prevention mechanisms." in body
    # Drugovo's own practice on the theme makes it a peer city.
    assert "Its own practice: Drugovo Local Safety Council." in body
    assert expert.full_name in body and "Has worked in this country." in body
    # Issue 17: in words a person uses: strength, not scores; concepts, not keyed words; names of
    # languages, not codes.
    assert re.search(r"(Strong|Good|Possible) match", body)
    assert not re.search(r">\s*[01]\.\d\d\s*<", body)
    assert "Read in the request" not in body and " ~ " not in body
    assert "Speaks the city&#x27;s language: Montenegrin." in body
    assert "cnr" not in body.replace('lang="cnr"', "")


def test_need_page_names_the_language_it_was_stated_in(client_for, officer, need):
    body = client_for(officer).get(reverse("needs:need_detail", args=[need.pk])).content.decode()
    assert "<dd>Montenegrin</dd>" in body


def test_focal_point_donor_and_outsider_get_no_matches(client_for, focal, donor, outsider, need):
    for user in (focal, donor, outsider):
        assert (
            client_for(user).get(reverse("matching:need_matches", args=[need.pk])).status_code
            == 404
        )


def confirm(client, need, **match):
    """Open the form a match fills in, and save it as it stands (what the officer confirms)."""
    url = reverse("matching:match_support", args=[need.pk])
    page = client.get(url, match)
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, ""):
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return page, client.post(url, data)


def test_a_match_opens_the_support_form_filled_in_and_records_nothing(
    client_for, officer, need, library
):
    _practice, expert = library
    page = client_for(officer).get(
        reverse("matching:match_support", args=[need.pk]), {"expert": expert.pk}
    )
    assert page.status_code == 200
    form = page.context["form"]
    assert form["kind"].value() == "expert" and form["city"].value() == need.city.pk
    assert [int(v) for v in form["experts"].value()] == [expert.pk]
    assert [int(v) for v in form["needs"].value()] == [need.pk]
    assert "Vera Testović" in form["title"].value()
    assert "nothing is recorded before you do" in page.content.decode()
    assert not SupportAction.objects.exists()
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN


def test_turn_an_expert_match_into_a_support_action(client_for, officer, need, library):
    _practice, expert = library
    _page, response = confirm(client_for(officer), need, expert=expert.pk)
    action = SupportAction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("support:support_detail", args=[action.pk])
    assert (action.kind, action.status, action.city) == ("expert", "requested", need.city)
    assert list(action.needs.all()) == [need] and list(action.experts.all()) == [expert]
    need.refresh_from_db()
    assert need.status == Need.Status.BEING_ADDRESSED
    assert list(action.moved_needs.all()) == [need]


def test_turn_a_practice_match_into_guidance(client_for, officer, need, library):
    practice, _expert = library
    confirm(client_for(officer), need, practice=practice.pk)
    action = SupportAction.objects.get()
    assert action.kind == "guidance" and practice.title in action.description


def test_the_officer_completes_the_form_before_saving(client_for, officer, need, library):
    _practice, expert = library
    client = client_for(officer)
    url = reverse("matching:match_support", args=[need.pk])
    response = client.post(
        url,
        {
            "title": "Expert Pool: Vera for Testgrad",
            "kind": "expert",
            "city": need.city.pk,
            "starts_on": "2024-06-01",
            "needs": [need.pk],
            "experts": [expert.pk],
        },
    )
    assert response.status_code == 302
    action = SupportAction.objects.get()
    assert action.starts_on == dt.date(2024, 6, 1) and action.title.startswith("Expert Pool")
    # an incomplete form is shown again with its errors, and records nothing
    response = client.post(url, {"title": "", "kind": "expert", "needs": [need.pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert SupportAction.objects.count() == 1


def test_match_support_names_at_most_one_match(client_for, officer, need, library):
    practice, expert = library
    url = reverse("matching:match_support", args=[need.pk])
    response = client_for(officer).get(url, {"practice": practice.pk, "expert": expert.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:need_matches", args=[need.pk])
    assert not SupportAction.objects.exists()


def test_match_support_refuses_outsider_focal_point_and_donor(
    client_for, outsider, focal, donor, need, library
):
    _practice, expert = library
    url = reverse("matching:match_support", args=[need.pk])
    for user in (outsider, focal, donor):
        assert client_for(user).get(url, {"expert": expert.pk}).status_code == 404
        data = {"title": "x", "kind": "expert", "city": need.city.pk, "needs": [need.pk]}
        assert client_for(user).post(url, data).status_code == 404
    assert not SupportAction.objects.exists()


def test_the_matches_page_links_to_the_form_and_creates_nothing_itself(
    client_for, officer, need, library
):
    _practice, expert = library
    body = (
        client_for(officer).get(reverse("matching:need_matches", args=[need.pk])).content.decode()
    )
    link = reverse("matching:match_support", args=[need.pk]) + f"?expert={expert.pk}"
    assert f'href="{link}"' in body
    assert 'method="post" action="' + reverse("matching:match_support", args=[need.pk]) not in body


def test_plan_a_peer_exchange(client_for, officer, need, other_city):
    url = reverse("matching:match_exchange", args=[need.pk])
    response = client_for(officer).post(
        url, {"peer_cities": [other_city.pk], "starts_on": "2024-05-10"}
    )
    exchange = Engagement.objects.get(kind="learning_exchange")
    assert response.status_code == 302
    assert exchange.host_city == need.city and list(exchange.participating_cities.all()) == [
        other_city
    ]
    assert exchange.starts_on == dt.date(2024, 5, 10)
    action = SupportAction.objects.get()
    assert action.kind == "peer_exchange" and list(action.engagements.all()) == [exchange]
    assert list(action.needs.all()) == [need]


def test_peer_exchange_rejects_get_and_refuses_outsider(
    client_for, officer, outsider, need, other_city
):
    url = reverse("matching:match_exchange", args=[need.pk])
    assert client_for(officer).get(url).status_code == 405
    data = {"peer_cities": [other_city.pk], "starts_on": "2024-05-10"}
    assert client_for(outsider).post(url, data).status_code == 404
    assert not Engagement.objects.filter(kind="learning_exchange").exists()


def test_match_search_for_a_city_and_a_theme(client_for, officer, city, councils, library):
    practice, _expert = library
    url = reverse("matching:match_search")
    response = client_for(officer).get(
        url, {"city": city.pk, "theme": councils.pk, "text": "Савет"}
    )
    assert practice.title in response.content.decode()


def test_match_command_returns_json_with_scores_and_reasons(city, councils, library):
    out = StringIO()
    call_command(
        "match",
        "--city",
        "Тестград",
        "--theme",
        councils.slug,
        "--text",
        "savjet",
        "--format",
        "json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert set(result) == {"practices", "peer_cities", "experts"}
    first = result["practices"][0]
    assert first["label"] == "Drugovo Local Safety Council"
    assert first["score"] > 0 and first["reasons"]
    assert result["peer_cities"][0]["label"] == "Drugovo"
    assert result["experts"][0]["label"] == "Vera Testović"
    # Experts are people: what the command prints is an export of personal data, and logged.
    from citybridge.accounts.models import AccessLog

    logged = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert logged.hub is not None and logged.hub.slug == "western-balkans"
    assert logged.count == len(result["experts"])


def test_match_command_explains_a_wrong_city(db):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No city"):
        call_command("match", "--city", "Atlantis", "--theme", "education")
