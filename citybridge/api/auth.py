"""Who a request to the API is: the owner of its bearer token, working in the token's hub.

Each request is answered with the role the owner holds in the token's hub now (`work_in`, as
the pages' decorators do), so a role removed or a user deactivated stops the token at once. A
request without a usable token, or over its rate, is refused with a sentence saying why.
Session cookies are not read: a page's session cannot be made to call the API (no CSRF).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from citybridge.accounts.scopes import Scope, scope_of, work_in
from citybridge.api.errors import Refused
from citybridge.api.models import PREFIX, ApiToken, digest_of
from citybridge.lib.rates import hit
from citybridge.network.models import Hub

# last_used_at is written when it is older than this: not one write per request.
LAST_USE_GRAIN = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        if not token.startswith(PREFIX):
            raise Refused(401, _("This is not a CityBridge API token."))
        found = (
            ApiToken.objects.select_related("user", "hub").filter(digest=digest_of(token)).first()
        )
        if found is None:
            raise Refused(401, _("This API token is not known. Make a new one under API tokens."))
        if found.revoked_at is not None:
            raise Refused(401, _("This API token was revoked."))
        now = timezone.now()
        if found.expires_at <= now:
            day = date_format(timezone.localtime(found.expires_at).date())
            raise Refused(401, _("This API token expired on %(day)s.") % {"day": day})
        user = found.user
        if not user.is_active:
            raise Refused(401, _("The account this API token belongs to is deactivated."))
        if user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        scope = work_in(user, found.hub_id)
        if not scope.hubs:
            raise Refused(
                403,
                _("You no longer hold a role in %(hub)s, so this token reads nothing there.")
                % {"hub": found.hub.name},
            )
        throttle(found)
        if found.last_used_at is None or now - found.last_used_at > LAST_USE_GRAIN:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = user
        return found


def throttle(token: ApiToken) -> None:
    """At most API_RATE_PER_MINUTE requests per token in each clock minute (lib.rates)."""
    count = hit(f"api:{token.digest[:32]}", settings.API_RATE_PER_MINUTE)
    if count.over:
        rate, wait = count.limit, count.seconds_left
        raise Refused(
            429,
            _(
                "Too many requests with this token: at most %(rate)s a minute. Try again in %(seconds)s seconds."
            )
            % {"rate": rate, "seconds": wait},
            {"Retry-After": str(wait)},
        )


def hub_of(request: HttpRequest) -> Hub:
    return request.auth.hub  # type: ignore[attr-defined]


def scope(request: HttpRequest) -> Scope:
    return scope_of(request.user)


def role_refusal() -> Refused:
    """The records of this route are not for the token owner's role in the hub: 403."""
    return Refused(
        403,
        _(
            "Your role in this hub does not reach these records: on the pages too, they are for hub staff or focal points only."
        ),
    )


def require_people(request: HttpRequest) -> None:
    """Hub staff and focal points: the roles that may see people (and engagements, needs...)."""
    if not scope(request).sees_people_of(hub_of(request).pk):
        raise role_refusal()


def require_staff(request: HttpRequest) -> None:
    """Hub admins and officers."""
    if not scope(request).is_staff_of(hub_of(request).pk):
        raise Refused(
            403,
            _("Your role in this hub does not reach these records: they are for hub staff only."),
        )
