"""What an erasure does to published briefs: their numbers stay, the erased person goes.

A published brief keeps its figures (the numbers and the ids behind them, no names) as they
were. Everywhere else the person's name becomes their pseudonym, and their quotes go (erasure
deletes their testimonials: their words and who said them): the article is rewritten like any
text; the Word file part by part (citybridge.lib.redact); the PDF is rendered again from the
rewritten article, exactly as it was made at publishing (`render_pdf(brief, article)` lays out
the article and the title alone), because a PDF's laid-out text cannot be edited safely.
Registered with network.erasure in ReportsConfig.ready: network may not import reports.
"""

from __future__ import annotations

import re

from lxml import etree

from citybridge.lib.redact import SAFE_PARSER, rewrite_zip
from citybridge.network.erasure import Scrubber
from citybridge.reports.briefs.render import document, pdf_of
from citybridge.reports.models import PublishedBrief

# reports/brief_quote.html: one quote with its speaker.
QUOTE_BLOCK = re.compile(r"<blockquote class=\"brief-quote\">.*?</blockquote>\s*", re.DOTALL)
# brief_template.docx (tools/make_docx_template.py): a quote is a "Quote" paragraph followed by the
# speaker's "Intense Quote" paragraph; Word keeps these style ids when an officer restyles them.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rewrite_published_briefs(scrubber: Scrubber) -> list[str]:
    changed = []
    briefs = PublishedBrief.objects.defer("pdf").order_by("pk")
    for published in briefs.iterator(chunk_size=20):
        article = without_quotes_of(scrubber.text(published.article), scrubber.placeholder)
        docx = bytes(published.docx)
        new_docx = scrubber.file(docx) if docx else docx
        if article == published.article and new_docx == docx:
            continue
        published.article = article
        # A Word part that is not XML named the person: the file cannot be kept.
        published.docx = docx_without_quotes_of(new_docx, scrubber.placeholder) or b""
        published.pdf = pdf_of(
            document(article, lang=published.lang, title=published.title, printed=True)
        )
        published.save(update_fields=["article", "docx", "pdf"])
        changed.append(f"published brief {published.pk}")
    return changed


def without_quotes_of(article: str, placeholder: str) -> str:
    return QUOTE_BLOCK.sub(lambda m: "" if placeholder in m.group(0) else m.group(0), article)


def docx_without_quotes_of(data: bytes | None, placeholder: str) -> bytes | None:
    if not data:
        return data
    return rewrite_zip(
        data,
        lambda name, part: (
            _drop_quotes(part, placeholder)
            if name == "word/document.xml" and placeholder.encode() in part
            else part
        ),
    )


def _drop_quotes(xml: bytes, placeholder: str) -> bytes:
    root = etree.fromstring(xml, parser=SAFE_PARSER)
    for speaker in list(root.iter(f"{W}p")):
        if _style(speaker) != "IntenseQuote" or placeholder not in "".join(speaker.itertext()):
            continue
        words = speaker.getprevious()
        if words is not None and _style(words) == "Quote":
            words.getparent().remove(words)
        speaker.getparent().remove(speaker)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _style(paragraph) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val", "") if style is not None else ""
