"""Engagements from a sheet: key, title, type, start, end, city, country. A key already in the
hub updates its engagement (as a new version, so an edit opened before is refused).

The type is matched through the engagement types' vocabulary ("radionica", "punëtori",
"работилница" are workshops); one it cannot place is read as Other and named on the preview and
in the report. The country is matched as a member city's is, and refuses its row until placed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citybridge.engagement.actions import save_engagement
from citybridge.engagement.models import Engagement
from citybridge.imports.members import known_countries, read_country
from citybridge.imports.registry import Batch, importer
from citybridge.imports.rows import Cells
from citybridge.lib import vocabularies
from citybridge.lib.headers import ENGAGEMENTS
from citybridge.lib.places import PlaceIndex
from citybridge.network.places import find_or_create_city, known_places


@importer(
    "engagements",
    label=gettext_lazy("Engagements"),
    rows=gettext_lazy("engagement"),
    spec=ENGAGEMENTS,
)
def import_engagements(batch: Batch) -> None:
    countries = known_countries()
    kinds = vocabularies.engagement_kinds(Engagement.Kind.choices)
    other = str(Engagement.Kind.OTHER.label)
    parsed = []
    seen: dict[str, int] = {}
    for sheet in batch.sheets:
        for row in batch.reading.rows(sheet):
            key = row.text(
                "key",
                missing=(
                    _("The key is missing."),
                    _("Give each engagement a short unique key, e.g. E012."),
                ),
            )
            if key in seen:
                row.problem(
                    "key",
                    _("The key %(key)s is also on row %(row)s.") % {"key": key, "row": seen[key]},
                    _("Give each engagement its own key."),
                )
            elif key:
                seen[key] = row.number
            title = row.text(
                "title", missing=(_("The title is missing."), _("Write the engagement's title."))
            )
            # A type the vocabulary cannot place is read as Other, and said on the preview
            # (where the officer may place it) and in the report.
            kind, _written = row.choice("type", kinds, instead=other)
            kind = kind or Engagement.Kind.OTHER
            start = row.date("start")
            end = row.date("end", required=False) or start
            if start and end and end < start:
                row.problem(
                    "end",
                    _("The engagement ends before it starts."),
                    _("Check the start and end dates."),
                )
            code = read_country(row, countries, required=False)
            if start and end and kind and key and title:
                parsed.append((row, key, title, kind, start, end, row.text("city"), code))
    batch.refuse_if_problems()

    report = batch.report
    report.rows = len(parsed)
    index = known_places()
    for row, key, title, kind, start, end, city_name, code in parsed:
        _save(batch, row, index, key, title, kind, start, end, city_name, code)


def _save(
    batch: Batch,
    row: Cells,
    index: PlaceIndex,
    key: str,
    title: str,
    kind: str,
    start: dt.date,
    end: dt.date,
    city_name: str,
    code: str | None,
) -> None:
    report = batch.report
    city = None
    if city_name and code:
        city, created = find_or_create_city(
            city_name, code, index=index, acting_user=batch.acting_user
        )
        if created:
            report.new_places.append(f"{city.name} ({code})")
    values = {
        "title": title,
        "kind": kind,
        "starts_on": start,
        "ends_on": end,
        "host_city": city,
        "country_id": code,
        "place": city.name if city else city_name,
    }
    engagement = Engagement.objects.filter(hub=batch.hub, key=key).first()
    if engagement is not None and all(getattr(engagement, f) == v for f, v in values.items()):
        report.unchanged += 1
        return
    is_new = engagement is None
    engagement = engagement or Engagement(key=key)
    for f, v in values.items():
        setattr(engagement, f, v)
    try:
        # Read in this transaction, so its version is current: an edit opened before the
        # import is refused when it is saved.
        save_engagement(engagement, hub=batch.hub, acting_user=batch.acting_user)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            row.problem(name, " ".join(messages), _("Correct the cell."))
        return
    if is_new:
        report.created += 1
    else:
        report.updated += 1
