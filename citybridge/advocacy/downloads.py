"""The columns of the advocacy list's download (lib.exports.list_download), in the reader's
language, with their HXL hashtags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, day
from citybridge.network.names import shown_name

ADVOCACY_COLUMNS = [
    Column(_("Date"), lambda a: day(a.date), "#date"),
    Column(_("Title"), lambda a: a.title, "#activity+name"),
    Column(_("Audience"), lambda a: a.get_audience_display(), "#org+type+audience"),
    Column(_("Audience, in words"), lambda a: a.audience_detail, "#org+name+audience"),
    Column(_("Form"), lambda a: a.get_form_display(), "#activity+type"),
    Column(
        _("Cities whose voice it carried"),
        lambda a: ", ".join(shown_name(c) for c in a.cities.all()),
        "#adm2+name",
    ),
    Column(_("Themes it raised"), lambda a: ", ".join(t.name for t in a.themes.all()), "#sector"),
    Column(_("What came of it"), lambda a: a.outcome, "#impact"),
    Column(_("Document"), lambda a: a.document_url, "#meta+url"),
]
