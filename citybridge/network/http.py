"""What every list page shares: its page of rows, and the template an htmx search swaps in.
(The role decorators are in network/decorators.py, the pipeline pages in network/pipelines.py.)"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 50
# A last page of a few rows is folded into the one before it (51 cities: one page, not 50 + 1).
PAGE_ORPHANS = 10


def page_of(request: HttpRequest, queryset) -> Page:
    return Paginator(queryset, PAGE_SIZE, orphans=PAGE_ORPHANS).get_page(request.GET.get("page"))


def list_template(request: HttpRequest, full: str, rows: str) -> str:
    """htmx searches swap only the table: the page stays where the user is typing."""
    return rows if request.htmx and request.htmx.target == "results" else full  # type: ignore[attr-defined]
