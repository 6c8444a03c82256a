"""Every API route × every role, with tokens, against a written policy, over the canaries of the
pages' access matrix (accounts/tests/test_access_matrix.py, whose world this reuses).

Each role reads with a token of the hub it works in: the outsider and the two-hub users working
"there" with a token of Elsewhere Hub, the two-hub users "@here" with a token of ours, where
they are focal points; anonymous sends none. Object routes point at city B's records, as the
pages' matrix does. A route without a policy entry fails the test.

The pages' matrix covers these routes too, with session cookies: a session never opens the API
(session_policy.py), so a page cannot be made to call it (no CSRF).
"""

from __future__ import annotations

from django.urls import reverse

from citybridge.accounts.models import User
from citybridge.accounts.tests.test_access_matrix import (
    ANONYMOUS,
    MEMBERS,
    MUST_NOT_SEE,
    NOBODY,
    PEOPLE,
    ROLES,
    SIGNED_IN,
    STAFF,
    TWO_HUB_ROLES,
    own_hub,
    stands_for,
    url_names,
    world,  # noqa: F401  (the fixture)
)
from citybridge.api.actions import create_token
from citybridge.api.tests.conftest import TokenClient
from citybridge.api.tests.session_policy import ROUTES
from citybridge.network.models import Hub

OPEN = SIGNED_IN | ANONYMOUS

# Route name (namespace api_v1) -> the roles that may get a 2xx on GET with their token.
POLICY: dict[str, frozenset[str]] = {
    # the schema and its documentation page: the published interface, no records
    "openapi-json": OPEN,
    "openapi-view": OPEN,
    "api-root": NOBODY,
    "hub": SIGNED_IN,
    "city_list": SIGNED_IN,
    "city_detail": MEMBERS,
    "person_list": own_hub(PEOPLE),
    "person_detail": STAFF,
    "engagement_list": own_hub(PEOPLE),
    "engagement_detail": STAFF,
    "attendance_list": STAFF,
    "need_list": own_hub(PEOPLE),
    "need_create": own_hub(PEOPLE),  # the list's path: GET lists, POST records (staff)
    "need_detail": STAFF,
    "need_matches": STAFF,
    "practice_list": SIGNED_IN,
    "practice_detail": SIGNED_IN,
    "support_list": own_hub(PEOPLE | {"expert"}),
    "support_detail": STAFF,
    "support_move": NOBODY,  # POST only
    "mechanism_list": SIGNED_IN,
    "mechanism_detail": MEMBERS,
    "advocacy_list": own_hub(PEOPLE),
    "advocacy_detail": STAFF,
    "figures": SIGNED_IN,
    "brief_list": SIGNED_IN,
    "brief_detail": MEMBERS,
    "brief_file": MEMBERS,
    "import_upload": NOBODY,  # POST only
    "job_detail": STAFF,
    "import_confirm": NOBODY,  # POST only
}

# Writes: who may get a 2xx on POST (empty bodies are refused anyway; nobody else gets a 2xx).
MAY_POST = {"need_create", "support_move", "import_upload", "import_confirm"}

USERNAMES = {
    "hub_admin": "hubadmin",
    "officer": "officer",
    "focal": "focal",
    "expert": "expert",
    "donor": "donor",
    "outsider": "outsider",
}


def token_clients() -> dict[str, TokenClient | None]:
    here, there = Hub.objects.get(slug="western-balkans"), Hub.objects.get(slug="elsewhere")
    clients: dict[str, TokenClient | None] = {"anonymous": None}
    for role in (*ROLES, *TWO_HUB_ROLES):
        if role == "anonymous":
            continue
        name = USERNAMES.get(role, role.removesuffix("@here"))
        hub = here if role in USERNAMES or role.endswith("@here") else there
        if role == "outsider":
            hub = there
        user = User.objects.get(username=name)
        _token, secret = create_token(user, hub, name="matrix", days=1, acting_user=user)
        clients[role] = TokenClient(secret)
    return clients


def api_routes() -> list[tuple[str, object]]:
    return [
        (name.removeprefix("api_v1:"), pattern)
        for name, pattern in url_names()
        if name.startswith("api_v1:")
    ]


def route_url(name: str, pattern, objects: dict) -> str:
    kwargs: dict[str, object] = {}
    for arg in pattern.pattern.converters:
        if arg == "pk":
            obj = objects.get(f"api_v1:{name}")
            kwargs["pk"] = obj.pk if obj is not None else 999_999
        elif arg == "fmt":
            kwargs["fmt"] = "html"
        else:
            raise AssertionError(f"{name}: no value for the URL argument {arg!r}")
    return reverse(f"api_v1:{name}", kwargs=kwargs)


def test_every_api_route_and_role_against_the_policy(world):  # noqa: F811
    o = world["objects"]
    objects = {
        f"api_v1:{api}": o[page]
        for api, page in (
            ("city_detail", "network:city_detail"),
            ("person_detail", "network:person_detail"),
            ("engagement_detail", "engagement:engagement_detail"),
            ("attendance_list", "engagement:engagement_detail"),
            ("need_detail", "needs:need_detail"),
            ("need_matches", "matching:need_matches"),
            ("practice_detail", "practices:practice_detail"),
            ("support_detail", "support:support_detail"),
            ("support_move", "support:support_detail"),
            ("mechanism_detail", "support:mechanism_detail"),
            ("advocacy_detail", "advocacy:advocacy_detail"),
            ("brief_detail", "reports:brief_detail"),
            ("brief_file", "reports:brief_detail"),
            ("job_detail", "jobs:job_detail"),
            ("import_confirm", "jobs:job_detail"),
        )
    }
    routes = api_routes()
    unclassified = sorted(name for name, _ in routes if name not in POLICY)
    assert not unclassified, f"API routes without an access policy: {unclassified}"
    assert not sorted(set(POLICY) - {name for name, _ in routes}), "stale policy entries"
    assert set(POLICY) == set(ROUTES), "session_policy.ROUTES lists every route"

    clients = token_clients()
    unexpected, refused, leaks, posted = [], [], [], []
    for name, pattern in routes:
        url = route_url(name, pattern, objects)
        for role, client in clients.items():
            response = client.get(url) if client else world["clients"]["anonymous"].get(url)
            ok = 200 <= response.status_code < 300
            allowed = stands_for(role) in POLICY[name]
            if ok and not allowed:
                unexpected.append((name, role, response.status_code))
            if not ok and allowed:
                refused.append((name, role, response.status_code))
            body = response.content.decode("utf-8", "replace").lower()
            leaks += [(name, role, c) for c in MUST_NOT_SEE[role] if c.lower() in body]
            if name in MAY_POST and stands_for(role) in STAFF:
                continue
            answer = client.post(url, {}) if client else world["clients"]["anonymous"].post(url)
            if 200 <= answer.status_code < 300 and name not in ("openapi-json", "openapi-view"):
                posted.append((name, role, answer.status_code))
    cells = len(routes) * len(clients)
    print(
        f"\nAPI access matrix: {len(routes)} routes × {len(clients)} roles = {cells} cells; "
        f"unexpected 2xx: {len(unexpected)}; canary leaks: {len(leaks)}"
    )
    assert len(routes) >= 30
    assert not unexpected, f"2xx where the policy says no: {unexpected}"
    assert not leaks, f"canaries seen by roles that must not see them: {leaks}"
    assert not refused, f"refused where the policy says yes: {refused}"
    assert not posted, f"POST answered 2xx to a role outside the policy: {posted}"
