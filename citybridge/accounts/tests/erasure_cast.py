"""The person erased in the erasure tests, in two sheets (Latin and Cyrillic), among others."""

from __future__ import annotations

import datetime as dt

from citybridge.engagement.models import Attendance, Engagement
from citybridge.engagement.resolution import resolve_hub
from citybridge.reports.figures import key_figures

NAME, CYRILLIC, EMAIL = "Milica Brisanović", "Милица Брисановић", "milica.brisanovic@example.org"


def engagement(hub, city, key: str, day: dt.date) -> Engagement:
    return Engagement.objects.create(
        hub=hub,
        key=key,
        title=f"Workshop {key}",
        kind=Engagement.Kind.WORKSHOP,
        starts_on=day,
        ends_on=day,
        host_city=city,
    )


def row(e: Engagement, n: int, name: str, email: str = "", role: str = "") -> Attendance:
    return Attendance.objects.create(
        engagement=e,
        source_file=f"{e.key}.csv",
        row_number=n,
        cells={"Ime i prezime": name, "Email": email, "Funkcija": role},
        full_name=name,
        email=email,
        role=role,
        role_kind="mayor" if role else "",
        organisation="Opština Testgrad",
        resolved_city=e.host_city,
    )


def make_records(hub, city):
    """Two workshops of 2023; returns the person the first row (NAME) resolved to."""
    first = engagement(hub, city, "E1", dt.date(2023, 2, 1))
    second = engagement(hub, city, "E2", dt.date(2023, 7, 1))
    row(first, 1, NAME, EMAIL, "Gradonačelnica")
    row(second, 1, CYRILLIC, EMAIL, "Gradonačelnica")
    for n, other in enumerate(["Ana Ostaje", "Petar Petrović", "Jovana Jovanović"], start=2):
        row(first, n, other)
        row(second, n, other)
    resolve_hub(hub)
    return Attendance.objects.get(engagement=first, row_number=1).person


def figures_of(hub):
    return [
        (f.key, f.value, f.record_ids)
        for f in key_figures(hub, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    ]
