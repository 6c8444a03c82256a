"""Second-factor set-up and entry; for hub admins, the access log and the users of their hubs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from citybridge.accounts import actions, emails, mfa
from citybridge.accounts.access import (
    get_role_for_admin,
    get_user_for_admin,
    managed_users,
    why_not_remove,
    why_not_take_over,
)
from citybridge.accounts.access_log import log_access
from citybridge.accounts.downloads import ACCESS_LOG_COLUMNS
from citybridge.accounts.forms import (
    AccessLogFilterForm,
    PreferencesForm,
    RoleForm,
    TokenForm,
    UserAddForm,
)
from citybridge.accounts.http import SignedInRequest
from citybridge.accounts.models import AccessLog, User
from citybridge.accounts.scopes import scope_of
from citybridge.lib.exports import list_download


def next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


@login_required
def mfa_setup(request: SignedInRequest) -> HttpResponse:
    """Set up an authenticator app. Someone who already has a second factor must pass it first,
    so a stolen password alone can never replace the authenticator."""
    user: User = request.user
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
def mfa_verify(request: SignedInRequest) -> HttpResponse:
    user: User = request.user
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
def mfa_recovery(request: SignedInRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for a user who passed the second factor."""
    user: User = request.user
    if not user.is_verified():  # type: ignore[attr-defined]
        raise Http404
    codes = mfa.new_recovery_codes(user)
    messages.success(request, _("New recovery codes: the old ones no longer work."))
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@login_required
def access_log(request: SignedInRequest) -> HttpResponse:
    """The access log of the hubs the user administers: who looked at or changed personal data."""
    hubs = scope_of(request.user).admin_hubs
    if not hubs:
        raise Http404
    users = User.objects.filter(roles__hub__in=hubs).distinct().order_by("username")
    rows = AccessLog.objects.filter(
        Q(hub__in=hubs) | Q(hub__isnull=True, user__in=users)
    ).select_related("user")
    form = AccessLogFilterForm(request.GET or None, users=users)
    found = form.apply(rows)
    if download := list_download(
        request, name="access-log", title=_("Access log"), columns=ACCESS_LOG_COLUMNS, rows=found
    ):
        return download
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/access_log.html", {"form": form, "page": page})


def hub_admin_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and hub admin of at least one hub; everyone else gets a 404."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not scope_of(request.user).admin_hubs:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def admin_hubs(request: HttpRequest) -> frozenset[int]:
    return scope_of(request.user).admin_hubs


@hub_admin_required
def user_list(request: SignedInRequest) -> HttpResponse:
    """The users of the hubs the user administers, with their roles there."""
    users = managed_users(request.user)
    second_factor = set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
    context = {
        "users": users,
        "second_factor": second_factor,
        "several_hubs": len(admin_hubs(request)) > 1,
    }
    return render(request, "accounts/user_list.html", context)


