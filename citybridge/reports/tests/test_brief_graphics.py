"""The charts' and the map's pure parts, and the brief's labels: no database."""

from __future__ import annotations

import pytest

from citybridge.reports.briefs.labels import label, normalise
from citybridge.reports.graphics.charts import Period, axis, bars, over_time, suppress
from citybridge.reports.graphics.maps import Place, member_map, outlines


def test_counts_under_five_are_suppressed_only_when_asked():
    counted = [("Women", 12), ("Men", 4), ("Other", 0)]
    assert [b.shown for b in suppress(counted, hide_small=True)] == ["12", "<5", "0"]
    assert [b.value for b in suppress(counted, hide_small=True)] == [12, None, 0]
    assert [b.shown for b in suppress(counted, hide_small=False)] == ["12", "4", "0"]


def test_axes_step_in_round_numbers():
    assert axis(235) == (250, 50)
    assert axis(23) == (25, 5)
    assert axis(0) == (1, 1)


def test_charts_escape_what_they_print_and_give_every_mark_a_tooltip():
    svg = bars(suppress([("<b>Kosovo*</b>", 7)], hide_small=True), title="T", unit="people")
    assert "<b>" not in svg and "&lt;b&gt;Kosovo*&lt;/b&gt;: 7 people" in svg
    svg = over_time([Period("Feb 23", 1, 46, 97)], title="T", people="people", engagements="e")
    assert "<title>Feb 23: 46 people, 1 e</title>" in svg


def test_the_map_has_kosovo_and_places_the_cities():
    if not outlines():
        pytest.skip("world-atlas was not fetched at set-up (no npm): the map has no outlines")
    assert {"AL", "BA", "ME", "MK", "RS", "XK"} <= set(outlines())
    svg = member_map(
        [Place("Danilovgrad", "ME", 42.55, 19.1)],
        {"ME": "Montenegro", "XK": "Kosovo*"},
        title="Member cities",
    )
    assert "<title>Danilovgrad, Montenegro</title>" in svg
    assert ">Kosovo*</text>" in svg


def test_labels_in_the_regions_languages():
    assert normalise("sr_Latn") == "sr-latn" and normalise("sr") == "sr-cyrl"
    with pytest.raises(ValueError):
        normalise("de")
    assert label("raised_by", "sr-cyrl", n=3, m=51) == "изнео 3 од 51 градова чланица"
    assert label("key_figures", "mk") == "Клучни бројки"
    assert label("key_figures", "bs") == "Ključni podaci"
