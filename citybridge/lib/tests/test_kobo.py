"""KoboToolbox and ODK exports: which heading is metadata, which is a question and its own part,
which is a select_multiple's split column; the submission's ids; the tools' timestamps, also as
dates. All names and ids invented."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from bench import kobo as bench_kobo
from citybridge.lib.cells import parse_date
from citybridge.lib.kobo import KoboLayout, Role, Source, is_ticked, layout, timestamp
from citybridge.lib.spreadsheets import ATTENDANCE, Table, ValueProblem, map_columns, read_table

KOBO_META_FIRST = ["start", "end", "today", "deviceid", "username"]
KOBO_META_LAST = [
    "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_tags", "_index",
]  # fmt: skip
KOBO_QUESTIONS = [
    "participant/first_name",
    "participant/last_name",
    "participant/organization",
    "participant/position",
    "participant/municipality",
    "participant/email",
    "participant/gender",
]
KOBO = [*KOBO_META_FIRST, *KOBO_QUESTIONS, *KOBO_META_LAST]


def kobo_row(**answers: str) -> dict[str, str]:
    row = dict.fromkeys(KOBO, "")
    row |= {
        "start": "2024-03-01T10:00:00.000+01:00",
        "end": "2024-03-01T10:02:31.512+01:00",
        "today": "2024-03-01",
        "_id": "318000042",
        "_uuid": "0c6f2b5e-1d2a-4c1e-9a51-5b0f5c1e7a10",
        "_submission_time": "2024-03-01T09:05:12",
        "_status": "submitted_via_web",
        "__version__": "vTestVersion01",
        "_index": "1",
    }
    return row | answers


# --- recognising an export -------------------------------------------------------------------


def test_kobo_export_with_groups_places_every_heading() -> None:
    found = layout(KOBO)
    assert found is not None
    assert found.source is Source.KOBO
    assert found.separator == "/"
    assert not found.labels
    assert set(found.metadata) == {*KOBO_META_FIRST, *KOBO_META_LAST}
    assert found.metadata["start"] is Role.STARTED
    assert found.metadata["end"] is Role.ENDED
    assert found.metadata["_submission_time"] is Role.SUBMITTED
    assert found.metadata["_uuid"] is Role.SUBMISSION_ID
    assert found.metadata["_id"] is Role.RECORD
    assert found.field_heading("participant/organization") == "organization"
    assert found.field_heading("start") is None
    assert all(place for place in found.placed().values())
    # The questions' own parts are what the attendance spec knows.
    parts = [found.field_heading(h) or "" for h in KOBO_QUESTIONS]
    assert set(map_columns(parts, ATTENDANCE)) == {
        "first_name", "last_name", "organisation", "role", "city", "email", "gender",
    }  # fmt: skip


def test_no_metadata_column_is_ever_a_question() -> None:
    """`end`, `today`, `_submission_time` look like dates and `username` like a name: they
    are what the tool recorded, never an answer of the sheet."""
    found = layout(KOBO)
    assert found is not None
    for heading in [*KOBO_META_FIRST, *KOBO_META_LAST]:
        assert found.field_heading(heading) is None
        assert heading not in found.fields


@pytest.mark.parametrize(
    "headers",
    [
        ["#", "Ime i prezime", "Organizacija", "Potpis"],
        ["Key", "Title", "Start", "End", "City", "Country"],
        ["start", "end", "Full name", "Organisation"],  # a plain sheet may say start and end
        ["Name", "ID", "Email"],
    ],
)
def test_paper_sheets_are_not_exports(headers: list[str]) -> None:
    assert layout(headers) is None


def test_odk_central_export() -> None:
    headers = [
        "SubmissionDate", "start", "end", "today", "deviceid",
        "participant-first_name", "participant-last_name", "participant-organization",
        "participant-gender", "place-Latitude", "place-Longitude", "place-Altitude",
        "place-Accuracy", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
        "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID",
        "Edits", "FormVersion",
    ]  # fmt: skip
    found = layout(headers)
    assert found is not None
    assert found.source is Source.ODK_CENTRAL
    assert found.separator == "-"
    assert found.field_heading("participant-first_name") == "first_name"
    assert found.field_heading("participant-gender") == "gender"
    assert found.metadata["meta-instanceID"] is Role.SUBMISSION_ID
    assert found.metadata["KEY"] is Role.ROOT_ID
    assert found.metadata["SubmissionDate"] is Role.SUBMITTED
    assert found.metadata["place-Latitude"] is Role.LOCATION
    assert set(found.fields) == {
        "participant-first_name", "participant-last_name", "participant-organization",
        "participant-gender",
    }  # fmt: skip


def test_odk_briefcase_export() -> None:
    headers = ["SubmissionDate", "name", "organisation", "meta-instanceID", "KEY"]
    found = layout(headers)
    assert found is not None
    assert found.source is Source.ODK_BRIEFCASE
    assert found.fields == {"name": "name", "organisation": "organisation"}
    cells = {"KEY": "uuid:5e1d0b7a", "meta-instanceID": "uuid:5e1d0b7a", "name": "Tea Proba"}
    assert found.submission_id(cells) == "5e1d0b7a"


def test_a_lone_question_of_an_odk_group_is_read_by_its_tail() -> None:
    """With "-" as separator a name may hold a "-" itself, so only a prefix that several
    headings share is surely a group; the other readings are offered in order."""
    found = layout(["SubmissionDate", "contact-e-mail", "person-name", "person-org", "KEY"])
    assert found is not None
    assert found.field_heading("person-name") == "name"
    assert found.field_headings("contact-e-mail") == ("contact-e-mail", "e-mail", "mail")


def test_labels_in_the_regions_languages_with_groups() -> None:
    """A labels export: the group's label is cut off, a "/" inside a label stays."""
    headers = [
        "start", "end",
        "Pjesëmarrësi/Emri dhe mbiemri", "Pjesëmarrësi/Organizata / Institucioni",
        "Pjesëmarrësi/Komuna / Bashkia", "Pjesëmarrësi/Gjinia", "Tel/Faks",
        "_id", "_uuid", "_submission_time", "_index",
    ]  # fmt: skip
    found = layout(headers)
    assert found is not None
    assert found.labels
    assert found.field_heading("Pjesëmarrësi/Organizata / Institucioni") == (
        "Organizata / Institucioni"
    )
    assert found.field_heading("Tel/Faks") == "Tel/Faks"  # a label's own "/", no group
    assert set(map_columns(found.fields.values(), ATTENDANCE)) == {
        "full_name",
        "organisation",
        "city",
        "gender",
    }


