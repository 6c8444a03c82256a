"""Writes to advocacy: one atomic function per change, the acting user named."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.advocacy.models import AdvocacyAction, Testimonial
from citybridge.needs.models import Need
from citybridge.network.models import Hub, LocalGovernment, Person, Theme


@records_acting_user
@transaction.atomic
def save_advocacy_action(
    action: AdvocacyAction,
    *,
    hub: Hub,
    cities: Iterable[LocalGovernment] = (),
    people: Iterable[Person] = (),
    needs: Iterable[Need] = (),
    themes: Iterable[Theme] = (),
    acting_user: User | None,
) -> AdvocacyAction:
    hub.adopt(action)
    action.full_clean()
    action.save()
    action.cities.set(cities)
    action.people.set(people)
    action.needs.set(needs)
    action.themes.set(themes)
    return action


@records_acting_user
@transaction.atomic
def save_testimonial(
    testimonial: Testimonial, *, hub: Hub, acting_user: User | None
) -> Testimonial:
    hub.adopt(testimonial)
    testimonial.full_clean()
    testimonial.save()
    return testimonial
