"""Importing sign-in sheets as partners send them, and the people they resolve to."""

import datetime as dt

import pytest

from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.imports.registry import run_import
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.models import Person
from citybridge.reports.figures import individuals_engaged, leaders_engaged

HEADER_LATIN = "#;Ime i prezime;Institucija;Funkcija;Grad / Opština;E-mail;Pol;Potpis\r\n"
HEADER_CYRILLIC = "#,Име и презиме,Институција,Функција,Град / Општина,Е-пошта,Пол,Потпис\r\n"


@pytest.fixture
def engagements(hub, city):
    made = {}
    for key, day in (
        ("K01", dt.date(2023, 3, 1)),
        ("K02", dt.date(2023, 6, 1)),
        ("K03", dt.date(2024, 2, 1)),
    ):
        made[key] = Engagement.objects.create(
            hub=hub,
            key=key,
            title=f"Meeting {key}",
            kind="workshop",
            starts_on=day,
            ends_on=day,
            host_city=city,
        )
    return made


def latin(*rows: str, encoding: str = "cp1250") -> bytes:
    return (HEADER_LATIN + "".join(f"{i};{r}\r\n" for i, r in enumerate(rows, 1))).encode(encoding)


def cyrillic(*rows: str, encoding: str = "cp1251") -> bytes:
    return (HEADER_CYRILLIC + "".join(f"{i},{r}\r\n" for i, r in enumerate(rows, 1))).encode(
        encoding
    )


def test_the_same_person_across_scripts_counts_once(hub, engagements, officer):
    report = run_import(
        "attendance",
        [
            ("K01.csv", latin("Dragoslav Vukašinović;Opština Testgrad;Gradonačelnik;Testgrad;;M;")),
            (
                "K02.csv",
                cyrillic("Вукашиновић Драгослав,Општина Тестград,Градоначелник,Тестград,,М,"),
            ),
        ],
        hub=hub,
        acting_user=officer,
    )
    assert report.created == 2
    assert Person.objects.count() == 1
    figure = individuals_engaged(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert figure.value == 1
    assert leaders_engaged(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31)).value == 1


def test_every_cell_is_kept_as_written_with_file_and_row(hub, engagements, officer):
    run_import(
        "attendance",
        [("K01.csv", latin("  BOGDANOVIĆ Zorka ;Centar;;Testgrad;Z.B@EXAMPLE.ORG;Ž;"))],
        hub=hub,
        acting_user=officer,
    )
    record = Attendance.objects.get()
    assert (record.source_file, record.row_number) == ("K01.csv", 1)
    assert record.cells["Ime i prezime"] == "  BOGDANOVIĆ Zorka "
    assert record.email == "Z.B@EXAMPLE.ORG"


def test_a_bad_row_refuses_the_whole_import(hub, engagements, officer):
    files = [
        ("K01.csv", latin("Mara Testić;;;Testgrad;;Ž;")),
        ("K02.csv", latin("Nada Probić;;;Testgrad;nada@;Ž;", ";Opština;;Testgrad;not-an-email;;")),
    ]
    with pytest.raises(SheetError) as refused:
        run_import("attendance", files, hub=hub, acting_user=officer)
    described = str(refused.value)
    assert "K02.csv" in described and "row 2" in described.lower()
    assert "not-an-email" in described and "'nada@' is not an e-mail address" in described
    assert (
        not Attendance.objects.exists()
        and not Person.objects.exists()
        and not Sheet.objects.exists()
    )


def test_unknown_engagement_is_refused(hub, engagements, officer):
    with pytest.raises(SheetError, match="Z99"):
        run_import(
            "attendance", [("Z99.csv", latin("Mara Testić;;;;;;"))], hub=hub, acting_user=officer
        )
    assert not Attendance.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(hub, engagements, officer):
    files = [("K01.csv", latin("Mara Testić;;;Testgrad;;Ž;", "Nada Probić;;;Testgrad;;Ž;"))]
    run_import("attendance", files, hub=hub, acting_user=officer)
    again = run_import("attendance", files, hub=hub, acting_user=officer)
    assert again.created == 0 and again.unchanged == 2
    assert Attendance.objects.count() == 2 and Person.objects.count() == 2


def test_a_different_file_under_the_same_name_is_refused(hub, engagements, officer):
    run_import(
        "attendance", [("K01.csv", latin("Mara Testić;;;;;;"))], hub=hub, acting_user=officer
    )
    with pytest.raises(SheetError, match="already imported"):
        run_import(
            "attendance", [("K01.csv", latin("Nada Probić;;;;;;"))], hub=hub, acting_user=officer
        )
    assert list(Attendance.objects.values_list("full_name", flat=True)) == ["Mara Testić"]


