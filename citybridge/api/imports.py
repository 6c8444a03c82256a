"""Imports through the API: the pages' pipeline, step by step, for hub staff.

1. `POST /imports` with the files (multipart, as the upload page's form: `kind`, `engagement`,
   `sheets`) stages them and starts their preview as a background job; the answer names the job.
2. `GET /jobs/{id}` says how far it got and, once done, holds the preview exactly as the page
   shows it (`result`: summary, notes, rows, each file's columns as read and its first rows,
   and for attendance who is new, recognised or to review) or the problems that refuse it.
3. `POST /imports/{id}/confirm` imports the previewed files for real, as the preview's Import
   button does: another job, whose `GET /jobs/{id}` says what was saved.
Nothing is written before the confirmation; the history names the token's owner.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.api.auth import hub_of, require_staff
from citybridge.api.errors import Refused, form_refused
from citybridge.imports import tasks, uploads
from citybridge.imports.forms import UploadForm
from citybridge.jobs.access import get_job_for_user
from citybridge.jobs.models import Job

router = Router(tags=["imports"])


class JobOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    status: str
    stage: str
    done: int
    total: int
    message: str
    problems: list[Any]
    result: dict[str, Any] | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    url: str
    confirm_url: str | None


def log_preview(request: HttpRequest, job: Job) -> None:
    """A finished preview names the file's people and whom they were recognised as: one row of
    the access log each time it is read, as the preview page writes."""
    if job.kind != Job.Kind.PREVIEW or job.status != Job.Status.DONE:
        return
    people = sum(
        len((sheet.get("people") or {}).get("rows", []))
        for sheet in (job.result or {}).get("sheets", [])
    )
    if people:
        log_access(
            request.user,
            AccessLog.Action.PEOPLE_VIEWED,
            hub=job.hub_id,
            count=people,
            detail="api import preview",
        )


def job_out(request: HttpRequest, job: Job) -> dict:
    finished = job.status == Job.Status.DONE
    confirmable = finished and job.kind == Job.Kind.PREVIEW and "problems" not in job.result
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "message": job.message,
        "problems": job.problems,
        "result": job.result if finished else None,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "url": request.build_absolute_uri(reverse("api_v1:job_detail", args=[job.pk])),
        "confirm_url": request.build_absolute_uri(reverse("api_v1:import_confirm", args=[job.pk]))
        if confirmable
        else None,
    }


@router.post("/imports", response={202: JobOut}, url_name="import_upload")
def import_upload(
    request: HttpRequest,
    kind: Form[str],
    sheets: File[list[UploadedFile]],
    engagement: Form[int | None] = None,
):
    """Upload files to import (hub staff): `kind` is attendance, practices, members or
    engagements; `engagement` (an id) for attendance sheets not named after their engagement's
    key. The same checks as the upload page (formats, sizes, one file at a time where needed)."""
    require_staff(request)
    hub = hub_of(request)
    form = UploadForm(request.POST, request.FILES, hub=hub)
    if not form.is_valid():
        raise form_refused(form, _("The files were not taken: see errors."))
    job = tasks.start_preview(form.stage(), hub=hub, acting_user=request.user)  # type: ignore[arg-type]
    job.refresh_from_db()
    log_preview(request, job)  # done already when jobs run inside the request
    return Status(202, job_out(request, job))


@router.get("/jobs/{pk}", response=JobOut, url_name="job_detail")
def job_detail(request: HttpRequest, pk: uuid.UUID):
    """A job you started (hub admins: any of the hub's): its progress, and once done its
    result; a preview's result is the preview the page shows."""
    require_staff(request)
    job = get_job_for_user(request.user, pk)
    log_preview(request, job)
    return job_out(request, job)


@router.post("/imports/{pk}/confirm", response={202: JobOut}, url_name="import_confirm")
def import_confirm(request: HttpRequest, pk: uuid.UUID):
    """Import the files a preview job checked, for real (all or nothing), as the preview's
    Import button does. Only the user who uploaded them may, and only once."""
    require_staff(request)
    preview = get_job_for_user(request.user, pk)
    if preview.kind != Job.Kind.PREVIEW or preview.started_by_id != request.user.pk:
        raise Refused(404, _("No such preview of yours to confirm."))
    if preview.status != Job.Status.DONE:
        raise Refused(409, _("The preview is not ready yet: poll its job until it is done."))
    if "problems" in preview.result:
        raise Refused(409, _("The preview refused these files: see its problems."))
    token = preview.params.get("token", "")
    names = uploads.names_of(token)
    confirmed = Job.objects.filter(kind=Job.Kind.IMPORT, params__token=token).exists()
    if confirmed or not names:
        raise Refused(
            409, _("These files were already imported, or are no longer kept: upload them again.")
        )
    job = tasks.start_import(
        preview.params | {"names": names},
        hub=hub_of(request),
        rows=preview.result.get("rows") or 0,
        acting_user=request.user,  # type: ignore[arg-type]
    )
    job.refresh_from_db()
    return Status(202, job_out(request, job))
