"""The hub's advocacy pipeline: advocacy actions counted by audience, form, theme and the
country of the cities whose voice they carried.

Each row carries the filter that opens its records on the advocacy list; each breakdown turns
into the very table the page shows and the download holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from citybridge.accounts.disclosure import people_count, people_text
from citybridge.advocacy.models import AdvocacyAction, AdvocacyActionQuerySet
from citybridge.lib.exports import Table


@dataclass
class AdvocacyRow:
    label: str
    # The advocacy list's query parameters that open exactly the records counted here.
    query: dict[str, str]
    actions: set[int] = field(default_factory=set)
    cities: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)


@dataclass
class AdvocacyBreakdown:
    key: str
    title: str
    rows: list[AdvocacyRow]
    # For a viewer of aggregates the people column follows the disclosure rule: filtered by
    # period, two tables would otherwise differ by the one person a meeting carried.
    hide_small: bool = False

    def people(self, row: AdvocacyRow) -> int | str:
        n = len(row.people)
        if not self.hide_small:
            return n
        shown = people_count(n)
        return people_text(n) if shown is None else shown

    def table(self) -> Table:
        return Table(
            title=self.title,
            headers=[
                self.title,
                _("Advocacy actions"),
                _("Cities whose voice it carried"),
                _("People whose voice it carried"),
            ],
            rows=[[r.label, len(r.actions), len(r.cities), self.people(r)] for r in self.rows],
        )


def _breakdown(
    key: str,
    title: str,
    actions: list[AdvocacyAction],
    keys_of: Callable[[AdvocacyAction], Iterable[tuple[str, str]]],
    order: list[str] | None = None,
    *,
    hide_small: bool = False,
) -> AdvocacyBreakdown:
    rows: dict[str, AdvocacyRow] = {}
    for action in actions:
        for value, label in keys_of(action):
            query = {key: value} if value else {}
            row = rows.setdefault(value, AdvocacyRow(label=label, query=query))
            row.actions.add(action.pk)
            row.cities.update(c.pk for c in action.cities.all())
            row.people.update(p.pk for p in action.people.all())
    if order is not None:
        ordered = [rows[v] for v in order if v in rows]
    else:
        ordered = sorted(rows.values(), key=lambda r: (-len(r.actions), r.label))
    return AdvocacyBreakdown(key=key, title=title, rows=ordered, hide_small=hide_small)


def advocacy_breakdowns(
    actions: AdvocacyActionQuerySet, *, hide_small: bool = False
) -> list[AdvocacyBreakdown]:
    rows = list(
        actions.prefetch_related("themes", "cities__country", "people").order_by("date", "pk")
    )
    none = _("None recorded")

    def themes(a: AdvocacyAction):
        return [(t.slug, t.name) for t in a.themes.all()] or [("none", none)]

    def countries(a: AdvocacyAction):
        found = {c.country.code: c.country.public_name for c in a.cities.all()}
        return sorted(found.items()) or [("none", none)]

    return [
        _breakdown(
            "all",
            _("All advocacy"),
            rows,
            lambda a: [("", _("All advocacy"))],
            hide_small=hide_small,
        ),
        _breakdown(
            "audience",
            _("Audience"),
            rows,
            lambda a: [(a.audience, a.get_audience_display())],
            order=list(AdvocacyAction.Audience.values),
            hide_small=hide_small,
        ),
        _breakdown(
            "form",
            _("Form"),
            rows,
            lambda a: [(a.form, a.get_form_display())],
            order=list(AdvocacyAction.Form.values),
            hide_small=hide_small,
        ),
        _breakdown("theme", _("Theme"), rows, themes, hide_small=hide_small),
        _breakdown("country", _("Country"), rows, countries, hide_small=hide_small),
    ]
