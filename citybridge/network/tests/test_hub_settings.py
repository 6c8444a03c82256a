"""A hub admin's settings page, the idle sign-out it sets, and no-store on signed-in pages."""

from __future__ import annotations

import time

from django.urls import reverse

from citybridge.network.middleware import LAST_SEEN, SIGNED_IN_AT

URL = "/hub/settings/"


def test_a_hub_admin_sets_the_default_language_and_idle_time(client_for, hub_admin, hub):
    assert reverse("network:hub_settings") == URL
    client = client_for(hub_admin)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"default_language": "mk", "idle_timeout_minutes": "45"})
    assert response.status_code == 302
    hub.refresh_from_db()
    assert (hub.default_language, hub.idle_timeout_minutes) == ("mk", 45)


def test_out_of_range_idle_time_is_a_form_error_and_nothing_is_saved(client_for, hub_admin, hub):
    response = client_for(hub_admin).post(
        URL, {"default_language": "mk", "idle_timeout_minutes": "1"}
    )
    assert response.status_code == 200 and b"error-summary" in response.content
    hub.refresh_from_db()
    assert (hub.default_language, hub.idle_timeout_minutes) == ("en", 30)


def test_officers_and_outsiders_get_a_404(client_for, officer, outsider, hub):
    assert client_for(officer).get(URL).status_code == 404
    assert (
        client_for(outsider)
        .post(URL, {"default_language": "mk", "idle_timeout_minutes": 40})
        .status_code
        == 404
    )
    hub.refresh_from_db()
    assert hub.default_language == "en"


def age_session(client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_session_idle_longer_than_the_hubs_limit_is_signed_out(client_for, officer, hub):
    client = client_for(officer)
    assert client.get("/").status_code == 200
    age_session(client, **{LAST_SEEN: 29 * 60})
    assert client.get("/").status_code == 200  # 29 minutes idle: still in
    age_session(client, **{LAST_SEEN: 31 * 60})
    response = client.get("/needs/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/?next=")
    assert "_auth_user_id" not in client.session
    hub.idle_timeout_minutes = 120
    hub.save()
    client.force_login(officer)
    client.get("/")
    age_session(client, **{LAST_SEEN: 60 * 60})
    assert client.get("/").status_code == 200


def test_an_active_session_still_ends_at_the_absolute_limit(client_for, officer, settings):
    client = client_for(officer)
    client.get("/")
    age_session(client, **{SIGNED_IN_AT: settings.SESSION_MAX_HOURS * 3600 + 1, LAST_SEEN: 10})
    assert client.get("/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_signed_in_pages_are_not_stored_by_browsers(client_for, client, officer, hub):
    assert client.get("/accounts/login/").headers.get("Cache-Control", "") != "no-store, private"
    page = client_for(officer).get("/people/")
    assert page.status_code == 200
    assert "no-store" in page.headers["Cache-Control"]
