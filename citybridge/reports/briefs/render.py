"""A Brief as a web page, a standalone HTML file, a PDF and an editable Word document.

The web page, the HTML file and the PDF share one template (reports/brief_article.html);
the PDF adds the print stylesheet and WeasyPrint lays it out with the machine's fonts. The
Word document fills a docxtpl template (brief_template.docx, made by make_docx_template.py)
that an officer may restyle in Word.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from citybridge.reports.briefs.assemble import Brief, Charts
from citybridge.reports.graphics import charts, maps

DOCX_TEMPLATE = Path(__file__).resolve().parent / "brief_template.docx"
FORMATS = {
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}


def graphics(brief: Brief) -> dict[str, SafeString]:
    return chart_graphics(brief.charts, brief.words, brief.places, brief.countries)


def chart_graphics(
    data: Charts, w: dict[str, str], places: list[maps.Place], countries: dict[str, str]
) -> dict[str, SafeString]:
    """The SVG of every chart and the map, for a brief or the hub home."""
    return {
        "over_time": charts.over_time(
            data.over_time, title=w["over_time"], people=w["people"], engagements=w["engagements"]
        ),
        "by_country": charts.bars(data.by_country, title=w["by_country"], unit=w["people"]),
        "by_gender": charts.bars(
            data.by_gender, title=w["by_gender"], unit=w["people"], color=charts.PALETTE[1]
        ),
        "support": charts.stacked(
            data.support_rows,
            data.support_series,
            title=w["support_chart"],
            unit=w["support_actions"],
            colors=data.support_colors,
        ),
        "map": maps.member_map(places, countries, title=w["map"], width=520),
    }


def render_article(brief: Brief) -> str:
    """The brief itself, for a page of the site and for the files."""
    return render_to_string("reports/brief_article.html", {"brief": brief, "g": graphics(brief)})


def stylesheet(*names: str) -> str:
    texts = []
    for name in names:
        path = finders.find(f"citybridge/{name}")
        texts.append(Path(str(path)).read_text() if path else "")
    return "\n".join(texts)


def document(article: str, *, lang: str, title: str, printed: bool = False) -> str:
    """A standalone HTML document around an article: styles inline, nothing to fetch."""
    sheets = ("brief.css", "brief-print.css") if printed else ("brief.css",)
    return render_to_string(
        "reports/brief_document.html",
        {
            "lang": lang,
            "title": title,
            "article": mark_safe(article),  # noqa: S308 (rendered by our own template)
            "css": mark_safe(stylesheet(*sheets)),  # noqa: S308 (our own files)
        },
    )


def render_html(brief: Brief, article: str | None = None) -> str:
    return document(
        article if article is not None else render_article(brief),
        lang=brief.lang,
        title=f"{brief.title} · {brief.period}",
    )


def pdf_of(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def render_pdf(brief: Brief, article: str | None = None) -> bytes:
    return pdf_of(
        document(
            article if article is not None else render_article(brief),
            lang=brief.lang,
            title=f"{brief.title} · {brief.period}",
            printed=True,
        )
    )


def docx_context(brief: Brief) -> dict:
    w = brief.words
    return {
        "w": w,
        "title": brief.title,
        "hub": brief.hub_name,
        "period": brief.period,
        "intro": brief.intro,
        "figures": [{"value": f.value, "label": w[f.key]} for f in brief.figures],
        "figures_note": w["figures_note"].replace("%(version)s", brief.definition_version),
        "quote": brief.quotes[0] if brief.quotes else None,
        "quote2": brief.quotes[1] if len(brief.quotes) > 1 else None,
        "more_quotes": brief.quotes[2:3],
        "priorities": brief.priorities,
        "stories": brief.stories,
        "support_summary": brief.support_summary,
        "support_more": brief.support_more,
        "voices_more": brief.voices_more,
        "voices": brief.voices,
        "by_country": brief.charts.by_country,
        "by_gender": brief.charts.by_gender,
        "support_rows": [
            {"label": label, "cells": [str(v) for v in values], "total": sum(values)}
            for label, values in brief.charts.support_rows
        ],
        "support_series": brief.charts.support_series,
        "contact_text": brief.contact_text,
        "contact_name": brief.contact_name,
        "contact_title": brief.contact_title,
        "contact_email": brief.contact_email,
        "contact_address": brief.contact_address,
        "acknowledgements": brief.acknowledgements,
        "kosovo": w["kosovo"] if brief.lists_kosovo else "",
    }


def render_docx(brief: Brief) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(DOCX_TEMPLATE))
    template.render(docx_context(brief), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def render_as(brief: Brief, fmt: str) -> bytes:
    if fmt == "html":
        return render_html(brief).encode()
    if fmt == "pdf":
        return render_pdf(brief)
    if fmt == "docx":
        return render_docx(brief)
    raise ValueError(f"No brief format '{fmt}'. Choose html, pdf or docx.")


def file_name(brief: Brief, fmt: str) -> str:
    return f"brief-{brief.hub_slug}-{brief.start.isoformat()}-{brief.end.isoformat()}-{brief.lang}.{fmt}"
