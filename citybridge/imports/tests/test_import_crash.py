"""An attendance import killed at any moment leaves all of its sheet or none of it.

Each run imports a generated sheet of a few thousand rows with `citybridge import attendance` in
its own process against a fresh copy of a SQLite database, and SIGKILLs it at a random moment:
no `finally`, no rollback in Python, only what SQLite itself made durable. The control run
imports without the transaction and is killed half-way, to show the check can tell.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from bench import load
from citybridge.demo.sheets import City, invent_people, write_sheet

# SQLite's own durability is what is tested: the PostgreSQL run of the suite skips it.
pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite crash safety")

ROWS = 2000
RUNS = 20
CITIES = [City("Budva", "ME", "Будва"), City("Bar", "ME", "Бар"), City("Kotor", "ME", "Котор")]
ENGAGEMENTS = (
    "key,title,type,start,end,city,country\nC01,Crash test,convening,2024-03-12,,Budva,ME\n"
)

# The control: the real importer with every transaction turned off, saving row by row, which
# announces each committed row so the test can kill it half-way.
ROW_BY_ROW = """
import contextlib, sys, time, django
django.setup()
from django.db import transaction
from citybridge.engagement import sheets
from citybridge.imports.registry import run_import
from citybridge.network.models import Hub
transaction.atomic = lambda *a, **k: contextlib.nullcontext()
bulk_create = sheets.Attendance.objects.bulk_create
def save_one_by_one(records, batch_size=None):
    for number, record in enumerate(records, start=1):
        # The importer's _insert takes {attname: value} rows, bulk_create model instances.
        if isinstance(record, dict):
            record = sheets.Attendance(**record)
        bulk_create([record])
        print(number, flush=True)
        if number == 500:
            time.sleep(60)
sheets.Attendance.objects.bulk_create = save_one_by_one
sheets._insert = save_one_by_one  # the importer's own executemany, where it has one
run_import("attendance", [(sys.argv[1].rsplit("/", 1)[-1], open(sys.argv[1], "rb").read())],
    hub=Hub.objects.get(slug="western-balkans"), acting_user=None,)
"""


def environment(var: Path) -> dict[str, str]:
    """This process's environment for a command on the SQLite database in `var`."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {"CITYBRIDGE_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "citybridge.settings"}


def cli(var: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        env=environment(var),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        **popen,
    )


def copy_database(source: Path, var: Path) -> Path:
    var.mkdir()
    target = var / "citybridge.sqlite3"
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)
    a.close()
    b.close()
    return target


def contents(database: Path) -> tuple[int, int, int]:
    """(attendance rows, sheets, people) after checking the file is a sound database."""
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counts = tuple(
            db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("engagement_attendance", "engagement_sheet", "network_person")
        )
    db.close()
    return counts


def verdict(counts: tuple[int, int, int], complete: tuple[int, int, int]) -> str:
    if counts == (0, 0, 0):
        return "none"
    if counts == complete:
        return "all"
    return "partial"


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> Path:
    """A sign-in sheet of ROWS people for engagement C01, in one of the ways partners send it."""
    rng = random.Random(11)
    written = write_sheet("C01", invent_people(CITIES, ROWS, rng), "ME", dt.date(2024, 3, 12), rng)
    path = tmp_path_factory.mktemp("crash") / written.file_name
    path.write_bytes(written.data)
    return path


@pytest.fixture(scope="module")
def setup(sheet) -> tuple[Path, Path]:
    """A migrated database file holding engagement C01, and the sheet. The migrated file is the
    one the load test and the check-in rush copy too (bench/load.py keeps it per migrations):
    migrating afresh took a minute of the suite."""
    var = sheet.parent / "template"
    var.mkdir()
    load.migrated(environment(var), None)
    engagements = sheet.parent / "engagements.csv"
    engagements.write_text(ENGAGEMENTS)
    assert (
        cli(var, "-m", "citybridge.cli", "import", "engagements", str(engagements)).wait(120) == 0
    )
    return var / "citybridge.sqlite3", sheet


@pytest.mark.slow
def test_a_killed_import_leaves_all_of_the_sheet_or_none_of_it(setup, tmp_path):
    template, sheet = setup
    command = ("-m", "citybridge.cli", "import", "attendance", str(sheet))
    # One run to the end: how long an import takes, and what a complete one leaves.
    database = copy_database(template, tmp_path / "complete")
    started = time.monotonic()
    assert cli(database.parent, *command).wait(timeout=60) == 0
    duration = time.monotonic() - started
    complete = contents(database)
    assert complete[:2] == (ROWS, 1) and complete[2] > 0

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    verdicts = []
    for run in range(RUNS):
        database = copy_database(template, tmp_path / f"run{run}")
        process = cli(database.parent, *command)
        # From Django's start-up to just after the commit, where most of the time is the write.
        time.sleep(rng.uniform(0.3, 1.15) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        verdicts.append(verdict(contents(database), complete))
    print(f"{RUNS} kills (seed {seed}):", {v: verdicts.count(v) for v in set(verdicts)})
    assert "partial" not in verdicts, f"seed {seed}: {verdicts}"
    assert "none" in verdicts  # the kills did land before the commit


def test_the_check_catches_an_import_without_its_transaction(setup, tmp_path):
    template, sheet = setup
    database = copy_database(template, tmp_path / "control")
    process = cli(database.parent, "-c", ROW_BY_ROW, str(sheet))
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "500":
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    counts = contents(database)
    assert counts == (500, 1, 0)
    assert verdict(counts, (ROWS, 1, 1)) == "partial"
