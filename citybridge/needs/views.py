"""Pages for needs: the list, a need, recording a consultation's needs, regional priorities."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.scopes import scope_of
from citybridge.engagement.access import get_engagement_for_user
from citybridge.engagement.models import Engagement
from citybridge.lib.exports import list_download
from citybridge.needs import actions
from citybridge.needs.access import get_need_for_user
from citybridge.needs.downloads import CELL_COLUMNS, NEED_COLUMNS, RANK_COLUMNS
from citybridge.needs.forms import (
    ConsultationNeedFormSet,
    FindingForm,
    NeedFilterForm,
    NeedForm,
    NeedStatusForm,
    RaisedForm,
)
from citybridge.needs.models import ConsultationFinding, Need
from citybridge.needs.priorities import NeedRow, grid, rank_themes
from citybridge.network.decorators import (
    hub_member_required,
    hub_staff_required,
    people_viewer_required,
)
from citybridge.network.http import HubRequest, list_template, page_of
from citybridge.network.models import LocalGovernment, Theme, in_reader_order


@people_viewer_required
def need_list(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = NeedFilterForm(request.GET or None)
    needs = form.apply(
        Need.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("city__country", "theme", "source_engagement")
    )
    needs = needs.order_by("-raised_on", "city__name")
    if download := list_download(
        request,
        name="needs",
        title=_("Needs"),
        columns=NEED_COLUMNS,
        rows=needs.select_related("theme__hub"),
    ):
        return download
    # A focal point sees their own city's needs: a country filter has nothing to choose from,
    # and a city filter only when they answer for several cities.
    scope = scope_of(request.user)
    own = None if scope.is_staff_of(hub.pk) else scope.focal_cities.get(hub.pk, frozenset())
    cities = LocalGovernment.objects.of_hub(hub)
    context = {
        "page": page_of(request, needs),
        "form": form,
        "params": form.texts(),
        **form.day_boxes(),
        "themes": Theme.objects.of_hub(hub),
        "countries": in_reader_order(hub.countries.all()) if own is None else [],
        "cities": cities if own is None else (cities.filter(pk__in=own) if len(own) > 1 else []),
        "statuses": Need.Status.choices,
    }
    return render(
        request, list_template(request, "needs/need_list.html", "needs/need_rows.html"), context
    )


@people_viewer_required
def need_detail(request: HubRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request.user, pk)
    context = {
        "need": need,
        "support": need.support_actions.order_by("-starts_on"),
        "status_form": NeedStatusForm(initial={"status": need.status}),
        "is_staff": scope_of(request.user).is_staff_of(need.hub_id),
    }
    return render(request, "needs/need_detail.html", context)


@hub_staff_required
def need_create(request: HubRequest) -> HttpResponse:
    initial = {
        k: request.GET[k] for k in ("city", "theme", "source_engagement") if k in request.GET
    }
    return need_form(request, Need(), initial)


@hub_staff_required
def need_edit(request: HubRequest, pk: int) -> HttpResponse:
    return need_form(request, get_need_for_user(request.user, pk), {})


def need_form(request: HubRequest, need: Need, initial: dict) -> HttpResponse:
    hub = request.hub
    form = NeedForm(request.POST or None, instance=need, hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        need = actions.save_need(form.instance, hub=hub, acting_user=request.user)
        messages.success(request, _("Saved the need of %(city)s.") % {"city": need.city.name})
        return redirect("needs:need_detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form, "need": need})


@require_POST
@hub_staff_required
def need_status(request: HubRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request.user, pk)
    form = NeedStatusForm(request.POST)
    if form.is_valid():
        actions.change_need_status(need, form.cleaned_data["status"], acting_user=request.user)
        messages.success(
            request, _("The need is now: %(status)s.") % {"status": need.get_status_display()}
        )
    else:
        messages.error(request, _("Choose one of the statuses."))
    return redirect("needs:need_detail", pk=need.pk)


@people_viewer_required
def consultation_list(request: HubRequest) -> HttpResponse:
    """The engagements needs are recorded from, consultations first, with what was recorded."""
    hub = request.hub
    visible_needs = Need.objects.visible_to(request.user).values("pk")
    engagements = (
        Engagement.objects.visible_to(request.user)
        .of_hub(hub)
        .annotate(need_count=Count("needs", filter=Q(needs__in=visible_needs), distinct=True))
        .select_related("host_city")
        .order_by("-starts_on")
    )
    kind = request.GET.get("kind", "consultation")
    if kind:
        engagements = engagements.filter(kind=kind)
    context = {"engagements": engagements, "kind": kind, "kinds": Engagement.Kind.choices}
    return render(request, "needs/consultation_list.html", context)


def consultation_context(request: HubRequest, engagement: Engagement, **forms) -> dict:
    hub = request.hub
    needs = (
        Need.objects.visible_to(request.user)
        .filter(source_engagement=engagement)
        .select_related("city", "theme")
        .order_by("city__name_key", "theme__name")
    )
    findings = ConsultationFinding.objects.visible_to(request.user).filter(engagement=engagement)
    by_city: dict[int, dict] = {}
    for finding in findings.select_related("city"):
        by_city.setdefault(finding.city_id, {"city": finding.city, "needs": []})["finding"] = (
            finding
        )
    for need in needs:
        by_city.setdefault(need.city_id, {"city": need.city, "needs": []})["needs"].append(need)
    return {
        "engagement": engagement,
        "cities": sorted(by_city.values(), key=lambda c: c["city"].name_key),
        "is_staff": scope_of(request.user).is_staff_of(engagement.hub_id),
        "finding_form": forms.get("finding_form") or FindingForm(engagement=engagement),
        "need_formset": forms.get("need_formset") or ConsultationNeedFormSet(hub=hub),
    }


@people_viewer_required
def consultation_needs(request: HubRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    return render(
        request, "needs/consultation_needs.html", consultation_context(request, engagement)
    )


@require_POST
@hub_staff_required
def consultation_record(request: HubRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    finding_form = FindingForm(request.POST, engagement=engagement)
    need_formset = ConsultationNeedFormSet(request.POST, hub=request.hub)
    if finding_form.is_valid() and need_formset.is_valid():
        city = finding_form.cleaned_data["city"]
        needs = need_formset.filled()
        concerns = finding_form.cleaned_data["concerns"]
        approaches = finding_form.cleaned_data["approaches"]
        if needs or concerns.strip() or approaches.strip():
            _finding, saved = actions.record_consultation(
                engagement,
                city,
                concerns=concerns,
                approaches=approaches,
                needs=needs,
                acting_user=request.user,
            )
            messages.success(
                request,
                _("Recorded for %(city)s: %(n)s need(s).") % {"city": city.name, "n": len(saved)},
            )
            return redirect("needs:consultation_needs", pk=engagement.pk)
        finding_form.add_error(None, _("Write the city's concerns, its approaches or a need."))
    context = consultation_context(
        request, engagement, finding_form=finding_form, need_formset=need_formset
    )
    return render(request, "needs/consultation_needs.html", context, status=400)


def linkable_cities(user, hub_id: int, city_ids: set[int]) -> set[int]:
    """The cities whose cells open their needs for this user: all for staff, their own for a
    focal point, none for donors and experts (they see the counts only)."""
    scope = scope_of(user)
    if scope.is_staff_of(hub_id):
        return city_ids
    return city_ids & set(scope.focal_cities.get(hub_id, ()))


@hub_member_required
def regional_priorities(request: HubRequest) -> HttpResponse:
    """Themes ranked by how many cities raise them, and the city × theme heat map.

    Counts only, about cities: every role in the hub may see it, donors included. The cells
    open the needs behind them for those who may read needs.
    """
    hub = request.hub
    country = request.GET.get("country", "")
    period = RaisedForm(request.GET or None)
    days = period.day_boxes()
    start, end = days["start"], days["end"]
    day = end or timezone.localdate()
    needs = (
        Need.objects.of_hub(hub)
        .raised_between(start, end)
        .in_countries([country] if country else [])
    )
    rows = [
        NeedRow(pk, city_id, theme_id, priority, status in ("open", "being_addressed"))
        for pk, city_id, theme_id, priority, status in needs.values_list(
            "pk", "city_id", "theme_id", "priority", "status"
        )
    ]
    members = LocalGovernment.objects.of_hub(hub).members_on(day)
    if country:
        members = members.filter(country_id=country)
    member_ids = set(members.values_list("pk", flat=True))
    ranks = rank_themes(rows, member_ids)
    themes = {t.pk: t for t in Theme.objects.of_hub(hub)}
    cells = grid(rows)
    city_ids = {r.city_id for r in rows}
    cities = LocalGovernment.objects.filter(pk__in=city_ids).select_related("country")
    ranked_themes = [themes[r.theme_id] for r in ranks]
    heat = [
        (city, [(theme, cells.get((city.pk, theme.pk))) for theme in ranked_themes])
        for city in sorted(cities, key=lambda c: (c.country.name, c.name_key))
    ]
    if download := list_download(
        request,
        name="regional-priorities",
        title=_("Regional priorities"),
        columns=RANK_COLUMNS,
        rows=[(themes[r.theme_id], r) for r in ranks],
        more=[
            (
                _("Cities × themes"),
                CELL_COLUMNS,
                [(city, theme, cell) for city, row in heat for theme, cell in row if cell],
            )
        ],
    ):
        return download
    context = {
        "ranks": [(themes[r.theme_id], r) for r in ranks],
        "member_count": len(member_ids),
        "heat": heat,
        "ranked_themes": ranked_themes,
        "country": country,
        "countries": in_reader_order(hub.countries.all()),
        **days,
        "day": day,
        "needs_total": len(rows),
        "linkable": linkable_cities(request.user, hub.pk, city_ids),
    }
    return render(request, "needs/regional_priorities.html", context)
