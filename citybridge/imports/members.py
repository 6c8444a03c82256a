"""Member cities from a partner's sheet: city, country, joined, left. The country is matched
through the country vocabulary (a code or a name in the region's languages); one it cannot place
refuses its row until the officer places it on the preview, since a member city needs one."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.imports.registry import Batch, importer
from citybridge.imports.rows import Cells
from citybridge.lib import vocabularies
from citybridge.lib.headers import MEMBERS
from citybridge.lib.vocabularies import Vocabulary
from citybridge.network.models import Country, Membership
from citybridge.network.places import find_or_create_city, known_places


def known_countries() -> Vocabulary:
    """Every country the platform knows, by ISO code and by its names in the region's languages
    ("Kosova", "Crna Gora", "BiH", "Северна Македонија"); built once per import."""
    return vocabularies.countries(Country.objects.values_list("code", "name"))


def read_country(row: Cells, countries: Vocabulary, *, required: bool) -> str | None:
    """The row's country code; a country the vocabulary cannot place is a problem of its row
    until the officer places it on the preview (a city, or an engagement's host city, is made
    in that country)."""
    code, written = row.choice("country", countries, required=True)
    if code is None and written:
        row.problem(
            "country",
            _("'%(value)s' is not a country we know.") % {"value": written},
            _(
                "Choose the country under 'Values to place' on the preview and preview again, "
                "or write its ISO two-letter code (e.g. MK, XK for Kosovo, NO)."
            ),
        )
    elif not written and required:
        row.problem(
            "country",
            _("The country is missing."),
            _("Write the country, by its name or its ISO two-letter code (e.g. MK, XK, NO)."),
        )
    return code


@importer(
    "members", label=gettext_lazy("Member cities"), rows=gettext_lazy("member city"), spec=MEMBERS
)
def import_members(batch: Batch) -> None:
    countries = known_countries()
    rows = []
    for sheet in batch.sheets:
        for row in batch.reading.rows(sheet):
            city = row.text(
                "city", missing=(_("The city is missing."), _("Write the city's name."))
            )
            code = read_country(row, countries, required=True)
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
        membership = Membership(city=place, joined_on=joined, left_on=left)
        if any(membership.overlaps(m) for m in existing):
            row.problem(
                "joined",
                _("%(city)s is already a member during these dates.") % {"city": place.name},
                _("Change the dates, or edit the existing membership on the city's page."),
            )
            continue
        membership.save()
        report.created += 1
