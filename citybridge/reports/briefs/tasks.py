"""Publishing a brief runs as a background job: its page names the step (figures, PDF, Word)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.jobs.actions import JobFailed, Outcome, run_job, start_job
from citybridge.jobs.models import Job
from citybridge.jobs.progress import Progress
from citybridge.network.models import Funder, Hub
from citybridge.reports.briefs.actions import STEPS, publish_brief


@records_acting_user
def start_publishing(
    hub: Hub,
    start: dt.date,
    end: dt.date,
    *,
    funder: Funder | None,
    lang: str,
    acting_user: User,
) -> Job:
    title = _("Publishing the brief for %(start)s – %(end)s (%(lang)s)") % {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "lang": lang,
    }
    return start_job(
        publish,
        kind=Job.Kind.BRIEF,
        hub=hub,
        title=title,
        params={
            "start": start.isoformat(),
            "end": end.isoformat(),
            "funder": funder.pk if funder else None,
            "lang": lang,
        },
        total=len(STEPS),
        acting_user=acting_user,
    )


@task()
def publish(job_id: str) -> None:
    run_job(job_id, _publish)


def _publish(job: Job, user: User, progress: Progress) -> Outcome:
    params = job.params
    funder = None
    if params.get("funder"):
        funder = Funder.objects.filter(pk=params["funder"]).first()
        if funder is None:
            raise JobFailed(
                _("The funder chosen for this brief no longer exists. Nothing was published."),
                url=reverse("reports:brief_list"),
                label=_("Choose the brief again"),
            )
    words = {
        "figures": _("Counting the key figures"),
        "article": _("Drawing the charts and the map"),
        "pdf": _("Laying out the PDF"),
        "docx": _("Writing the Word file"),
        "saving": _("Saving the published brief"),
    }

    def tell(step: str) -> None:
        number = STEPS.index(step) + 1
        line = _("Step %(n)s of %(total)s: %(step)s") % {
            "n": number,
            "total": len(STEPS),
            "step": words[step],
        }
        progress(line, number - 1, len(STEPS), force=True)

    published = publish_brief(
        job.hub,
        dt.date.fromisoformat(params["start"]),
        dt.date.fromisoformat(params["end"]),
        funder=funder,
        lang=params["lang"],
        acting_user=user,
        progress=tell,
    )
    return Outcome(
        _("Brief published. Its numbers are now frozen."),
        reverse("reports:brief_detail", args=[published.pk]),
        _("Open the published brief"),
    )
