"""Imports point one way, in the order the README states: an app may import from the apps before
it, never from its own rank or after (tests and migrations aside). Function-level imports count
too: hiding an import inside a function does not change which way it points."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
README = PACKAGE.parent / "README.md"


def ranks() -> dict[str, int]:
    line = re.search(r"^Imports point one way: (.+)\.$", README.read_text(), re.MULTILINE)
    assert line, "README.md states the import order on one line"
    return {
        app.strip(): rank
        for rank, group in enumerate(line.group(1).split("←"))
        for app in group.split(",")
    }


def imports_of(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def wrong_way(rank: dict[str, int]) -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        app = parts[0]
        if len(parts) < 2 or app not in rank or {"tests", "migrations"} & set(parts):
            continue
        for line, module in imports_of(path):
            target = module.split(".")
            if target[0] != "citybridge" or len(target) < 2 or target[1] == app:
                continue
            if target[1] in rank and rank[target[1]] >= rank[app]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {app} imports {target[1]}")
    return wrong


def test_every_app_is_in_the_order():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")} | {"lib"}
    assert apps <= set(ranks()), f"not in README's import order: {apps - set(ranks())}"


def test_imports_point_one_way():
    assert wrong_way(ranks()) == []


def test_the_check_sees_an_import_against_the_order():
    """The check itself can fail: with network ranked above engagement, engagement's imports of
    network are caught."""
    rank = ranks()
    swapped = rank | {"network": rank["engagement"] + 1}
    assert any(" engagement imports network" in w for w in wrong_way(swapped))
