"""The key figures of DOMAIN.md: each a named function returning its value and the records behind it.

A figure is never typed in. `DEFINITION_VERSION` changes whenever a definition does, so a
published brief can say which definition its numbers used.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from citybridge.engagement.models import Attendance
from citybridge.network.models import (
    LOCAL_LEADER_ROLE_LIST,
    LOCAL_LEADER_ROLES,
    Hub,
    LocalGovernment,
    Position,
)

DEFINITION_VERSION = "2026-11.1"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int
    # Persons for people figures, local governments for city figures: what the number opens to
    # (empty when counted `with_records=False`).
    record_model: str
    record_ids: tuple[int, ...]
    definition: str


# Each figure's words, in the reader's language when made into a Figure.
LABELS = {
    "individuals_engaged": _("Individual stakeholders engaged"),
    "member_cities": _("Member cities"),
    "leaders_engaged": _("Mayors and local leaders engaged"),
}
DEFINITIONS = {
    "individuals_engaged": _(
        "Distinct people, after resolving how their names were written, with at least one "
        "attendance record at an engagement of the hub that started within the period."
    ),
    "member_cities": _(
        "Local governments in the hub's jurisdictions whose membership is active on the "
        "last day of the period (joined on or before it, not left on or before it)."
    ),
    "leaders_engaged": _(
        "Distinct people who, at an engagement of the hub in the period, were mayor, "
        "deputy mayor, chair of the municipal assembly or council, or head of a district "
        "government."
    ),
}
RECORD_MODELS = {
    "individuals_engaged": "person",
    "member_cities": "city",
    "leaders_engaged": "person",
}


def counted(key: str, value: int) -> Figure:
    """The figure `key` counted elsewhere (`value`), without its records, in the reader's
    language: for pages that show the number and link to the records."""
    return Figure(
        key=key,
        label=str(LABELS[key]),
        value=value,
        record_model=RECORD_MODELS[key],
        record_ids=(),
        definition=str(DEFINITIONS[key]),
    )


def individuals_engaged(
    hub: Hub, start: dt.date | None, end: dt.date | None, *, with_records: bool = True
) -> Figure:
    ids = (
        _attended(hub, start, end)
        .order_by()  # the default ordering would make DISTINCT count rows, not people
        .values_list("person_id", flat=True)
        .distinct()
    )
    if not with_records:
        return counted("individuals_engaged", ids.count())
    people = tuple(sorted(ids))
    return dataclasses.replace(counted("individuals_engaged", len(people)), record_ids=people)


def member_cities(hub: Hub, end: dt.date, *, with_records: bool = True) -> Figure:
    members = LocalGovernment.objects.of_hub(hub).members_on(end)
    if not with_records:
        return counted("member_cities", members.count())
    cities = tuple(sorted(members.values_list("pk", flat=True)))
    return dataclasses.replace(counted("member_cities", len(cities)), record_ids=cities)


def leaders_engaged(
    hub: Hub, start: dt.date | None, end: dt.date | None, *, with_records: bool = True
) -> Figure:
    """Persons who, at an engagement in the period, held a local-leader position: the role on
    the sheet is evidence of it, and so is a recorded position held on the engagement's date.

    Counted as two queries whose persons are joined here, not as one with `role OR EXISTS
    (position)`: that OR makes the database test a position for each of a large hub's hundreds
    of thousands of rows, where each half alone is read from an index (the sheet roles from
    attendance_engagement_person, the positions from the few leaders' own rows)."""
    attended = _attended(hub, start, end)
    # In the order of the partial index it reads (attendance_leader_engagement).
    by_sheet = attended.filter(role_kind__in=LOCAL_LEADER_ROLE_LIST)
    held_position = Position.objects.filter(
        person=OuterRef("person_id"), role__in=LOCAL_LEADER_ROLES
    ).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=OuterRef("engagement__starts_on")),
        Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("engagement__starts_on")),
    )
    by_position = attended.filter(
        person__in=Position.objects.filter(role__in=LOCAL_LEADER_ROLES).values("person")
    ).filter(Exists(held_position))
    sheet_ids, position_ids = (
        # The default ordering would make DISTINCT count rows, not people.
        rows.order_by().values_list("person_id", flat=True).distinct()
        for rows in (by_sheet, by_position)
    )
    if not with_records:
        return counted("leaders_engaged", sheet_ids.union(position_ids).count())
    people = tuple(sorted({*sheet_ids, *position_ids}))
    return dataclasses.replace(counted("leaders_engaged", len(people)), record_ids=people)


def _attended(hub: Hub, start: dt.date | None, end: dt.date | None):
    return Attendance.objects.of_hub(hub).between(start, end).filter(person__isnull=False)


def key_figures(
    hub: Hub,
    start: dt.date | None,
    end: dt.date,
    *,
    with_records: bool = True,
    individuals: int | None = None,
) -> list[Figure]:
    """The key figures of the period. `with_records=False` counts them in the database and
    leaves `record_ids` empty: for pages that show the numbers and link to the records (the
    hub home, the figures page), where fetching a large hub's tens of thousands of ids only
    to count them is most of the time spent. `individuals`: the period's distinct people when
    already counted by the caller (the hub home's charts count them), numbers only."""
    if individuals is not None and not with_records:
        people = counted("individuals_engaged", individuals)
    else:
        people = individuals_engaged(hub, start, end, with_records=with_records)
    return [
        people,
        member_cities(hub, end, with_records=with_records),
        leaders_engaged(hub, start, end, with_records=with_records),
    ]


FIGURES = {
    "individuals_engaged": lambda hub, start, end: individuals_engaged(hub, start, end),
    "member_cities": lambda hub, start, end: member_cities(hub, end),
    "leaders_engaged": lambda hub, start, end: leaders_engaged(hub, start, end),
}
