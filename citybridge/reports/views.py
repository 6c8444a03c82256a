"""The hub home, the key-figure pages and the city story: everything the hub did with one city,
a timeline, and the officer-approved story paragraph for a period (here because it reads every
app: network may not import support or advocacy)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.disclosure import sees_exact_counts, whole_months
from citybridge.accounts.models import AccessLog
from citybridge.accounts.scopes import scope_of
from citybridge.advocacy.access import sees_advocacy_rows
from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Attendance, Engagement
from citybridge.needs.models import Need
from citybridge.network.access import get_city_for_user
from citybridge.network.decorators import hub_member_required, hub_staff_required
from citybridge.network.http import HubRequest
from citybridge.network.models import Hub, LocalGovernment, Person
from citybridge.reports import city_home, dashboard
from citybridge.reports.actions import StoryError, save_story
from citybridge.reports.figures import FIGURES, key_figures
from citybridge.reports.forms import ShownPeriodForm, StoryForm
from citybridge.reports.models import CityStory
from citybridge.reports.stories import city_timeline, draft_story
from citybridge.support.access import sees_support_rows
from citybridge.support.models import ActionPlan, Mechanism, Milestone, SupportAction


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
    # The records' stamp, the default period's end and the counts of work under way, read in
    # one query (dashboard.home_state).
    state, counts = dashboard.home_state(hub, today, with_reviews=is_staff)
    start, end = dashboard.period_to(state.latest, today)
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
    page, _made = dashboard.page(
        hub, start, end, hide_small=hide_small, stamp=state.stamp, latest_work=latest_work
    )
    overdue = dashboard.overdue_milestones(hub, today)
    context = {
        "hub": hub,
        "today": today,
        "form": form,
        # The figures, charts and drawings, drawn once for every reader (dashboard.page).
        "page": page,
        # The hub's countries come with it (network.access.get_hubs_for_user): no query.
        "lists_kosovo": any(c.code == "XK" for c in hub.countries.all()),
        "needs_by_theme": dashboard.open_needs_by_theme(hub),
        "sees_needs": scope.sees_people_of(hub.pk),
        "hide_small": hide_small,
        "support_under_way": counts.support_under_way,
        "sees_support_rows": sees_support_rows(request.user, hub.pk),
        "overdue_count": counts.overdue,
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
        "review_count": counts.reviews,
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


def story_period(request: HttpRequest, hub: Hub, city) -> tuple[ShownPeriodForm, dt.date, dt.date]:
    """The period asked for; by default that of the city's latest story the user may see, else
    the hub's whole life to today."""
    if not (request.GET.get("start") or request.GET.get("end")):
        latest = CityStory.objects.visible_to(request.user).filter(city=city).first()
        if latest:
            start, end = latest.starts_on, latest.ends_on
            return ShownPeriodForm(initial={"start": start, "end": end}), start, end
    form = ShownPeriodForm(request.GET or None)
    asked, end = form.period(default_start=hub.launched_on)
    # A year before; 29 February has none, so its year before starts on the 28th.
    start = asked or end.replace(year=end.year - 1, day=min(end.day, 28 if end.month == 2 else 31))
    if not form.is_bound:
        form = ShownPeriodForm(initial={"start": start, "end": end})
    return form, start, end