def test_cyrillic_labels_without_groups() -> None:
    headers = ["start", "end", "Име", "Презиме", "Град / Општина", "Пол", "_uuid", "_index"]
    found = layout(headers)
    assert found is not None
    assert found.labels
    assert [found.field_heading(h) for h in headers[2:6]] == headers[2:6]


def test_questions_of_the_same_name_in_two_groups_keep_their_groups() -> None:
    found = layout(["participant/name", "organiser/name", "participant/email", "_uuid"])
    assert found is not None
    assert found.field_heading("participant/name") == "participant/name"
    assert found.field_heading("organiser/name") == "organiser/name"
    assert found.field_heading("participant/email") == "email"


def test_another_group_separator_chosen_on_export() -> None:
    found = layout(["start", "p.first_name", "p.last_name", "p.email", "_uuid", "_index"])
    assert found is not None
    assert found.separator == "."
    assert found.field_heading("p.last_name") == "last_name"


def test_kobo_columns_it_does_not_know_are_still_metadata() -> None:
    found = layout(["participant/name", "_uuid", "_some_future_column", "_place_latitude"])
    assert found is not None
    assert found.metadata["_some_future_column"] is Role.OTHER
    assert found.metadata["_place_latitude"] is Role.LOCATION


# --- select questions ------------------------------------------------------------------------


def test_select_multiple_with_its_own_column_and_split_columns() -> None:
    headers = [
        "participant/name", "participant/sector", "participant/sector/police",
        "participant/sector/ngo", "participant/sector/local_government", "_uuid",
    ]  # fmt: skip
    found = layout(headers)
    assert found is not None
    assert found.choices["participant/sector"] == (
        ("police", "participant/sector/police"),
        ("ngo", "participant/sector/ngo"),
        ("local_government", "participant/sector/local_government"),
    )
    assert found.field_heading("participant/sector") == "sector"
    assert found.field_heading("participant/sector/ngo") is None
    assert found.placed()["participant/sector/ngo"] == "choice: participant/sector = ngo"
    cells = {"participant/sector": "police ngo", "participant/sector/police": "1"}
    assert found.codes("participant/sector", cells) == "police ngo"


