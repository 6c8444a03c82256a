"""The columns of the access log's download (lib.exports.list_download): what its page shows,
ids and fingerprints, never a name of a person."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citybridge.lib.exports import Column


def when(row) -> str:
    """The time in the site's timezone, to the second, as ISO 8601 (spreadsheets read it)."""
    return timezone.localtime(row.at).replace(microsecond=0).isoformat(sep=" ")


ACCESS_LOG_COLUMNS = [
    Column(_("When"), when, "#date+time"),
    Column(_("Who"), lambda r: r.user.username if r.user else "", "#contact+username"),
    Column(_("Action"), lambda r: r.get_action_display(), "#meta+action"),
    Column(_("Record type"), lambda r: r.object_type, "#meta+record+type"),
    Column(_("Record id"), lambda r: r.object_id, "#meta+record+id"),
    Column(_("Rows"), lambda r: r.count, "#meta+rows+num"),
    Column(_("Detail"), lambda r: r.detail, "#meta+detail"),
    Column(_("Fingerprint of the searched text"), lambda r: r.text_hash, "#meta+hash"),
]
