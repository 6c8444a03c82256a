"""Issue #13 (12): a large upload is previewed by the background worker, with its progress,
and the officer imports it from the preview the job made; a small one still in the request."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from citybridge.accounts.models import Role
from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance
from citybridge.jobs.models import Job
from citybridge.jobs.tests.conftest import ROWS, sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    """Every upload of more than 10 bytes counts as large here."""
    settings.IMPORT_PREVIEW_IN_REQUEST_BYTES = 10


def upload(client: Client, data: bytes, name: str = "T77.csv"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(
        reverse("imports:upload"), {"kind": "attendance", "sheets": [file]}, follow=True
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_large_upload_is_previewed_by_a_job_then_imported(small_threshold, officer, forum):
    client = signed_in(officer)
    page = upload(client, sheet(*ROWS))
    job = Job.objects.get(kind=Job.Kind.PREVIEW)
    assert page.redirect_chain[-1][0] == reverse("imports:preview", args=[job.pk])
    # The job ran as the officer, told its progress against the sheet's lines, and kept the
    # preview for the page: nothing is imported yet.
    assert (job.status, job.started_by, job.total, job.done) == (Job.Status.DONE, officer, 4, 4)
    assert job.result["rows"] == 3 and "Would import 3 attendance rows" in job.result["summary"]
    assert not Attendance.objects.exists()
    html = page.content.decode()
    assert "Preview: nothing is saved yet" in html and "Would import 3 attendance rows" in html

    token = page.context["token"]
    client.post(reverse("imports:confirm"), {"token": token})
    assert Attendance.objects.filter(engagement=forum).count() == 3
    assert Job.objects.get(kind=Job.Kind.IMPORT).status == Job.Status.DONE


def test_a_small_upload_is_still_previewed_in_the_request(officer, forum):
    page = upload(signed_in(officer), sheet(*ROWS))
    assert "Would import 3 attendance rows" in page.content.decode()
    assert not Job.objects.filter(kind=Job.Kind.PREVIEW).exists()


def test_a_refused_sheet_leads_from_its_preview_job_to_the_problems(
    small_threshold, officer, forum
):
    client = signed_in(officer)
    page = upload(client, sheet("1,,Opština Testgrad,Testgrad,\r\n"))
    job = Job.objects.get(kind=Job.Kind.PREVIEW)
    # The job did its work (a preview); the preview it leads to is a refusal, with the
    # columns as read so that one not recognised could be placed there.
    assert job.status == Job.Status.DONE
    assert job.result["problems"][0]["message"] == "The name is missing."
    assert page.redirect_chain[-1][0] == reverse("imports:preview", args=[job.pk])
    assert page.status_code == 400 and "The name is missing." in page.content.decode()
    # Nothing to confirm: a refused preview cannot be imported.
    client.post(reverse("imports:confirm"), {"token": job.params["token"]})
    assert not Attendance.objects.exists()


def test_the_preview_page_is_only_the_uploading_session(small_threshold, officer, hub, forum):
    upload(signed_in(officer), sheet(*ROWS))
    job = Job.objects.get(kind=Job.Kind.PREVIEW)
    url = reverse("imports:preview", args=[job.pk])
    # The same officer in another browser: sent back to upload, never shown the preview.
    other_browser = signed_in(officer).get(url)
    assert other_browser.status_code == 302
    assert other_browser["Location"] == reverse("imports:upload")
    # Another officer of the hub cannot open someone else's job; a donor is refused.
    colleague = make_user("colleague", hub, Role.Kind.OFFICER)
    assert signed_in(colleague).get(url).status_code == 404
    donor = make_user("donor-viewer", hub, Role.Kind.DONOR)
    assert signed_in(donor).get(url).status_code in (403, 404)
    assert not Attendance.objects.exists()


def test_the_preview_page_answers_get_only(small_threshold, officer, forum):
    client = signed_in(officer)
    upload(client, sheet(*ROWS))
    job = Job.objects.get(kind=Job.Kind.PREVIEW)
    response = client.post(reverse("imports:preview", args=[job.pk]))
    assert response.status_code == 405
    assert not Attendance.objects.exists()
