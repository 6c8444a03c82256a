"""The API's routes as the pages' access matrix sees them (accounts/tests/test_access_matrix.py):
with a session cookie and no token, only the schema and its documentation page answer; the API
tokens page is every signed-in user's. Kept apart from test_api_access_matrix, which imports the
pages' matrix: this one is imported by it."""

from __future__ import annotations

SIGNED_IN = frozenset({"hub_admin", "officer", "focal", "expert", "donor", "outsider"})
OPEN = SIGNED_IN | {"anonymous"}
NOBODY: frozenset[str] = frozenset()

DOCS = ("openapi-json", "openapi-view")
# Every route of /api/v1/ by URL name (test_api_access_matrix holds each one's token policy).
ROUTES = (
    *DOCS,
    "api-root",
    "hub",
    "city_list",
    "city_detail",
    "person_list",
    "person_detail",
    "engagement_list",
    "engagement_detail",
    "attendance_list",
    "need_list",
    "need_create",
    "need_detail",
    "need_matches",
    "practice_list",
    "practice_detail",
    "support_list",
    "support_detail",
    "support_move",
    "mechanism_list",
    "mechanism_detail",
    "advocacy_list",
    "advocacy_detail",
    "figures",
    "brief_list",
    "brief_detail",
    "brief_file",
    "import_upload",
    "job_detail",
    "import_confirm",
)

SESSION_POLICY: dict[str, frozenset[str]] = {
    **{f"api_v1:{name}": OPEN if name in DOCS else NOBODY for name in ROUTES},
    "api:token_list": SIGNED_IN,
    "api:token_revoke": NOBODY,  # POST only, and only the user's own tokens
}
