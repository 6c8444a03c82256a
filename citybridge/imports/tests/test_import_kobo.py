"""KoboToolbox and ODK exports imported as they come: group-prefixed headings in XML names or
labels, split names, select codes, the tool's metadata named as such, rows routed by their event
column, and a newer export re-synced by submission. Every name here is invented."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.engagement.resolution import EarlyResolution, resolve_hub
from citybridge.imports import attendance
from citybridge.imports.registry import run_import
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.models import Person

HEAD = ["start", "end", "today", "deviceid"]
TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status"]
TAIL += ["_submitted_by", "__version__", "_tags", "_index"]
QUESTIONS = ["participant/full_name", "participant/organization", "participant/municipality"]
QUESTIONS += ["participant/email", "participant/gender"]


@pytest.fixture
def meetings(hub, city):
    return {
        key: Engagement.objects.create(
            hub=hub,
            key=key,
            title=f"Forum {key}",
            kind="workshop",
            starts_on=day,
            ends_on=day,
            host_city=city,
        )
        for key, day in (("K01", dt.date(2024, 3, 1)), ("K02", dt.date(2024, 4, 2)))
    }


def submission(number: int, answers: list[str], *, uuid: str = "", event: str = "") -> list[str]:
    """One Kobo row: metadata as the tool writes it around the answers."""
    return [
        "2024-03-01T10:00:00.000+01:00",
        "2024-03-01T10:02:31.120+01:00",
        "2024-03-01",
        "collect:TESTDEVICE0000001",
        *([event] if event else []),
        *answers,
        str(301457000 + number),
        uuid or f"00000000-0000-4000-8000-{number:012d}",
        "2024-03-01T09:02:35",
        "",
        "",
        "submitted_via_web",
        "",
        "vTestVersion1",
        "",
        str(number),
    ]


def kobo_csv(rows: list[list[str]], *, questions=QUESTIONS, delimiter=";", event=False) -> bytes:
    out = io.StringIO()
    # Kobo quotes every cell of its ";" export; an older "," export only those that need it.
    if delimiter == ";":
        writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    else:
        writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
    writer.writerow([*HEAD, *(["event"] if event else []), *questions, *TAIL])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


ZORA = ["Zora Testić", "NVO Most", "Testgrad", "zora@example.org", "female"]
MIRKO = ["Mirko Probić", "Opština Testgrad", "Testgrad", "", "male"]
LIRA = ["Lira Provaj", "Bashkia Testgrad", "Testgrad", "lira@example.org", "female"]


def test_a_kobo_csv_reads_its_groups_and_names_its_metadata(hub, meetings, officer):
    data = kobo_csv([submission(1, ZORA), submission(2, MIRKO)])
    report = run_import("attendance", [("K01.csv", data)], hub=hub, acting_user=officer)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    zora = Attendance.objects.get(row_number=1)
    assert (zora.full_name, zora.organisation, zora.city, zora.email, zora.gender) == (
        "Zora Testić",
        "NVO Most",
        "Testgrad",
        "zora@example.org",
        "female",
    )
    # Every cell kept as written, the tool's own ones too; the steady ids kept to re-sync by.
    assert zora.cells["start"] == "2024-03-01T10:00:00.000+01:00"
    assert zora.cells["_uuid"] == "00000000-0000-4000-8000-000000000001"
    assert zora.submission_keys == ["_id:301457001", "00000000-0000-4000-8000-000000000001"]
    (sheet,) = report.sheets
    how = {c["heading"]: (c["field"], c["how"]) for c in sheet["columns"]}
    assert how["participant/organization"] == ("organisation", "known")
    assert how["start"] == ("", "form metadata") and how["_uuid"] == ("", "form metadata")
    assert not [c for c in sheet["columns"] if c["how"] == "not used"]
    assert not [n for n in report.notes if "not used" in n]
    assert Person.objects.of_hub(hub).count() == 2


def test_a_comma_csv_headed_with_serbian_labels(hub, meetings, officer):
    questions = [
        "Učesnik/Ime i prezime",
        "Učesnik/Institucija",
        "Učesnik/Grad / Opština",
        "Učesnik/E-mail",
        "Učesnik/Pol",
    ]
    data = kobo_csv([submission(1, MIRKO)], questions=questions, delimiter=",")
    report = run_import("attendance", [("K01.csv", data)], hub=hub, acting_user=officer)
    record = Attendance.objects.get()
    assert (record.full_name, record.organisation, record.city) == (
        "Mirko Probić",
        "Opština Testgrad",
        "Testgrad",
    )
    how = {c["heading"]: c["field"] for c in report.sheets[0]["columns"]}
    assert how["Učesnik/Grad / Opština"] == "city"


def test_an_xlsx_export_with_split_names_and_select_multiple_columns(hub, meetings, officer):
    book = openpyxl.Workbook()
    sheet = book.active
    # The gender question exported as its split columns only (1 or 0), as Kobo can.
    questions = ["participant/first_name", "participant/last_name", "participant/organization"]
    questions += ["participant/gender/female", "participant/gender/male"]
    sheet.append([*HEAD, *questions, *TAIL])
    sheet.append(submission(1, ["Lira", "Provaj", "Bashkia Testgrad", "1", "0"]))
    sheet.append(submission(2, ["Mirko", "Probić", "Opština Testgrad", "0", "1"]))
    data = io.BytesIO()
    book.save(data)
    report = run_import("attendance", [("K01.xlsx", data.getvalue())], hub=hub, acting_user=officer)
    lira = Attendance.objects.get(row_number=1)
    assert (lira.given_name, lira.family_name, lira.full_name) == ("Lira", "Provaj", "Lira Provaj")
    assert lira.gender == "female"
    assert lira.cells["participant/gender/female"] == "1"  # the split cells stay as they were
    how = {c["heading"]: (c["how"], c["note"]) for c in report.sheets[0]["columns"]}
    assert how["participant/gender/male"] == ("choice", "participant/gender = male")
    assert how["_index"][0] == "form metadata"


def test_rows_go_to_the_engagement_their_event_column_names(hub, meetings, officer):
    data = kobo_csv(
        [
            submission(1, ZORA, event="K01"),
            submission(2, MIRKO, event="Forum K02"),  # a labels export writes the title
            submission(3, LIRA, event="k02"),
        ],
        event=True,
    )
    name = "Hub_sign-in_-_all_versions_-_False_-_2024-04-03-08-15-00.csv"
    preview = run_import("attendance", [(name, data)], hub=hub, acting_user=officer, dry_run=True)
    (sheet,) = preview.sheets
    assert sheet["target"] == "2 engagements, as the column 'event' says"
    assert [(r["target"].split(" ·")[0], r["rows"]) for r in sheet["routes"]] == [
        ("K01", 1),
        ("K02", 2),
    ]
    run_import("attendance", [(name, data)], hub=hub, acting_user=officer)
    assert sorted(Attendance.objects.values_list("engagement__key", "row_number")) == [
        ("K01", 1),
        ("K02", 2),
        ("K02", 3),
    ]
    assert Sheet.objects.filter(file_name=name).count() == 2


def test_an_event_no_engagement_has_refuses_the_import(hub, meetings, officer):
    data = kobo_csv([submission(1, ZORA, event="K09")], event=True)
    with pytest.raises(SheetError) as refused:
        run_import("attendance", [("export.csv", data)], hub=hub, acting_user=officer)
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (1, "event")
    assert "K09" in problem.message
    assert not Attendance.objects.exists()


def test_a_newer_export_adds_new_submissions_and_corrects_edited_ones(hub, meetings, officer):
    older = kobo_csv(
        [submission(1, ZORA, event="K01"), submission(2, MIRKO, event="K01")], event=True
    )
    run_import("attendance", [("sign-in_2024-03-02.csv", older)], hub=hub, acting_user=officer)
    zora_before = Attendance.objects.get(full_name="Zora Testić")
    mirko_before = Attendance.objects.get(full_name="Mirko Probić")
    # Mirko's name corrected on the server: a new `_uuid`, the same `_id`; Lira came late.
    corrected = ["Mirko Probić-Testni", *MIRKO[1:]]
    newer = kobo_csv(
        [
            submission(1, ZORA, event="K01"),
            submission(2, corrected, event="K01", uuid="11111111-0000-4000-8000-000000000002"),
            submission(3, LIRA, event="K02"),
        ],
        event=True,
    )
    preview = run_import(
        "attendance",
        [("sign-in_2024-04-03.csv", newer)],
        hub=hub,
        acting_user=officer,
        dry_run=True,
    )
    assert (preview.created, preview.updated, preview.unchanged) == (1, 1, 1)
    assert "1 new, 1 updated, 1 unchanged" in preview.summary()
    report = run_import(
        "attendance", [("sign-in_2024-04-03.csv", newer)], hub=hub, acting_user=officer
    )
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert Attendance.objects.count() == 3
    mirko = Attendance.objects.get(pk=mirko_before.pk)  # rewritten in place
    assert mirko.full_name == "Mirko Probić-Testni"
    assert (mirko.source_file, mirko.row_number) == ("sign-in_2024-04-03.csv", 2)
    assert "11111111-0000-4000-8000-000000000002" in mirko.submission_keys
    assert "00000000-0000-4000-8000-000000000002" in mirko.submission_keys
    versions = list(mirko.history.order_by("history_date"))
    assert [v.full_name for v in versions] == ["Mirko Probić", "Mirko Probić-Testni"]
    assert versions[-1].history_change_reason == "re-sync"
    zora = Attendance.objects.get(pk=zora_before.pk)  # left alone
    assert (zora.source_file, zora.cells) == (zora_before.source_file, zora_before.cells)
    assert not zora.history.exists()
    assert Attendance.objects.get(full_name="Lira Provaj").engagement.key == "K02"


def test_the_same_export_twice_changes_nothing(hub, meetings, officer):
    data = kobo_csv([submission(1, ZORA), submission(2, MIRKO)])
    run_import("attendance", [("K01.csv", data)], hub=hub, acting_user=officer)
    before = list(Attendance.objects.values())
    people = Person.objects.count()
    for name in ("K01.csv", "K01_again.csv"):
        report = run_import(
            "attendance",
            [(name, data)],
            hub=hub,
            engagement=meetings["K01"],
            acting_user=officer,
        )
        assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert list(Attendance.objects.values()) == before
    assert Person.objects.count() == people
    assert not Attendance.history.exists()
    assert Sheet.objects.count() == 1


def test_an_export_as_engagements_reads_no_date_from_its_metadata(hub, officer):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(["start", "end", "today", "event/key", "event/title", "event/date", "_uuid"])
    writer.writerow(
        [
            "2024-05-02T09:00:00.000+02:00",
            "2024-05-02T09:05:00.000+02:00",
            "2024-05-02",
            "K07",
            "Forum K07",
            "2024-06-10",
            "00000000-0000-4000-8000-000000000007",
        ]
    )
    run_import(
        "engagements", [("events.csv", out.getvalue().encode())], hub=hub, acting_user=officer
    )
    engagement = Engagement.objects.get(key="K07")
    assert engagement.starts_on == dt.date(2024, 6, 10)


def test_the_preview_names_the_form_metadata(client_for, officer, hub, meetings):
    data = kobo_csv(
        [submission(1, ZORA, event="K01"), submission(2, MIRKO, event="K02")], event=True
    )
    file = SimpleUploadedFile("export.csv", data, content_type="text/csv")
    page = client_for(officer).post(
        reverse("imports:upload"), {"kind": "attendance", "sheets": [file]}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "form metadata" in text and "when the form was opened" in text
    assert "An export of KoboToolbox" in text
    assert "K02 · Forum K02" in text
    assert 'tag-bad">not used' not in text
    assert not Attendance.objects.exists()


def test_the_command_line_lists_how_each_column_was_read(hub, meetings, tmp_path, capsys):
    path = tmp_path / "K01.csv"
    path.write_bytes(kobo_csv([submission(1, LIRA)]))
    call_command("import", "attendance", str(path), "-v", "2")
    out = capsys.readouterr().out
    assert "participant/municipality: read as city / municipality (recognised)" in out
    assert "_submission_time: form metadata, when the submission reached the server" in out
    assert "not used" not in out
    assert Attendance.objects.get().full_name == "Lira Provaj"


def test_a_re_sync_beside_a_paper_sheet_resolves_early_as_after_storing(
    hub, meetings, officer, monkeypatch
):
    monkeypatch.setattr(attendance, "EARLY_ROWS", 1)
    used = []
    real_ids = EarlyResolution._real_ids

    def checked(self, sheet_ids):
        found = real_ids(self, sheet_ids)
        assert found is not None, "the rows were not stored as foreseen"
        used.append(self)
        return found

    monkeypatch.setattr(EarlyResolution, "_real_ids", checked)
    older = kobo_csv([submission(1, ZORA, event="K01")], event=True)
    run_import("attendance", [("sign-in_1.csv", older)], hub=hub, acting_user=officer)
    newer = kobo_csv(
        [
            submission(1, ["Zora Testić-Probna", *ZORA[1:]], event="K01", uuid="1" * 8 + "-0"),
            submission(2, MIRKO, event="K01"),
        ],
        event=True,
    )
    paper = b"Ime i prezime,Institucija,Grad\r\nZora Testic,NVO Most,Testgrad\r\n"
    report = run_import(
        "attendance",
        [("sign-in_2.csv", newer), ("K02.csv", paper)],
        hub=hub,
        acting_user=officer,
    )
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    assert len(used) == 1
    linked = dict(Attendance.objects.values_list("full_name", "person_id"))
    summary = resolve_hub(hub)  # the ordinary way, in this process
    assert (summary.created, summary.relinked, summary.retired) == (0, 0, 0)
    assert dict(Attendance.objects.values_list("full_name", "person_id")) == linked
