"""Finding a person's name in a stored file, and rewriting it out where that can be done safely.

Erasure (network.erasure) reaches files as well as rows: published briefs' PDF and Word files,
uploaded documents under MEDIA_ROOT. `file_text` reads what a person would read in a file —
the text of each paragraph of a Word, Excel or PowerPoint file (OOXML: a zip of XML parts), the
text layer of a PDF, a text file in any of the region's encodings — so a name split over two
runs of a Word paragraph or compressed in a PDF stream is still found. `redact` rewrites OOXML
and text files in place; a PDF or any other binary cannot be rewritten safely (its text is laid
out glyph by glyph), so `redact` says so with None and the caller removes or re-renders it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator

from lxml import etree

from citybridge.lib.charsets import detect_encoding

Sub = Callable[[str], str]

# No entity expansion and no network: a hostile upload cannot reach outside its own bytes.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# Elements whose text runs form one line a reader sees: Word and PowerPoint paragraphs, Excel
# shared and inline strings. A name can be split over the runs of one such element.
LINES = frozenset({"p", "si", "is"})
PDF_MAGIC = b"%PDF"


def normalise(text: str) -> str:
    return " ".join(text.split())


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def is_zip(data: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(data))


def file_text(data: bytes) -> str:
    """Everything readable in `data`, whitespace collapsed: what a name is searched in."""
    if is_pdf(data):
        return normalise(pdf_text(data) + "\n" + data.decode("latin-1"))
    if is_zip(data):
        return normalise("\n".join(_zip_texts(data)))
    return normalise(_decoded(data)[0])


def mentions(data: bytes, pattern: re.Pattern[str]) -> bool:
    return pattern.search(file_text(data)) is not None


def redact(data: bytes, sub: Sub, pattern: re.Pattern[str]) -> bytes | None:
    """`data` with `sub` applied to all its text, or None when it cannot be rewritten safely.

    `sub` replaces what `pattern` finds; the result is checked with `pattern` again, so a file
    returned holds no match. Unchanged files come back as they were (the same bytes)."""
    if not mentions(data, pattern):
        return data
    if is_pdf(data):
        return None
    if is_zip(data):
        rewritten = _redact_zip(data, sub)
    else:
        text, encoding = _decoded(data)
        if encoding is None:
            return None
        try:
            rewritten = sub(text).encode(encoding)
        except UnicodeEncodeError:
            rewritten = sub(text).encode("utf-8")
    if rewritten is None or mentions(rewritten, pattern):
        return None
    return rewritten


def pdf_text(data: bytes) -> str:
    """The PDF's text layer and its metadata; empty when pypdf cannot read it."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return ""
        pages = [page.extract_text() or "" for page in reader.pages]
        info = [str(v) for v in (reader.metadata or {}).values()]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return ""
    return "\n".join(pages + info)


def _decoded(data: bytes) -> tuple[str, str | None]:
    """The text of a text file and its encoding; a binary file's printable bytes and None."""
    if b"\x00" not in data[:8192]:
        encoding = detect_encoding(data)
        if encoding is not None:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                pass
    return data.decode("latin-1"), None


def _local(element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _parse(xml: bytes):
    return etree.fromstring(xml, parser=SAFE_PARSER)


def _xml_lines(root) -> Iterator[str]:
    """The text of each line (paragraph, string) in order, its runs joined; the text outside
    any line; and every attribute value (a comment's author, a document's creator)."""
    inside: set = set()
    for element in root.iter():
        if element in inside:
            continue
        if _local(element) in LINES:
            inside.update(element.iter())
            yield "".join(element.itertext())
        else:
            yield from (t for t in (element.text, element.tail) if t and t.strip())
    for element in root.iter():
        yield from element.attrib.values()


def _zip_texts(data: bytes) -> Iterator[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            part = archive.read(name)
            if name.endswith((".xml", ".rels", ".vml")):
                try:
                    yield from _xml_lines(_parse(part))
                    continue
                except etree.XMLSyntaxError:
                    pass
            yield file_text(part) if (is_pdf(part) or is_zip(part)) else _decoded(part)[0]


class _Unredactable(Exception):
    """A zip part that is not XML still names the person."""


def rewrite_zip(data: bytes, rewrite: Callable[[str, bytes], bytes]) -> bytes:
    """The archive again, each part through `rewrite(name, bytes)`, entries and order kept."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info, rewrite(info.filename, source.read(info.filename)))
    return out.getvalue()


def _redact_zip(data: bytes, sub: Sub) -> bytes | None:
    """Every XML part rewritten; None when a part that is not XML still names the person."""

    def part(name: str, content: bytes) -> bytes:
        if not name.endswith((".xml", ".rels", ".vml")):
            return content
        try:
            return _redact_xml(content, sub)
        except etree.XMLSyntaxError as error:
            raise _Unredactable from error

    try:
        return rewrite_zip(data, part)
    except _Unredactable:
        return None


def _redact_xml(xml: bytes, sub: Sub) -> bytes:
    root = _parse(xml)
    changed = False
    for element in root.iter():
        for key, value in element.attrib.items():
            if (new := sub(value)) != value:
                element.set(key, new)
                changed = True
        for attr in ("text", "tail"):
            value = getattr(element, attr)
            if value and (new := sub(value)) != value:
                setattr(element, attr, new)
                changed = True
    # A name split over several runs of one line: the line's text goes into its first run (its
    # formatting kept for the whole line), the others are emptied.
    for line in root.iter():
        if _local(line) not in LINES:
            continue
        runs = [t for t in line.iter() if _local(t) == "t" and t.text]
        joined = "".join(t.text for t in runs)
        if len(runs) > 1 and (new := sub(joined)) != joined:
            runs[0].text = new
            for t in runs[1:]:
                t.text = ""
            changed = True
    if not changed:
        return xml
    standalone = True if b'standalone="yes"' in xml[:200] else None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)
