"""The hub home and the key-figure pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citybridge.accounts.scopes import scope_of
from citybridge.engagement.models import Engagement
from citybridge.network.decorators import hub_member_required
from citybridge.network.models import LocalGovernment


@hub_member_required
def home(request: HttpRequest) -> HttpResponse:
    hub = request.hub  # type: ignore[attr-defined]
    today = dt.date.today()
    scope = scope_of(request.user)
    context = {
        "hub": hub,
        "today": today,
        "member_count": LocalGovernment.objects.of_hub(hub).members_on(today).count(),
        "city_count": LocalGovernment.objects.of_hub(hub).count(),
        "recent_engagements": (
            Engagement.objects.visible_to(request.user).of_hub(hub).select_related("host_city")[:8]
        ),
        "is_staff": scope.is_staff_of(hub.pk),
    }
    return render(request, "reports/home.html", context)
