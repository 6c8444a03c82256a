"""What a hub admin may see and change of the users of their hubs (deny by default).

A hub admin sees the users who hold a role in a hub they administer, and of those users only
the roles in those hubs: another hub's users and roles are a 404. Changes that reach beyond
their hubs are refused with a reason: deactivating, making a set-password link or resetting the
second factor of a user who also works in another hub (that would reach into that hub) or of a
site administrator.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from citybridge.accounts.models import Role, User
from citybridge.accounts.scopes import scope_of


def managed_users(admin) -> list[User]:
    """The users of the hubs `admin` administers, with those roles only, by username."""
    hubs = scope_of(admin).admin_hubs
    users = list(User.objects.filter(roles__hub__in=hubs).distinct().order_by("username"))
    roles: dict[int, list[Role]] = {}
    for role in (
        Role.objects.filter(hub__in=hubs, user__in=users)
        .select_related("hub", "city")
        .order_by("hub__name", "kind", "city__name")
    ):
        roles.setdefault(role.user_id, []).append(role)
    for user in users:
        user.managed_roles = roles.get(user.pk, [])  # type: ignore[attr-defined]
    return users


def get_user_for_admin(admin, pk: int) -> User:
    hubs = scope_of(admin).admin_hubs
    user = User.objects.filter(pk=pk, roles__hub__in=hubs).distinct().first()
    if user is None:
        raise Http404("No such user in your hubs.")
    user.managed_roles = list(  # type: ignore[attr-defined]
        user.roles.filter(hub__in=hubs)
        .select_related("hub", "city")
        .order_by("hub__name", "kind", "city__name")
    )
    return user


def get_role_for_admin(admin, pk: int) -> Role:
    try:
        return Role.objects.select_related("user", "hub", "city").get(
            pk=pk, hub__in=scope_of(admin).admin_hubs
        )
    except Role.DoesNotExist:
        raise Http404("No such role in your hubs.") from None


def why_not_take_over(admin, user: User) -> str:
    """Why `admin` may not deactivate `user`, make them a set-password link or reset their second
    factor ('' when they may): each acts on the whole account, so every role of it must be in
    the admin's hubs."""
    if user.pk == admin.pk:
        return _("You cannot do this to your own account.")
    if user.is_superuser or user.is_staff:
        return _("This account is a site administrator's: it is managed in the admin site.")
    if user.roles.exclude(hub__in=scope_of(admin).admin_hubs).exists():
        return _(
            "This user also works in another hub. Remove their roles here instead; the "
            "account itself is theirs to keep."
        )
    return ""


def why_not_remove(admin, role: Role) -> str:
    """Why `admin` may not remove `role` ('' when they may)."""
    if role.kind == Role.Kind.HUB_ADMIN:
        admins = Role.objects.filter(
            hub=role.hub_id, kind=Role.Kind.HUB_ADMIN, user__is_active=True
        )
        if not admins.exclude(pk=role.pk).exists():
            return _("A hub needs at least one hub admin: make someone else hub admin first.")
    if not role.user.roles.exclude(pk=role.pk).exists():
        return _(
            "This is their only role. To stop them signing in, deactivate the user; to change "
            "their role, give them the new one first."
        )
    return ""
