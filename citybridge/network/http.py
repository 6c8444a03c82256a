"""What the views of every app share: the request type behind the hub decorators, a list page's
page of rows and the counts on it, and the template an htmx search swaps in. (The decorators themselves are in
network/decorators.py, the pipeline pages in network/pipelines.py.)"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Aggregate
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from citybridge.accounts.http import SignedInRequest
from citybridge.network.models import Hub


class HubRequest(SignedInRequest):
    """The request a view behind the hub decorators (network/decorators.py) gets: signed in, with
    the hub it works in set. Typing a view's request so spares it a cast at every `request.hub`
    and `acting_user=request.user`."""

    hub: Hub
    htmx: HtmxDetails


PAGE_SIZE = 50
# A last page of a few rows is folded into the one before it (51 cities: one page, not 50 + 1).
PAGE_ORPHANS = 10


def page_of(request: HttpRequest, queryset) -> Page:
    return Paginator(queryset, PAGE_SIZE, orphans=PAGE_ORPHANS).get_page(request.GET.get("page"))


def count_on_page(page: Page, **counts: Aggregate) -> None:
    """Set each count (`records=Count("attendances")`) on the rows of this page only, in one
    query: counted for every row a search matches before the page is cut, they made a hub of
    200,000 attendance records (or 20,000 people) take seconds to list."""
    rows = page.object_list = list(page.object_list)
    if not rows:
        return
    found = {
        row["pk"]: row
        for row in type(rows[0])
        .objects.filter(pk__in=[r.pk for r in rows])
        .annotate(**counts)
        .values("pk", *counts)
    }
    for row in rows:
        for name in counts:
            setattr(row, name, found[row.pk][name])


def list_template(request: HubRequest, full: str, rows: str) -> str:
    """htmx searches swap only the table: the page stays where the user is typing."""
    return rows if request.htmx and request.htmx.target == "results" else full
