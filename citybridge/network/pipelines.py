"""A hub's pipeline page: counts by category over a filtered queryset, downloadable as shown,
and the words its lists show for the filters a pipeline number adds.

Support and advocacy share it; each gives its queryset, filter form and breakdowns.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from django import forms
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from citybridge.accounts.scopes import scope_of
from citybridge.lib.exports import FORMATS, export_response
from citybridge.lib.inputs import FilterForm, IdField, PeriodForm
from citybridge.network.http import HubRequest
from citybridge.network.models import Country, Funder, Hub, LocalGovernment, Theme


class PipelineFilterForm(FilterForm, PeriodForm):
    """The filters a pipeline and its list share, so that each number of the pipeline opens
    the list with the same filters: the period, and a breakdown row's theme, country and city
    (hidden on the list, which names them in words: `also_filtered`). Applied only when all
    of them are valid. A subclass adds its own and orders them (`field_order`)."""

    whole = True

    theme = forms.CharField(required=False, widget=forms.HiddenInput)
    country = forms.CharField(required=False, widget=forms.HiddenInput)
    city = IdField(required=False, widget=forms.HiddenInput)


def also_filtered(filters: dict[str, str], hub: Hub, names: Sequence[str]) -> list[tuple[str, str]]:
    """The filters a pipeline number adds that the list's form does not show (`names`, in the
    list's order), in words: a theme, city or funder of another hub, or of none, is named as none
    recorded, never by its name."""

    def named(record, attribute: str = "name") -> str:
        return getattr(record, attribute) if record else _("None recorded")

    words = {
        "country": lambda v: named(Country.objects.filter(code=v).first(), "public_name"),
        "theme": lambda v: named(Theme.objects.of_hub(hub).filter(slug=v).first()),
        "funder": lambda v: named(Funder.objects.filter(pk=v).first() if v.isdigit() else None),
        "city": lambda v: named(LocalGovernment.objects.of_hub(hub).filter(pk=v).first()),
    }
    labels = {
        "country": _("Country"),
        "theme": _("Theme"),
        "funder": _("Funder"),
        "city": _("City"),
    }
    return [(str(labels[n]), words[n](filters[n])) for n in names if filters.get(n)]


def pipeline_page(
    request: HubRequest,
    *,
    base: QuerySet,
    form,
    breakdowns_of: Callable,
    name: str,
    opens_records: bool,
    template: str,
) -> HttpResponse:
    """Numbers for every member of the hub (donors included); the records behind them open on
    the list only for those who may see rows (`opens_records`)."""
    hub = request.hub
    scope = scope_of(request.user)
    whole_hub = scope.is_staff_of(hub.pk) or hub.pk in scope.donor_hubs
    if not whole_hub:
        base = base.visible_to(request.user)  # type: ignore[attr-defined]
    breakdowns = breakdowns_of(form.apply(base))
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        filename = f"{name}-{timezone.localdate().isoformat()}"
        return export_response([b.table() for b in breakdowns], fmt=fmt, filename=filename)
    filters = form.active_filters()
    shown = [
        (b.table(), [urlencode({**filters, **row.query}) for row in b.rows]) for b in breakdowns
    ]
    context = {
        "hub": hub,
        "form": form,
        "query": urlencode(filters),
        "tables": [(table, zip(table.rows, links, strict=True)) for table, links in shown],
        "opens_records": opens_records,
        "whole_hub": whole_hub,
    }
    return render(request, template, context)
