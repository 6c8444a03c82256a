"""The hub home and the key-figure pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.disclosure import sees_exact_counts, whole_months
from citybridge.accounts.models import AccessLog
from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import Attendance, Engagement, ReviewPair
from citybridge.network.decorators import hub_member_required
from citybridge.network.http import HubRequest
from citybridge.network.models import LocalGovernment, Person
from citybridge.reports import city_home, dashboard
from citybridge.reports.briefs.words import words as brief_words
from citybridge.reports.figures import FIGURES, key_figures
from citybridge.reports.forms import ShownPeriodForm
from citybridge.support.access import sees_support_rows
from citybridge.support.models import Milestone


def period_of(
    request: HttpRequest, hub, *, hide_small: bool = False
) -> tuple[ShownPeriodForm, dt.date | None, dt.date]:
    """The period asked for; for a viewer of aggregates widened to whole calendar months
    (accounts.disclosure), so that two periods never differ by a single engagement's day."""
    form = ShownPeriodForm(request.GET or None)
    start, end = form.period(default_start=hub.launched_on)
    if hide_small:
        start, end = whole_months(start, end)
    form.show_period(start, end)
    return form, start, end


@hub_member_required
def home(request: HubRequest) -> HttpResponse:
    """The hub's dashboard: key figures of the period with their trend against the period
    before, the charts and map, open needs by theme, support under way and overdue work."""
    hub = request.hub
    today = timezone.localdate()
    scope = scope_of(request.user)
    is_staff = scope.is_staff_of(hub.pk)
    if not is_staff and (own := scope.focal_cities.get(hub.pk)):
        return focal_home(request, hub, own, today)
    hide_small = not sees_exact_counts(request.user, hub.pk)
    start, end = dashboard.current_period(hub, today)
    form = ShownPeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        end = form.cleaned_data.get("end") or end
        start = form.cleaned_data.get("start") or dashboard.year_before(end)
        if start > end:  # a start alone, after the default end
            form.add_error("start", _("The start of the period must be on or before its end."))
            start = dashboard.year_before(end)
    # The default period ends before today when the hub recorded nothing in the last twelve
    # months (dashboard.current_period): the page says so instead of leaving the reader to guess.
    latest_work = end if not form.is_bound and end < today else None
    if hide_small:
        start, end = whole_months(start, end)  # type: ignore[assignment]
    form.show_period(start, end)
    words = brief_words()
    computed = dashboard.summary(hub, start, end, hide_small=hide_small)
    charts = computed.charts
    overdue = dashboard.overdue_milestones(hub, today)
    context = {
        "hub": hub,
        "today": today,
        "form": form,
        "start": start,
        "end": end,
        "latest_work": latest_work,
        "previous": dashboard.period_before(start, end, hide_small=hide_small),
        "trends": computed.trends,
        "computed_at": computed.computed_at,
        "charts": charts,
        "words": words,
        "g": computed.graphics,
        "lists_kosovo": hub.countries.filter(code="XK").exists(),
        "needs_by_theme": dashboard.open_needs_by_theme(hub),
        "sees_needs": scope.sees_people_of(hub.pk),
        "hide_small": hide_small,
        "support_under_way": dashboard.support_under_way(hub),
        "sees_support_rows": sees_support_rows(request.user, hub.pk),
        "overdue_count": overdue.count(),
        "overdue": (
            Milestone.objects.visible_to(request.user)
            .filter(pk__in=overdue.values("pk"))
            .select_related("action__city")
            .order_by("due_on")[:8]
        ),
        "recent_engagements": (
            Engagement.objects.visible_to(request.user).of_hub(hub).select_related("host_city")[:8]
        ),
        "is_staff": is_staff,
        # The review queue's size, so an officer sees work waiting without opening People.
        "review_count": ReviewPair.objects.filter(hub=hub).count() if is_staff else 0,
    }
    return render(request, "reports/home.html", context)


def focal_home(request: HttpRequest, hub, city_ids: frozenset[int], today: dt.date) -> HttpResponse:
    """A focal point's home is their city: its figures, needs, support, next engagements and
    what the hub asks of them; none of the hub's own figures."""
    homes = [
        city_home.city_home(request.user, hub, city, today)
        for city in city_home.focal_cities(request.user, hub, city_ids)
    ]
    return render(request, "reports/focal_home.html", {"hub": hub, "homes": homes, "today": today})


@hub_member_required
def figures(request: HubRequest) -> HttpResponse:
    hub = request.hub
    hide_small = not sees_exact_counts(request.user, hub.pk)
    form, start, end = period_of(request, hub, hide_small=hide_small)
    context = {
        "hub": hub,
        "form": form,
        "start": start,
        "end": end,
        "figures": key_figures(hub, start, end, with_records=False),  # the detail page lists them
        "hide_small": hide_small,
    }
    return render(request, "reports/figures.html", context)


@hub_member_required
def figure_detail(request: HubRequest, key: str) -> HttpResponse:
    """The records behind one number. People are listed only for those who may see people."""
    hub = request.hub
    if key not in FIGURES:
        raise Http404
    hide_small = not sees_exact_counts(request.user, hub.pk)
    form, start, end = period_of(request, hub, hide_small=hide_small)
    figure = FIGURES[key](hub, start, end)
    context = {"hub": hub, "form": form, "start": start, "end": end, "figure": figure}
    context["hide_small"] = hide_small
    if figure.record_model == "city":
        context["cities"] = (
            LocalGovernment.objects.filter(pk__in=figure.record_ids)
            .select_related("country")
            .prefetch_related("memberships")
            .order_by("country__name", "name")
        )
    elif not hide_small:
        people = Person.objects.visible_to(request.user).filter(pk__in=figure.record_ids)
        context["people"] = list(
            people.select_related("city", "organisation").order_by("full_name")
        )
        context["hidden"] = figure.value - len(context["people"])  # type: ignore[arg-type]
        log_people_shown(request.user, context["people"], hub=hub, detail=f"figure {key}")  # type: ignore[arg-type]
    return render(request, "reports/figure_detail.html", context)


@hub_member_required
def figure_person(request: HubRequest, key: str, pk: int) -> HttpResponse:
    """Why one person counts in a figure: their attendance records in the period."""
    from citybridge.network.access import get_person_for_user

    hub = request.hub
    if key not in FIGURES:
        raise Http404
    person = get_person_for_user(request.user, pk)
    log_people_shown(
        request.user,
        [person],
        hub=hub,
        obj=person,
        action=AccessLog.Action.PERSON_VIEWED,
        detail=f"figure {key}",
    )
    form, start, end = period_of(request, hub)
    records = (
        Attendance.objects.visible_to(request.user)
        .of_hub(hub)
        .between(start, end)
        .filter(person=person)
        .select_related("engagement")
        .order_by("engagement__starts_on")
    )
    context = {
        "hub": hub,
        "form": form,
        "start": start,
        "end": end,
        "person": person,
        "records": records,
        "key": key,
    }
    return render(request, "reports/figure_person.html", context)
