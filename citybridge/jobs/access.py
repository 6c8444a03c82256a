"""The permission-checked lookup of a job: 404 when missing or not the user's to see."""

from __future__ import annotations

from django.http import Http404

from citybridge.jobs.models import Job


def get_job_for_user(user, pk) -> Job:
    try:
        return Job.objects.visible_to(user).select_related("hub", "started_by").get(pk=pk)
    except Job.DoesNotExist:
        raise Http404("No such job.") from None
