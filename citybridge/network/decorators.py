"""View decorators that check the user's role in the hub the request works in.

Each first cuts the user's scope to that hub (accounts.scopes.work_in), so the lookups and lists
of the view reach that hub's records only: the role checked here is the one the user holds in
the hub of every record the view can touch, and a role in another hub gives nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from citybridge.accounts.scopes import scope_of, work_in
from citybridge.network.access import current_hub

View = Callable[..., HttpResponse]


def hub_member_required(view: View) -> View:
    """Signed in and holding any role in a hub; sets request.hub and cuts the user's scope to it."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        request.hub = current_hub(request)  # type: ignore[attr-defined]
        work_in(request.user, request.hub.pk)  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def people_viewer_required(view: View) -> View:
    """Hub staff or a city focal point: the roles that may see people at all."""

    @hub_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not scope_of(request.user).sees_people_of(request.hub.pk):  # type: ignore[attr-defined]
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def hub_staff_required(view: View) -> View:
    """Hub admins and officers of the current hub."""

    @hub_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not scope_of(request.user).is_staff_of(request.hub.pk):  # type: ignore[attr-defined]
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def hub_admin_required(view: View) -> View:
    """Hub admins of the current hub: user management, subject access and erasure."""

    @hub_member_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not scope_of(request.user).is_admin_of(request.hub.pk):  # type: ignore[attr-defined]
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
