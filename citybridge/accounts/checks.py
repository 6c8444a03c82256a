"""System checks that guard a production start."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


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
