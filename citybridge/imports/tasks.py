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
from citybridge.engagement.models import Engagement
from citybridge.imports import uploads
from citybridge.imports.reading import Choices, SheetRefused
from citybridge.imports.registry import Progress, RowsRefused, run_import
from citybridge.imports.reports import ImportReport
from citybridge.jobs.actions import JobFailed, Outcome, run_job, start_job
from citybridge.jobs.models import Job
from citybridge.jobs.progress import Progress as JobProgress
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.models import Hub


def run_pending(
    pending: dict,
    files: list[tuple[str, bytes]],
    *,
    hub: Hub,
    engagement: Engagement | None,
    dry_run: bool,
    user: User | None,
    progress: Progress | None = None,
) -> ImportReport:
    """The import an upload asked for (`pending`: its kind, and the column choices and value
    placements made on its preview), as a preview or for real."""
    return run_import(
        pending["kind"],
        files,
        hub=hub,
        engagement=engagement,
        dry_run=dry_run,
        acting_user=user,
        choices=Choices(chosen=pending.get("columns") or {}),
        placements=pending.get("placements") or {},
        **({"progress": progress} if progress else {}),
    )


def _params(pending: dict) -> dict:
    keys = ("token", "kind", "engagement", "columns", "placements")
    return {key: pending.get(key) for key in keys}


@records_acting_user
def start_import(pending: dict, *, hub: Hub, rows: int, acting_user: User) -> Job:
    """Hand the staged files of a previewed import to the worker; `rows` is the preview's count."""
    names = pending.get("names") or []
    title = ngettext(
        "Importing %(n)s file: %(names)s", "Importing %(n)s files: %(names)s", len(names)
    ) % {"n": len(names), "names": ", ".join(names)}
    return start_job(
        import_sheets,
        kind=Job.Kind.IMPORT,
        hub=hub,
        title=title,
        params=_params(pending),
        total=rows,
        acting_user=acting_user,
    )


@records_acting_user
def start_preview(pending: dict, *, hub: Hub, acting_user: User) -> Job:
    """Hand the staged files of an upload to the worker for their preview (a dry run)."""
    names = pending.get("names") or []
    title = ngettext(
        "Checking %(n)s file before importing it: %(names)s",
        "Checking %(n)s files before importing them: %(names)s",
        len(names),
    ) % {"n": len(names), "names": ", ".join(names)}
    return start_job(
        preview_sheets,
        kind=Job.Kind.PREVIEW,
        hub=hub,
        title=title,
        params=_params(pending),
        total=uploads.rows_in(pending["token"]),
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
    again = reverse("imports:upload")
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


def preview_rows(kind: str, report: ImportReport) -> int:
    """Rows the confirmed import's job will go through: unchanged sheets are read again, but
    not stored."""
    return report.rows + (report.unchanged if kind == "attendance" else 0)


def preview_result(kind: str, report: ImportReport) -> dict:
    """The preview as the page shows it, as plain data: kept on a preview job."""
    return {
        "summary": report.summary(),
        "notes": report.all_notes(),
        "rows": preview_rows(kind, report),
        "sheets": report.sheets,
        "unplaced": report.unplaced,
    }


def refused_result(error: SheetError) -> dict:
    """A refused preview as plain data: its problems and, where the files could be read, their
    columns as read and the values no vocabulary placed, so the officer can place a column or a
    value (a member city's country) and try again."""
    sheets = error.sheets if isinstance(error, SheetRefused) else []
    return {
        "problems": [asdict(p) for p in error.problems],
        "sheets": [
            {"file_name": s.file_name, "columns": [asdict(r) for r in s.reads]} for s in sheets
        ],
        "unplaced": error.unplaced if isinstance(error, RowsRefused) else [],
    }


def _run_staged(
    job: Job, user: User, progress: JobProgress, *, dry_run: bool
) -> tuple[ImportReport, list[tuple[str, bytes]], Engagement | None]:
    """The job's staged import, as a preview or for real, telling its progress; with the files
    and engagement it ran on."""
    files, engagement = _staged(job)
    tell = _teller(job, len(files), progress)
    tell("checking", 0)
    report = run_pending(
        job.params,
        files,
        hub=job.hub,
        engagement=engagement,
        dry_run=dry_run,
        user=user,
        progress=tell,
    )
    return report, files, engagement


def _preview_sheets(job: Job, user: User, progress: JobProgress) -> Outcome:
    """The dry run of a staged upload; the files stay staged for the confirmation, also when
    they are refused (the officer may place a column on the preview and try again)."""
    url = reverse("imports:preview", args=[job.pk])
    try:
        report, _files, _engagement = _run_staged(job, user, progress, dry_run=True)
    except SheetError as error:
        return Outcome(
            _("The files cannot be imported as they are: see the problems."),
            url,
            _("See the problems"),
            result=refused_result(error),
        )
    return Outcome(
        report.summary(),
        url,
        _("See the preview and import"),
        result=preview_result(job.params["kind"], report),
    )


def _import_sheets(job: Job, user: User, progress: JobProgress) -> Outcome:
    params = job.params
    try:
        report, files, engagement = _run_staged(job, user, progress, dry_run=False)
    except SheetError as error:
        raise JobFailed(
            _(
                "The import was refused: nothing was saved. Correct the files and upload them again."
            ),
            [asdict(p) for p in error.problems],
            url=reverse("imports:upload"),
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
    if kind == "members":
        return reverse("network:city_list"), _("Open the member cities")
    if kind == "practices":
        return reverse("practices:practice_list"), _("Open the practices")
    if engagement is not None:
        return reverse("engagement:engagement_detail", args=[engagement.pk]), _(
            "Open the engagement"
        )
    return reverse("engagement:engagement_list"), _("Open the engagements")
