"""What every page carries: the favicon, the script that takes the reader to an error summary,
and lists whose last page never holds a stray row or two."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from citybridge.network.http import PAGE_SIZE, page_of

STATIC = Path(settings.BASE_DIR) / "static" / "citybridge"


@pytest.mark.django_db
def test_every_page_has_our_favicon_and_the_error_summary_script(client_for, officer):
    html = client_for(officer).get(reverse("network:city_list")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html and "site.js" in html
    assert (STATIC / "favicon.svg").read_text().startswith("<svg")
    script = (STATIC / "site.js").read_text()
    assert ".error-summary" in script and ".focus()" in script


@pytest.mark.django_db
def test_a_failed_submit_shows_a_focusable_error_summary(client_for, officer):
    response = client_for(officer).post(reverse("network:city_create"), {"name": ""})
    html = response.content.decode()
    assert 'class="error-summary" role="alert" tabindex="-1"' in html


def test_a_last_page_of_a_few_rows_joins_the_page_before():
    request = RequestFactory().get("/", {"page": "2"})
    assert page_of(request, list(range(PAGE_SIZE + 1))).paginator.num_pages == 1
    assert page_of(request, list(range(PAGE_SIZE + 10))).paginator.num_pages == 1
    assert page_of(request, list(range(PAGE_SIZE + 11))).paginator.num_pages == 2
