"""System checks that guard a production start."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.db.models import Q


@register(Tags.database)
def no_demo_users_in_production(app_configs, databases=None, **kwargs) -> list[Error]:
    if not settings.PRODUCTION or not databases:
        return []
    from citybridge.accounts.models import User

    try:
        demo = list(User.objects.filter(is_demo=True).values_list("username", flat=True)[:5])
    except DatabaseError:
        return []
    if not demo:
        return []
    return [
        Error(
            f"Demonstration users exist ({', '.join(demo)}) and their password is public.",
            hint="Production must not run on the demo database: use a new database, "
            "or delete the demo users.",
            id="citybridge.E001",
        )
    ]


@register(Tags.security, deploy=True)
def email_is_set_up(app_configs, **kwargs) -> list[Warning]:
    """Production without an SMTP server sends nothing (never the console, which would log
    links and addresses): say so, since hub admins then pass set-password links on by hand."""
    if not settings.PRODUCTION or settings.SMTP_HOST:
        return []
    return [
        Warning(
            "E-mail is not set up: no set-password, password-reset or digest e-mail is sent.",
            hint="Set CITYBRIDGE_SMTP_HOST (and CITYBRIDGE_SMTP_PORT, _USER, _PASSWORD, "
            "_SECURITY and CITYBRIDGE_FROM_EMAIL as your server needs).",
            id="citybridge.W010",
        )
    ]


# Models whose rows name or describe a person: a role that must see aggregates only (donor
# viewer) or only its own deployments (expert) may never hold a Django permission on them.
PERSONAL_MODELS = frozenset(
    {
        "network.person",
        "network.position",
        "engagement.attendance",
        "engagement.linkdecision",
        "engagement.reviewpair",
        "advocacy.testimonial",
        "support.expert",
        "accounts.accesslog",
    }
)


def forbidden_grants() -> list[str]:
    """What each user holding only donor or expert roles was given that their kind never may:
    admin-site access, superuser, or a permission on a personal model (directly or by group)."""
    from django.contrib.auth.models import Permission

    from citybridge.accounts.models import Role, User

    people_roles = [Role.Kind.HUB_ADMIN, Role.Kind.OFFICER, Role.Kind.FOCAL_POINT]
    limited = (
        User.objects.filter(roles__kind__in=[Role.Kind.DONOR, Role.Kind.EXPERT])
        .exclude(roles__kind__in=people_roles)
        .distinct()
    )
    found = []
    for user in limited:
        if user.is_superuser or user.is_staff:
            found.append(f"{user.username}: admin-site access")
        direct_or_by_group = Q(user__pk=user.pk) | Q(group__user__pk=user.pk)
        perms = Permission.objects.filter(direct_or_by_group).select_related("content_type")
        for perm in perms:
            label = f"{perm.content_type.app_label}.{perm.content_type.model}"
            if label in PERSONAL_MODELS:
                found.append(f"{user.username}: {label}.{perm.codename}")
    return found


@register(Tags.database, Tags.security)
def no_personal_permissions_for_aggregate_roles(
    app_configs, databases=None, **kwargs
) -> list[Error]:
    if not databases:
        return []
    try:
        found = forbidden_grants()
    except DatabaseError:
        return []
    return [
        Error(
            f"A donor viewer or expert holds a permission their role must never have ({grant}).",
            hint="Donors see aggregates and experts their own deployments: remove the "
            "permission, the group or the staff flag, or give the user a staff role.",
            id="citybridge.E002",
        )
        for grant in found
    ]
