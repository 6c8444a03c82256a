"""Pages for engagements and their attendance."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from citybridge.engagement import actions
from citybridge.engagement.access import get_engagement_for_user
from citybridge.engagement.forms import EngagementForm
from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.decorators import hub_staff_required, people_viewer_required
from citybridge.network.models import Theme
from citybridge.network.views import list_template, page_of


@people_viewer_required
def engagement_list(request: HttpRequest) -> HttpResponse:
    hub = request.hub  # type: ignore[attr-defined]
    engagements = (
        Engagement.objects.visible_to(request.user)
        .of_hub(hub)
        .select_related("host_city", "country")
        .annotate(
            records=Count("attendances", distinct=True),
            people=Count("attendances__person", distinct=True),
        )
    )
    q = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    year = request.GET.get("year", "")
    theme = request.GET.get("theme", "")
    if q:
        engagements = engagements.filter(
            Q(title__icontains=q) | Q(key__iexact=q) | Q(place__icontains=q)
        )
    if kind:
        engagements = engagements.filter(kind=kind)
    if year.isdigit():
        engagements = engagements.filter(starts_on__year=int(year))
    if theme:
        engagements = engagements.filter(themes__slug=theme)
    years = Engagement.objects.of_hub(hub).dates("starts_on", "year", order="DESC")
    context = {
        "page": page_of(request, engagements.order_by("-starts_on")),
        "q": q,
        "kind": kind,
        "year": year,
        "theme": theme,
        "kinds": Engagement.Kind.choices,
        "years": [d.year for d in years],
        "themes": Theme.objects.all(),
    }
    template = list_template(
        request, "engagement/engagement_list.html", "engagement/engagement_rows.html"
    )
    return render(request, template, context)


@people_viewer_required
def engagement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    attendances = (
        Attendance.objects.visible_to(request.user)
        .filter(engagement=engagement)
        .select_related("person", "local_government")
    )
    context = {
        "engagement": engagement,
        "attendances": attendances,
        "participating": engagement.participating_cities.all(),
        "themes": engagement.themes.all(),
        "sheets": engagement.sheets.all(),
    }
    return render(request, "engagement/engagement_detail.html", context)


@hub_staff_required
def engagement_create(request: HttpRequest) -> HttpResponse:
    return engagement_form(request, Engagement())


@hub_staff_required
def engagement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return engagement_form(request, get_engagement_for_user(request.user, pk))


def engagement_form(request: HttpRequest, engagement: Engagement) -> HttpResponse:
    hub = request.hub  # type: ignore[attr-defined]
    form = EngagementForm(request.POST or None, instance=engagement, hub=hub)
    if request.method == "POST" and form.is_valid():
        engagement = actions.save_engagement(
            form.instance,
            hub=hub,
            participating_cities=form.cleaned_data["participating_cities"],
            themes=form.cleaned_data["themes"],
            acting_user=request.user,  # type: ignore[arg-type]
        )
        messages.success(request, _("Saved %(title)s.") % {"title": engagement.title})
        return redirect("engagement:engagement_detail", pk=engagement.pk)
    return render(
        request, "engagement/engagement_form.html", {"form": form, "engagement": engagement}
    )
