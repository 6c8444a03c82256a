"""The columns of the cities' and people's downloads (lib.exports.list_download): what their
list pages show, in the reader's language and script, with their HXL hashtags.

A city is tagged `#adm2`: a municipality is the second administrative level in most of the
region's countries (Albania's qarqe, Serbia's and Kosovo's districts are the first).
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, yes_no
from citybridge.network.names import shown_name


def city_columns(member_ids: Collection[int]) -> list[Column]:
    return [
        Column(_("City"), shown_name, "#adm2+name"),
        Column(_("Name (Cyrillic)"), lambda c: c.name_cyrillic, "#adm2+name+cyrillic"),
        Column(_("Name (Albanian)"), lambda c: c.name_albanian, "#adm2+name+i_sq"),
        Column(_("Kind"), lambda c: c.get_kind_display(), "#adm2+type"),
        Column(_("Country"), lambda c: c.country.public_name, "#country+name"),
        Column(_("Country code"), lambda c: c.country_id, "#country+code"),
        Column(_("Member"), lambda c: yes_no(c.pk in member_ids), "#status+member"),
        Column(_("Population"), lambda c: c.population, "#population"),
        Column(_("Latitude"), lambda c: c.latitude, "#geo+lat"),
        Column(_("Longitude"), lambda c: c.longitude, "#geo+lon"),
    ]


def person_columns(*, with_email: bool) -> list[Column]:
    """The list's columns; the e-mail only for those who see it on the person's page (staff)."""
    columns = [
        Column(_("Name"), shown_name, "#contact+name"),
        Column(_("City"), lambda p: shown_name(p.city), "#adm2+name"),
        Column(_("Organisation"), lambda p: str(p.organisation or ""), "#org+name"),
        Column(_("Engagements"), lambda p: p.engagement_count, "#activity+num"),
    ]
    if with_email:
        columns.insert(3, Column(_("E-mail"), lambda p: p.email, "#contact+email"))
    return columns
