"""Imports as background jobs: their pages show the rows checked and saved.

The preview is a dry run of the import. A small upload's preview stays inside the request (the
officer waits for it on purpose, and it takes a moment); a larger one's
(IMPORT_PREVIEW_IN_REQUEST_BYTES) is a job of its own, so that a 20 MB sheet never holds a web
process for most of a minute, and its page leads to the preview when it is done. The confirmed
import is the same import for real, all or nothing, run by the worker as the officer.
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


@records_acting_user
def start_preview(
    token: str,
    kind: str,
    file_names: list[str],
    *,
    hub: Hub,
    engagement: Engagement | None,
    acting_user: User,
) -> Job:
    """Hand the staged files of an upload to the worker for their preview (a dry run)."""
    title = ngettext(
        "Checking %(n)s file before importing it: %(names)s",
        "Checking %(n)s files before importing them: %(names)s",
        len(file_names),
    ) % {"n": len(file_names), "names": ", ".join(file_names)}
    return start_job(
        preview_sheets,
        kind=Job.Kind.PREVIEW,
        hub=hub,
        title=title,
        params={"token": token, "kind": kind, "engagement": engagement.pk if engagement else None},
        total=uploads.rows_in(token),
        acting_user=acting_user,
    )


@task()
def import_sheets(job_id: str) -> None:
    run_job(job_id, _import_sheets)


@task()
def preview_sheets(job_id: str) -> None:
    run_job(job_id, _preview_sheets)


def _staged(job: Job) -> tuple[list[tuple[str, bytes]], Engagement | None]:
    """The job's staged files and chosen engagement, or a JobFailed saying why not."""
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
    return files, engagement


def _teller(job: Job, files: int, progress: JobProgress) -> Progress:
    """The import's progress in the job's words: a stage and the rows done of the total."""
    total = job.total or 0
    count = ngettext("%(n)s file", "%(n)s files", files) % {"n": files}
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

    return tell


def _refused(error: SheetError) -> JobFailed:
    return JobFailed(
        _("The import was refused: nothing was saved. Correct the files and upload them again."),
        [asdict(p) for p in error.problems],
        url=reverse("engagement:import_upload"),
        label=_("Upload the files again"),
    )


def preview_rows(kind: str, report: ImportReport) -> int:
    """Rows the confirmed import's job will go through: unchanged sheets are read again, but
    not stored."""
    return report.rows + (report.unchanged if kind == ImportForm.Kind.ATTENDANCE else 0)


def _preview_sheets(job: Job, user: User, progress: JobProgress) -> Outcome:
    """The dry run of a staged upload; the files stay staged for the confirmation."""
    files, engagement = _staged(job)
    tell = _teller(job, len(files), progress)
    tell("checking", 0)
    kind = job.params["kind"]
    try:
        report = run_import(
            kind, files, hub=job.hub, engagement=engagement, dry_run=True, user=user, progress=tell
        )
    except SheetError as error:
        uploads.discard(job.params["token"])
        raise _refused(error) from None
    return Outcome(
        report.summary(),
        reverse("engagement:import_preview", args=[job.pk]),
        _("See the preview and import"),
        result={
            "summary": report.summary(),
            "notes": report.all_notes(),
            "rows": preview_rows(kind, report),
        },
    )


def _import_sheets(job: Job, user: User, progress: JobProgress) -> Outcome:
    params = job.params
    files, engagement = _staged(job)
    tell = _teller(job, len(files), progress)
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
        raise _refused(error) from None
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
