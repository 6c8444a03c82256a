"""A practice's uploaded files: document types checked by their bytes, names of our making, and
served only through a view that checks access, as attachments the browser may not sniff."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citybridge.lib.documents import DOCX, ODT, PDF, XLSX, document_type
from citybridge.practices.models import PracticeResource

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'


def package(*parts: str, first: tuple[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


DOCX_BYTES = package("[Content_Types].xml", "word/document.xml")


def upload(client, practice, name: str, data: bytes, title: str = "Guide"):
    return client.post(
        reverse("practices:resource_add", args=[practice.pk]),
        {"title": title, "file": SimpleUploadedFile(name, data)},
    )


# --- which bytes are which document ------------------------------------------------------


def test_document_types_are_told_by_their_bytes():
    assert document_type(PDF_BYTES) == PDF
    assert document_type(DOCX_BYTES) == DOCX
    assert document_type(package("[Content_Types].xml", "xl/workbook.xml")) == XLSX
    odt = package("content.xml", first=("mimetype", b"application/vnd.oasis.opendocument.text"))
    assert document_type(odt) == ODT


@pytest.mark.parametrize(
    "data",
    [
        HTML,
        SVG,
        b"plain words",
        b"",
        package("readme.txt"),  # a zip that is no document
        package("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),  # macros
        package("[Content_Types].xml", "word/document.xml", "xl/workbook.xml"),  # both at once
        DOCX_BYTES[:40],  # a truncated package
        DOCX_BYTES.replace(b"<x/>", b"<y/>", 1),  # a part whose checksum does not match
        b"PK\x03\x04" + b"\x00" * 60,
    ],
)
def test_anything_else_is_no_document(data):
    assert document_type(data) is None


# --- uploading -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("evil.html", HTML),
        ("../../evil.svg", SVG),
        ("report.pdf", HTML),  # a web page calling itself a PDF
        ("macros.docx", package("[Content_Types].xml", "word/document.xml", "vbaProject.bin")),
    ],
)
def test_a_file_that_is_no_allowed_document_is_refused(client_for, officer, practice, name, data):
    response = upload(client_for(officer), practice, name, data)
    assert response.status_code == 400
    assert "is not a PDF, Word, Excel, PowerPoint or OpenDocument file" in response.content.decode()
    assert not PracticeResource.objects.exists()


def stored(resource: PracticeResource) -> str:
    return resource.file.name


def test_a_document_is_stored_under_a_name_of_our_making(client_for, officer, practice, settings):
    response = upload(client_for(officer), practice, "../../evil.html", PDF_BYTES)
    assert response.status_code == 302
    resource = PracticeResource.objects.get()
    assert re.fullmatch(r"practices/[0-9a-f]{32}\.pdf", stored(resource)), stored(resource)
    path = Path(settings.MEDIA_ROOT) / stored(resource)
    assert path.read_bytes() == PDF_BYTES
    assert not list(Path(settings.MEDIA_ROOT).rglob("*evil*"))


def test_an_upload_name_over_255_bytes_is_no_problem(client_for, officer, practice):
    name = "Водич за савете младих " * 12 + ".docx"  # well over 255 bytes in UTF-8
    assert len(name.encode()) > 255
    response = upload(client_for(officer), practice, name, DOCX_BYTES)
    assert response.status_code == 302
    assert stored(PracticeResource.objects.get()).endswith(".docx")


def test_a_file_over_20_mb_is_refused(client_for, officer, practice, monkeypatch):
    monkeypatch.setattr("citybridge.practices.forms.MAX_RESOURCE_BYTES", 10)
    response = upload(client_for(officer), practice, "guide.pdf", PDF_BYTES)
    assert response.status_code == 400 and "larger than 20 MB" in response.content.decode()
    assert not PracticeResource.objects.exists()


# --- downloading ---------------------------------------------------------------------------


@pytest.fixture
def resource(client_for, officer, practice) -> PracticeResource:
    response = upload(client_for(officer), practice, "x.html", PDF_BYTES, "Vodič: mladi/savjet")
    assert response.status_code == 302
    return PracticeResource.objects.get()


def test_every_member_of_a_hub_downloads_it_as_an_attachment(
    client_for, officer, donor, focal, outsider, resource
):
    url = reverse("practices:resource_download", args=[resource.pk])
    for user in (officer, donor, focal, outsider):
        response = client_for(user).get(url)
        assert response.status_code == 200, user.username
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "sandbox" in response["Content-Security-Policy"]
        # The title as the name, with nothing a file system could take for a folder.
        assert "Vodi" in response["Content-Disposition"] and "/" not in response[
            "Content-Disposition"
        ].replace("utf-8''", "")


@pytest.mark.parametrize(
    ("sender", "header"), [("nginx", "X-Accel-Redirect"), ("apache", "X-Sendfile")]
)
def test_behind_a_proxy_the_proxy_sends_the_file(
    settings, client_for, officer, resource, sender, header
):
    settings.FILE_SENDER = sender
    response = client_for(officer).get(reverse("practices:resource_download", args=[resource.pk]))
    assert response.status_code == 200 and response.content == b""
    if sender == "nginx":
        assert response[header] == "/protected-files/" + resource.file.name
    else:
        assert response[header] == resource.file.path
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    resource.file.delete(save=False)
    assert (
        client_for(officer)
        .get(reverse("practices:resource_download", args=[resource.pk]))
        .status_code
        == 404
    )


def test_someone_without_a_role_gets_nothing(client, client_for, stranger, resource):
    url = reverse("practices:resource_download", args=[resource.pk])
    assert client_for(stranger).get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_file_is_not_served_from_media(client_for, officer, resource):
    page = client_for(officer).get(
        reverse("practices:practice_detail", args=[resource.practice_id])
    )
    body = page.content.decode()
    assert reverse("practices:resource_download", args=[resource.pk]) in body
    assert resource.file.url not in body
    assert client_for(officer).get(resource.file.url).status_code == 404


def test_a_missing_resource_or_a_link_is_a_404(client_for, officer, practice):
    link = PracticeResource.objects.create(practice=practice, title="Web", url="https://e.org")
    client = client_for(officer)
    assert client.get(reverse("practices:resource_download", args=[link.pk])).status_code == 404
    assert client.get(reverse("practices:resource_download", args=[999_999])).status_code == 404


def test_an_old_file_of_no_checked_type_is_served_as_bytes(client_for, officer, practice, settings):
    """Stored before uploads were checked: still only a download, of no type a browser runs."""
    folder = Path(settings.MEDIA_ROOT) / "practices"
    folder.mkdir(parents=True)
    (folder / "evil.html").write_bytes(HTML)
    old = PracticeResource.objects.create(
        practice=practice, title="Old", file="practices/evil.html"
    )
    response = client_for(officer).get(reverse("practices:resource_download", args=[old.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
