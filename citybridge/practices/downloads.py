"""The columns of the practice library's download (lib.exports.list_download), in the reader's
language, with their HXL hashtags. The contact is not among them: a practice's page shows it
only to those who may see that person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column, yes_no
from citybridge.network.names import shown_name

PRACTICE_COLUMNS = [
    Column(_("Practice"), lambda p: p.title, "#activity+name"),
    Column(_("City"), lambda p: shown_name(p.origin_city_name), "#adm2+name"),
    Column(_("Country"), lambda p: p.origin_country.public_name, "#country+name"),
    Column(_("Themes"), lambda p: ", ".join(t.label for t in p.themes.all()), "#sector"),
    Column(
        _("Target groups"),
        lambda p: ", ".join(g.label for g in p.target_groups.all()),
        "#beneficiary+type",
    ),
    Column(_("Evidence"), lambda p: p.get_evidence_display(), "#meta+evidence"),
    Column(_("Human-rights-based"), lambda p: yes_no(p.human_rights_based), "#indicator+hrb+bool"),
    Column(_("Gender-sensitive"), lambda p: yes_no(p.gender_sensitive), "#indicator+gender+bool"),
    Column(_("Documented in"), lambda p: p.languages, "#meta+lang"),
    Column(_("Summary"), lambda p: p.summary, "#description"),
    Column(_("Link"), lambda p: p.url, "#meta+url"),
]
