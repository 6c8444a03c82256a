"""The city page that tells the story: everything the hub did with one city, a timeline, and the
officer-approved story paragraph for a period.

It lives in reports because it reads every app (network may not import support or advocacy).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.context_processors import HTML_LANG
from citybridge.accounts.scopes import scope_of
from citybridge.advocacy.access import sees_advocacy_rows
from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.engagement.models import Engagement
from citybridge.lib.inputs import DayField, PeriodForm
from citybridge.needs.models import Need
from citybridge.network.access import get_city_for_user
from citybridge.network.decorators import hub_member_required, hub_staff_required
from citybridge.network.http import HubRequest
from citybridge.network.models import Hub, Person
from citybridge.reports.forms import ShownPeriodForm
from citybridge.reports.models import CityStory
from citybridge.reports.stories import StoryError, city_timeline, draft_story, save_story
from citybridge.support.access import sees_support_rows
from citybridge.support.models import ActionPlan, Mechanism, SupportAction


class StoryForm(PeriodForm):
    """The officer's text for a city and period (kept here: reports/forms.py is the figures')."""

    start = DayField(widget=forms.HiddenInput)
    end = DayField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=gettext_lazy("Story for the brief"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=gettext_lazy(
            "Drafted from the records. Edit it freely; only an approved story is printed."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The same paragraph per language, for the brief in that language (empty: the story
        # as written above).
        for code, language in settings.LANGUAGES:
            self.fields[f"text__{code}"] = forms.CharField(
                label=gettext_lazy("%(field)s (%(language)s)")
                % {"field": self.fields["text"].label, "language": language},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "lang": HTML_LANG.get(code, code)}),
            )

    def translations(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"text__{code}", "") for code, _n in settings.LANGUAGES}


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
