"""The brief pages: published briefs, a new brief's preview, publishing, and the frozen brief."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from citybridge.accounts.disclosure import sees_exact_counts
from citybridge.accounts.scopes import scope_of
from citybridge.jobs.views import follow
from citybridge.network.decorators import hub_member_required, hub_staff_required
from citybridge.network.http import HubRequest
from citybridge.reports.briefs.access import get_published_brief_for_user
from citybridge.reports.briefs.assemble import assemble_brief
from citybridge.reports.briefs.changes import changes_since
from citybridge.reports.briefs.forms import BriefForm, default_period
from citybridge.reports.briefs.render import (
    FORMATS,
    document,
    file_name,
    render_article,
    render_as,
)
from citybridge.reports.briefs.tasks import start_publishing
from citybridge.reports.models import PublishedBrief


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    content_type, _ext = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def list_context(request: HubRequest, form: BriefForm | None = None) -> dict:
    """The published briefs, and for staff the form of a new one, its period filled in."""
    hub = request.hub
    briefs = (
        PublishedBrief.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("published_by")
        .defer("article", "pdf", "docx")
    )
    is_staff = scope_of(request.user).is_staff_of(hub.pk)
    if is_staff and form is None:
        last_end = PublishedBrief.objects.of_hub(hub).aggregate(end=Max("ends_on"))["end"]
        start, end = default_period(hub.launched_on, last_end, timezone.localdate())
        form = BriefForm(initial={"start": start, "end": end, "lang": "en"})
    return {"hub": hub, "briefs": briefs, "is_staff": is_staff, "form": form}


@hub_member_required
def brief_list(request: HubRequest) -> HttpResponse:
    return render(request, "reports/brief_list.html", list_context(request))


@hub_staff_required
def brief_preview(request: HubRequest) -> HttpResponse:
    """The brief as it would be published now; `?format=pdf|docx|html` downloads it."""
    hub = request.hub
    form = BriefForm(request.GET)
    if not form.is_valid():
        return render(request, "reports/brief_list.html", list_context(request, form), status=400)
    data = form.cleaned_data
    brief = assemble_brief(
        hub, data["start"], data["end"], funder=data["funder"], lang=data["lang"]
    )
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return _download(render_as(brief, fmt), fmt, file_name(brief, fmt))
    query = {k: v for k, v in request.GET.items() if k != "format"}
    context = {
        "hub": hub,
        "brief": brief,
        "form": form,
        "article": render_article(brief),
        "query": urlencode(query),
    }
    return render(request, "reports/brief_preview.html", context)


@require_POST
@hub_staff_required
def brief_publish(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = BriefForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/brief_list.html", list_context(request, form), status=400)
    data = form.cleaned_data
    job = start_publishing(
        hub,
        data["start"],
        data["end"],
        funder=data["funder"],
        lang=data["lang"],
        acting_user=request.user,
    )
    return follow(request, job)


@hub_member_required
def brief_detail(request: HubRequest, pk: int) -> HttpResponse:
    published = get_published_brief_for_user(request.user, pk)
    is_staff = scope_of(request.user).is_staff_of(published.hub_id)
    context = {
        "hub": published.hub,
        "published": published,
        "changes": changes_since(published),
        "is_staff": is_staff,
        # Beside an exact published number, the number now and a small change would tell how
        # many people were added: a viewer of aggregates sees the change by the disclosure rule.
        "hide_small": not sees_exact_counts(request.user, published.hub_id),
    }
    return render(request, "reports/brief_detail.html", context)


@hub_member_required
def brief_download(request: HubRequest, pk: int, fmt: str) -> HttpResponse:
    """The files exactly as published (the HTML file wraps the published article)."""
    published = get_published_brief_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    if fmt == "html":
        content = document(published.article, lang=published.lang, title=published.title).encode()
    else:
        content = bytes(published.pdf if fmt == "pdf" else published.docx)
    name = f"brief-{published.hub.slug}-{published.starts_on}-{published.ends_on}-{published.lang}"
    return _download(content, fmt, f"{name}.{fmt}")
