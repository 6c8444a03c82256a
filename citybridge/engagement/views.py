"""Pages for engagements and their attendance."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.models import AccessLog
from citybridge.engagement import actions, review
from citybridge.engagement.access import get_engagement_for_user
from citybridge.engagement.downloads import ATTENDANCE_COLUMNS, ENGAGEMENT_COLUMNS, OTHERS_COLUMNS
from citybridge.engagement.forms import EngagementFilterForm, EngagementForm
from citybridge.engagement.models import Attendance, Engagement, LinkDecision, ReviewPair, Sheet
from citybridge.lib.exports import download_format, list_download, rows_download
from citybridge.network.decorators import hub_staff_required, people_viewer_required
from citybridge.network.http import HubRequest, count_on_page, list_template, page_of
from citybridge.network.models import RoleKind, Theme
from citybridge.network.versions import EditConflict


@people_viewer_required
def engagement_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = EngagementFilterForm(request.GET or None)
    engagements = form.apply(
        Engagement.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("host_city", "country")
    )
    engagements = engagements.order_by("-starts_on")
    if download := list_download(
        request,
        name="engagements",
        title=_("Engagements"),
        columns=ENGAGEMENT_COLUMNS,
        rows=with_counts(engagements),
    ):
        return download
    page = page_of(request, engagements)
    count_on_page(
        page,
        records=Count("attendances", distinct=True),
        people=Count("attendances__person", distinct=True),
    )
    years = Engagement.objects.of_hub(hub).dates("starts_on", "year", order="DESC")
    context = {
        "page": page,
        "form": form,
        "params": form.texts(),
        "kinds": Engagement.Kind.choices,
        "years": [d.year for d in years],
        "themes": Theme.objects.of_hub(hub),
    }
    template = list_template(
        request, "engagement/engagement_list.html", "engagement/engagement_rows.html"
    )
    return render(request, template, context)


def with_counts(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    """The download's engagements with their records and people counted (as the page counts
    its rows), in one query, the rest of each row prefetched."""
    counted = (
        Engagement.objects.filter(pk__in=engagements.values("pk"))
        .annotate(
            records=Count("attendances", distinct=True),
            people=Count("attendances__person", distinct=True),
        )
        .select_related("host_city__country", "country", "funder")
        .prefetch_related("participating_cities__country", "themes__hub")
    )
    return counted.order_by("-starts_on", "pk")


@people_viewer_required
def engagement_detail(request: HubRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    rows = Attendance.objects.filter(engagement=engagement)
    visible = rows.visible_to(request.user)
    attendances = list(visible.select_related("person", "resolved_city", "sheet"))
    shown = [a.person_id for a in attendances]
    fmt = download_format(request)
    log_people_shown(
        request.user,
        shown,
        hub=engagement.hub_id,
        obj=engagement,
        count=len(attendances),
        action=AccessLog.Action.EXPORT if fmt else AccessLog.Action.PEOPLE_VIEWED,
        detail=fmt or "",
    )
    roles = dict(RoleKind.choices)
    others = rows.exclude(pk__in=visible.values("pk")).participant_counts()
    others = [row | {"role": roles.get(row["role_kind"], "")} for row in others]
    if fmt:
        ordered = sorted(attendances, key=lambda a: (a.sheet_id or 0, a.row_number, a.pk))
        return rows_download(
            request,
            fmt,
            name=f"attendance-{engagement.pk}",
            title=_("Attendance"),
            columns=ATTENDANCE_COLUMNS,
            rows=ordered,
            more=[(_("Other participants"), OTHERS_COLUMNS, others)] if others else [],
        )
    context = {
        "engagement": engagement,
        "sheets": sheets_with_rows(engagement, rows, attendances),
        "others": others,
        "participating": engagement.participating_cities.all(),
        "themes": engagement.themes.all(),
    }
    return render(request, "engagement/engagement_detail.html", context)


def sheets_with_rows(
    engagement: Engagement, rows: QuerySet[Attendance], shown: list[Attendance]
) -> list[dict]:
    """The engagement's sheets in the order they were imported, each with its rows of `shown`
    (the rows the reader may see) in row order and the count of all its rows; then, when there
    are any, the rows that came by no sheet. Row numbers restart on each sheet: grouped, they
    read as the partner's files did. Two queries, whatever the number of sheets."""
    sheets = (
        engagement.sheets.select_related("imported_by")
        .annotate(total=Count("attendances"))
        .order_by("imported_at", "pk")
    )
    by_sheet: dict[int | None, list[Attendance]] = {}
    for row in sorted(shown, key=lambda a: (a.row_number, a.pk)):
        by_sheet.setdefault(row.sheet_id, []).append(row)
    groups = [
        {"sheet": sheet, "total": sheet.total, "rows": by_sheet.get(sheet.pk, [])}
        for sheet in sheets
    ]
    loose = rows.filter(sheet=None).count()
    if loose:
        groups.append({"sheet": None, "total": loose, "rows": by_sheet.get(None, [])})
    return groups


