"""Publishing a brief: one atomic write that freezes its numbers and files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from citybridge.accounts.history import records_acting_user
from citybridge.accounts.models import User
from citybridge.network.models import Funder, Hub
from citybridge.reports.briefs.assemble import Brief, assemble_brief
from citybridge.reports.briefs.render import render_article, render_docx, render_pdf
from citybridge.reports.models import PublishedBrief


def snapshot(brief: Brief) -> dict[str, dict]:
    """Each figure as published: what it said, how it was defined, the records behind it."""
    return {
        f.key: {
            "label": f.label,
            "value": f.value,
            "definition": f.definition,
            "definition_version": brief.definition_version,
            "record_model": f.record_model,
            "record_ids": list(f.record_ids),
        }
        for f in brief.figures
    }


# The steps of publishing, in order, as told to `progress`.
STEPS = ("figures", "article", "pdf", "docx", "saving")


@records_acting_user
def publish_brief(
    hub: Hub,
    start: dt.date,
    end: dt.date,
    *,
    funder: Funder | None = None,
    lang: str = "en",
    acting_user: User | None,
    progress: Callable[[str], None] = lambda step: None,
) -> PublishedBrief:
    """Assemble the brief from the records as they are now, render it, and keep it all.

    One INSERT at the end is the only write: no transaction is held open through the seconds of
    PDF layout, during which every other writer would wait on SQLite."""
    progress("figures")
    brief = assemble_brief(hub, start, end, funder=funder, lang=lang)
    progress("article")
    article = render_article(brief)
    progress("pdf")
    pdf = render_pdf(brief, article)
    progress("docx")
    docx = render_docx(brief)
    progress("saving")
    return PublishedBrief.objects.create(
        hub=hub,
        starts_on=start,
        ends_on=end,
        funder=funder,
        funder_name=brief.funder_name,
        lang=brief.lang,
        title=f"{brief.title} · {brief.period}",
        definition_version=brief.definition_version,
        figures=snapshot(brief),
        article=article,
        pdf=pdf,
        docx=docx,
        published_by=acting_user,
        published_at=timezone.now(),
    )
