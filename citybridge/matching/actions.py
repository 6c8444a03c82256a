"""Turning a match into work, in one step: a support action, or a peer-exchange engagement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Engagement
from citybridge.needs.actions import change_need_status
from citybridge.needs.models import Need
from citybridge.network.models import LocalGovernment
from citybridge.practices.models import Practice
from citybridge.support.actions import save_support_action
from citybridge.support.models import Expert, SupportAction


def _mark_addressed(need: Need, acting_user: User | None) -> None:
    if need.status == Need.Status.OPEN:
        change_need_status(need, Need.Status.BEING_ADDRESSED, acting_user=acting_user)


@records_acting_user
@transaction.atomic
def support_from_match(
    need: Need,
    *,
    expert: Expert | None = None,
    peer_city: LocalGovernment | None = None,
    practice: Practice | None = None,
    acting_user: User | None,
) -> SupportAction:
    """A requested support action answering the need: an Expert Pool deployment, a peer
    exchange with one city, or hub guidance built on a practice. The need becomes 'being
    addressed'."""
    names = {"city": need.city.name, "theme": need.theme.name}
    if expert is not None:
        kind = SupportAction.Kind.EXPERT
        title = _("Expert Pool: %(who)s for %(city)s (%(theme)s)") % {"who": expert, **names}
    elif peer_city is not None:
        kind = SupportAction.Kind.PEER_EXCHANGE
        title = _("Peer learning from %(who)s for %(city)s (%(theme)s)") % {
            "who": peer_city.name,
            **names,
        }
    elif practice is not None:
        kind = SupportAction.Kind.GUIDANCE
        title = _("Guidance for %(city)s: %(practice)s") % {"practice": practice.title, **names}
    else:
        raise ValueError("Name the expert, the peer city or the practice the match proposed.")
    description = _("Proposed by CityBridge's matching for the need: %(statement)s") % {
        "statement": need.statement
    }
    if practice is not None:
        description += "\n" + _("Practice: %(title)s (%(city)s).") % {
            "title": practice.title,
            "city": practice.origin_city_name,
        }
    action = save_support_action(
        SupportAction(title=title[:250], kind=kind, city=need.city, description=description),
        hub=need.hub,
        needs=[need],
        themes=[need.theme],
        experts=[expert] if expert else [],
        peer_cities=[peer_city] if peer_city else [],
        acting_user=acting_user,
    )
    _mark_addressed(need, acting_user)
    return action


def next_exchange_key(need: Need) -> str:
    taken = set(Engagement.objects.filter(hub=need.hub).values_list("key", flat=True))
    n = 1
    while f"PX{need.pk}-{n}" in taken:
        n += 1
    return f"PX{need.pk}-{n}"


@records_acting_user
@transaction.atomic
def peer_exchange_from_match(
    need: Need,
    peer_cities: Sequence[LocalGovernment],
    *,
    starts_on: dt.date,
    acting_user: User | None,
) -> tuple[Engagement, SupportAction]:
    """A learning exchange hosted by the city in need with the peer cities, and the peer-exchange
    support action that ties it to the need."""
    peers = ", ".join(c.name for c in peer_cities)
    engagement = save_engagement(
        Engagement(
            key=next_exchange_key(need),
            title=(
                _("Peer exchange on %(theme)s: %(city)s with %(peers)s")
                % {"theme": need.theme.name, "city": need.city.name, "peers": peers}
            )[:250],
            kind=Engagement.Kind.LEARNING_EXCHANGE,
            starts_on=starts_on,
            ends_on=starts_on,
            place=need.city.name,
            host_city=need.city,
            country=need.city.country,
        ),
        hub=need.hub,
        participating_cities=list(peer_cities),
        themes=[need.theme],
        acting_user=acting_user,
    )
    action = save_support_action(
        SupportAction(
            title=(
                _("Peer exchange for %(city)s with %(peers)s")
                % {"city": need.city.name, "peers": peers}
            )[:250],
            kind=SupportAction.Kind.PEER_EXCHANGE,
            city=need.city,
            starts_on=starts_on,
            description=_("Answers the need: %(statement)s") % {"statement": need.statement},
        ),
        hub=need.hub,
        needs=[need],
        themes=[need.theme],
        peer_cities=peer_cities,
        engagements=[engagement],
        acting_user=acting_user,
    )
    _mark_addressed(need, acting_user)
    return engagement, action