@hub_staff_required
def engagement_create(request: HubRequest) -> HttpResponse:
    return engagement_form(request, Engagement())


@hub_staff_required
def engagement_edit(request: HubRequest, pk: int) -> HttpResponse:
    return engagement_form(request, get_engagement_for_user(request.user, pk))


def engagement_form(request: HubRequest, engagement: Engagement) -> HttpResponse:
    hub = request.hub
    form = EngagementForm(request.POST or None, instance=engagement, hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            engagement = actions.save_engagement(
                form.instance,
                hub=hub,
                participating_cities=form.cleaned_data["participating_cities"],
                themes=form.cleaned_data["themes"],
                acting_user=request.user,
            )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("Saved %(title)s.") % {"title": engagement.title})
            return redirect("engagement:engagement_detail", pk=engagement.pk)
    return render(
        request, "engagement/engagement_form.html", {"form": form, "engagement": engagement}
    )


@hub_staff_required
def review_list(request: HubRequest) -> HttpResponse:
    """The pairs the resolver was unsure about, most likely first, side by side with the evidence."""
    hub = request.hub
    pairs = ReviewPair.objects.filter(hub=hub).select_related(
        "first__engagement", "second__engagement", "first__person", "second__person"
    )
    decisions = list(
        LinkDecision.objects.filter(first__engagement__hub=hub)
        .select_related("first", "second", "decided_by", "short_form")
        .order_by("-decided_at")[:20]
    )
    page = page_of(request, pairs)
    records = [r for p in page for r in (p.first, p.second)]
    records += [r for d in decisions for r in (d.first, d.second)]
    log_people_shown(request.user, [r.person_id for r in records], hub=hub, count=len(records))
    context = {"page": page, "decisions": decisions}
    return render(request, "engagement/review.html", context)


@require_POST
@hub_staff_required
def review_decide(request: HubRequest, pk: int) -> HttpResponse:
    hub = request.hub
    pair = ReviewPair.objects.filter(hub=hub, pk=pk).select_related("first", "second").first()
    verdict = request.POST.get("verdict")
    if pair is None or verdict not in LinkDecision.Verdict.values:
        raise Http404
    summary = review.decide_pair(hub, pair.first, pair.second, verdict, acting_user=request.user)
    label = LinkDecision.Verdict(verdict).label
    messages.success(
        request,
        _("Recorded: %(verdict)s. %(n)s pairs left to review.")
        % {"verdict": label, "n": summary.uncertain},
    )
    return redirect("engagement:review_list")


@require_POST
@hub_staff_required
def review_undo(request: HubRequest, pk: int) -> HttpResponse:
    hub = request.hub
    decision = LinkDecision.objects.filter(first__engagement__hub=hub, pk=pk).first()
    if decision is None:
        raise Http404
    review.undo_decision(hub, decision, acting_user=request.user)
    messages.success(request, _("Decision undone; the records were resolved again."))
    return redirect("engagement:review_list")


@require_POST
@hub_staff_required
def record_split(request: HubRequest, pk: int) -> HttpResponse:
    """Undo a merge from the person's page: this record belongs to someone else."""
    hub = request.hub
    record = Attendance.objects.visible_to(request.user).of_hub(hub).filter(pk=pk).first()
    if record is None or record.person_id is None:
        raise Http404
    person_id = record.person_id
    review.split_record(hub, record, acting_user=request.user)
    record.refresh_from_db()
    messages.success(
        request,
        _("The record from %(file)s row %(row)s is now a person of its own.")
        % {"file": record.source_file, "row": record.row_number},
    )
    return redirect("network:person_detail", pk=record.person_id or person_id)


@require_POST
@hub_staff_required
def sheet_remove(request: HubRequest, pk: int) -> HttpResponse:
    hub = request.hub
    sheet = Sheet.objects.filter(pk=pk, engagement__hub=hub).select_related("engagement").first()
    if sheet is None:
        raise Http404
    rows = actions.remove_sheet(sheet, acting_user=request.user)
    messages.success(
        request,
        ngettext(
            "Removed %(file)s and its %(rows)s row; the people were resolved again. "
            "Import the corrected file with “Import a sheet”.",
            "Removed %(file)s and its %(rows)s rows; the people were resolved again. "
            "Import the corrected file with “Import a sheet”.",
            rows,
        )
        % {"file": sheet.file_name, "rows": rows},
    )
    return redirect("engagement:engagement_detail", pk=sheet.engagement.pk)
