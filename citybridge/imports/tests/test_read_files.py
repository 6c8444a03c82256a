"""Reading an import's files in two processes gives what reading them one by one gives."""

import datetime as dt
import random

import pytest

from citybridge.demo.sheets import City, invent_people, write_sheet
from citybridge.imports import reading
from citybridge.imports.reading import Choices, ReadSheet, SheetRefused, read_files
from citybridge.lib.headers import ATTENDANCE
from citybridge.lib.spreadsheets import SheetError


@pytest.fixture(scope="module")
def files():
    """CSV and XLSX sheets as partners send them, a sheet without a name column (refused with
    its columns read) and a damaged workbook (an error)."""
    rng = random.Random(5)
    cities = [City("Niš", "RS", "Ниш"), City("Novi Pazar", "RS", "Нови Пазар")]
    written = [
        write_sheet(f"E{n:03}", invent_people(cities, 40, rng), "RS", dt.date(2024, 3, n + 1), rng)
        for n in range(8)
    ]
    return [
        *((w.file_name, w.data) for w in written[:4]),
        ("nameless.csv", "Grad;E-mail\r\nNiš;a@b.rs\r\n".encode()),
        ("broken.xlsx", b"PK\x03\x04 not a workbook"),
        *((w.file_name, w.data) for w in written[4:]),
    ]


def outcome(reads):
    """What each read holds, comparable across processes."""
    seen: list[tuple] = []
    for read in reads:
        if isinstance(read, ReadSheet):
            seen.append(("sheet", read.file_name, read.sha256, read.columns, read.table))
        else:
            sheets = [s.file_name for s in read.sheets] if isinstance(read, SheetRefused) else []
            seen.append((type(read).__name__, [str(p) for p in read.problems], sheets))
    return seen


def test_two_processes_read_what_one_reads(files, monkeypatch):
    told = []
    alone = read_files(files, ATTENDANCE, Choices(), lambda stage, rows: told.append(rows))
    assert len(told) == len(files)
    assert [type(r) for r in alone[4:6]] == [SheetRefused, SheetError]
    monkeypatch.setattr(reading, "READ_IN_TWO_BYTES", 0)
    told.clear()
    shared = read_files(files, ATTENDANCE, Choices(), lambda stage, rows: told.append(rows))
    assert outcome(shared) == outcome(alone)
    assert 0 < len(told) < len(files)  # this process told of its own files only


def test_files_the_other_process_could_not_send_are_read_here(files, monkeypatch):
    monkeypatch.setattr(reading, "READ_IN_TWO_BYTES", 0)
    monkeypatch.setattr(reading, "_packed", lambda read: 1 / 0)  # the worker fails
    shared = read_files(files, ATTENDANCE, Choices(), lambda stage, rows: None)
    monkeypatch.undo()
    assert outcome(shared) == outcome(read_files(files, ATTENDANCE, Choices(), lambda *a: None))


def test_an_unexpected_error_is_raised_here(files, monkeypatch):
    monkeypatch.setattr(reading, "READ_IN_TWO_BYTES", 0)
    real = reading.read_sheet

    def failing(name, *args):
        if name == "broken.xlsx":
            raise RuntimeError("out of luck")
        return real(name, *args)

    monkeypatch.setattr(reading, "read_sheet", failing)
    with pytest.raises(RuntimeError, match="out of luck"):
        read_files(files, ATTENDANCE, Choices(), lambda stage, rows: None)