def story_context(request: HubRequest, city, start: dt.date, end: dt.date, story_form=None) -> dict:
    hub = request.hub
    user = request.user
    scope = scope_of(user)
    is_staff = scope.is_staff_of(hub.pk)
    sees_needs = is_staff or city.pk in scope.focal_cities.get(hub.pk, frozenset())
    story = (
        CityStory.objects.visible_to(user)
        .filter(city=city, starts_on=start, ends_on=end)
        .select_related("approved_by", "edited_by")
        .first()
    )
    draft = draft_story(city, hub, start, end) if is_staff else ""
    if is_staff and story_form is None:
        fresh = request.GET.get("redraft") == "1"
        text = draft if fresh or story is None else story.text
        given = (story.translations if story and not fresh else {}) or {}
        initial = {f"text__{code}": texts.get("text", "") for code, texts in given.items()}
        story_form = StoryForm(initial={"start": start, "end": end, "text": text, **initial})
    support = (
        SupportAction.objects.visible_to(user)
        .of_hub(hub)
        .not_withdrawn()
        .received_by(city)
        .select_related("organisation", "funder")
        .order_by("starts_on", "pk")
    )
    mechanisms = Mechanism.objects.visible_to(user).filter(city=city).prefetch_related("stages")
    ladders = []
    for m in mechanisms:
        reached = {s.stage: s for s in m.stages.all()}
        ladders.append(
            (m, [(Mechanism.Stage(v).label, reached.get(v)) for v in Mechanism.STAGE_ORDER])
        )
    hub_support = SupportAction.objects.of_hub(hub).not_withdrawn().received_by(city)
    hub_advocacy = AdvocacyAction.objects.of_hub(hub).filter(cities=city).between(start, end)
    return {
        "hub": hub,
        "city": city,
        # Those who may not see the rows (donors) see how many there are.
        "sees_support_rows": sees_support_rows(user, hub.pk),
        "support_count": hub_support.count(),
        "sees_advocacy_rows": sees_advocacy_rows(user, hub.pk),
        "advocacy_count": hub_advocacy.count(),
        "start": start,
        "end": end,
        "period_query": urlencode({"start": start.isoformat(), "end": end.isoformat()}),
        "is_staff": is_staff,
        "is_member": city.is_member_on(end),
        "memberships": city.memberships.all(),
        "story": story,
        "draft": draft,
        "story_form": story_form,
        "other_stories": CityStory.objects.visible_to(user)
        .filter(city=city)
        .exclude(starts_on=start, ends_on=end),
        "support": support,
        "peer_support": SupportAction.objects.visible_to(user)
        .of_hub(hub)
        .not_withdrawn()
        .filter(peer_cities=city)
        .select_related("city", "organisation"),
        "ladders": ladders,
        "plans": ActionPlan.objects.visible_to(user)
        .filter(Q(city=city) | Q(organisation__city=city))
        .select_related("organisation"),
        "needs": (
            Need.objects.of_hub(hub).filter(city=city).select_related("theme")
            if sees_needs
            else Need.objects.none()
        ),
        "sees_needs": sees_needs,
        "advocacy": AdvocacyAction.objects.visible_to(user)
        .of_hub(hub)
        .filter(cities=city)
        .between(start, end)
        .select_related("organisation"),
        "testimonials": list(
            Testimonial.objects.visible_to(user).filter(city=city).select_related("person")
        ),
        "people": list(
            Person.objects.visible_to(user).filter(city=city).select_related("organisation")[:50]
        ),
        "engagements": Engagement.objects.visible_to(user)
        .of_hub(hub)
        .involving(city)
        .between(start, end)
        .select_related("host_city")
        .order_by("starts_on"),
        "timeline": city_timeline(city, user, hub, start, end, sees_needs=sees_needs),
    }


def log_story_people(request: HttpRequest, city, context: dict) -> None:
    """The story's people: its list of people and the speakers of its testimonials."""
    speakers = [t.person_id for t in context["testimonials"]]
    log_people_shown(request.user, [*context["people"], *speakers], hub=context["hub"], obj=city)


@hub_member_required
def city_story(request: HubRequest, pk: int) -> HttpResponse:
    city = get_city_for_user(request.user, pk)
    period_form, start, end = story_period(request, request.hub, city)
    context = story_context(request, city, start, end)
    context["period_form"] = period_form
    log_story_people(request, city, context)
    return render(request, "reports/city_story.html", context)


@require_POST
@hub_staff_required
def city_story_save(request: HubRequest, pk: int) -> HttpResponse:
    """Save the officer's story as a draft, or approve it for the brief ("approve" button)."""
    city = get_city_for_user(request.user, pk)
    form = StoryForm(request.POST)
    if form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        approve = "approve" in request.POST
        try:
            save_story(
                city,
                hub=request.hub,
                starts_on=start,
                ends_on=end,
                text=form.cleaned_data["text"],
                translations=form.translations(),
                approve=approve,
                acting_user=request.user,
            )
        except StoryError as error:
            form.add_error("text", str(error))
        else:
            messages.success(
                request,
                _("Story approved for the brief.") if approve else _("Story saved as a draft."),
            )
            query = urlencode({"start": start.isoformat(), "end": end.isoformat()})
            return redirect(f"{reverse('reports:city_story', args=[city.pk])}?{query}")
    hub = request.hub
    start = form.cleaned_data.get("start") or hub.launched_on or timezone.localdate()
    end = form.cleaned_data.get("end") or timezone.localdate()
    context = story_context(request, city, start, end, story_form=form)
    context["period_form"] = ShownPeriodForm(initial={"start": start, "end": end})
    log_story_people(request, city, context)
    return render(request, "reports/city_story.html", context, status=400)
