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
    response = client_for(officer).get(reverse("needs:need_matches", args=[need.pk]))
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
            client_for(user).get(reverse("needs:need_matches", args=[need.pk])).status_code == 404
        )


def test_turn_an_expert_match_into_a_support_action(client_for, officer, need, library):
    _practice, expert = library
    url = reverse("needs:match_support", args=[need.pk])
    response = client_for(officer).post(url, {"expert": expert.pk})
    action = SupportAction.objects.get()
    assert response.status_code == 302
    assert (action.kind, action.status, action.city) == ("expert", "requested", need.city)
    assert list(action.needs.all()) == [need] and list(action.experts.all()) == [expert]
    need.refresh_from_db()
    assert need.status == Need.Status.BEING_ADDRESSED


def test_turn_a_practice_match_into_guidance(client_for, officer, need, library):
    practice, _expert = library
    client_for(officer).post(
        reverse("needs:match_support", args=[need.pk]), {"practice": practice.pk}
    )
    action = SupportAction.objects.get()
    assert action.kind == "guidance" and practice.title in action.description


def test_match_support_needs_exactly_one_match(client_for, officer, need, library):
    practice, expert = library
    url = reverse("needs:match_support", args=[need.pk])
    client_for(officer).post(url, {"practice": practice.pk, "expert": expert.pk})
    assert not SupportAction.objects.exists()


def test_match_support_rejects_get(client_for, officer, need):
    assert (
        client_for(officer).get(reverse("needs:match_support", args=[need.pk])).status_code == 405
    )
    assert not SupportAction.objects.exists()


def test_match_support_refuses_outsider_and_focal_point(client_for, outsider, focal, need, library):
    _practice, expert = library
    for user in (outsider, focal):
        response = client_for(user).post(
            reverse("needs:match_support", args=[need.pk]), {"expert": expert.pk}
        )
        assert response.status_code == 404
    assert not SupportAction.objects.exists()


def test_plan_a_peer_exchange(client_for, officer, need, other_city):
    url = reverse("needs:match_exchange", args=[need.pk])
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
    url = reverse("needs:match_exchange", args=[need.pk])
    assert client_for(officer).get(url).status_code == 405
    data = {"peer_cities": [other_city.pk], "starts_on": "2024-05-10"}
    assert client_for(outsider).post(url, data).status_code == 404
    assert not Engagement.objects.filter(kind="learning_exchange").exists()


def test_match_search_for_a_city_and_a_theme(client_for, officer, city, councils, library):
    practice, _expert = library
    url = reverse("needs:match_search")
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