def test_split_columns_only_are_read_back_into_codes() -> None:
    headers = ["participant/name", "participant/sector/police", "participant/sector/ngo", "_uuid"]
    rows = [
        {"participant/sector/police": "1", "participant/sector/ngo": "0"},
        {"participant/sector/police": "FALSE", "participant/sector/ngo": "TRUE"},
        {"participant/sector/police": "True", "participant/sector/ngo": "True"},
    ]
    found = layout(headers, rows)
    assert found is not None
    assert found.fields == {"participant/name": "name", "participant/sector": "sector"}
    assert [found.expand(r)["participant/sector"] for r in rows] == ["police", "ngo", "police ngo"]


def test_split_columns_need_their_values_to_be_told_from_a_group() -> None:
    """Without rows (or with text in them) `participant/sector/police` is a nested group's
    question, as it may well be."""
    headers = [
        "participant/name",
        "participant/contact/phone",
        "participant/contact/email",
        "_uuid",
    ]
    rows = [{"participant/contact/phone": "+38160000000", "participant/contact/email": "1"}]
    found = layout(headers, rows)
    assert found is not None
    assert not found.choices
    assert found.field_heading("participant/contact/email") == "email"


def test_labels_split_columns() -> None:
    headers = ["Emri", "Sektori", "Sektori/Policia", "Sektori/OJQ", "_uuid"]
    found = layout(headers)
    assert found is not None
    assert found.choices["Sektori"] == (("Policia", "Sektori/Policia"), ("OJQ", "Sektori/OJQ"))


def test_odk_split_columns_follow_the_question() -> None:
    headers = ["SubmissionDate", "p-name", "p-sector", "p-sector/police", "p-sector/ngo", "KEY"]
    found = layout(headers)
    assert found is not None
    assert found.choices["p-sector"] == (("police", "p-sector/police"), ("ngo", "p-sector/ngo"))
    assert found.field_heading("p-sector") == "sector"


@pytest.mark.parametrize(
    ("value", "ticked"),
    [("1", True), ("TRUE", True), ("True", True), ("0", False), ("FALSE", False), ("", False)],
)
def test_is_ticked(value: str, ticked: bool) -> None:
    assert is_ticked(value) is ticked


# --- the submission's ids and times ----------------------------------------------------------


def test_submission_id_is_the_uuid() -> None:
    found = layout(KOBO)
    assert found is not None
    row = kobo_row()
    assert found.submission_id(row) == "0c6f2b5e-1d2a-4c1e-9a51-5b0f5c1e7a10"
    assert found.submission_keys(row) == ("_id:318000042", "0c6f2b5e-1d2a-4c1e-9a51-5b0f5c1e7a10")


def test_an_edited_kobo_submission_keeps_its_record_number() -> None:
    """Kobo gives an edited submission a new `_uuid`; its `_id` stays, so the two versions
    still share a key."""
    found = layout(KOBO)
    assert found is not None
    before = kobo_row()
    after = kobo_row(_uuid="7d3a1c9e-0b4f-4e2a-8c6d-2f1e0a9b8c7d")
    assert found.submission_id(before) != found.submission_id(after)
    assert set(found.submission_keys(before)) & set(found.submission_keys(after))


def test_root_uuid_names_the_submission_through_its_edits() -> None:
    headers = [*KOBO, "meta/instanceID", "meta/rootUuid", "meta/deprecatedID"]
    found = layout(headers)
    assert found is not None
    row = kobo_row(
        _uuid="second",
        **{
            "meta/instanceID": "uuid:second",
            "meta/rootUuid": "uuid:first",
            "meta/deprecatedID": "uuid:first",
        },
    )
    assert found.submission_id(row) == "first"
    assert found.submission_keys(row) == ("first", "_id:318000042", "second")


def test_instance_id_without_uuid_prefix_when_there_is_no_uuid_column() -> None:
    found = layout(["name", "meta/instanceID"])
    assert found is not None
    assert found.source is Source.XLSFORM
    assert found.submission_id({"meta/instanceID": "uuid:abc-123"}) == "abc-123"
    assert found.submission_id({"meta/instanceID": ""}) == ""


