"""`citybridge people resolve`: a hub's stored rows resolved to people again, on their own."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from citybridge.engagement.models import Attendance

MEMBERS = "city,country,joined,left\nDanilovgrad,ME,2022-11-10,\n"
ENGAGEMENTS = (
    "key,title,type,start,end,city,country\n"
    "T01,Roundtable in Danilovgrad,roundtable,2023-07-12,2023-07-12,Danilovgrad,ME\n"
)
SHEET = (
    "#;Ime i prezime;Grad;Pol\n"
    "1;Nikola Probni;Danilovgrad;M\n"
    "2;Никола Пробни;Даниловград;М\n"
    "3;Drita Testi;Danilovgrad;F\n"
)


@pytest.fixture
def imported(hub, tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "engagements.csv").write_text(ENGAGEMENTS, encoding="utf-8")
    (tmp_path / "T01.csv").write_text(SHEET, encoding="utf-8-sig")
    call_command("import", "members", str(tmp_path / "members.csv"))
    call_command("import", "engagements", str(tmp_path / "engagements.csv"))
    call_command("import", "attendance", str(tmp_path / "T01.csv"))
    return hub


def test_resolve_links_the_stored_rows_again(imported):
    first, second, third = Attendance.objects.order_by("row_number")
    owner = first.person_id
    # A row that lost its person (as after a split) is linked again, to the same person.
    Attendance.objects.filter(pk=second.pk).update(person=None)
    out = StringIO()
    call_command("people", "resolve", "--hub", imported.slug, stdout=out)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.person_id == owner != third.person_id
    assert out.getvalue().strip() == (
        f"{imported.slug}: 2 people (0 new, 0 retired, 1 rows relinked), 0 pairs to review."
    )


def test_resolve_every_hub_by_default(imported):
    out = StringIO()
    call_command("people", "resolve", stdout=out)
    assert out.getvalue().startswith(f"{imported.slug}: 2 people (0 new")


def test_resolve_an_unknown_hub_is_an_error(imported):
    with pytest.raises(CommandError):
        call_command("people", "resolve", "--hub", "nowhere")
