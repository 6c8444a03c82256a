"""The command-line contract of imports and figures that scripts and the README rely on."""

import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from citybridge.engagement.models import Engagement
from citybridge.network.models import LocalGovernment, Membership

MEMBERS = "city,country,joined,left\nDanilovgrad,ME,2022-11-10,\nПриштина,XK,2022-12-01,\nKristiansand,NO,2019-05-10,\nTetova,MK,2023-01-05,2023-06-30\n"
ENGAGEMENTS = "key,title,type,start,end,city,country\nT01,Roundtable in Danilovgrad,roundtable,2023-07-12,2023-07-12,Danilovgrad,ME\nT02,Convening,convening,2023-05-10,2023-05-10,Prishtinë,XK\n"
SHEET = "#;Ime i prezime;Funkcija;Grad;Pol\n1;Nikola Probni;Predsjednik opštine;Danilovgrad;M\n2;Никола Пробни;Председник општине;Даниловград;М\n3;Drita Testi;Zyrtar komunal;Prishtina;F\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "engagements.csv").write_text(ENGAGEMENTS, encoding="utf-8")
    (tmp_path / "T01.csv").write_text(SHEET, encoding="utf-8-sig")
    return tmp_path


def figures(*args: str) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("figures", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_import_and_count_through_the_cli(hub, files):
    call_command("import", "members", str(files / "members.csv"))
    call_command("import", "engagements", str(files / "engagements.csv"))
    call_command("import", "attendance", str(files / "T01.csv"))
    # Prishtina written in Cyrillic and Prishtinë in Albanian are one local government.
    assert LocalGovernment.objects.filter(country="XK").count() == 1
    host = Engagement.objects.get(key="T02").host_city
    assert host is not None and host.country_id == "XK"
    result = figures("--from", "2023-01-01", "--to", "2023-03-31")
    # Kristiansand is a network member outside the hub; Tetovo is a member on 2023-03-31.
    assert result["member_cities"] == 3
    assert (result["individuals_engaged"], result["leaders_engaged"]) == (0, 0)
    result = figures("--from", "2023-07-01", "--to", "2023-12-31")
    assert (result["individuals_engaged"], result["leaders_engaged"], result["member_cities"]) == (
        2,
        1,
        2,
    )


def test_importing_members_twice_changes_nothing(hub, files):
    call_command("import", "members", str(files / "members.csv"))
    call_command("import", "members", str(files / "members.csv"))
    assert Membership.objects.count() == 4


def test_dry_run_saves_nothing(hub, files):
    call_command("import", "members", str(files / "members.csv"), "--dry-run")
    assert not LocalGovernment.objects.exists()


def test_bad_members_file_is_refused_whole(hub, tmp_path):
    bad = tmp_path / "members.csv"
    bad.write_text(
        "city,country,joined,left\nBudva,ME,2023-01-01,\nNowhere,ZZ,2023-01-01,\nBar,ME,soon,\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("import", "members", str(bad))
    assert "Row 2, column 'country'" in str(refused.value) and "Row 3, column 'joined'" in str(
        refused.value
    )
    assert not LocalGovernment.objects.exists()


def test_missing_column_and_unknown_engagement_are_clear_errors(hub, files, tmp_path):
    no_name = tmp_path / "T01.csv"
    no_name.write_text("#;Funkcija;Grad\n1;Mayor;Budva\n")
    with pytest.raises(CommandError, match="name"):
        call_command("import", "attendance", str(no_name))
    with pytest.raises(CommandError, match="No engagement with the key"):
        call_command("import", "attendance", str(files / "T01.csv"), "--engagement", "NOPE")


def test_cli_exits_non_zero_with_one_line_for_another_format(tmp_path, db):
    html = tmp_path / "T01.csv"
    html.write_text("<html><body>not a sheet</body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "citybridge.cli", "import", "attendance", str(html)],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "CITYBRIDGE_VAR_DIR": str(tmp_path / "var")},
    )
    assert result.returncode != 0
    assert "CommandError" in result.stderr or "Error" in result.stderr


def test_people_links_lists_every_row(hub, files):
    from io import StringIO

    call_command("import", "members", str(files / "members.csv"))
    call_command("import", "engagements", str(files / "engagements.csv"))
    call_command("import", "attendance", str(files / "T01.csv"))
    out = StringIO()
    call_command("people", "links", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "source,row,person"
    rows = [line.split(",") for line in lines[1:]]
    assert [(r[0], r[1]) for r in rows] == [("T01.csv", "1"), ("T01.csv", "2"), ("T01.csv", "3")]
    assert rows[0][2] == rows[1][2] != rows[2][2]


def figures_text(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("figures", *args, "--format", "text", stdout=out)
    return out.getvalue()


def test_commands_speak_lang_else_the_hubs_default_language(hub):
    from django.utils import translation

    english = figures_text()
    serbian = figures_text("--lang", "sr")
    assert serbian != english and any("\u0400" <= c <= "\u04ff" for c in serbian)
    hub.default_language = "sq"
    hub.save()
    assert figures_text() == figures_text("--lang", "sq") != english
    assert figures_text("--lang", "en") == english
    # The command's language ends with the command.
    assert translation.get_language() == "en"


def test_a_sheet_refused_on_the_command_line_is_explained_in_the_chosen_language(hub, files):
    (files / "bad.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import", "members", str(files / "bad.txt"), "--lang", "en")
    assert "is not a CSV, Excel (.xlsx, .xls) or OpenDocument (.ods) spreadsheet" in str(
        refused.value
    )
