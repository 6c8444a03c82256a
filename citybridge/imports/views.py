"""Upload, preview, place columns and values, confirm: one flow for every kind of file.

Nothing is written before the officer confirms a preview. The preview says where each file
goes, how each column was read (and which were not used), the first rows as read, and for
attendance who is new, who was recognised and who waits for review. A column the platform did
not know can be placed there, and a value no vocabulary placed can be placed or kept as
written; the preview is then made again with those choices. The column choices are remembered
for the hub when the import is confirmed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog
from citybridge.engagement.models import Engagement
from citybridge.imports import tasks, uploads
from citybridge.imports.actions import remember_columns
from citybridge.imports.forms import UploadForm
from citybridge.imports.reading import NOT_USED, heading_key
from citybridge.imports.registry import IMPORTERS
from citybridge.imports.rows import placement_key
from citybridge.jobs.access import get_job_for_user
from citybridge.jobs.models import Job
from citybridge.jobs.views import follow
from citybridge.lib.inputs import parse_id
from citybridge.lib.spreadsheets import SheetError
from citybridge.network.decorators import hub_staff_required
from citybridge.network.http import HubRequest


def _initial(request: HubRequest) -> dict:
    """The kind and engagement a link asked for (the engagement page's "Import a sheet",
    `?kind=attendance&engagement=<pk>`): an engagement of the request's hub that the user may
    see. Any other (another hub's, unknown, not a number: `?engagement=²` passed isdigit and
    failed int) is ignored, never an error page."""
    initial: dict[str, object] = {}
    if request.GET.get("kind") in IMPORTERS:
        initial["kind"] = request.GET["kind"]
    if (chosen := parse_id(request.GET.get("engagement"))) is not None:
        hub = request.hub
        engagements = Engagement.objects.visible_to(request.user).of_hub(hub)
        engagement = engagements.filter(pk=chosen).first()
        if engagement is not None:
            initial |= {"kind": "attendance", "engagement": engagement}
    return initial


@hub_staff_required
def upload(request: HubRequest) -> HttpResponse:
    hub = request.hub
    initial = _initial(request)
    form = UploadForm(request.POST or None, request.FILES or None, hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        return _preview(request, form.stage())
    # Come from an engagement's page, Cancel goes back to it.
    chosen = initial.get("engagement")
    back = reverse("engagement:engagement_detail", args=[chosen.pk]) if chosen else None
    return render(request, "imports/upload.html", {"form": form, "cancel_url": back})


def _preview(request: HubRequest, pending: dict) -> HttpResponse:
    """The preview of the staged files with the choices in `pending`: made here for a small
    upload, by the worker for a large one (its job's page leads back to `preview`)."""
    hub = request.hub
    if uploads.size_of(pending["token"]) > settings.IMPORT_PREVIEW_IN_REQUEST_BYTES:
        job = tasks.start_preview(pending, hub=hub, acting_user=request.user)
        request.session["import"] = pending | {"preview": str(job.pk)}
        return follow(request, job)
    chosen = pending.get("engagement")
    engagement = Engagement.objects.of_hub(hub).filter(pk=chosen).first() if chosen else None
    try:
        report = tasks.run_pending(
            pending,
            uploads.load(pending["token"]),
            hub=hub,
            engagement=engagement,
            dry_run=True,
            user=request.user,
        )
    except SheetError as error:
        result = tasks.refused_result(error)
    else:
        result = tasks.preview_result(pending["kind"], report)
    return _show(request, pending, result)


def _show(request: HubRequest, pending: dict, result: dict) -> HttpResponse:
    refused = "problems" in result
    if refused and not result["sheets"]:
        # Nothing in the files could be read: there is nothing to place, so nothing to keep.
        uploads.discard(pending["token"])
        request.session.pop("import", None)
    else:
        # "rows" is known once a preview is: a file is never imported before it was shown.
        kept = {k: v for k, v in pending.items() if k not in ("rows", "preview")}
        request.session["import"] = kept | ({} if refused else {"rows": result["rows"]})
    people = sum(
        len((sheet.get("people") or {}).get("rows", [])) for sheet in result.get("sheets", [])
    )
    if people:
        # The preview names the file's people and whom they were recognised as.
        log_access(
            request.user,
            AccessLog.Action.PEOPLE_VIEWED,
            hub=request.hub,
            count=people,
            detail="import preview",
        )
    found = IMPORTERS[pending["kind"]]
    context = {
        "result": result,
        "token": pending["token"],
        "kind": found,
        "fields": [(f.name, f.label) for f in found.spec.fields],
        "not_used": NOT_USED,
        "can_place": bool(result.get("sheets")),
    }
    return render(request, "imports/preview.html", context, status=400 if refused else 200)


@require_safe
@hub_staff_required
def preview(request: HubRequest, pk) -> HttpResponse:
    """The preview a background job made of a large upload; only for the session that uploaded
    the files."""
    job = get_job_for_user(request.user, pk)
    pending = request.session.get("import") or {}
    if job.kind != Job.Kind.PREVIEW or pending.get("preview") != str(job.pk):
        messages.error(request, _("That preview has expired. Upload the files again."))
        return redirect("imports:upload")
    if job.status != Job.Status.DONE:
        return redirect(job)  # its page shows the progress, or why it failed
    return _show(request, pending, job.result)


@require_POST
@hub_staff_required
def revise(request: HubRequest) -> HttpResponse:
    """The preview again, with the columns and values the officer placed on it."""
    pending = request.session.get("import") or {}
    if pending.get("token") != request.POST.get("token") or not pending.get("token"):
        messages.error(request, _("That preview has expired. Upload the files again."))
        return redirect("imports:upload")
    fields = {f.name for f in IMPORTERS[pending["kind"]].spec.fields}
    columns, headings = dict(pending.get("columns") or {}), dict(pending.get("headings") or {})
    placements = dict(pending.get("placements") or {})
    for name, value in request.POST.items():
        if name.startswith("column:") and (value in fields or value == ""):
            heading = name.removeprefix("column:")
            key = heading_key(heading)
            # A choice is what the officer changed (or chose on an earlier round), not every
            # select the form sends back as it was read.
            if key in columns or value != request.POST.get(f"read:{heading}"):
                columns[key] = value
                headings[key] = heading
        elif name.startswith("place:"):
            # "=value" places it (a value may be "", as gender's Not stated); "" keeps it.
            field, _sep, written = name.removeprefix("place:").partition(":")
            placements[placement_key(field, written)] = value[1:] if value[:1] == "=" else None
    return _preview(
        request, pending | {"columns": columns, "headings": headings, "placements": placements}
    )


@require_POST
@hub_staff_required
def confirm(request: HubRequest) -> HttpResponse:
    """Hand the previewed files to the background worker and follow the job on its page; the
    column choices made on the preview are remembered for the hub's next files."""
    hub = request.hub
    pending = request.session.get("import") or {}
    if "rows" not in pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, _("That preview has expired. Upload the files again."))
        return redirect("imports:upload")
    request.session.pop("import", None)
    if pending.get("columns"):
        remember_columns(
            hub,
            pending["kind"],
            {pending["headings"].get(key, key): field for key, field in pending["columns"].items()},
            file_name=", ".join(pending.get("names") or []),
            acting_user=request.user,
        )
    job = tasks.start_import(
        pending,
        hub=hub,
        rows=pending.get("rows") or 0,
        acting_user=request.user,
    )
    return follow(request, job)


@require_POST
@hub_staff_required
def cancel(request: HubRequest) -> HttpResponse:
    pending = request.session.pop("import", None) or {}
    uploads.discard(pending.get("token", ""))
    messages.success(request, _("Import cancelled: nothing was changed."))
    return redirect("imports:upload")
