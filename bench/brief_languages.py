"""Is the demo brief wholly in its language? For each of CityBridge's languages, render the
demonstration brief (HTML) and list the brief's own sentences still in English (texts people
wrote in records are marked with their language and not counted), and the hub's and funder's
texts that fell back to another language.

    CITYBRIDGE_VAR_DIR=var/demo .venv/bin/python bench/brief_languages.py [--from 2022-11-10 --to 2023-12-31]

Uses the database of CITYBRIDGE_VAR_DIR, which must hold the demonstration (`citybridge demo`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")


def main() -> int:
    import django

    django.setup()
    from citybridge.network.models import Hub
    from citybridge.reports.briefs.assemble import assemble_brief
    from citybridge.reports.briefs.render import render_article
    from citybridge.reports.briefs.wording import english_leftovers
    from citybridge.reports.briefs.words import LANGUAGES

    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="start", default="2022-11-10")
    parser.add_argument("--to", dest="end", default="2023-12-31")
    args = parser.parse_args()
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    hub = Hub.objects.get(slug="western-balkans")
    english = render_article(assemble_brief(hub, start, end, lang="en"))
    failed = 0
    for lang in LANGUAGES:
        brief = assemble_brief(hub, start, end, lang=lang)
        left = english_leftovers(render_article(brief), lang, english)
        own = [brief.hub_name, brief.mission, brief.contact_title, *brief.acknowledgements]
        own += [s.text for s in brief.stories if s.approved]
        fell_back = [str(t)[:60] for t in own if t and getattr(t, "lang", lang) != lang]
        if lang != "en" and fell_back:
            left += [f"(hub text in {t})" for t in fell_back]
        verdict = "pass" if not left else f"{len(left)} English"
        failed += bool(left)
        print(f"{lang:8} {verdict}")
        for text in left:
            print(f"    {text}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
