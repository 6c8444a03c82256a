"""Small SVG charts: columns over time, horizontal bars, stacked bars.

Each function takes plain values and returns SVG markup; nothing here reads the database.
Counts of people follow the disclosure rule (accounts.disclosure) in anything a donor sees:
under `SMALL_CELL` suppressed ("<5"), the others rounded to 5 (`period`, `suppress`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from citybridge.accounts.disclosure import SMALL as SMALL_CELL
from citybridge.accounts.disclosure import people_count

# Each at least 4.5:1 against white (test_chart_contrast): a bar or line stands out from the page
# (3:1 asked of graphics, WCAG 1.4.11) and the white counts printed inside columns and stacked
# segments read as text (4.5:1, WCAG 1.4.3). The lighter teal, orange and green they replace
# measured 3.3, 2.2 and 2.4:1.
BACKGROUND, LABEL_ON_FILL = "#ffffff", "#fff"
PALETTE = ["#1d4f6e", "#1f7a6f", "#b35c00", "#b0432c", "#7b6d8d", "#4e7a3d", "#5b7088"]
INK, MUTED, GRID = "#0b0c0c", "#505a5f", "#d8dcde"
# The stripes of a suppressed count: a graphic too (its "<5" is printed beside it).
HATCH = "#767676"
FONT = 'font-family="DejaVu Sans, Noto Sans, system-ui, sans-serif"'
_ids = itertools.count(1)
# Average advance of a character of DejaVu Sans, in ems: a generous estimate, since the chart is
# laid out before any font is at hand.
CHAR_EM = 0.6


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: suppressed, fewer than SMALL_CELL
    shown: str  # what is printed: "42", or "<5"


@dataclass(frozen=True)
class Period:
    label: str  # "Feb 2023"
    engagements: int
    people: int | None  # distinct people engaged in the bucket; None: suppressed
    cumulative: int | None  # distinct people engaged up to the end of the bucket; None: suppressed

    @property
    def people_shown(self) -> str:
        return f"<{SMALL_CELL}" if self.people is None else str(self.people)

    @property
    def cumulative_shown(self) -> str:
        return f"<{SMALL_CELL}" if self.cumulative is None else str(self.cumulative)


def period(
    label: str, engagements: int, people: int, cumulative: int, *, hide_small: bool
) -> Period:
    """A Period whose people counts are shown by the disclosure rule when `hide_small`: a month
    with three people in it would single them out as surely as a bar would, and so would two
    running totals 26 and 27 around it."""

    def kept(n: int) -> int | None:
        return people_count(n) if hide_small else n

    return Period(label, engagements, kept(people), kept(cumulative))


def suppress(counts: Iterable[tuple[str, int]], *, hide_small: bool) -> list[Bar]:
    """Bars for (label, count) pairs; when `hide_small` each count is shown by the disclosure
    rule ("<5" from 1 to 4, else rounded to 5), so a donor cannot single out a handful of people."""
    bars = []
    for label, count in counts:
        shown = people_count(count) if hide_small else count
        if shown is None:
            bars.append(Bar(label, None, f"<{SMALL_CELL}"))
        else:
            bars.append(Bar(label, shown, str(shown)))
    return bars


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    uid = f"chart-{next(_ids)}"
    return mark_safe(  # noqa: S308 (every text in body went through escape)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}" {FONT}>'
        f'<title id="{uid}">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def axis(value: int, ticks: int = 5) -> tuple[int, int]:
    """(top, step) of an axis reaching `value` in about `ticks` round steps (1, 2 or 5 × 10^n)."""
    rough = max(value, 1) / ticks
    magnitude = 10 ** max(len(str(int(rough))) - 1, 0)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return step * -(-max(value, 1) // step), step


def over_time(
    periods: Sequence[Period],
    *,
    title: str,
    people: str,
    engagements: str,
    per_period: str,
    so_far: str,
    count_note: str,
) -> SafeString:
    """Columns: people engaged in each period; a line: people engaged so far; under each
    column the number of engagements. A suppressed count is a hatched stub with "<5", and the
    line leaves out a suppressed point. The words come in the brief's language: `people` is the
    axis unit, `per_period` and `so_far` the legend, `count_note` explains the "(n)"."""
    width, height = 640, 236
    left, right, top, bottom = 40, 50, 20, 52
    if not periods:
        return _svg(width, 60, title, [_text(10, 30, "—", MUTED)])
    plot_w, plot_h = width - left - right, height - top - bottom
    peak, tick = axis(max([p.cumulative or 0 for p in periods] + [p.people or 0 for p in periods]))
    step = plot_w / len(periods)
    col = min(step * 0.6, 34)
    hatch = f"hatch-{next(_ids)}"
    body = [_hatch(hatch), *_grid(left, top, plot_w, plot_h, peak, tick)]
    body.append(_text(2, top - 9, people, MUTED, 9))  # the axis unit, over its numbers
    points = []
    every = max(1, round(len(periods) / 12))
    for i, p in enumerate(periods):
        x = left + step * i + step / 2
        h = plot_h * p.people / peak if p.people is not None else 6.0
        y = top + plot_h - h
        tip = f"{p.label}: {p.people_shown} {people}, {p.engagements} {engagements}"
        fill = PALETTE[1] if p.people is not None else f"url(#{hatch})"
        body.append(
            f'<rect x="{x - col / 2:.1f}" y="{y:.1f}" width="{col:.1f}" height="{h:.1f}" '
            f'fill="{fill}"><title>{escape(tip)}</title></rect>'
        )
        if p.people and h > 16:
            # Inside the column's top: where the line starts, its dot sits on the column.
            body.append(_text(x, y + 12, p.people_shown, LABEL_ON_FILL, 9, "middle", 700))
        elif p.people != 0:
            body.append(_text(x, y - 4, p.people_shown, INK, size=9, anchor="middle"))
        if i % every == 0:
            body.append(_text(x, top + plot_h + 14, p.label, MUTED, size=9, anchor="middle"))
            body.append(_text(x, top + plot_h + 26, f"({p.engagements})", MUTED, 8, "middle"))
        if p.cumulative is not None:
            cy = top + plot_h - plot_h * p.cumulative / peak
            points.append((x, cy, p))
    if points:
        line = " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in points)
        body.append(
            f'<polyline points="{line}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
        )
    for x, y, p in points:
        tip = f"{p.label}: {p.cumulative_shown} {so_far}"
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PALETTE[0]}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    if points:
        last_x, last_y, last = points[-1]
        body.append(
            _text(last_x + 8, last_y + 4, last.cumulative_shown, PALETTE[0], 13, weight=700)
        )
    legend_y = height - 10
    body += [
        f'<rect x="{left}" y="{legend_y - 8}" width="10" height="10" fill="{PALETTE[1]}"/>',
        _text(left + 14, legend_y + 1, per_period, INK, 10),
        f'<line x1="{left + 200}" y1="{legend_y - 3}" x2="{left + 220}" y2="{legend_y - 3}" '
        f'stroke="{PALETTE[0]}" stroke-width="2.5"/>',
        _text(left + 224, legend_y + 1, so_far, INK, 10),
        _text(left + 400, legend_y + 1, count_note, MUTED, 10),
    ]
    return _svg(width, height, title, body)


def bars(items: Sequence[Bar], *, title: str, unit: str, color: str = PALETTE[0]) -> SafeString:
    """Horizontal bars, one row per item; a suppressed item is drawn as a hatched stub."""
    row, width = 26, 420
    label_w = _label_width([b.label for b in items], most=200)
    height = max(row * len(items) + 10, 40)
    plot_w = width - label_w - 50
    peak = max([b.value or 0 for b in items] + [1])
    hatch = f"hatch-{next(_ids)}"
    body = [_hatch(hatch)]
    for i, b in enumerate(items):
        y = 5 + i * row
        w = plot_w * (b.value or 0) / peak if b.value is not None else 12
        fill = color if b.value is not None else f"url(#{hatch})"
        tip = f"{b.label}: {b.shown} {unit}"
        body.append(_text(label_w - 8, y + 15, _clip(b.label, label_w), INK, 11, "end"))
        body.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row - 8}" '
            f'fill="{fill}"><title>{escape(tip)}</title></rect>'
        )
        body.append(_text(label_w + max(w, 1) + 5, y + 15, b.shown, INK, 11, weight=700))
    return _svg(width, height, title, body)


def stacked(
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[str],
    *,
    title: str,
    unit: str,
    colors: Sequence[str] = (),
) -> SafeString:
    """Horizontal stacked bars: one row per label, one segment per series (e.g. kind × status);
    `colors` gives each series its own colour, so a status looks the same on every page."""
    colors = list(colors) or [PALETTE[j % len(PALETTE)] for j in range(len(series))]
    row, width = 26, 640
    label_w = _label_width([label for label, _v in rows], most=260)
    legend_h = 20 * ((len(series) + 3) // 4) + 6
    height = max(row * len(rows), row) + legend_h + 8
    plot_w = width - label_w - 40
    peak = max([sum(v) for _l, v in rows] + [1])
    body = []
    for i, (label, values) in enumerate(rows):
        y = 4 + i * row
        x = float(label_w)
        body.append(_text(label_w - 8, y + 15, _clip(label, label_w), INK, 11, "end"))
        for j, v in enumerate(values):
            if not v:
                continue
            w = plot_w * v / peak
            tip = f"{label} — {series[j]}: {v} {unit}"
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                f'fill="{colors[j]}" stroke="#fff" stroke-width="1">'
                f"<title>{escape(tip)}</title></rect>"
            )
            if w > 14:
                body.append(_text(x + w / 2, y + 15, str(v), LABEL_ON_FILL, 10, "middle", 700))
            x += w
        body.append(_text(x + 5, y + 15, str(sum(values)), INK, 11, weight=700))
    ly = max(row * len(rows), row) + 14
    for j, name in enumerate(series):
        lx = 10 + (j % 4) * 155
        yy = ly + (j // 4) * 20
        body.append(f'<rect x="{lx}" y="{yy - 9}" width="10" height="10" fill="{colors[j]}"/>')
        body.append(_text(lx + 14, yy, _clip(name, 135, size=10), INK, 10))
    return _svg(width, height, title, body)


def _hatch(uid: str) -> str:
    """The grey hatching of a suppressed count."""
    return (
        f'<defs><pattern id="{uid}" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="2" height="5" fill="{HATCH}"/></pattern></defs>'
    )


def _grid(left: float, top: float, w: float, h: float, peak: int, tick: int) -> list[str]:
    out = []
    for value in range(0, peak + 1, tick):
        y = top + h - h * value / peak
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + w}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        out.append(_text(left - 6, y + 3, str(value), MUTED, 9, "end"))
    return out


def _text(
    x: float,
    y: float,
    text: str,
    fill: str,
    size: int = 10,
    anchor: str = "start",
    weight: int = 400,
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{fill}" font-size="{size}" '
        f'text-anchor="{anchor}" font-weight="{weight}">{escape(text)}</text>'
    )


def _label_width(labels: Sequence[str], *, most: int, size: int = 11) -> int:
    """Room for the longest row label (translations run longer than English), within `most`."""
    longest = max((len(t) for t in labels), default=0)
    return max(80, min(most, round(longest * size * CHAR_EM) + 14))


def _clip(text: str, room: float, size: int = 11) -> str:
    """The text cut with "…" to fit `room` pixels at `size`."""
    n = max(4, int((room - 10) / (size * CHAR_EM)))
    return text if len(text) <= n else text[: n - 1] + "…"
