"""Permission-checked lookups for the practice library: 404 when missing or not visible."""

from __future__ import annotations

from django.http import Http404

from citybridge.accounts.scopes import scope_of
from citybridge.network.access import get_person_for_user
from citybridge.network.models import Person
from citybridge.practices.models import Practice, PracticeResource


def get_practice_for_user(user, pk: int) -> Practice:
    """The library is the whole network's: anyone with a role in a hub may read it."""
    if not scope_of(user).hubs:
        raise Http404("No such practice.")
    try:
        return Practice.objects.select_related("origin_country", "origin_city", "contact__hub").get(
            pk=pk
        )
    except Practice.DoesNotExist:
        raise Http404("No such practice.") from None


def get_resource_for_user(user, pk: int) -> PracticeResource:
    """A practice's uploaded file, for whoever may read the practice (its lookup decides)."""
    resource = PracticeResource.objects.exclude(file="").filter(pk=pk).first()
    if resource is None:
        raise Http404("No such resource.")
    get_practice_for_user(user, resource.practice_id)
    return resource


def visible_contact(user, practice: Practice) -> Person | None:
    """The practice's contact person, for a user who may see that person (the people lookup
    decides: donors, experts and other hubs never do) and only when they agreed to be
    contacted. Everyone else is sent to the hub."""
    contact = practice.contact_if_consented()
    if contact is None:
        return None
    try:
        return get_person_for_user(user, contact.pk)
    except Http404:
        return None
