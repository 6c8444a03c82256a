"""Changes to users and roles: each one atomic, logged, with the acting user named."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from citybridge.accounts.access_log import log_access
from citybridge.accounts.models import AccessLog, Role, User


@transaction.atomic
def save_role(role: Role, *, acting_user: User | None) -> Role:
    role.save()
    log_access(
        acting_user,
        AccessLog.Action.ROLE_CHANGED,
        obj=role,
        hub=role.hub_id,
        detail=f"granted {role.kind}",
    )
    return role


@transaction.atomic
def remove_role(role: Role, *, acting_user: User | None) -> None:
    log_access(
        acting_user,
        AccessLog.Action.ROLE_CHANGED,
        obj=role,
        hub=role.hub_id,
        detail=f"removed {role.kind}",
    )
    role.delete()


@transaction.atomic
def deactivate_user(user: User, *, acting_user: User | None) -> int:
    """Stop `user` signing in and end their open sessions now; returns how many were ended.

    Django already treats a deactivated user's session as signed out on its next request
    (ModelBackend refuses inactive users); deleting the sessions also clears what they held."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    log_access(acting_user, AccessLog.Action.USER_DEACTIVATED, obj=user, count=len(ended))
    return len(ended)
