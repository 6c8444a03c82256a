"""A short rush at the door against the production server (gunicorn in production mode and the
background worker, as the README deploys them), on the suite's database engine: no participant
lost or counted twice, no response 5xx, submissions p95 within 500 ms. The ten-minute rush of 200
on both databases is `bench/checkin.py`."""

from __future__ import annotations

import pytest

from bench import checkin, load
from citybridge.reports.tests.test_load import server_database


@pytest.mark.slow
def test_a_rush_of_60_loses_nothing_and_doubles_nothing():
    url = server_database()
    try:
        result, stored = checkin.run(url, participants=60, minutes=2, speed=4, rows=2000, workers=3)
    finally:
        if url:
            load.drop_postgres(url)
    assert result.lost == 0 and result.duplicated == 0, result.summary()
    assert result.server_errors == 0, stored["failures"]
    assert stored["rows"] == 60 == stored["resolved"]
    assert result.p95_ms <= 500, result.summary()
