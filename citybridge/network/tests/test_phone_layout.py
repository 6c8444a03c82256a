"""What a phone needs from the markup: a menu that folds under a real disclosure button, list
filters folded into a <details> that says how many are set, and wide tables in a labelled region
that scrolls by keyboard. Each works without script (site.js only folds and marks)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

STATIC = Path(settings.BASE_DIR) / "static" / "citybridge"

LISTS = [
    ("network:city_list", "Cities"),
    ("network:person_list", "People"),
    ("engagement:engagement_list", "Engagements"),
    ("needs:need_list", "Needs"),
    ("practices:practice_list", "Practices"),
    ("support:support_list", "Support"),
    ("advocacy:advocacy_list", "Advocacy"),
]


@pytest.mark.django_db
def test_the_menu_toggle_is_a_hidden_button_controlling_the_list(client_for, officer):
    html = client_for(officer).get(reverse("network:city_list")).content.decode()
    button = re.search(r'<button type="button" class="nav-toggle"[^>]*>', html)
    assert button, "no menu toggle"
    # Hidden until site.js runs, so without script the plain list shows; expanded says so.
    assert 'aria-expanded="true"' in button[0] and " hidden" in button[0]
    assert 'aria-controls="main-nav-list"' in button[0]
    assert '<ul id="main-nav-list">' in html
    script = (STATIC / "site.js").read_text()
    assert "aria-expanded" in script and "Escape" in script


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "label"), LISTS)
def test_a_list_table_is_a_labelled_scrollable_region(client_for, officer, url, label):
    html = client_for(officer).get(reverse(url)).content.decode()
    assert f'<div class="table-wrap" role="region" tabindex="0" aria-label="{label}">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "label"), LISTS)
def test_a_list_s_filters_fold_into_a_details_open_by_default(client_for, officer, url, label):
    html = client_for(officer).get(reverse(url)).content.decode()
    assert re.search(
        r'<details class="filter-box" open>\s*<summary>Filters</summary>\s*<form class="filters"',
        html,
    )


@pytest.mark.django_db
def test_the_filters_summary_counts_the_filters_set(client_for, officer):
    client = client_for(officer)
    html = client.get(
        reverse("needs:need_list"), {"status": "open", "theme": "", "page": "1"}
    ).content.decode()
    assert "<summary>Filters (1 set)</summary>" in html
    html = client.get(reverse("network:city_list"), {"q": "novi", "member": "yes"}).content.decode()
    assert "<summary>Filters (2 set)</summary>" in html


@pytest.mark.django_db
def test_figures_period_filters_fold_too(client_for, donor):
    html = client_for(donor).get(reverse("reports:figures")).content.decode()
    assert '<details class="filter-box" open>' in html and "</form></details>" in html
