"""Pages of matching: explained matches for a need or for a city and a theme, and turning a
match into a support action or a peer exchange."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from citybridge.lib.vocabularies.concepts import label_of
from citybridge.matching import actions
from citybridge.matching.forms import MatchForm, MatchSupportForm, PeerExchangeForm
from citybridge.matching.queries import Matches, match, match_need
from citybridge.needs.access import get_need_for_user
from citybridge.needs.models import Need
from citybridge.network.decorators import hub_staff_required
from citybridge.network.http import HubRequest
from citybridge.network.models import LocalGovernment
from citybridge.practices.models import Practice
from citybridge.support.forms import SupportActionForm
from citybridge.support.models import Expert, SupportAction


def with_records(matches: Matches) -> dict:
    """Each scored match beside its record, fetched in one query per kind."""
    practices = Practice.objects.select_related("origin_country").in_bulk(
        [s.key for s in matches.practices]
    )
    cities = LocalGovernment.objects.select_related("country").in_bulk(
        [s.key for s in matches.peer_cities]
    )
    experts = Expert.objects.prefetch_related("themes").in_bulk([s.key for s in matches.experts])
    return {
        "practices": [(s, practices[s.key]) for s in matches.practices],
        "peer_cities": [(s, cities[s.key]) for s in matches.peer_cities],
        "experts": [(s, experts[s.key]) for s in matches.experts],
        # what the request speaks of, in the reader's words (the keyed words stay inside)
        "concepts": [label_of(c) for c in matches.need.concepts],
    }


def need_matches_context(request: HttpRequest, need: Need, **forms) -> dict:
    return {
        "need": need,
        **with_records(match_need(need)),
        "exchange_form": forms.get("exchange_form")
        or PeerExchangeForm(
            initial={"starts_on": timezone.localdate() + dt.timedelta(days=30)}, hub=need.hub
        ),
    }


@hub_staff_required
def need_matches(request: HubRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request.user, pk)
    return render(request, "matching/need_matches.html", need_matches_context(request, need))


@hub_staff_required
def match_search(request: HubRequest) -> HttpResponse:
    hub = request.hub
    form = MatchForm(request.GET or None, hub=hub)
    context: dict = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        context.update(with_records(match(hub, data["city"], data["theme"], data["text"])))
        context["searched"] = True
    return render(request, "matching/match_search.html", context)


@hub_staff_required
def match_support(request: HubRequest, pk: int) -> HttpResponse:
    """The "Record support" form, filled in from the need and the match chosen on its matches
    page (`?expert=`, `?peer_city=` or `?practice=`): nothing is recorded until the officer has
    checked it and saved. Saving records the action as requested, and the need as being
    addressed."""
    need = get_need_for_user(request.user, pk)
    hub = request.hub
    if request.method == "POST":
        form = SupportActionForm(request.POST, instance=SupportAction(), hub=hub)
        if form.is_valid():
            action = actions.record_support_for_need(
                need,
                form.instance,
                **form.links(),
                acting_user=request.user,
            )
            messages.success(
                request,
                _("Support action recorded as requested: %(title)s.") % {"title": action.title},
            )
            return redirect("support:support_detail", pk=action.pk)
    else:
        match = MatchSupportForm(request.GET, hub=hub)
        if not match.is_valid():
            messages.error(
                request, " ".join(str(e) for e in match.non_field_errors()) or _("Choose a match.")
            )
            return redirect("matching:need_matches", pk=need.pk)
        proposal, initial = actions.proposed_support(
            need,
            expert=match.cleaned_data["expert"],
            peer_city=match.cleaned_data["peer_city"],
            practice=match.cleaned_data["practice"],
        )
        form = SupportActionForm(instance=proposal, initial=initial, hub=hub)
    context = {"form": form, "action": SupportAction(), "need": need}
    return render(request, "support/support_form.html", context)


@require_POST
@hub_staff_required
def match_exchange(request: HubRequest, pk: int) -> HttpResponse:
    need = get_need_for_user(request.user, pk)
    form = PeerExchangeForm(request.POST, hub=need.hub)
    if form.is_valid():
        engagement, _action = actions.peer_exchange_from_match(
            need,
            list(form.cleaned_data["peer_cities"]),
            starts_on=form.cleaned_data["starts_on"],
            acting_user=request.user,
        )
        messages.success(
            request, _("Peer exchange planned: %(title)s.") % {"title": engagement.title}
        )
        return redirect("engagement:engagement_detail", pk=engagement.pk)
    context = need_matches_context(request, need, exchange_form=form)
    return render(request, "matching/need_matches.html", context, status=400)
