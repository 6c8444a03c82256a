"""The columns of the support list's and the overdue milestones' downloads
(lib.exports.list_download), in the reader's language, with their HXL hashtags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, day
from citybridge.network.names import shown_name
from citybridge.support.pipeline import country_of, money


def recipient(action) -> str:
    return shown_name(action.city) if action.city else str(action.organisation or "")


def country(action) -> str:
    found = country_of(action)
    return found.public_name if found else ""


# Rows of support.pipeline.pipeline_actions (`paid` annotated).
SUPPORT_COLUMNS = [
    Column(_("Title"), lambda a: a.title, "#activity+name"),
    Column(_("Supported"), recipient, "#beneficiary+name"),
    Column(_("Country"), country, "#country+name"),
    Column(_("Kind"), lambda a: a.get_kind_display(), "#activity+type"),
    Column(_("Status"), lambda a: a.get_status_display(), "#status"),
    Column(_("Start"), lambda a: day(a.starts_on), "#date+start"),
    Column(_("End"), lambda a: day(a.ends_on), "#date+end"),
    Column(_("Funder"), lambda a: a.funder.name if a.funder else "", "#org+funder"),
    Column(_("Themes"), lambda a: ", ".join(t.name for t in a.themes.all()), "#sector"),
    Column(_("Grant amount"), lambda a: a.amount, "#value+committed"),
    Column(_("Currency"), lambda a: a.currency, "#currency"),
    Column(
        _("Disbursed"),
        lambda a: money(a.paid) if a.amount is not None else None,
        "#value+disbursed",
    ),
]

MILESTONE_COLUMNS = [
    Column(_("Due"), lambda m: day(m.due_on), "#date+due"),
    Column(_("Milestone"), lambda m: m.title, "#output+name"),
    Column(_("Support"), lambda m: m.action.title, "#activity+name"),
    Column(_("Supported"), lambda m: recipient(m.action), "#beneficiary+name"),
    Column(_("Kind"), lambda m: m.action.get_kind_display(), "#activity+type"),
    Column(_("Status"), lambda m: m.action.get_status_display(), "#status"),
]
