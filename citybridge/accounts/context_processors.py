from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from citybridge.accounts.scopes import scope_of


def navigation(request: HttpRequest) -> dict:
    """What the navigation bar may offer the signed-in user."""
    scope = scope_of(request.user)
    return {
        "nav_sees_people": bool(scope.staff_hubs or scope.focal_cities),
        "nav_is_staff": bool(scope.staff_hubs),
        "nav_is_admin": bool(scope.admin_hubs),
        "nav_has_role": bool(scope.hubs),
        # support rows: staff, focal points and experts; a donor has the pipeline's numbers only
        "nav_sees_support_rows": bool(scope.staff_hubs or scope.focal_cities or scope.expert_hubs),
    }


# BCP 47 tags for <html lang> and the switcher: Serbian is written in two scripts.
HTML_LANG = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn"}
# The switcher's closed face: a short code in the language's own script, so the header keeps
# to one line in the longest language; the full names are in the open menu.
SHORT_NAME = {"sr": "СР", "mk": "МК"}


def languages(request: HttpRequest) -> dict:
    """The page's language for <html lang>, and the switcher's choices in their own names."""
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "html_lang": HTML_LANG.get(current, current),
        "language_choices": [
            {
                "code": code,
                "name": name,
                "lang": HTML_LANG.get(code, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
        "current_language_name": dict(settings.LANGUAGES).get(current, current),
        "current_language_short": SHORT_NAME.get(current, current.split("-")[0].upper()),
    }
