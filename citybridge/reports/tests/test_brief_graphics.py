"""The charts' and the map's pure parts, and the brief's labels: no database."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from PIL import Image

from citybridge.reports.briefs.words import LANGUAGES, country_name, normalise, words
from citybridge.reports.graphics import maps
from citybridge.reports.graphics.charts import (
    Period,
    axis,
    bars,
    over_time,
    period,
    stacked,
    suppress,
)
from citybridge.reports.graphics.maps import Place, member_map, outlines
from citybridge.reports.graphics.raster import png
from citybridge.support.models import SupportAction

WORDS = {
    "title": "T",
    "people": "people",
    "engagements": "e",
    "per_period": "per period",
    "so_far": "so far",
    "count_note": "(n) = e",
}


def test_counts_under_five_are_suppressed_only_when_asked():
    counted = [("Women", 12), ("Men", 4), ("Other", 0)]
    # Shown by the disclosure rule: under 5 as "<5", the others rounded to 5.
    assert [b.shown for b in suppress(counted, hide_small=True)] == ["10", "<5", "0"]
    assert [b.value for b in suppress(counted, hide_small=True)] == [10, None, 0]
    assert [b.shown for b in suppress(counted, hide_small=False)] == ["12", "4", "0"]


def test_axes_step_in_round_numbers():
    assert axis(235) == (250, 50)
    assert axis(23) == (25, 5)
    assert axis(0) == (1, 1)


def test_charts_escape_what_they_print_and_give_every_mark_a_tooltip():
    svg = bars(suppress([("<b>Kosovo*</b>", 7)], hide_small=False), title="T", unit="people")
    assert "<b>" not in svg and "&lt;b&gt;Kosovo*&lt;/b&gt;: 7 people" in svg
    svg = over_time([Period("Feb 23", 1, 46, 97)], **WORDS)
    assert "<title>Feb 23: 46 people, 1 e</title>" in svg
    assert "<title>Feb 23: 97 so far</title>" in svg


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


def test_the_outlines_are_drawn_once_for_every_map_of_the_same_countries():
    if not outlines():
        pytest.skip("world-atlas was not fetched at set-up (no npm): the map has no outlines")
    countries = {"ME": "Montenegro", "XK": "Kosovo*"}
    maps._layers.cache_clear()
    first = member_map([Place("Danilovgrad", "ME", 42.55, 19.1)], countries, title="Map")
    second = member_map([Place("Kolašin", "ME", 42.82, 19.52)], countries, title="Map")
    assert maps._layers.cache_info().misses == 1
    # Each map has its own dots over the same outlines and names.
    assert "Danilovgrad" in first and "Danilovgrad" not in second
    assert "Kolašin" in second and "Kolašin" not in first
    assert first.count("<path") == second.count("<path") > 2
    assert first.index("<path") < first.index("<circle") < first.index(">Kosovo*</text>")


def test_without_an_outline_the_map_frames_its_places():
    svg = member_map(
        [Place("Alpha", "ZZ", 10.0, 20.0), Place("Beta", "ZZ", 12.0, 24.0)],
        {"ZZ": "Nowhere"},
        title="Map",
    )
    width, height = (float(n) for n in re.findall(r'viewBox="0 0 (\d+) (\d+)"', svg)[0])
    for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg):
        assert 0 < float(x) < width and 0 < float(y) < height


def test_the_brief_speaks_citybridges_seven_languages():
    assert list(LANGUAGES) == ["en", "sq", "sr", "sr-latn", "mk", "bs", "hr"]
    assert normalise("sr_Latn") == "sr-latn" and normalise("sr") == "sr"
    assert normalise("sr-cyrl") == "sr" and normalise("SR-Cyrl") == "sr"  # as it used to be
    assert normalise("hr") == "hr" and normalise(None) == "en"
    with pytest.raises(ValueError):
        normalise("de")
    # From the catalogs, like every page.
    for lang, key_figures in [
        ("mk", "Клучни бројки"),
        ("bs", "Ključni podaci"),
        ("sr", "Кључни показатељи"),
    ]:
        with translation.override(lang):
            assert words()["key_figures"] == key_figures


def test_a_small_count_over_time_is_suppressed_in_the_chart_and_its_tooltips():
    periods = [
        period("Jan 23", 1, 3, 3, hide_small=True),
        period("Feb 23", 2, 12, 15, hide_small=True),
    ]
    assert [(p.people, p.cumulative) for p in periods] == [(None, None), (10, 15)]
    assert [p.people_shown for p in periods] == ["<5", "10"]
    svg = over_time(periods, **WORDS)
    assert "<title>Jan 23: &lt;5 people, 1 e</title>" in svg
    assert ">3<" not in svg and "Jan 23: 3" not in svg
    # The line starts where the count may be shown.
    assert "<title>Feb 23: 15 so far</title>" in svg and "Jan 23: &lt;5 so far" not in svg
    shown = period("Jan 23", 1, 3, 3, hide_small=False)
    assert (shown.people, shown.cumulative) == (3, 3)


def test_every_kind_and_status_of_the_charts_is_in_the_catalogs():
    with translation.override("sr"):
        for choice in [*SupportAction.Kind, *SupportAction.Status]:
            assert not re.search(r"[A-Za-z]", str(choice.label)), choice
    with translation.override("mk"):
        assert country_name("AT", "Austria") == "Austria"  # outside the region: as recorded


def test_long_row_labels_are_given_room_or_clipped_never_spilled():
    svg = stacked(
        [("Грант од Фондот за техничка поддршка", [1, 2])],
        ["Одобрено", "Завршено"],
        title="T",
        unit="u",
    )
    assert ">Грант од Фондот за техничка поддршка</text>" in svg
    svg = bars(suppress([("x" * 80, 7)], hide_small=False), title="T", unit="u")
    assert "…</text>" in svg and ("x" * 80) + ": 7 u" in svg  # the tooltip keeps it whole


def test_a_chart_drawn_as_a_picture_for_word_is_print_sharp():
    svg = bars(suppress([("Жени", 12)], hide_small=True), title="T", unit="u")
    data = png(svg, width_mm=50.8, dpi=200)
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG" and picture.width == 400
