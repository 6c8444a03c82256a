"""Regional priorities: themes ranked by how many cities raise them, and the city × theme grid.

Pure arithmetic over plain rows, so the page, the brief and the tests share one definition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NeedRow:
    """One need, as the grid sees it."""

    need_id: int
    city_id: int
    theme_id: int
    priority: str
    is_open: bool


@dataclass
class ThemeRank:
    theme_id: int
    cities: set[int] = field(default_factory=set)
    member_cities: set[int] = field(default_factory=set)
    needs: int = 0
    high: int = 0
    open: int = 0


@dataclass
class Cell:
    needs: int = 0
    high: int = 0
    open: int = 0

    @property
    def level(self) -> int:
        """The shade of the heat map, one measure only: 0 none, 1 one need, 2 two, 3 three or
        more. A high priority is a mark of its own (`has_high`), never a darker shade: a dark
        cell holding "1" read as three needs."""
        return min(self.needs, 3)

    @property
    def has_high(self) -> bool:
        return self.high > 0


def rank_themes(rows: Iterable[NeedRow], member_ids: set[int]) -> list[ThemeRank]:
    """Themes by the number of distinct cities that raised them, then by high-priority needs.

    A city that raised a theme three times counts once; `member_cities` keeps only the cities
    that are members (the brief's "14 of 51 member cities").
    """
    ranks: dict[int, ThemeRank] = {}
    for row in rows:
        rank = ranks.setdefault(row.theme_id, ThemeRank(row.theme_id))
        rank.cities.add(row.city_id)
        if row.city_id in member_ids:
            rank.member_cities.add(row.city_id)
        rank.needs += 1
        rank.high += row.priority == "high"
        rank.open += row.is_open
    return sorted(ranks.values(), key=lambda r: (-len(r.cities), -r.high, -r.needs, r.theme_id))


def grid(rows: Iterable[NeedRow]) -> dict[tuple[int, int], Cell]:
    """(city id, theme id) -> the needs behind that cell."""
    cells: dict[tuple[int, int], Cell] = defaultdict(Cell)
    for row in rows:
        cell = cells[(row.city_id, row.theme_id)]
        cell.needs += 1
        cell.high += row.priority == "high"
        cell.open += row.is_open
    return dict(cells)
