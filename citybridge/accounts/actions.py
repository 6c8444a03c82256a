"""Changes to users and roles: each one atomic, logged, with the acting user named."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from citybridge.accounts import mfa
from citybridge.accounts.access_log import log_access
from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import AccessLog, Role, User


class RoleExists(ValueError):
    """The user already holds exactly this role."""


def _role_detail(verb: str, role: Role) -> str:
    # Ids only: the log never names a person (and a city's id is enough to find it).
    return f"{verb} {role.kind}" + (f" for city {role.city_id}" if role.city_id else "")


@records_acting_user
@transaction.atomic
def save_role(role: Role, *, acting_user: User | None) -> Role:
    """Give a user a role (or save a changed one); one access-log row about the user."""
    same = Role.objects.filter(
        user=role.user_id, hub=role.hub_id, kind=role.kind, city=role.city_id
    )
    if role.pk is None and same.exists():
        # The unique constraint cannot see it: NULL cities are all different to the database.
        raise RoleExists(_("They already hold this role."))
    role.save()
    log_access(
        acting_user,
        AccessLog.Action.ROLE_CHANGED,
        obj=role.user,
        hub=role.hub_id,
        detail=_role_detail("granted", role),
    )
    return role


@records_acting_user
@transaction.atomic
def remove_role(role: Role, *, acting_user: User | None) -> None:
    log_access(
        acting_user,
        AccessLog.Action.ROLE_CHANGED,
        obj=role.user,
        hub=role.hub_id,
        detail=_role_detail("removed", role),
    )
    role.delete()


@records_acting_user
@transaction.atomic
def add_user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: Role,
    acting_user: User | None,
) -> User:
    """A new account with its first role (`role`, its user not yet set) and no password: the
    person sets one through `password_link`. Logged as the user added and the role granted."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_unusable_password()
    user.save()
    log_access(acting_user, AccessLog.Action.USER_ADDED, obj=user, hub=role.hub_id)
    role.user = user
    save_role(role, acting_user=acting_user)
    return user


@records_acting_user
def password_link(user: User, *, acting_user: User | None, hub=None) -> str:
    """The path of a one-time link where `user` sets their password (Django's password-reset
    token: it stops working once a password is set or they sign in, and after
    PASSWORD_RESET_TIMEOUT, three days by default). Logged; the link itself is not kept."""
    log_access(acting_user, AccessLog.Action.PASSWORD_LINK, obj=user, hub=hub)
    return reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


@records_acting_user
@transaction.atomic
def deactivate_user(user: User, *, acting_user: User | None, hub=None) -> int:
    """Stop `user` signing in and end their open sessions now; returns how many were ended.

    Django already treats a deactivated user's session as signed out on its next request
    (ModelBackend refuses inactive users); deleting the sessions also clears what they held."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions(user)
    log_access(acting_user, AccessLog.Action.USER_DEACTIVATED, obj=user, hub=hub, count=ended)
    return ended


@records_acting_user
@transaction.atomic
def reset_second_factor(user: User, *, acting_user: User | None, hub=None) -> int:
    """Remove `user`'s authenticator and recovery codes (a lost phone) and end their open
    sessions, which had passed the old factor; returns how many were ended. Logged once."""
    mfa.remove_second_factor(user)
    ended = end_sessions(user)
    log_access(acting_user, AccessLog.Action.MFA_RESET, obj=user, hub=hub, count=ended)
    return ended


def end_sessions(user: User) -> int:
    """Delete `user`'s unexpired sessions (the database backend's): they are signed out on
    their next request. Returns how many there were."""
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@records_acting_user
@transaction.atomic
def reactivate_user(user: User, *, acting_user: User | None, hub=None) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    log_access(acting_user, AccessLog.Action.USER_REACTIVATED, obj=user, hub=hub)


@records_acting_user
def save_preferences(
    user: User,
    *,
    language: str,
    name_script: str,
    weekly_digest: bool | None = None,
    acting_user: User,
) -> None:
    """A user's own choices of interface language, name script and (for those who get one;
    None leaves it as it is) the weekly digest. Only the user makes them (no access-log row:
    nothing about anyone else is read or changed; the user's history records the change)."""
    if acting_user.pk != user.pk:
        raise PermissionError("Only a user sets their own preferences.")
    user.language = language
    user.name_script = name_script
    fields = ["language", "name_script"]
    if weekly_digest is not None:
        user.weekly_digest = weekly_digest
        fields.append("weekly_digest")
    user.save(update_fields=fields)
