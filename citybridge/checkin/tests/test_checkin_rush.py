"""A short rush at the door against the production server (gunicorn in production mode and the
background worker, as the README deploys them), on the suite's database engine: no participant
lost or counted twice, no response 5xx. The ten-minute rush of 200 on both databases, with its
p95 and the worker's resolution, is `bench/checkin.py`.

The rush runs as its own process group with a hard time limit: a server that stops answering
fails this test in RUSH_LIMIT seconds, never hangs the suite (the bench's phones also give up
by themselves: bench.checkin.MOST_TRIES). Its p95 is printed, not asserted: on a machine shared
by other work it measures the neighbours."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench import load
from citybridge.reports.tests.test_load import server_database

ROOT = Path(__file__).resolve().parents[3]
# The rush's own limit: about 40 s on a quiet machine, a minute on a busy one. Collecting the
# static files and migrating a fresh database come before it, once (kept for the runs after).
RUSH_LIMIT = 120
SET_UP_LIMIT = 600


def bench(*args: str, env: dict[str, str], limit: float) -> str:
    """bench/checkin.py as its own process group (its gunicorn and worker in it), killed whole
    past `limit` seconds: its output."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "checkin.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _out, err = process.communicate()
        pytest.fail(f"bench/checkin.py {' '.join(args)} did not end within {limit} s:\n{err}")
    assert process.returncode == 0, err[-3000:]
    return out


@pytest.mark.slow
def test_a_short_rush_loses_nothing_and_doubles_nothing():
    url = server_database()
    env = {**os.environ, **({"CHECKIN_DATABASE_URL": url} if url else {})}
    database = ["--database", "postgres" if url else "sqlite"]
    try:
        bench("--warm", *database, env=env, limit=SET_UP_LIMIT)
        out = bench(
            "--json", *database,
            "--participants", "30", "--minutes", "2", "--speed", "10", "--rows", "300",
            "--workers", "3", "--resolve-within", "0",
            env=env, limit=RUSH_LIMIT,
        )  # fmt: skip
    finally:
        if url:
            load.drop_postgres(url)
    result = json.loads(out.strip().splitlines()[-1])
    print(result["summary"])  # the times, for whoever reads the run with -s
    assert result["participants"] == 30
    assert result["lost"] == 0 and result["duplicated"] == 0, result["summary"]
    assert result["server_errors"] == 0, result["failures"]
    assert result["rows"] == 30, result
