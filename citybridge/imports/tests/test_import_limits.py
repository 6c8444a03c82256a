"""Issue #13 (12): every upload of an import is held to a size per file and per upload
(IMPORT_MAX_FILE_BYTES, IMPORT_MAX_UPLOAD_BYTES), refused with the limit and how to split it,
before anything is read, staged or previewed."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citybridge.engagement.models import Attendance
from citybridge.imports.reports import size_problems
from citybridge.jobs.models import Job
from citybridge.practices.models import Practice

pytestmark = pytest.mark.django_db


def sheet_of(size: int, name: str) -> SimpleUploadedFile:
    """An attendance sheet of about `size` bytes: invented people with a notes column."""
    data = bytearray(b"Full name,City,Notes\r\n")
    n = 0
    while len(data) < size:
        data += f"Izmišljena Osoba {n},Testgrad,{'bilješka ' * 20}\r\n".encode()
        n += 1
    return SimpleUploadedFile(name, bytes(data), content_type="text/csv")


@pytest.fixture
def limits(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # staged uploads, if any, in this test's folder
    settings.IMPORT_MAX_FILE_BYTES = 1_000_000
    settings.IMPORT_MAX_UPLOAD_BYTES = 1_500_000
    settings.IMPORT_PREVIEW_IN_REQUEST_BYTES = 10_000_000
    return tmp_path


def nothing_was_kept(var) -> bool:
    staged = var / "uploads"
    return not (staged.exists() and any(staged.iterdir())) and not Attendance.objects.exists()


def test_the_limits_in_words():
    assert size_problems([("a.csv", 999), ("b.csv", 1000)], max_file=1000, max_upload=2000) == []
    (too_big,) = size_problems([("big.csv", 19_900_000)], max_file=10**7, max_upload=10**8)
    assert too_big.startswith("big.csv is 19.9 MB; a file may be at most 10 MB. Split it")
    (together,) = size_problems(
        [("a.csv", 15 * 10**6)] * 2, max_file=2 * 10**7, max_upload=25 * 10**6
    )
    assert together.startswith("These files are 30 MB together; one upload may be at most 25 MB.")


def test_a_file_over_the_limit_is_refused_with_how_to_split_it(client_for, officer, forum, limits):
    page = client_for(officer).post(
        reverse("imports:upload"),
        {"kind": "attendance", "engagement": forum.pk, "sheets": [sheet_of(1_200_000, "big.csv")]},
    )
    html = page.content.decode()
    assert "big.csv is 1.2 MB; a file may be at most 1 MB." in html
    assert "Split it into smaller files, each with the heading row" in html
    assert nothing_was_kept(limits) and not Job.objects.exists()
    assert "import" not in client_for(officer).session


def test_files_over_the_limit_together_are_refused(client_for, officer, forum, limits):
    files = [sheet_of(800_000, "one.csv"), sheet_of(800_000, "two.csv")]
    page = client_for(officer).post(
        reverse("imports:upload"),
        {"kind": "attendance", "engagement": forum.pk, "sheets": files},
    )
    html = page.content.decode()
    assert "These files are 1.6 MB together; one upload may be at most 1.5 MB." in html
    assert "Upload them in several goes" in html
    assert nothing_was_kept(limits) and not Job.objects.exists()


def test_files_within_the_limits_are_previewed(client_for, officer, forum, limits):
    files = [sheet_of(700_000, "one.csv"), sheet_of(700_000, "two.csv")]
    page = client_for(officer).post(
        reverse("imports:upload"),
        {"kind": "attendance", "engagement": forum.pk, "sheets": files},
    )
    assert page.status_code == 200
    assert "Preview: nothing is saved yet" in page.content.decode()
    assert not Attendance.objects.exists()


def test_a_practices_file_over_the_limit_is_refused(client_for, officer, limits):
    upload = SimpleUploadedFile("practices.csv", b"title,summary\r\n" + b"x" * 1_100_000)
    page = client_for(officer).post(
        reverse("imports:upload"), {"kind": "practices", "sheets": [upload]}
    )
    assert "practices.csv is 1.1 MB; a file may be at most 1 MB." in page.content.decode()
    assert not Practice.objects.exists()