@hub_admin_required
def user_add(request: SignedInRequest) -> HttpResponse:
    form = UserAddForm(request.POST or None, hubs=admin_hubs(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        role = form.role_for(User())
        user = actions.add_user(
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=role,
            acting_user=request.user,
        )
        path = actions.password_link(user, acting_user=request.user, hub=role.hub_id)
        context = link_context(request, user, path, new=True)
        return render(request, "accounts/password_link.html", context)
    return render(request, "accounts/user_add.html", {"form": form})


@hub_admin_required
def user_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    user = get_user_for_admin(request.user, pk)
    context = {
        "managed": user,
        "role_form": RoleForm(hubs=admin_hubs(request)),
        "take_over_refused": why_not_take_over(request.user, user),
        "has_second_factor": mfa.has_second_factor(user),
        "several_hubs": len(admin_hubs(request)) > 1,
    }
    return render(request, "accounts/user_detail.html", context)


@require_POST
@hub_admin_required
def role_grant(request: SignedInRequest, pk: int) -> HttpResponse:
    user = get_user_for_admin(request.user, pk)
    form = RoleForm(request.POST, hubs=admin_hubs(request))
    if form.is_valid():
        try:
            actions.save_role(form.role_for(user), acting_user=request.user)
            messages.success(request, _("Role given."))
        except actions.RoleExists as refused:
            messages.error(request, str(refused))
    else:
        for errors in form.errors.values():
            for problem in errors:
                messages.error(request, str(problem))
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@hub_admin_required
def role_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    role = get_role_for_admin(request.user, pk)
    refused = why_not_remove(request.user, role)
    if refused:
        messages.error(request, refused)
    else:
        actions.remove_role(role, acting_user=request.user)
        messages.success(request, _("Role removed."))
    if role.user.roles.filter(hub__in=admin_hubs(request)).exists():
        return redirect("accounts:user_detail", pk=role.user_id)
    return redirect("accounts:user_list")  # no role left in these hubs: not their user any more


def account_for_change(request: HttpRequest, pk: int) -> tuple[User, int | None]:
    """The user whose whole account is changed (deactivate, reactivate, a set-password link,
    a second-factor reset) and the hub to log it in; (user, None) with a message when the
    change is refused (accounts.access.why_not_take_over)."""
    user = get_user_for_admin(request.user, pk)
    refused = why_not_take_over(request.user, user)
    if refused:
        messages.error(request, refused)
        return user, None
    return user, user.managed_roles[0].hub_id  # type: ignore[attr-defined]


@require_POST
@hub_admin_required
def user_deactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    user, hub = account_for_change(request, pk)
    if hub is not None:
        actions.deactivate_user(user, acting_user=request.user, hub=hub)
        messages.success(
            request, _("Deactivated: they are signed out everywhere and cannot sign in.")
        )
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@hub_admin_required
def user_reactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    user, hub = account_for_change(request, pk)
    if hub is not None:
        actions.reactivate_user(user, acting_user=request.user, hub=hub)
        messages.success(request, _("Reactivated: they can sign in again."))
    return redirect("accounts:user_detail", pk=user.pk)


@require_POST
@hub_admin_required
def user_password_link(request: SignedInRequest, pk: int) -> HttpResponse:
    user, hub = account_for_change(request, pk)
    if hub is None:
        return redirect("accounts:user_detail", pk=user.pk)
    path = actions.password_link(user, acting_user=request.user, hub=hub)
    context = link_context(request, user, path, new=False)
    return render(request, "accounts/password_link.html", context)


@require_POST
@hub_admin_required
def user_mfa_reset(request: SignedInRequest, pk: int) -> HttpResponse:
    """Remove a user's second factor. The button on their page posts here for the confirmation
    page; only its own POST (confirm=reset) resets, so a GET or a stray POST changes nothing."""
    user, hub = account_for_change(request, pk)
    if hub is None:
        return redirect("accounts:user_detail", pk=user.pk)
    if not mfa.has_second_factor(user):
        messages.error(request, _("They have no two-step sign-in to reset."))
        return redirect("accounts:user_detail", pk=user.pk)
    required = mfa.mfa_required(user)
    if request.POST.get("confirm") != "reset":
        context = {"managed": user, "required": required}
        return render(request, "accounts/user_mfa_reset.html", context)
    actions.reset_second_factor(user, acting_user=request.user, hub=hub)
    if required:
        done = _(
            "Reset: they are signed out, and set up a new authenticator at their next sign-in."
        )
    else:
        done = _("Reset: they are signed out, and sign in with their password alone for now.")
    messages.success(request, done)
    return redirect("accounts:user_detail", pk=user.pk)


def link_context(request: HttpRequest, user: User, path: str, *, new: bool) -> dict:
    """The link is e-mailed to the user when it can be, and then never shown: nobody but them
    sees it. Otherwise the hub admin is shown it to pass on, with the reason."""
    link = request.build_absolute_uri(path)
    sent = emails.send_password_link(user, link, new=new)
    if sent:
        why = ""
    elif not settings.EMAIL_CONFIGURED:
        why = _("CityBridge sends no e-mail here yet, so pass the link on yourself.")
    elif not user.email:
        why = _("They have no e-mail address on their account, so pass the link on yourself.")
    else:
        why = _("The e-mail could not be sent just now, so pass the link on yourself.")
    return {
        "managed": user,
        "link": "" if sent else link,
        "sent": sent,
        "why": why,
        "new": new,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Where a new user (or one whose hub admin made them a new link) sets their password."""

    template_name = "registration/password_set_form.html"
    success_url = reverse_lazy("accounts:password_set_done")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_set_done.html"


class PasswordResetView(auth_views.PasswordResetView):
    """ "Forgot your password?": a link to the set-password page, e-mailed in the user's own
    language (accounts.emails). The page after says the same whether or not the address is
    known, so it tells nobody who has an account."""

    form_class = emails.PasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"sends": settings.EMAIL_CONFIGURED}

    def form_valid(self, form):
        if not settings.EMAIL_CONFIGURED:
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_sent.html"


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: Django's set_language (the cookie, and back to the page), and for
    a signed-in user the choice saved on their account, so it follows them to other devices."""
    response = i18n_views.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=request.user.pk).update(language=language)
    return response


@login_required
def preferences(request: SignedInRequest) -> HttpResponse:
    """The user's language and the script names are shown in. The language is saved on the
    account and in the switcher's cookie, as the switcher does."""
    user: User = request.user
    initial = {
        "language": translation.get_language(),
        "name_script": user.name_script,
        "weekly_digest": user.weekly_digest,
    }
    scope = scope_of(user)
    offers_digest = bool(scope.staff_hubs or scope.focal_cities)  # who gets one (citybridge.mail)
    form = PreferencesForm(request.POST or None, initial=initial, offers_digest=offers_digest)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        actions.save_preferences(
            user,
            language=language,
            name_script=form.cleaned_data["name_script"],
            weekly_digest=form.cleaned_data["weekly_digest"] if offers_digest else None,
            acting_user=user,
        )
        translation.activate(language)  # the confirmation in the language just chosen
        messages.success(request, _("Your preferences are saved."))
        response = redirect("accounts:preferences")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response
    return render(request, "accounts/preferences.html", {"form": form})
