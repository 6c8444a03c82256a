"""The columns of the engagements' and an engagement's attendance downloads
(lib.exports.list_download), in the reader's language, with their HXL hashtags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, day
from citybridge.network.names import shown_name


def names(items) -> str:
    return ", ".join(shown_name(i) for i in items)


ENGAGEMENT_COLUMNS = [
    Column(_("Key"), lambda e: e.key, "#activity+code"),
    Column(_("Engagement"), lambda e: e.title, "#activity+name"),
    Column(_("Type"), lambda e: e.get_kind_display(), "#activity+type"),
    Column(_("Start"), lambda e: day(e.starts_on), "#date+start"),
    Column(_("End"), lambda e: day(e.ends_on), "#date+end"),
    Column(_("Place"), lambda e: e.place, "#loc+name"),
    Column(_("Host city"), lambda e: shown_name(e.host_city), "#adm2+name+host"),
    Column(
        _("Participating cities"),
        lambda e: names(e.participating_cities.all()),
        "#adm2+name+participating",
    ),
    Column(_("Country"), lambda e: e.country.public_name if e.country else "", "#country+name"),
    Column(_("Themes"), lambda e: ", ".join(t.label for t in e.themes.all()), "#sector"),
    Column(_("Funder"), lambda e: e.funder.name if e.funder else "", "#org+funder"),
    Column(_("Attendance records"), lambda e: e.records, "#reached+records"),
    Column(_("People"), lambda e: e.people, "#reached+ind"),
]

# What the engagement's page shows of each row its reader may see: the sheet's cells as written,
# and the person the row resolved to.
ATTENDANCE_COLUMNS = [
    Column(_("Sheet"), lambda a: a.sheet.file_name if a.sheet else a.source_file, "#meta+source"),
    Column(_("Row"), lambda a: a.row_number, "#meta+row"),
    Column(_("Name as written"), lambda a: a.full_name, "#contact+name"),
    Column(_("Role as written"), lambda a: a.role, "#contact+role"),
    Column(_("Organisation"), lambda a: a.organisation, "#org+name"),
    Column(_("City as written"), lambda a: a.city, "#adm2+name"),
    Column(_("Resolved to"), lambda a: shown_name(a.person), "#contact+name+resolved"),
    Column(_("Person id"), lambda a: a.person_id, "#contact+id"),
]

# The other participants, as the page shows them to a focal point: counts by city and role.
OTHERS_COLUMNS = [
    Column(_("City"), lambda o: shown_name(o["city_name"] or ""), "#adm2+name"),
    Column(_("Role"), lambda o: o["role"], "#contact+role"),
    Column(_("Attendance records"), lambda o: o["n"], "#reached+records"),
]
