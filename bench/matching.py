"""Matching benchmark: how well CityBridge ranks the practices that truly fit a need.

Reads the labelled needs of bench/data/matching_eval.json (several languages and scripts) and
ranks the demonstration's practice library (citybridge/demo/library.py) for each with the
same scoring the pages and `citybridge match` use. Prints recall@5 and nDCG@5, for a need with
its theme (how an officer records it) and for its words alone (free text), and the needs whose
fitting practices were missed. No database is needed.

    .venv/bin/python bench/matching.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")

import django  # noqa: E402

django.setup()

from citybridge.demo.library import PRACTICES  # noqa: E402
from citybridge.matching.scoring import NeedProfile, PracticeProfile, rank_practices  # noqa: E402
from citybridge.practices.search import search_key  # noqa: E402

K = 5
DATA = Path(__file__).resolve().parent / "data" / "matching_eval.json"


def library() -> tuple[list[PracticeProfile], dict[str, int]]:
    """The demo practices as the matcher sees them (the same text the library keys)."""
    theme_ids: dict[str, int] = {}
    profiles = []
    for n, p in enumerate(PRACTICES, start=1):
        ids = {theme_ids.setdefault(slug, len(theme_ids) + 1) for slug in p.themes}
        translated = " ".join(f"{t} {s}" for t, s in p.translations.values())
        text = " ".join([p.title, p.summary, p.done, p.city, translated])
        profiles.append(
            PracticeProfile(
                id=n,
                title=p.title,
                theme_ids=ids,
                theme_names={},
                key=search_key(text) + " " + search_key(p.results),
                target_groups=set(p.targets),
                evidence=p.evidence,
                country=p.country,
                city_name=p.city,
                human_rights_based=bool(p.rights),
                human_rights_reason=p.rights,
                gender_sensitive=bool(p.gender),
                gender_reason=p.gender,
            )
        )
    return profiles, theme_ids


def dcg(hits: list[bool]) -> float:
    return sum(1 / math.log2(i + 2) for i, hit in enumerate(hits) if hit)


def evaluate(needs: list[dict], with_theme: bool, verbose: bool) -> tuple[float, float]:
    profiles, theme_ids = library()
    titles = {p.title for p in profiles}
    recalls, ndcgs = [], []
    for need in needs:
        unknown = set(need["relevant"]) - titles
        if unknown:
            raise SystemExit(f"Need {need['id']}: no practice titled {sorted(unknown)}.")
        theme = need["theme"] if with_theme else ""
        profile = NeedProfile(
            theme_id=theme_ids.get(theme) if theme else None,
            theme_name=theme.replace("-", " "),
            text=need["text"],
            country=need["country"],
            languages={need["language"]},
        )
        ranked = [s.label for s in rank_practices(profile, profiles, K)]
        relevant = set(need["relevant"])
        hits = [title in relevant for title in ranked]
        recalls.append(sum(hits) / min(len(relevant), K))
        ndcgs.append(dcg(hits) / dcg([True] * min(len(relevant), K)))
        if verbose and recalls[-1] < 1:
            missed = sorted(relevant - set(ranked))
            print(f"  need {need['id']} ({need['language']}): missed {missed}; top {ranked}")
    return sum(recalls) / len(recalls), sum(ndcgs) / len(ndcgs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="List the needs with misses.")
    args = parser.parse_args()
    needs = json.loads(DATA.read_text())["needs"]
    languages = sorted({n["language"] for n in needs})
    print(
        f"Matching benchmark: {len(needs)} labelled needs ({', '.join(languages)}), "
        f"{len(PRACTICES)} practices."
    )
    for label, with_theme in (("theme + words", True), ("words only", False)):
        recall, ndcg = evaluate(needs, with_theme, args.verbose)
        print(f"{label:>14}: recall@{K} = {recall:.3f}   nDCG@{K} = {ndcg:.3f}")


if __name__ == "__main__":
    main()
