"""The API's routes for the key figures and the published briefs (/api/v1/figures, /briefs).

Kept here, not in the api app, which ranks beside reports in the import order: citybridge/urls.py
adds this router to the API. The request has passed the API's token check (api.auth): its user
is the token's owner working in the token's hub (`request.auth.hub`). Every role reads them. A donor or an expert gets
the numbers under the disclosure rule (accounts.disclosure: whole months, people rounded to 5,
"<5" below 5) and never a record behind a number of people; hub staff get the ids of every
record behind a number, a focal point those of the people of their own city. Person ids given
out are written to the access log, as the figure's page logs the people it lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.disclosure import people_count, sees_exact_counts, whole_months
from citybridge.accounts.scopes import Scope, scope_of
from citybridge.network.models import Hub, Person
from citybridge.reports.briefs.access import get_published_brief_for_user
from citybridge.reports.briefs.render import FORMATS, document
from citybridge.reports.figures import key_figures
from citybridge.reports.models import PublishedBrief

router = Router(tags=["key figures and briefs"])


def hub_of(request: HttpRequest) -> Hub:
    return request.auth.hub  # type: ignore[attr-defined]


def scope(request: HttpRequest) -> Scope:
    return scope_of(request.user)


class FigureOut(Schema):
    key: str
    label: str
    value: int | None = Field(description="null: fewer than 5 people (shown as <5)")
    shown: str = Field(description="the number as the pages show it to you, e.g. 235 or <5")
    exact: bool
    definition: str
    record_model: str
    record_ids: list[int] | None = Field(
        description="the records behind the number; null when your role may not see them"
    )


class FiguresOut(Schema):
    start: dt.date | None
    end: dt.date
    figures: list[FigureOut]


class PeriodQuery(Schema):
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")
    records: bool = Field(True, description="false: the numbers only (faster)")


@router.get("/figures", response=FiguresOut, url_name="figures")
def figures(request: HttpRequest, period: Query[PeriodQuery]):
    """The key figures of a period (default: the hub's launch to today)."""
    hub = hub_of(request)
    start = period.start or hub.launched_on
    end = period.end or timezone.localdate()
    if start and end < start:
        raise HttpError(400, _("The end of the period must be on or after its start."))
    exact = sees_exact_counts(request.user, hub.pk)
    if not exact:
        start, end = whole_months(start, end)
    with_records = period.records and exact
    staff = scope(request).is_staff_of(hub.pk)
    out, shown_people = [], set()
    for figure in key_figures(hub, start, end, with_records=with_records):
        people = figure.record_model == "person"
        value: int | None = figure.value if exact or not people else people_count(figure.value)
        ids: list[int] | None = None
        if with_records:
            ids = list(figure.record_ids)
            if people and not staff:
                ids = sorted(
                    Person.objects.visible_to(request.user)
                    .filter(pk__in=ids)
                    .values_list("pk", flat=True)
                )
            if people:
                shown_people.update(ids)
        out.append(
            {
                "key": figure.key,
                "label": figure.label,
                "value": value,
                "shown": "<5" if value is None else str(value),
                "exact": exact or not people,
                "definition": figure.definition,
                "record_model": figure.record_model,
                "record_ids": ids,
            }
        )
    log_people_shown(request.user, shown_people, hub=hub, detail="api figures")
    return {"start": start, "end": end, "figures": out}


class BriefOut(Schema):
    id: int
    title: str
    start: dt.date
    end: dt.date
    lang: str
    funder: str
    definition_version: str
    published_at: dt.datetime
    figures: dict[str, Any]
    files: dict[str, str]


def brief_out(request: HttpRequest, brief: PublishedBrief) -> dict:
    staff = scope(request).is_staff_of(brief.hub_id)
    figures = {
        key: {
            k: v
            for k, v in frozen.items()
            # the ids behind a number of people are for staff only; cities' are public
            if k != "record_ids" or staff or frozen.get("record_model") == "city"
        }
        for key, frozen in brief.figures.items()
    }
    files = {
        fmt: request.build_absolute_uri(reverse("api_v1:brief_file", args=[brief.pk, fmt]))
        for fmt in FORMATS
    }
    return {
        "id": brief.pk,
        "title": brief.title,
        "start": brief.starts_on,
        "end": brief.ends_on,
        "lang": brief.lang,
        "funder": brief.funder_name,
        "definition_version": brief.definition_version,
        "published_at": brief.published_at,
        "figures": figures,
        "files": files,
    }


@router.get("/briefs", response=list[BriefOut], url_name="brief_list")
def brief_list(request: HttpRequest):
    """The hub's published briefs, newest first: their numbers as published and their files."""
    briefs = (
        PublishedBrief.objects.visible_to(request.user)
        .of_hub(hub_of(request))
        .defer("article", "pdf", "docx")
    )
    return [brief_out(request, b) for b in briefs]


@router.get("/briefs/{pk}", response=BriefOut, url_name="brief_detail")
def brief_detail(request: HttpRequest, pk: int):
    return brief_out(request, get_published_brief_for_user(request.user, pk))


@router.get("/briefs/{pk}/files/{fmt}", url_name="brief_file")
def brief_file(request: HttpRequest, pk: int, fmt: str):
    """The brief's file exactly as published: `pdf`, `docx` or `html`."""
    published = get_published_brief_for_user(request.user, pk)
    if fmt not in FORMATS:
        raise HttpError(404, _("A brief's file is pdf, docx or html."))
    if fmt == "html":
        content = document(published.article, lang=published.lang, title=published.title).encode()
    else:
        content = bytes(published.pdf if fmt == "pdf" else published.docx)
    content_type, _ext = FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    name = f"brief-{published.hub.slug}-{published.starts_on}-{published.ends_on}-{published.lang}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
