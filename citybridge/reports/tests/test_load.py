"""Twenty-five signed-in users browse and search for 15 s against the production server (gunicorn,
WhiteNoise, DEBUG off, as the README deploys it): no response 5xx and p95 within 800 ms.

The server is a separate process, so it cannot see pytest's test database (on SQLite an
in-memory one, on PostgreSQL one inside this test's transaction): it gets a database of its
own, a file under tmp_path or `<suite database>_load` on PostgreSQL, filled by bench/load.py
through migrations and the real actions. The 5-minute run on both databases is `make bench`.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from bench import load

LOAD_SECONDS = 15


def server_database() -> str | None:
    """A fresh PostgreSQL database beside the suite's when the suite runs on PostgreSQL."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    user = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    url = f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}_load"
    if not load.fresh_postgres(url):
        pytest.fail(f"The suite runs on PostgreSQL but {url} cannot be created.")
    return url


@pytest.mark.slow
def test_25_users_browse_and_search_without_errors_within_800_ms():
    url = server_database()
    try:
        result = load.run(url, seconds=LOAD_SECONDS, users=25)
    finally:
        if url:
            load.drop_postgres(url)
    assert result.server_errors == 0, result.failures
    # Every kind of page was opened, and often: the load was real.
    assert set(result.median_ms_by_page) >= {"home", "city", "people search", "figures"}
    assert result.requests >= 25 * LOAD_SECONDS // 5
    assert result.p95_ms <= 800, result.summary()
