"""The charts' colours against what they are drawn on, by WCAG 2.2's relative luminance: a bar,
line, segment or dot at least 3:1 (1.4.11 non-text contrast), a count printed in white inside a
column or segment at least 4.5:1 (1.4.3). A future palette change cannot slip under either."""

from __future__ import annotations

import re

import pytest
from django.conf import settings

from citybridge.reports.briefs.assemble import STATUS_COLORS
from citybridge.reports.graphics import charts, maps

GRAPHIC, TEXT = 3.0, 4.5


def luminance(hex_colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour written #rgb or #rrggbb."""
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_gives_wcags_known_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21.0)
    assert contrast("#fff", "#fff") == pytest.approx(1.0)
    # The measurements of the colours replaced: white on teal, orange and green on white.
    assert contrast("#fff", "#2a9d8f") == pytest.approx(3.3, abs=0.05)
    assert contrast("#e9a23b", "#fff") == pytest.approx(2.2, abs=0.05)
    assert contrast("#8ab17d", "#fff") == pytest.approx(2.4, abs=0.05)


@pytest.mark.parametrize("colour", [*charts.PALETTE, *STATUS_COLORS.values()])
def test_every_chart_colour_stands_out_and_carries_white_counts(colour):
    assert contrast(colour, charts.BACKGROUND) >= GRAPHIC, colour
    # Columns (people per period) and stacked segments (support by status) print their count
    # in white inside: small bold text.
    assert contrast(charts.LABEL_ON_FILL, colour) >= TEXT, colour


def test_suppressed_counts_hatching_and_text_colours_read_on_white():
    assert contrast(charts.HATCH, charts.BACKGROUND) >= GRAPHIC
    for ink in (charts.INK, charts.MUTED):
        assert contrast(ink, charts.BACKGROUND) >= TEXT


@pytest.mark.parametrize("ground", [maps.SEA, maps.LAND, maps.NEIGHBOUR])
def test_a_citys_dot_stands_out_from_land_and_sea(ground):
    assert contrast(maps.DOT, ground) >= GRAPHIC, ground


def test_the_priorities_heat_map_levels_stand_out_and_their_counts_read():
    """The heat map's cells are coloured by CSS in its template: each level's fill at 3:1 against
    the page, its count at 4.5:1 against the fill."""
    template = (settings.BASE_DIR / "templates/needs/regional_priorities.html").read_text()
    levels = re.findall(r"\.l(\d) \{ background: (#[0-9a-f]+); color: (#[0-9a-f]+); \}", template)
    assert len(levels) >= 3, "the heat map's level colours moved: read them here again"
    for level, fill, ink in levels:
        assert contrast(fill, charts.BACKGROUND) >= GRAPHIC, level
        assert contrast(ink, fill) >= TEXT, level
