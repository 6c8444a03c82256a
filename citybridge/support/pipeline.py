"""The hub's support pipeline: support actions counted by status, kind, country, theme and
funder, with grant amounts committed and disbursed per currency.

Each row carries the filter that opens its records on the support list, and each breakdown
turns into the very table the page shows and the download holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from citybridge.lib.exports import Table
from citybridge.support.models import SupportAction, SupportActionQuerySet

CENTS = Decimal("0.01")


def money(amount: Decimal | int | None) -> Decimal:
    return Decimal(amount or 0).quantize(CENTS)


@dataclass
class PipelineRow:
    label: str
    # The support list's query parameters that open exactly the records counted here.
    query: dict[str, str]
    count: int = 0
    committed: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    disbursed: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[PipelineRow]
    currencies: list[str]

    def table(self) -> Table:
        headers = [self.title, _("Support actions")]
        for currency in self.currencies:
            headers += [
                _("Committed (%(currency)s)") % {"currency": currency},
                _("Disbursed (%(currency)s)") % {"currency": currency},
            ]
        rows: list[list[object]] = []
        for row in self.rows:
            cells: list[object] = [row.label, row.count]
            for currency in self.currencies:
                cells += [money(row.committed.get(currency)), money(row.disbursed.get(currency))]
            rows.append(cells)
        return Table(title=self.title, headers=headers, rows=rows)


def pipeline_actions(actions: SupportActionQuerySet) -> list[SupportAction]:
    """The actions with what the pipeline reads of them, in a fixed number of queries."""
    return list(
        actions.select_related("city__country", "organisation__country", "funder")
        .prefetch_related("themes")
        .annotate(
            paid=Coalesce(
                Sum("disbursements__amount"),
                Value(0),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
        .order_by("pk")
    )


def country_of(action: SupportAction):
    if action.city_id:
        return action.city.country  # type: ignore[union-attr]
    return action.organisation.country if action.organisation else None


def _breakdown(
    key: str,
    title: str,
    actions: list[SupportAction],
    keys_of: Callable[[SupportAction], Iterable[tuple[str, str]]],
    order: list[str] | None = None,
) -> Breakdown:
    """Group the actions under the (value, label) pairs `keys_of` gives for each (an action with
    several themes counts once under each). An empty value groups without filtering: the total."""
    rows: dict[str, PipelineRow] = {}
    currencies: set[str] = set()
    for action in actions:
        for value, label in keys_of(action):
            query = {key: value} if value else {}
            row = rows.setdefault(value, PipelineRow(label=label, query=query))
            row.count += 1
            if action.amount is not None:
                currencies.add(action.currency)
                if action.status in SupportAction.COMMITTED:
                    row.committed[action.currency] += action.amount
                row.disbursed[action.currency] += action.paid  # type: ignore[attr-defined]
    if order is not None:
        ordered = [rows[v] for v in order if v in rows]
    else:
        ordered = sorted(rows.values(), key=lambda r: (-r.count, r.label))
    return Breakdown(key=key, title=title, rows=ordered, currencies=sorted(currencies))


def pipeline_breakdowns(actions: SupportActionQuerySet) -> list[Breakdown]:
    rows = pipeline_actions(actions)
    none = _("None recorded")

    def country(a: SupportAction):
        c = country_of(a)
        return [(c.code, c.public_name)] if c else [("none", none)]

    def themes(a: SupportAction):
        return [(t.slug, t.name) for t in a.themes.all()] or [("none", none)]

    def funder(a: SupportAction):
        return [(str(a.funder_id), a.funder.name)] if a.funder else [("none", none)]

    return [
        _breakdown("all", _("All support"), rows, lambda a: [("", _("All support"))]),
        _breakdown(
            "status",
            _("Status"),
            rows,
            lambda a: [(a.status, a.get_status_display())],
            order=list(SupportAction.Status.values),
        ),
        _breakdown(
            "kind",
            _("Kind"),
            rows,
            lambda a: [(a.kind, a.get_kind_display())],
            order=list(SupportAction.Kind.values),
        ),
        _breakdown("country", _("Country"), rows, country),
        _breakdown("theme", _("Theme"), rows, themes),
        _breakdown("funder", _("Funder"), rows, funder),
    ]
