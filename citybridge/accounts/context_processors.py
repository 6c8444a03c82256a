from django.http import HttpRequest

from citybridge.accounts.scopes import scope_of


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar may offer the signed-in user."""
    scope = scope_of(request.user)
    return {
        "nav_sees_people": bool(scope.staff_hubs or scope.focal_cities),
        "nav_is_staff": bool(scope.staff_hubs),
        "nav_is_admin": bool(scope.admin_hubs),
        "nav_has_role": bool(scope.hubs),
    }
