"""The officer's pages: open, close and reopen check-in, the kiosk, the arrivals as they come."""

from __future__ import annotations

import datetime as dt

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from citybridge.accounts.access_log import log_people_shown
from citybridge.checkin import actions
from citybridge.checkin.arrivals import LiveArrivals, live_arrivals
from citybridge.checkin.forms import KioskPinForm, OpenForm
from citybridge.checkin.models import Arrival, CheckIn
from citybridge.checkin.paper import sheet_headings, sheet_html, sheet_pdf
from citybridge.checkin.public import KIOSK
from citybridge.engagement.access import get_engagement_for_user
from citybridge.engagement.models import Engagement
from citybridge.lib.exports import FORMATS, Table, export_response
from citybridge.network.decorators import hub_staff_required
from citybridge.network.http import HubRequest


def link_of(request: HubRequest, check_in: CheckIn) -> str:
    return request.build_absolute_uri(reverse("checkin:checkin_form", args=[check_in.token]))


def qr_svg(link: str) -> str:
    """The link as a QR code, an inline SVG (the page's CSP allows no outside image)."""
    return segno.make(link, error="m").svg_inline(scale=5, border=2, title=link)


@hub_staff_required
@require_GET
def checkin_panel(request: HubRequest, pk: int) -> HttpResponse:
    return _panel(request, get_engagement_for_user(request.user, pk))


def _panel(request: HubRequest, engagement: Engagement) -> HttpResponse:
    check_in = CheckIn.objects.filter(engagement=engagement).first()
    context: dict[str, object] = {
        "engagement": engagement,
        "check_in": check_in,
        "open_form": OpenForm(),
        "pin_form": KioskPinForm(),
        "arrivals": _arrivals_shown(request, engagement),
    }
    if check_in is not None:
        link = link_of(request, check_in)
        context |= {"link": link, "qr": qr_svg(link), "is_open": check_in.is_open()}
    return render(request, "checkin/panel.html", context)


@hub_staff_required
@require_GET
def checkin_arrivals(request: HubRequest, pk: int) -> HttpResponse:
    """The live arrivals, polled by the panel every few seconds (opened as a page: the panel)."""
    engagement = get_engagement_for_user(request.user, pk)
    if not request.htmx:
        return _panel(request, engagement)
    return render(
        request,
        "checkin/arrivals.html",
        {"engagement": engagement, "arrivals": _arrivals_shown(request, engagement)},
    )


def _arrivals_shown(request: HubRequest, engagement: Engagement) -> LiveArrivals:
    """The live arrivals, with one access-log row each time the people shown change (the panel
    asks every few seconds: a row per poll would bury the log)."""
    live = live_arrivals(engagement, request.user)
    shown = sorted({a.person_id for a in live.named if a.person_id})
    key = f"checkin_shown_{engagement.pk}"
    if shown and request.session.get(key) != shown:
        log_people_shown(request.user, shown, hub=engagement.hub_id, obj=engagement)
        request.session[key] = shown
    return live


@hub_staff_required
@require_POST
def checkin_open(request: HubRequest, pk: int) -> HttpResponse:
    engagement = get_engagement_for_user(request.user, pk)
    form = OpenForm(request.POST)
    if form.is_valid():
        now = timezone.now()
        actions.open_check_in(
            engagement,
            opens_at=now,
            closes_at=now + dt.timedelta(hours=form.cleaned_data["hours"]),
            acting_user=request.user,
        )
        messages.success(request, _("Check-in is open."))
    return redirect("checkin:checkin_panel", pk=engagement.pk)


@hub_staff_required
@require_POST
def checkin_close(request: HubRequest, pk: int) -> HttpResponse:
    check_in = _check_in_of(request, pk)
    actions.close_check_in(check_in, acting_user=request.user)
    messages.success(request, _("Check-in is closed."))
    return redirect("checkin:checkin_panel", pk=pk)


@hub_staff_required
@require_POST
def checkin_pin(request: HubRequest, pk: int) -> HttpResponse:
    check_in = _check_in_of(request, pk)
    form = KioskPinForm(request.POST)
    if form.is_valid():
        actions.set_kiosk_pin(check_in, form.cleaned_data["pin"], acting_user=request.user)
        messages.success(request, _("The kiosk's PIN is saved."))
    else:
        messages.error(request, _("A PIN is 4 to 8 digits."))
    return redirect("checkin:checkin_panel", pk=pk)


@hub_staff_required
@require_POST
def checkin_kiosk(request: HubRequest, pk: int) -> HttpResponse:
    """Turn this device into the door's kiosk: the officer is signed out (nothing of theirs is
    left on a tablet anyone at the door may touch), and the form clears after each person."""
    check_in = _check_in_of(request, pk)
    logout(request)
    request.session[KIOSK] = check_in.pk
    return redirect("checkin:checkin_form", token=check_in.token)


@hub_staff_required
@require_POST
def arrival_remove(request: HubRequest, pk: int) -> HttpResponse:
    visible = Engagement.objects.visible_to(request.user)
    arrival = (
        Arrival.objects.filter(check_in__engagement__in=visible)
        .select_related("check_in__engagement")
        .filter(pk=pk)
        .first()
    )
    if arrival is None:
        raise Http404
    actions.remove_arrival(arrival, acting_user=request.user)
    messages.success(request, _("The submission is removed."))
    return redirect("checkin:checkin_panel", pk=arrival.check_in.engagement_id)


def _check_in_of(request: HubRequest, pk: int) -> CheckIn:
    engagement = get_engagement_for_user(request.user, pk)
    check_in = CheckIn.objects.filter(engagement=engagement).select_related("engagement").first()
    if check_in is None:
        raise Http404
    return check_in


@hub_staff_required
@require_GET
def checkin_sheet(request: HubRequest, pk: int) -> HttpResponse:
    """The paper sign-in sheet as a PDF (or, with ?format=csv or xlsx, its blank columns to type
    into)."""
    engagement = get_engagement_for_user(request.user, pk)
    check_in = CheckIn.objects.filter(engagement=engagement).first()
    if (fmt := request.GET.get("format")) in FORMATS:
        blank = Table(title=engagement.key, headers=sheet_headings())
        return export_response([blank], fmt=fmt, filename=engagement.key)
    link = link_of(request, check_in) if check_in else ""
    html = sheet_html(
        engagement, check_in, link, qr_svg(link) if link else "", translation.get_language()
    )
    response = HttpResponse(sheet_pdf(html), content_type="application/pdf")
    response.headers["Content-Disposition"] = (
        f'inline; filename="{engagement.key}-sign-in-sheet.pdf"'
    )
    return response
