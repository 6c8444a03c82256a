"""Second-factor set-up and entry, and the access log page for hub admins."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from citybridge.accounts import mfa
from citybridge.accounts.access_log import log_access
from citybridge.accounts.forms import AccessLogFilterForm, TokenForm
from citybridge.accounts.models import AccessLog, User
from citybridge.accounts.scopes import scope_of


def next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app. Someone who already has a second factor must pass it first,
    so a stolen password alone can never replace the authenticator."""
    user: User = request.user  # type: ignore[assignment]
    if mfa.has_second_factor(user) and not user.is_verified():  # type: ignore[attr-defined]
        return redirect("accounts:mfa_verify")
    device = mfa.pending_authenticator(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = mfa.confirm_authenticator(device)
            otp_login(request, device)
            log_access(user, AccessLog.Action.MFA_ENROLLED)
            shown = {"codes": codes, "next": next_url(request)}
            return render(request, "accounts/recovery_codes.html", shown)
        form.add_error("token", _("That code is not right. Check the app's clock and try again."))
    context: dict[str, object] = {
        "form": form,
        "secret": mfa.secret_of(device),
        "config_url": device.config_url,
        "next": next_url(request),
        "required": mfa.mfa_required(user),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not mfa.has_second_factor(user):
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url(request))
        log_access(user, AccessLog.Action.MFA_FAILED)
        form.add_error("token", _("That code is not right, or was already used."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url(request)})


@require_POST
@login_required
def mfa_recovery(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for a user who passed the second factor."""
    user: User = request.user  # type: ignore[assignment]
    if not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    codes = mfa.new_recovery_codes(user)
    messages.success(request, _("New recovery codes: the old ones no longer work."))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """The access log of the hubs the user administers: who looked at or changed personal data."""
    hubs = scope_of(request.user).admin_hubs
    if not hubs:
        raise Http404
    users = User.objects.filter(roles__hub__in=hubs).distinct().order_by("username")
    rows = AccessLog.objects.filter(
        Q(hub__in=hubs) | Q(hub__isnull=True, user__in=users)
    ).select_related("user")
    form = AccessLogFilterForm(request.GET or None, users=users)
    page = Paginator(form.apply(rows), 100).get_page(request.GET.get("page"))
    return render(request, "accounts/access_log.html", {"form": form, "page": page})
