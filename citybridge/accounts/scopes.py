"""What a user may see, derived from their roles alone (deny by default).

Domain querysets call `scope_of(user)` in their `visible_to(user)` methods, so every query that
touches a hub's records is narrowed in one place.

A role counts only in its own hub. A request works in one hub (network.access.current_hub), and
the view decorators cut the user's scope to that hub (`work_in`) before checking their role
there: every record the request can then reach is of that hub, so the role checked is the one
held in the record's own hub. A user who is hub admin elsewhere and focal point here is, here,
a focal point and nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from citybridge.accounts.models import Role


@dataclass(frozen=True)
class Scope:
    admin_hubs: frozenset[int] = field(default_factory=frozenset)
    officer_hubs: frozenset[int] = field(default_factory=frozenset)
    focal_cities: dict[int, frozenset[int]] = field(default_factory=dict)  # hub id -> city ids
    expert_hubs: frozenset[int] = field(default_factory=frozenset)
    donor_hubs: frozenset[int] = field(default_factory=frozenset)

    @property
    def staff_hubs(self) -> frozenset[int]:
        """Hubs whose every record the user may see: hub admins and officers."""
        return self.admin_hubs | self.officer_hubs

    @property
    def hubs(self) -> frozenset[int]:
        return self.staff_hubs | frozenset(self.focal_cities) | self.expert_hubs | self.donor_hubs

    @property
    def cities(self) -> frozenset[int]:
        return frozenset(c for cities in self.focal_cities.values() for c in cities)

    def is_staff_of(self, hub_id: int) -> bool:
        return hub_id in self.staff_hubs

    def is_admin_of(self, hub_id: int) -> bool:
        return hub_id in self.admin_hubs

    def sees_people_of(self, hub_id: int) -> bool:
        return hub_id in self.staff_hubs or hub_id in self.focal_cities

    def within(self, hub_id: int) -> Scope:
        """The same roles, in one hub only: what the user may see and do while working in it."""
        return Scope(
            admin_hubs=self.admin_hubs & {hub_id},
            officer_hubs=self.officer_hubs & {hub_id},
            focal_cities={h: c for h, c in self.focal_cities.items() if h == hub_id},
            expert_hubs=self.expert_hubs & {hub_id},
            donor_hubs=self.donor_hubs & {hub_id},
        )


EMPTY = Scope()


def scope_of(user: Any) -> Scope:
    """The user's scope, computed once per user object and cached on it (a request's user lives
    as long as the request; a user object kept longer keeps its scope: reload it after a role
    changes)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return EMPTY
    cached = getattr(user, "_citybridge_scope", None)
    if cached is not None:
        return cached
    admin, officer, expert, donor = set(), set(), set(), set()
    focal: dict[int, set[int]] = {}
    for hub_id, kind, city_id in Role.objects.filter(user=user).values_list(
        "hub_id", "kind", "city_id"
    ):
        if kind == Role.Kind.HUB_ADMIN:
            admin.add(hub_id)
        elif kind == Role.Kind.OFFICER:
            officer.add(hub_id)
        elif kind == Role.Kind.FOCAL_POINT:
            focal.setdefault(hub_id, set()).add(city_id)
        elif kind == Role.Kind.EXPERT:
            expert.add(hub_id)
        elif kind == Role.Kind.DONOR:
            donor.add(hub_id)
    scope = Scope(
        admin_hubs=frozenset(admin),
        officer_hubs=frozenset(officer),
        focal_cities={h: frozenset(c) for h, c in focal.items()},
        expert_hubs=frozenset(expert),
        donor_hubs=frozenset(donor),
    )
    user._citybridge_scope = scope
    return scope


def work_in(user: Any, hub_id: int) -> Scope:
    """Cut the user's scope to one hub for the rest of the request (see the module's docstring):
    every `visible_to(user)` after this sees that hub's records only."""
    scope = scope_of(user).within(hub_id)
    if getattr(user, "is_authenticated", False):
        user._citybridge_scope = scope
    return scope


def may_translate(user: Any) -> bool:
    """Who may correct the interface's translations (django-rosetta): hub admins. The catalogs
    are the product's, shared by every hub."""
    return bool(scope_of(user).admin_hubs)
