"""Sign-in sheets uploaded through the page, for the tests of the jobs that import them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

HEADER = "#,Full name,Organisation,City / Municipality,Email\r\n"
# Invented people; the e-mail domain is reserved for examples.
ROWS = (
    "1,Milica Testović,Opština Testgrad,Testgrad,milica.testovic@example.org\r\n",
    "2,Petar Probić,Opština Testgrad,Testgrad,\r\n",
    "3,Ana Oglednić,Youth Council Testgrad,Testgrad,\r\n",
)


def sheet(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode()


@pytest.fixture
def previewed(officer, forum):
    """An officer's browser (a client of its own) that has uploaded T77.csv and seen the
    preview: (client, token)."""

    def preview(data: bytes = sheet(*ROWS), name: str = "T77.csv"):
        client = Client()
        client.force_login(officer)
        upload = SimpleUploadedFile(name, data, content_type="text/csv")
        page = client.post(reverse("imports:upload"), {"kind": "attendance", "sheets": [upload]})
        assert page.status_code == 200, page.content.decode()
        return client, page.context["token"]

    return preview