def test_times_of_a_submission() -> None:
    found = layout(KOBO)
    assert found is not None
    row = kobo_row()
    assert found.submitted_at(row) == dt.datetime(2024, 3, 1, 9, 5, 12, tzinfo=dt.UTC)
    started = found.started_at(row)
    assert started == dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)
    assert started is not None and started.utcoffset() == dt.timedelta(hours=1)
    assert found.submitted_at(kobo_row(_submission_time="")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T10:00:00.000+01:00", dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)),
        ("2024-03-01T09:00:00Z", dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC)),
        ("2024-03-01T09:00:00.5z", dt.datetime(2024, 3, 1, 9, 0, 0, 500000, tzinfo=dt.UTC)),
        ("2024-07-01T10:00:00.123456789+0200", dt.datetime(2024, 7, 1, 8, 0, 0, 123456, dt.UTC)),
        ("2024-03-01T09:00:05", dt.datetime(2024, 3, 1, 9, 0, 5, tzinfo=dt.UTC)),
        ("2024-03-01 10:00", dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC)),
        ("2023-11-30T23:30:00-05:00", dt.datetime(2023, 12, 1, 4, 30, tzinfo=dt.UTC)),
        ("Mar 1, 2024 9:05:12 PM", dt.datetime(2024, 3, 1, 21, 5, 12, tzinfo=dt.UTC)),
    ],
)
def test_timestamp(text: str, expected: dt.datetime) -> None:
    read = timestamp(text)
    assert read == expected
    assert read.tzinfo is not None


def test_timestamp_keeps_its_own_offset() -> None:
    read = timestamp("2024-03-01T00:30:00.000+01:00")
    assert (read.date(), read.utcoffset()) == (dt.date(2024, 3, 1), dt.timedelta(hours=1))


@pytest.mark.parametrize(
    "text", ["", "2024-03-01", "2024-02-30T10:00:00Z", "2024-03-01T10:00:00+25:00", "yesterday"]
)
def test_timestamp_refuses(text: str) -> None:
    with pytest.raises(ValueProblem):
        timestamp(text)


