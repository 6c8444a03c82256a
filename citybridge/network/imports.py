"""Import member cities from a partner's sheet: all or nothing, every problem in plain words."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.lib.cells import parse_date
from citybridge.lib.headers import MEMBERS
from citybridge.lib.importing import ImportReport
from citybridge.lib.spreadsheets import Problem, SheetError, map_columns, read_table
from citybridge.lib.text import fold
from citybridge.network.models import Country, Hub, Membership
from citybridge.network.places import find_or_create_city, known_places


def country_code(text: str, countries: dict[str, str]) -> str | None:
    """An ISO code from 'MK', 'mk' or a country's name in English."""
    value = text.strip()
    if value.upper() in countries:
        return value.upper()
    return next((code for code, name in countries.items() if fold(name) == fold(value)), None)


def _date(
    value: str, row: int, column: str, problems: list[Problem], required: bool
) -> dt.date | None:
    if not value.strip():
        if required:
            problems.append(
                Problem(
                    row,
                    column,
                    _("The date is missing."),
                    _("Write it as YYYY-MM-DD, e.g. 2023-02-21."),
                )
            )
        return None
    try:
        return parse_date(value)
    except ValueError:
        problems.append(
            Problem(
                row,
                column,
                _("'%(value)s' is not a date.") % {"value": value},
                _("Write it as YYYY-MM-DD, e.g. 2023-02-21."),
            )
        )
        return None


@records_acting_user
def import_members(
    data: bytes, file_name: str, *, hub: Hub, dry_run: bool = False, acting_user: User | None
) -> ImportReport:
    table = read_table(data, file_name)
    columns = map_columns(table.headers, MEMBERS)
    countries = dict(Country.objects.values_list("code", "name"))
    problems: list[Problem] = []
    rows: list[tuple[int, str, str, dt.date, dt.date | None]] = []
    for row in table.rows:
        cell = {key: row.cells.get(header, "").strip() for key, header in columns.items()}
        city, written_country = cell.get("city", ""), cell.get("country", "")
        if not city:
            problems.append(
                Problem(
                    row.number,
                    columns["city"],
                    _("The city is missing."),
                    _("Write the city's name."),
                )
            )
        code = country_code(written_country, countries)
        if code is None:
            problems.append(
                Problem(
                    row.number,
                    columns["country"],
                    _("'%(value)s' is not a country code.") % {"value": written_country},
                    _("Use the ISO 3166 two-letter code, e.g. MK or XK for Kosovo."),
                )
            )
        joined = _date(
            cell.get("joined", ""), row.number, columns.get("joined", "joined"), problems, True
        )
        left = _date(cell.get("left", ""), row.number, columns.get("left", "left"), problems, False)
        if joined and left and left <= joined:
            problems.append(
                Problem(
                    row.number,
                    columns.get("left"),
                    _("The city left before it joined."),
                    _("Check both dates."),
                )
            )
        if city and code and joined:
            rows.append((row.number, city, code, joined, left))
    if problems:
        raise SheetError(problems)

    report = ImportReport(
        kind=_("member city"), file_names=[file_name], dry_run=dry_run, rows=len(rows)
    )
    with transaction.atomic():
        index = known_places()
        for number, written, code, joined, left in rows:
            place, created = find_or_create_city(
                written, code, index=index, acting_user=acting_user
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
                problems.append(
                    Problem(
                        number,
                        columns["joined"],
                        _("%(city)s is already a member during these dates.")
                        % {"city": place.name},
                        _("Change the dates, or edit the existing membership on the city's page."),
                    )
                )
                continue
            membership.save()
            report.created += 1
        if problems:
            transaction.set_rollback(True)
            raise SheetError(problems)
        if dry_run:
            transaction.set_rollback(True)
    return report
