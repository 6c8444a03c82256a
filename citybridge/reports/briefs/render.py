"""A Brief as a web page, a standalone HTML file, a PDF and an editable Word document.

The web page, the HTML file and the PDF share one template (reports/brief_article.html);
the PDF adds the print stylesheet and WeasyPrint lays it out with the machine's fonts. The
Word document fills a docxtpl template (brief_template.docx, made by tools/make_docx_template.py)
that an officer may restyle in Word.
"""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from citybridge.reports.briefs.assemble import Brief, Charts
from citybridge.reports.graphics import charts, maps, raster

logger = logging.getLogger(__name__)
DOCX_TEMPLATE = Path(__file__).resolve().parent / "brief_template.docx"
# Widths of the pictures in the Word document, in mm: an A4 page's text is about 160 mm wide.
DOCX_WIDTHS = {"over_time": 160, "by_country": 110, "by_gender": 110, "support": 160, "map": 75}
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
            data.over_time,
            title=w["over_time"],
            people=w["people"],
            engagements=w["engagements"],
            per_period=w["per_period"],
            so_far=w["so_far"],
            count_note=w["n_engagements"],
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
    """The brief itself, for a page of the site and for the files, wholly in its language."""
    with translation.override(brief.lang):
        return render_to_string(
            "reports/brief_article.html", {"brief": brief, "g": graphics(brief)}
        )


def stylesheet(*names: str) -> str:
    texts = []
    for name in names:
        path = finders.find(f"citybridge/{name}")
        texts.append(Path(str(path)).read_text() if path else "")
    return "\n".join(texts)


def document(article: str, *, lang: str, title: str, printed: bool = False) -> str:
    """A standalone HTML document around an article: styles inline, nothing to fetch."""
    sheets = ("brief.css", "brief-print.css") if printed else ("brief.css",)
    with translation.override(lang):
        return _document(article, lang, title, sheets)


def _document(article: str, lang: str, title: str, sheets: tuple[str, ...]) -> str:
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


# Word 2016 and later draw a picture's SVG, kept beside its PNG, through this extension of the
# picture's blip; older versions and other programs show the PNG.
SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def docx_pictures(brief: Brief, template) -> tuple[dict, dict[str, tuple[str, str]]]:
    """The charts and the map as pictures for the Word template ({{ pictures.map }} and so
    on), and by the SHA-1 of each PNG, its alternative text and its SVG."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    if not raster.available():
        logger.warning("No cairo library: the Word brief is written without its charts and map.")
        return {}, {}
    w = brief.words
    titles = {
        "over_time": w["over_time"],
        "by_country": w["by_country"],
        "by_gender": w["by_gender"],
        "support": w["support_chart"],
        "map": f"{w['map']} ({len(brief.places)})",
    }
    pictures, found = {}, {}
    for key, svg in graphics(brief).items():
        data = raster.png(svg, width_mm=DOCX_WIDTHS[key])
        pictures[key] = InlineImage(template, io.BytesIO(data), width=Mm(DOCX_WIDTHS[key]))
        found[hashlib.sha1(data, usedforsecurity=False).hexdigest()] = (titles[key], str(svg))
    return pictures, found


def finish_pictures(document, found: dict[str, tuple[str, str]]) -> None:
    """Give each chart its title as alternative text (for screen readers and Word's
    accessibility check) and its SVG beside the PNG, so Word prints it as sharp as the PDF.
    Pictures are found by content, so an officer may move them about in the template."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import qn
    from lxml import etree

    part = document.part
    for described in part.element.body.iter(qn("wp:docPr")):
        blip = next(described.getparent().iter(qn("a:blip")), None)
        image = part.related_parts.get(blip.get(qn("r:embed"))) if blip is not None else None
        if image is None:
            continue
        digest = hashlib.sha1(image.blob, usedforsecurity=False).hexdigest()
        if digest not in found:
            continue
        alt, svg = found[digest]
        described.set("descr", alt)
        name = PackURI(part.package.next_partname("/word/media/chart%d.svg"))
        svg_part = Part(name, "image/svg+xml", svg.encode(), part.package)
        extensions = etree.SubElement(blip, qn("a:extLst"))
        extension = etree.SubElement(extensions, qn("a:ext"), uri=SVG_BLIP_URI)
        svg_blip = etree.SubElement(
            extension, f"{{{SVG_NAMESPACE}}}svgBlip", nsmap={"asvg": SVG_NAMESPACE}
        )
        svg_blip.set(qn("r:embed"), part.relate_to(svg_part, RELATIONSHIP_TYPE.IMAGE))


def docx_context(brief: Brief, pictures: dict | None = None) -> dict:
    w = brief.words
    return {
        "pictures": pictures or {},
        "w": w,
        "title": brief.title,
        "hub": brief.hub_name,
        "period": brief.period,
        "intro": brief.intro,
        "figures": [{"value": f.value, "label": f.label} for f in brief.figures],
        "figures_note": w["figures_note"],
        "quote": brief.quotes[0] if brief.quotes else None,
        "quote2": brief.quotes[1] if len(brief.quotes) > 1 else None,
        "more_quotes": brief.quotes[2:3],
        "priorities": brief.priorities,
        "stories": brief.stories,
        "support_summary": brief.support_summary,
        "support_more": brief.support_more,
        "voices_more": brief.voices_more,
        "voices": brief.voices,
        "over_time": brief.charts.over_time,
        "places": len(brief.places),
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
    with translation.override(brief.lang):
        pictures, found = docx_pictures(brief, template)
        template.render(docx_context(brief, pictures), autoescape=True)
    finish_pictures(template.docx, found)
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
