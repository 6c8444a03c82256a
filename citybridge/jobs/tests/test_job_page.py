"""A job's page: its progress for its starter and the hub's admins, a 404 for everyone else."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from citybridge.accounts.models import Role
from citybridge.conftest import make_user
from citybridge.engagement.models import Attendance, Engagement, Sheet
from citybridge.imports.tasks import start_import
from citybridge.jobs.actions import run_job
from citybridge.jobs.models import Job
from citybridge.jobs.tests.conftest import ROWS, sheet
from citybridge.reports.models import PublishedBrief


def test_a_confirmed_import_runs_as_a_job_and_ends_on_its_result(previewed, officer, forum):
    client, token = previewed()
    response = client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("engagement:engagement_detail", args=[forum.pk])
    assert job.status == Job.Status.DONE and job.started_by == officer
    assert job.kind == Job.Kind.IMPORT and job.title == "Importing 1 file: T77.csv"
    assert (job.done, job.total) == (3, 3)
    assert job.message.startswith("Imported 3 attendance rows from T77.csv")
    assert Attendance.objects.filter(engagement=forum).count() == 3
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Open the engagement" in page and 'hx-trigger="every' not in page


def test_confirm_rejects_get_and_the_outsider(previewed, client_for, outsider):
    client, token = previewed()
    assert client.get(reverse("imports:confirm")).status_code == 405
    response = client_for(outsider).post(reverse("imports:confirm"), {"token": token})
    assert response.status_code == 302 and response["Location"].endswith("/imports/")
    assert not Job.objects.exists() and not Attendance.objects.exists()


def test_only_the_starter_and_the_hubs_admins_see_a_job(
    previewed, client_for, hub, hub_admin, focal, donor, outsider
):
    client, token = previewed()
    client.post(reverse("imports:confirm"), {"token": token})
    url = Job.objects.get().get_absolute_url()
    assert client.get(url).status_code == 200
    assert client_for(hub_admin).get(url).status_code == 200
    colleague = make_user("colleague", hub, Role.Kind.OFFICER)
    for user in (colleague, focal, donor, outsider):
        assert client_for(user).get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_a_waiting_job_says_since_when_and_then_that_the_worker_may_be_down(
    settings, previewed, forum
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client, token = previewed()
    response = client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == Job.Status.QUEUED and not Attendance.objects.exists()
    queued_at = timezone.localtime(job.created_at).strftime("%H:%M")
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"Waiting to start: queued at {queued_at}." in page
    assert 'hx-trigger="every 1s"' in page and "may not be running" not in page
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(minutes=2))
    part = client.get(job.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert part.startswith('<div id="job-status"') and "<html" not in part
    assert "ask the platform's administrator" in part and 'hx-trigger="every 1s"' in part


def test_a_running_job_shows_its_stage_and_count(client_for, officer, hub):
    job = Job.objects.create(
        hub=hub,
        started_by=officer,
        kind=Job.Kind.IMPORT,
        title="Importing 3 files: A.csv, B.csv, C.csv",
        status=Job.Status.RUNNING,
        stage="Checking 3 files: 1,200 of 4,000 rows",
        done=1200,
        total=4000,
    )
    part = client_for(officer).get(job.get_absolute_url(), headers={"HX-Request": "true"})
    html = part.content.decode()
    assert "Checking 3 files: 1,200 of 4,000 rows" in html
    assert '<progress max="4000" value="1200"' in html and "30% done" in html
    Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    html = client_for(officer).get(job.get_absolute_url()).content.decode()
    assert "the background worker may have stopped" in html


def test_a_refused_import_saves_nothing_and_lists_the_problems(previewed, client_for, forum):
    client, token = previewed()
    # Between the preview and the confirmation a different T77.csv was imported for T77.
    other, other_token = previewed(sheet(ROWS[0]))
    other.post(reverse("imports:confirm"), {"token": other_token})
    assert Attendance.objects.count() == 1
    response = client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.status == Job.Status.FAILED
    assert Attendance.objects.count() == 1 and Sheet.objects.count() == 1
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The import was refused: nothing was saved." in page
    assert "A different T77.csv was already imported for T77." in page
    assert "Upload the files again" in page


def test_a_job_runs_with_its_starters_rights_at_the_time_it_runs(settings, previewed, officer, hub):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client, token = previewed()
    client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get()
    Role.objects.filter(user=officer, hub=hub).delete()
    run_job(str(job.pk), lambda *args: pytest.fail("ran without the right to"))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "no longer on this hub's staff" in job.message
    assert not Attendance.objects.exists()


def test_an_unexpected_error_is_logged_without_the_data_and_saves_nothing(
    settings, previewed, forum, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client, token = previewed()
    client.post(reverse("imports:confirm"), {"token": token})
    job = Job.objects.get()

    def broken(job, user, progress):
        raise ValueError("Milica Testović, milica.testovic@example.org")

    with caplog.at_level(logging.ERROR):
        run_job(str(job.pk), broken)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "Nothing was saved" in job.message
    assert "ValueError" in caplog.text and "Milica" not in caplog.text
    assert "example.org" not in caplog.text
    run_job(str(job.pk), lambda *args: pytest.fail("a job runs once"))


def test_the_uploaded_files_gone_is_said_plainly(settings, previewed, forum, officer, hub):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    pending = {"token": "no-such-token", "kind": "attendance", "names": ["T77.csv"]}
    job = start_import(pending, hub=hub, rows=3, acting_user=officer)
    from citybridge.imports.tasks import import_sheets

    import_sheets.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "no longer kept" in job.message and not Attendance.objects.exists()


def test_publishing_a_brief_is_a_job_that_names_its_steps(client_for, officer, hub):
    period = {"start": "2023-01-01", "end": "2023-12-31", "lang": "en", "funder": ""}
    response = client_for(officer).post(reverse("reports:brief_publish"), period)
    job = Job.objects.get()
    published = PublishedBrief.objects.get()
    assert response["Location"] == reverse("reports:brief_detail", args=[published.pk])
    assert job.kind == Job.Kind.BRIEF and job.status == Job.Status.DONE
    assert job.stage == "Step 5 of 5: Saving the published brief"
    assert job.result_url == response["Location"] and published.published_by == officer


def test_an_engagements_file_is_imported_by_a_job_too(client_for, officer, hub):
    client = client_for(officer)
    data = "Key,Title,Type,Start,End\nT88,Workshop of test cities,workshop,2024-06-03,\n"
    upload = SimpleUploadedFile("engagements.csv", data.encode(), content_type="text/csv")
    preview = client.post(reverse("imports:upload"), {"kind": "engagements", "sheets": [upload]})
    assert not Engagement.objects.filter(key="T88").exists()
    response = client.post(reverse("imports:confirm"), {"token": preview.context["token"]})
    job = Job.objects.get()
    assert response["Location"] == reverse("engagement:engagement_list")
    assert job.status == Job.Status.DONE and (job.done, job.total) == (1, 1)
    assert Engagement.objects.get(key="T88").title == "Workshop of test cities"
