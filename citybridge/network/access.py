"""Permission-checked lookups: 404 when missing or not visible to the user."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest

from citybridge.accounts.scopes import scope_of
from citybridge.network.models import Hub, LocalGovernment, Person


def get_hubs_for_user(user) -> list[Hub]:
    return list(Hub.objects.filter(pk__in=scope_of(user).hubs).prefetch_related("countries"))


def current_hub(request: HttpRequest) -> Hub:
    """The hub the user is working in: the one chosen in the session, else their first.

    A signed-in user without any role has no hub: they see nothing (404).
    """
    from citybridge.network.middleware import hubs_of

    # The user's hubs as the middleware read them for this request (the same, by name), not
    # read again: one query less on every page of a hub.
    hubs = hubs_of(request)
    if not hubs:
        raise Http404("You have no role in any hub yet. Ask a hub admin to give you one.")
    chosen = request.session.get("hub_id")
    hub = next((h for h in hubs if h.pk == chosen), hubs[0])
    prefetch_related_objects([hub], "countries")
    return hub


def get_city_for_user(user, pk: int) -> LocalGovernment:
    try:
        return LocalGovernment.objects.visible_to(user).select_related("country").get(pk=pk)
    except LocalGovernment.DoesNotExist:
        raise Http404("No such city.") from None


def get_person_for_user(user, pk: int) -> Person:
    try:
        return (
            Person.objects.visible_to(user).select_related("hub", "organisation", "city").get(pk=pk)
        )
    except Person.DoesNotExist:
        raise Http404("No such person.") from None
