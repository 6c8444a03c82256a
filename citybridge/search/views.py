"""The header's search box: a page of everything found, and the same as a dropdown for htmx."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from citybridge.accounts.access_log import log_people_shown
from citybridge.accounts.models import AccessLog
from citybridge.network.decorators import hub_member_required
from citybridge.network.http import HubRequest
from citybridge.practices.suggestions import suggestions_for
from citybridge.search.kinds import find, searchable

# As the reader types, the dropdown shows a few of each kind; the page (without script, or
# "All results") shows more, and each kind's own list the rest.
IN_DROPDOWN = 5
ON_PAGE = 20
LONGEST = 200


@hub_member_required
def search(request: HubRequest) -> HttpResponse:
    hub = request.hub
    q = request.GET.get("q", "").strip()[:LONGEST]
    dropdown = bool(request.htmx) and request.htmx.target == "site-search-results"
    limit = IN_DROPDOWN if dropdown else ON_PAGE
    kinds = find(request.user, hub, q, limit=limit) if searchable(q) else []
    for group in kinds:
        if group.kind == "people":
            log_people_shown(
                request.user,
                group.records,
                hub=hub,
                action=AccessLog.Action.PEOPLE_SEARCHED,
                text=q,
                count=group.total,
            )
    groups = [group for group in kinds if group.total]
    context = {
        "q": q,
        "searched": searchable(q),
        "groups": groups,
        "total": sum(g.total for g in groups),
        "limit": limit,
        # Found nothing at all: what the practice library would find instead.
        "suggestions": suggestions_for(q, hub)
        if searchable(q) and not groups and not dropdown
        else None,
    }
    return render(request, "search/dropdown.html" if dropdown else "search/results.html", context)
