"""Upload names: any name a browser sends is a form error or works, never a server error.

A name is kept for the records (Sheet.file_name, Attendance.source_file: 255 characters) but
never becomes a path on disk, where 255 bytes is the limit and "000-" was put in front of it.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from citybridge.engagement.models import Attendance

SHEET = (
    "#,Full name,Organisation,City / Municipality\r\n"
    "1,Milica Testović,Opština Testgrad,Testgrad\r\n"
).encode()
TOO_LONG = "Списак присутних на округлом столу у Тестграду " * 4 + ".csv"  # ~340 bytes


def preview(officer, forum, name: str):
    client = Client()
    client.force_login(officer)
    upload = SimpleUploadedFile(name, SHEET, content_type="text/csv")
    data = {"kind": "attendance", "engagement": forum.pk, "sheets": [upload]}
    return client, client.post(reverse("imports:upload"), data)


def test_a_name_over_255_bytes_is_a_form_error(officer, forum, settings):
    assert len(TOO_LONG.encode()) > 255
    _client, page = preview(officer, forum, TOO_LONG)
    assert page.status_code == 200 and "token" not in page.context
    assert "is too long. Give the file a shorter name" in page.content.decode()
    assert not list((settings.VAR_DIR / "uploads").glob("*/*"))


def test_a_name_of_255_bytes_is_staged_and_imported_as_written(officer, forum):
    name = "T77-" + "a" * 247 + ".csv"
    assert len(name.encode()) == 255
    client, page = preview(officer, forum, name)
    assert page.status_code == 200 and page.context["token"]
    confirm = client.post(reverse("imports:confirm"), {"token": page.context["token"]})
    assert confirm.status_code == 302
    assert list(Attendance.objects.values_list("source_file", flat=True)) == [name]


def test_the_practice_import_refuses_a_name_over_255_bytes(client_for, officer):
    upload = SimpleUploadedFile(TOO_LONG, b"title,summary\r\nA,B\r\n", content_type="text/csv")
    page = client_for(officer).post(
        reverse("imports:upload"), {"kind": "practices", "sheets": [upload]}
    )
    assert page.status_code == 200
    assert "is too long. Give the file a shorter name" in page.content.decode()