def test_dry_run_reports_and_saves_nothing(hub, engagements, officer):
    report = run_import(
        "attendance",
        [("K01.csv", latin("Mara Testić;;;;;;", "Nada Probić;;;;;;"))],
        hub=hub,
        dry_run=True,
        acting_user=officer,
    )
    assert report.dry_run and report.created == 2 and report.extra["new people"] == 2
    assert not Attendance.objects.exists() and not Person.objects.exists()


def test_ivan_and_ivana_of_the_same_office_are_two_people(hub, engagements, officer):
    run_import(
        "attendance",
        [
            (
                "K01.csv",
                latin(
                    "Ivan Testović;Opština Testgrad;Službenik;Testgrad;info@testgrad.example;M;",
                    "Ivana Testović;Opština Testgrad;Službenik;Testgrad;info@testgrad.example;Ž;",
                ),
            )
        ],
        hub=hub,
        acting_user=officer,
    )
    assert Person.objects.count() == 2


def test_the_official_who_becomes_mayor_counts_as_a_leader_from_then_on(hub, engagements, officer):
    run_import(
        "attendance",
        [
            ("K01.csv", latin("Radomir Probović;Opština Testgrad;Službenik opštine;Testgrad;;M;")),
            (
                "K03.csv",
                latin("Radomir Probović;Opština Testgrad;Predsjednik opštine;Testgrad;;M;"),
            ),
        ],
        hub=hub,
        acting_user=officer,
    )
    assert Person.objects.count() == 1
    assert leaders_engaged(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31)).value == 0
    assert leaders_engaged(hub, dt.date(2024, 1, 1), dt.date(2024, 12, 31)).value == 1


def test_sheet_given_for_an_engagement_ignores_the_file_name(hub, engagements, officer):
    run_import(
        "attendance",
        [("scan-from-partner.csv", latin("Mara Testić;;;;;;"))],
        hub=hub,
        engagement=engagements["K02"],
        acting_user=officer,
    )
    assert Attendance.objects.get().engagement == engagements["K02"]


def test_a_city_written_in_any_gazetteer_form_resolves_to_the_known_city(hub, engagements, officer):
    from citybridge.network.actions import save_city
    from citybridge.network.models import LocalGovernment
    from citybridge.network.places import gazetteer_names

    def add(name: str, country: str) -> LocalGovernment:
        city = LocalGovernment(name=name, country_id=country)
        return save_city(city, acting_user=officer, extra_names=gazetteer_names(city))

    ohrid, bar = add("Ohrid", "MK"), add("Bar", "ME")
    run_import(
        "attendance",
        [
            (
                "K01.csv",
                latin(
                    "Vesna Probna;;;Ohri;;Ž;",
                    "Lidija Testna;;;Охрид;;Ž;",
                    "Mira Testić;;;Tivari;;Ž;",
                    encoding="utf-8",
                ),
            )
        ],
        hub=hub,
        acting_user=officer,
    )
    assert list(
        Attendance.objects.order_by("row_number").values_list("resolved_city", flat=True)
    ) == [
        ohrid.pk,
        ohrid.pk,
        bar.pk,
    ]


def test_the_same_file_twice_in_one_upload_is_stored_once(hub, engagements, officer):
    sheet = ("K01.csv", latin("Mara Testić;;;Testgrad;;Ž;"))
    report = run_import("attendance", [sheet, sheet], hub=hub, acting_user=officer)
    assert (report.created, report.unchanged) == (1, 1)
    assert Sheet.objects.count() == 1 and Attendance.objects.count() == 1


def test_a_file_name_finds_its_engagement_whatever_the_case(hub, engagements, officer):
    run_import(
        "attendance", [("k02.CSV", latin("Mara Testić;;;;;;"))], hub=hub, acting_user=officer
    )
    assert Attendance.objects.get().engagement == engagements["K02"]


def test_the_queries_of_an_import_do_not_grow_with_its_sheets(
    hub, engagements, officer, monkeypatch
):
    """Each sheet costs its Sheet row and one INSERT of its rows; engagements, earlier sheets
    and places are looked up once per import, not once per sheet or per row."""
    from types import SimpleNamespace

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from citybridge.imports import attendance as imports

    # Resolution has its own queries (and its own tests): only the import's are counted.
    monkeypatch.setattr(imports, "resolve_hub", lambda hub: SimpleNamespace(uncertain=0))

    def queries(keys: list[str]) -> int:
        files = [
            (f"{key}.csv", latin(*(f"Osoba{i} Testić;;Savjetnik;Testgrad;;Ž;" for i in range(5))))
            for key in keys
        ]
        with CaptureQueriesContext(connection) as captured:
            run_import("attendance", files, hub=hub, dry_run=True, acting_user=officer)
        return len(captured.captured_queries)

    one, three = queries(["K01"]), queries(["K01", "K02", "K03"])
    assert three - one == 2 * 2, (one, three)