# --- parse_date reads the tools' timestamps as the day written -------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T10:00:00.000+01:00", dt.date(2024, 3, 1)),
        ("2024-03-01T00:30:00.000+01:00", dt.date(2024, 3, 1)),  # 29 February in UTC
        ("2024-03-01T23:30:00.000-05:00", dt.date(2024, 3, 1)),  # 2 March in UTC
        ("2024-03-01T09:00:00Z", dt.date(2024, 3, 1)),
        ("2024-03-01T09:00:05", dt.date(2024, 3, 1)),
        ("2024-03-01T09:00:05.123456", dt.date(2024, 3, 1)),
        ("2024-03-01 10:00:00+0100", dt.date(2024, 3, 1)),
    ],
)
def test_parse_date_reads_timestamps(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2024-03-01T", "2024-03-01T10", "2024-02-30T10:00:00Z"])
def test_parse_date_refuses_broken_timestamps(text: str) -> None:
    with pytest.raises(ValueProblem):
        parse_date(text)


# --- the bench's Kobo exports (bench/kobo.py) are read whole --------------------------------


def mini_dataset(root: Path) -> Path:
    """A dev-set layout with three invented sheets, one for each of the generator's partners:
    full names (A), Cyrillic full names (C, the second engagement), first/last in XLSX (B)."""
    (root / "sheets").mkdir(parents=True)
    (root / "truth").mkdir()
    (root / "members.csv").write_text("city,country,joined,left\nTestgrad,RS,2022-11-10,\n")
    (root / "engagements.csv").write_text(
        "key,title,type,start,end,city,country\n"
        "E1,Workshop in Testgrad #1,workshop,2023-02-01,2023-02-02,Testgrad,RS\n"
        "E3,Webinar #3,webinar,2023-12-05,2023-12-05,Testgrad,RS\n"
        "E2,Roundtable in Drugovo #2,roundtable,2023-07-14,2023-07-14,Drugovo,ME\n"
    )
    (root / "sheets" / "E1.csv").write_text(
        "#;Full name;Organisation;Position;City;Email;Gender;Signature\n"
        "1;Tea Probić;Municipality of Testgrad;Mayor;Testgrad;TEA@TESTGRAD.GOV;F;\n"
        "2;DR. Ivo Testić;Police Testgrad;;Testgrad;;M;\n"
        "3;ANA PROBA;;Youth worker;Drugovo;;Ž;\n",
        encoding="utf-8",
    )
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [
        ["#", "Ime", "Prezime", "Institucija", "Funkcija", "Opština", "E-mail", "Pol"],
        [1, "Tea", "Probić", "Opština Testgrad", "Gradonačelnica", "Testgrad", "", "Ž"],
        [2, "Marko", "Probni", "", "Odbornik", "Drugovo", "marko@drugovo.me", "M"],
    ]:
        sheet.append(row)
    workbook.save(root / "sheets" / "E2.xlsx")
    (root / "sheets" / "E3.csv").write_text(
        "#,Име и презиме,Организација,Функција,Град,Е-пошта,Пол,Потпис\n"
        "1,Тea Пробић,Општина Тестград,Градоначелница,Тестград,,Ж,\n"
        "2,Иво Тестић,,,Тестград,,М,\n",
        encoding="utf-8",
    )
    (root / "truth" / "mentions.csv").write_text(
        "source,row,person\nE1.csv,1,P1\nE1.csv,2,P2\nE1.csv,3,P3\nE2.xlsx,1,P1\n"
        "E2.xlsx,2,P4\nE3.csv,1,P1\nE3.csv,2,P2\n"
    )
    return root


def read_export(path: Path) -> tuple[KoboLayout, Table]:
    table = read_table(path.read_bytes(), path.name)
    found = layout(table.headers, [r.cells for r in table.rows])
    assert found is not None, path.name
    return found, table


@pytest.mark.parametrize(
    ("per_engagement", "labels"), [(False, False), (True, False), (False, True)]
)
def test_bench_kobo_exports_place_every_column(
    tmp_path: Path, per_engagement: bool, labels: bool
) -> None:
    dataset = mini_dataset(tmp_path / "dev")
    out = tmp_path / "kobo"
    summary = bench_kobo.generate(out, dataset, per_engagement=per_engagement, labels=labels)
    assert summary["rows"] == 7
    exports = sorted((out / "sheets").iterdir())
    if per_engagement:
        assert [p.name for p in exports] == ["E1.csv", "E2.xlsx", "E3.csv"]
    else:
        assert {p.suffix for p in exports} == {".csv", ".xlsx"}
    truth = list(csv.DictReader((out / "truth" / "mentions.csv").open(encoding="utf-8")))
    assert sorted(r["person"] for r in truth) == ["P1", "P1", "P1", "P2", "P2", "P3", "P4"]
    assert any(read_export(p)[0].labels for p in exports) == labels
    for path in exports:
        found, table = read_export(path)
        assert found.source is Source.KOBO
        assert set(found.placed()) == set(table.headers)
        assert {found.metadata[h] for h in ("start", "end", "today", "_submission_time")} == {
            Role.STARTED, Role.ENDED, Role.TODAY, Role.SUBMITTED,
        }  # fmt: skip
        read = map_columns(found.fields.values(), ATTENDANCE)
        names = {"first_name", "last_name"} if path.suffix == ".xlsx" else {"full_name"}
        # One export for all the events of a form: its event column routes the rows.
        routed = set() if per_engagement else {"engagement"}
        assert set(read) == names | routed | {"organisation", "role", "city", "email", "gender"}
        # Every question is read, the event question (of an export of several events) too.
        assert set(found.fields.values()) == set(read.values())
        assert found.labels == (labels and "Pjesëmarrësi/Gjinia" in table.headers)
        ids = [found.submission_id(r.cells) for r in table.rows]
        assert all(ids) and len(set(ids)) == len(ids)
        assert all(found.started_at(r.cells) for r in table.rows)
        for row in table.rows:
            when = row.cells["start"]
            assert when[-6:] in ("+01:00", "+02:00") and "." in when
            assert parse_date(when) == parse_date(row.cells["today"])


def test_bench_kobo_newer_export_adds_and_edits_submissions(tmp_path: Path) -> None:
    dataset = mini_dataset(tmp_path / "dev")
    out = tmp_path / "kobo"
    summary = bench_kobo.generate(out, dataset, newer=True, seed=3)
    changes = list(csv.DictReader((out / "truth" / "changes.csv").open(encoding="utf-8")))
    assert len(changes) == 7
    # Seed 3 gives this small set one of each kind of change.
    assert {c["status"] for c in changes} == {"unchanged", "edited", "added"}
    assert summary["older_rows"] == sum(1 for c in changes if c["status"] != "added")
    older = {p.name: read_export(p) for p in (out / "older" / "sheets").iterdir()}
    newer = {p.name: read_export(p) for p in (out / "sheets").iterdir()}
    for change in changes:
        found, table = newer[change["source"]]
        row = table.rows[int(change["row"]) - 1].cells
        if change["status"] == "added":
            continue
        old_found, old_table = older[change["older_source"]]
        old_row = old_table.rows[int(change["older_row"]) - 1].cells
        shared = set(found.submission_keys(row)) & set(old_found.submission_keys(old_row))
        assert shared, change
        if change["status"] == "unchanged":
            assert row == old_row | {"_index": row["_index"]}
        else:
            # Kobo gives an edited submission a new `_uuid`; its `_id` stays.
            assert found.submission_id(row) != old_found.submission_id(old_row)
            assert shared == {f"_id:{row['_id']}"}
