"""What every page's header shows of the user's hubs."""

from __future__ import annotations

from django.http import HttpRequest

from citybridge.network.middleware import hubs_of


def hub_menu(request: HttpRequest) -> dict:
    """The hubs of a user with roles in several, for the hub menu (network:hub_choose); none for
    a user of one hub. The page's own hub is the current one. The user's hubs are those the
    middleware read for this request (hubs_of, before a view cut the user's scope to one hub),
    not read again: one query less on every page."""
    if not request.user.is_authenticated:
        return {"nav_hubs": []}
    hubs = hubs_of(request)
    if len(hubs) < 2:
        return {"nav_hubs": []}
    hub = getattr(request, "hub", None)
    current = hub.pk if hub is not None else request.session.get("hub_id", hubs[0].pk)
    return {"nav_hubs": [{"id": h.pk, "name": h.name, "current": h.pk == current} for h in hubs]}
