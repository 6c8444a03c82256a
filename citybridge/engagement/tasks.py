"""A confirmed import runs as a background job: its page shows the rows checked and saved.

The preview (a dry run) stays inside the request: the officer waits for it on purpose. The
confirmed import is the same import for real, all or nothing, run by the worker as the officer.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import PurePath

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement import uploads
from citybridge.engagement.forms import ImportForm
from citybridge.engagement.imports import (
    Progress,
    import_attendance,
    import_engagements,
    no_progress,
)
from citybridge.engagement.models import Engagement
from citybridge.jobs.actions import JobFailed, Outcome, run_job, start_job
from citybridge.jobs.models import Job
from citybridge.jobs.progress import Progress as JobProgress
from citybridge.lib.importing import ImportReport
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.imports import import_members
from citybridge.network.models import Hub


def run_import(
    kind: str,
    files: list[tuple[str, bytes]],
    *,
    hub: Hub,
    engagement: Engagement | None,
    dry_run: bool,
    user,
    progress: Progress = no_progress,
) -> ImportReport:
    """The import the form chose; `progress` (attendance only) is told the rows done."""
    if kind == ImportForm.Kind.MEMBERS:
        return import_members(files[0][1], files[0][0], hub=hub, dry_run=dry_run, acting_user=user)
    if kind == ImportForm.Kind.ENGAGEMENTS:
        return import_engagements(
            files[0][1], files[0][0], hub=hub, dry_run=dry_run, acting_user=user
        )
    return import_attendance(
        files,
        hub=hub,
        engagement=engagement,
        dry_run=dry_run,
        acting_user=user,
        progress=progress,
    )


@records_acting_user
def start_import(
    token: str,
    kind: str,
    file_names: list[str],
    *,
    hub: Hub,
    engagement: Engagement | None,
    rows: int,
    acting_user: User,
) -> Job:
    """Hand the staged files of a previewed import to the worker; `rows` is the preview's count."""
    title = ngettext(
        "Importing %(n)s file: %(names)s", "Importing %(n)s files: %(names)s", len(file_names)
    ) % {"n": len(file_names), "names": ", ".join(file_names)}
    return start_job(
        import_sheets,
        kind=Job.Kind.IMPORT,
        hub=hub,
        title=title,
        params={"token": token, "kind": kind, "engagement": engagement.pk if engagement else None},
        total=rows,
        acting_user=acting_user,
    )


@task()
def import_sheets(job_id: str) -> None:
    run_job(job_id, _import_sheets)


def _import_sheets(job: Job, user: User, progress: JobProgress) -> Outcome:
    params = job.params
    again = reverse("engagement:import_upload")
    files = uploads.load(params["token"])
    if not files:
        raise JobFailed(
            _(
                "The uploaded files are no longer kept (they are deleted after a day). Nothing was saved: upload them again."
            ),
            url=again,
            label=_("Upload the files again"),
        )
    chosen = params.get("engagement")
    engagement = Engagement.objects.of_hub(job.hub).filter(pk=chosen).first() if chosen else None
    if chosen and engagement is None:
        raise JobFailed(
            _("The engagement chosen for these sheets no longer exists. Nothing was saved."),
            url=again,
            label=_("Upload the files again"),
        )
    total = job.total or 0
    count = ngettext("%(n)s file", "%(n)s files", len(files)) % {"n": len(files)}
    stages: list[str] = []

    def tell(stage: str, rows: int) -> None:
        words = {
            "checking": _("Checking %(files)s: %(done)s of %(total)s rows"),
            "saving": _("Saving %(files)s: %(done)s of %(total)s rows"),
            "linking": _("Linking %(total)s rows to the people seen before"),
        }[stage]
        done = min(rows, total) if total else rows
        progress(
            words
            % {
                "files": count,
                "done": number_format(done, force_grouping=True),
                "total": number_format(total or rows, force_grouping=True),
            },
            done,
            total,
            force=stage not in stages[-1:],
        )
        stages.append(stage)

    tell("checking", 0)
    try:
        report = run_import(
            params["kind"],
            files,
            hub=job.hub,
            engagement=engagement,
            dry_run=False,
            user=user,
            progress=tell,
        )
    except SheetError as error:
        raise JobFailed(
            _(
                "The import was refused: nothing was saved. Correct the files and upload them again."
            ),
            [asdict(p) for p in error.problems],
            url=again,
            label=_("Upload the files again"),
        ) from None
    finally:
        uploads.discard(params["token"])
    keys = {PurePath(name).stem for name, _data in files}
    if engagement is None and len(keys) == 1:
        # Sheets named after their engagement's key: all one engagement's, so link it.
        engagement = Engagement.objects.of_hub(job.hub).filter(key__iexact=keys.pop()).first()
    return Outcome(report.summary(), *_result_link(params["kind"], engagement))


def _result_link(kind: str, engagement: Engagement | None) -> tuple[str, str]:
    if kind == ImportForm.Kind.MEMBERS:
        return reverse("network:city_list"), _("Open the member cities")
    if kind == ImportForm.Kind.ENGAGEMENTS:
        return reverse("engagement:engagement_list"), _("Open the engagements")
    if engagement is not None:
        return reverse("engagement:engagement_detail", args=[engagement.pk]), _(
            "Open the engagement"
        )
    return reverse("engagement:engagement_list"), _("Open the engagements")
