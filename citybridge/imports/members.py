"""Member cities from a partner's sheet: city, country, joined, left."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.imports.registry import Batch, importer
from citybridge.lib.headers import MEMBERS
from citybridge.lib.text import fold
from citybridge.network.models import Country, Membership
from citybridge.network.places import find_or_create_city, known_places


def country_code(text: str, countries: dict[str, str]) -> str | None:
    """An ISO code from 'MK', 'mk' or a country's name in English."""
    value = text.strip()
    if value.upper() in countries:
        return value.upper()
    return next((code for code, name in countries.items() if fold(name) == fold(value)), None)


@importer(
    "members", label=gettext_lazy("Member cities"), rows=gettext_lazy("member city"), spec=MEMBERS
)
def import_members(batch: Batch) -> None:
    countries = dict(Country.objects.values_list("code", "name"))
    rows = []
    for sheet in batch.sheets:
        for row in batch.reading.rows(sheet):
            city = row.text(
                "city", missing=(_("The city is missing."), _("Write the city's name."))
            )
            written = row.text("country")
            code = country_code(written, countries)
            if code is None:
                row.problem(
                    "country",
                    _("'%(value)s' is not a country code.") % {"value": written},
                    _("Use the ISO 3166 two-letter code, e.g. MK or XK for Kosovo."),
                )
            joined = row.date("joined")
            left = row.date("left", required=False)
            if joined and left and left <= joined:
                row.problem("left", _("The city left before it joined."), _("Check both dates."))
            if city and code and joined:
                rows.append((row, city, code, joined, left))
    batch.refuse_if_problems()

    report = batch.report
    report.rows = len(rows)
    index = known_places()
    for row, written, code, joined, left in rows:
        place, created = find_or_create_city(
            written, code, index=index, acting_user=batch.acting_user
        )
        if created:
            report.new_places.append(f"{place.name} ({code})")
        existing = list(place.memberships.all())
        same = next((m for m in existing if m.joined_on == joined), None)
        if same and same.left_on == left:
            report.unchanged += 1
            continue
        if same:
            same.left_on = left
            same.save()
            report.updated += 1
            continue
        membership = Membership(local_government=place, joined_on=joined, left_on=left)
        if any(membership.overlaps(m) for m in existing):
            row.problem(
                "joined",
                _("%(city)s is already a member during these dates.") % {"city": place.name},
                _("Change the dates, or edit the existing membership on the city's page."),
            )
            continue
        membership.save()
        report.created += 1
