"""Test helper: a roundtable in a city with the given people signed in, one sheet row each."""

from __future__ import annotations

import datetime as dt

from citybridge.engagement.models import Attendance, Engagement
from citybridge.network.models import Person


def roundtable(hub, city, key: str, day: dt.date, who: list[Person]) -> Engagement:
    engagement = Engagement.objects.create(
        hub=hub,
        key=key,
        title=f"Roundtable {key}",
        kind=Engagement.Kind.ROUNDTABLE,
        starts_on=day,
        ends_on=day,
        host_city=city,
    )
    for row, person in enumerate(who, start=1):
        Attendance.objects.create(
            engagement=engagement,
            source_file=f"{key}.csv",
            row_number=row,
            full_name=person.full_name,
            person=person,
        )
    return engagement
