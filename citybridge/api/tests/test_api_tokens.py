"""Personal access tokens: made on the page and shown once, stored as a digest, refused when
expired, revoked, unknown, of a user without a role there, and limited in rate."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from citybridge.accounts.models import Role
from citybridge.api.models import ApiToken
from citybridge.api.tests.conftest import TokenClient
from citybridge.lib import rates

HUB_URL = "/api/v1/hub"


def test_a_token_is_made_on_the_page_shown_once_and_stored_hashed(client_for, officer, hub):
    client = client_for(officer)
    page = client.post(reverse("api:token_list"), {"name": "nightly export", "days": "30"})
    assert page.status_code == 200
    secret = page.context["secret"]
    assert secret.startswith("cbt_") and len(secret) > 40
    assert secret in page.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.hub, token.name) == (officer, hub, "nightly export")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.values().get())
    assert dt.timedelta(days=29) < token.expires_at - timezone.now() <= dt.timedelta(days=30)
    # Shown once: the page never shows it again, only its first characters.
    again = client.get(reverse("api:token_list")).content.decode()
    assert secret not in again and token.hint in again and "nightly export" in again

    answer = TokenClient(secret).get(HUB_URL)
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store, private"  # as every signed-in page
    assert answer.json()["your_roles"] == ["officer"]
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert (
        "never"
        not in client.get(reverse("api:token_list"))
        .content.decode()
        .split("nightly export")[1]
        .split("</tr>")[0]
    )


def test_the_token_page_refuses_a_get_revoke_and_another_users_token(
    client_for, officer, focal, hub, api_as
):
    api_as(officer, hub)
    token = ApiToken.objects.get()
    url = reverse("api:token_revoke", args=[token.pk])
    assert client_for(officer).get(url).status_code == 405
    assert client_for(focal).post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_revoked_token_is_refused(client_for, officer, hub, api_as):
    api = api_as(officer, hub)
    assert api.get(HUB_URL).status_code == 200
    token = ApiToken.objects.get()
    response = client_for(officer).post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    answer = api.get(HUB_URL)
    assert answer.status_code == 401
    assert answer.json() == {"detail": "This API token was revoked."}
    assert token.history.filter(revoked_at__isnull=False).get().history_user == officer


def test_an_expired_an_unknown_and_a_missing_token_are_refused_with_why(officer, hub, api_as):
    api = api_as(officer, hub)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "expired on" in api.get(HUB_URL).json()["detail"]
    assert api.get(HUB_URL).status_code == 401
    assert (
        TokenClient("cbt_" + "x" * 43)
        .get(HUB_URL)
        .json()["detail"]
        .startswith("This API token is not known")
    )
    assert TokenClient("sk_live_123").get(HUB_URL).status_code == 401
    missing = TokenClient("").client.get(HUB_URL)
    assert missing.status_code == 401
    assert "Authorization: Bearer" in missing.json()["detail"]
    assert missing["WWW-Authenticate"] == "Bearer"


def test_a_signed_in_session_does_not_open_the_api(client_for, officer):
    assert client_for(officer).get(HUB_URL).status_code == 401


def test_the_role_is_read_at_use_so_a_removed_role_stops_the_token(officer, hub, api_as):
    api = api_as(officer, hub)
    assert api.get("/api/v1/people").status_code == 200
    Role.objects.filter(user=officer).update(kind=Role.Kind.DONOR)
    assert api.get("/api/v1/people").status_code == 403
    Role.objects.filter(user=officer).delete()
    refused = api.get(HUB_URL)
    assert refused.status_code == 403
    assert "no longer hold a role" in refused.json()["detail"]
    officer.roles.create(hub=hub, kind=Role.Kind.OFFICER)
    officer.is_active = False
    officer.save()
    assert api.get(HUB_URL).status_code == 401


def test_a_token_reads_its_own_hub_only(officer, outsider, hub, api_as):
    """A user with roles in two hubs: the token of the other hub reads that hub, never ours."""
    from citybridge.network.models import Hub

    elsewhere = Hub.objects.get(slug="elsewhere")
    officer.roles.create(hub=elsewhere, kind=Role.Kind.OFFICER)
    here, there = api_as(officer, hub), api_as(officer, elsewhere)
    assert here.get(HUB_URL).json()["slug"] == "western-balkans"
    assert there.get(HUB_URL).json()["slug"] == "elsewhere"
    from citybridge.network.models import Person

    person = Person.objects.create(hub=hub, full_name="Ana Here")
    assert here.get(f"/api/v1/people/{person.pk}").status_code == 200
    assert there.get(f"/api/v1/people/{person.pk}").status_code == 404
    assert person.pk not in [p["id"] for p in there.get("/api/v1/people").json()["results"]]


def test_too_many_requests_are_refused_until_the_next_minute(
    settings, officer, hub, api_as, monkeypatch
):
    settings.API_RATE_PER_MINUTE = 3
    # All four requests in one clock minute (a minute's turn mid-test would start a new count).
    monkeypatch.setattr(rates, "clock", lambda: 1_800_000_030.0)
    api = api_as(officer, hub)
    assert [api.get(HUB_URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get(HUB_URL)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert "at most 3 a minute" in refused.json()["detail"]
    # The next minute counts afresh.
    monkeypatch.setattr(rates, "clock", lambda: 1_800_000_060.0)
    assert api.get(HUB_URL).status_code == 200


@pytest.mark.parametrize("user", ["officer", "focal", "donor"])
def test_every_role_may_make_tokens_in_its_hub(request, client_for, hub, user):
    client = client_for(request.getfixturevalue(user))
    assert client.get(reverse("api:token_list")).status_code == 200
    assert client.post(reverse("api:token_list"), {"name": "x", "days": "7"}).status_code == 200
    assert ApiToken.objects.count() == 1


def test_the_outsider_without_any_role_gets_no_token_page(client_for, db):
    from citybridge.conftest import make_user

    assert client_for(make_user("nobody")).get(reverse("api:token_list")).status_code == 404
