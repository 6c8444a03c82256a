"""A job's page: its progress, asked again every second by htmx until the job has ended."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from citybridge.jobs.access import get_job_for_user
from citybridge.jobs.models import Job


@login_required
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    now = timezone.now()
    context = {
        "job": job,
        "waiting_long": job.is_waiting_long(now),
        "stalled": job.is_stalled(now),
    }
    template = "jobs/job_status.html" if request.htmx else "jobs/job_detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def follow(request: HttpRequest, job: Job) -> HttpResponse:
    """After starting a job: its page, where the progress shows; or, when it has already ended
    (jobs run inside the request with CITYBRIDGE_TASKS_IMMEDIATE=1), its result, as before."""
    if job.status == Job.Status.DONE and job.result_url:
        messages.success(request, job.message)
        return redirect(job.result_url)
    return redirect(job)
