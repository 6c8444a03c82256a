"""The columns of the needs' and the regional priorities' downloads (lib.exports.list_download),
in the reader's language, with their HXL hashtags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, day
from citybridge.network.names import shown_name

NEED_COLUMNS = [
    Column(_("City"), lambda n: shown_name(n.city), "#adm2+name"),
    Column(_("Country"), lambda n: n.city.country.public_name, "#country+name"),
    Column(_("Theme"), lambda n: n.theme.label, "#sector"),
    Column(_("What the city asked for"), lambda n: n.statement, "#description+need"),
    Column(_("Language"), lambda n: n.language, "#meta+lang"),
    Column(_("Priority"), lambda n: n.get_priority_display(), "#severity"),
    Column(_("Status"), lambda n: n.get_status_display(), "#status"),
    Column(_("Raised"), lambda n: day(n.raised_on), "#date+reported"),
    Column(
        _("Source engagement"),
        lambda n: n.source_engagement.title if n.source_engagement else "",
        "#activity+name",
    ),
]

# (theme, ThemeRank) pairs, as the page ranks them.
RANK_COLUMNS = [
    Column(_("Theme"), lambda r: r[0].label, "#sector"),
    Column(_("Member cities"), lambda r: len(r[1].member_cities), "#adm2+num+member"),
    Column(_("Cities in all"), lambda r: len(r[1].cities), "#adm2+num"),
    Column(_("Needs"), lambda r: r[1].needs, "#indicator+needs+num"),
    Column(_("High priority"), lambda r: r[1].high, "#indicator+needs+high+num"),
    Column(_("Still open"), lambda r: r[1].open, "#indicator+needs+open+num"),
]

# (city, theme, Cell): the heat map's cells that hold needs, one row each.
CELL_COLUMNS = [
    Column(_("City"), lambda c: shown_name(c[0]), "#adm2+name"),
    Column(_("Country"), lambda c: c[0].country.public_name, "#country+name"),
    Column(_("Theme"), lambda c: c[1].label, "#sector"),
    Column(_("Needs"), lambda c: c[2].needs, "#indicator+needs+num"),
    Column(_("High priority"), lambda c: c[2].high, "#indicator+needs+high+num"),
    Column(_("Still open"), lambda c: c[2].open, "#indicator+needs+open+num"),
]
