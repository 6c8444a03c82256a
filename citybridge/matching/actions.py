"""Turning a match into work: the support action a match proposes, filled in for the officer to
check and save (nothing is written before they do), or a peer-exchange engagement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Engagement
from citybridge.needs.models import Need
from citybridge.network.models import LocalGovernment, Theme
from citybridge.practices.models import Practice
from citybridge.support.actions import answer_need, save_support_action
from citybridge.support.models import Expert, SupportAction


def proposed_support(
    need: Need,
    *,
    expert: Expert | None = None,
    peer_city: LocalGovernment | None = None,
    practice: Practice | None = None,
) -> tuple[SupportAction, dict]:
    """The support action a match proposes, unsaved, and the form's initial links: an Expert
    Pool deployment, a peer exchange with one city, hub guidance built on a practice, or (no
    match named) hub guidance for the need."""
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
        kind = SupportAction.Kind.GUIDANCE
        title = _("Support for %(city)s (%(theme)s)") % names
    description = _("Proposed by CityBridge's matching for the need: %(statement)s") % {
        "statement": need.statement
    }
    if practice is not None:
        description += "\n" + _("Practice: %(title)s (%(city)s).") % {
            "title": practice.title,
            "city": practice.origin_city_name,
        }
    action = SupportAction(
        hub=need.hub, title=title[:250], kind=kind, city=need.city, description=description
    )
    initial = {
        "needs": [need.pk],
        "themes": [need.theme_id],
        "experts": [expert.pk] if expert else [],
        "peer_cities": [peer_city.pk] if peer_city else [],
    }
    return action, initial


@records_acting_user
@transaction.atomic
def record_support_for_need(
    need: Need,
    action: SupportAction,
    *,
    needs: Sequence[Need],
    themes: Sequence[Theme],
    experts: Sequence[Expert],
    peer_cities: Sequence[LocalGovernment],
    engagements: Sequence[Engagement],
    acting_user: User | None,
) -> SupportAction:
    """The support action an officer confirmed from a match: recorded as requested, and the need
    counts as being addressed (put back if the action is withdrawn)."""
    action = save_support_action(
        action,
        hub=need.hub,
        needs=needs,
        themes=themes,
        experts=experts,
        peer_cities=peer_cities,
        engagements=engagements,
        acting_user=acting_user,
    )
    answer_need(action, need, acting_user=acting_user)
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
    answer_need(action, need, acting_user=acting_user)
    return engagement, action
