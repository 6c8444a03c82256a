"""Finding a person's name in a stored file, and rewriting it out where that can be done safely.

Erasure (network.erasure) reaches files as well as rows: published briefs' PDF and Word files,
uploaded documents under MEDIA_ROOT. `file_text` reads what a person would read in a file —
the text of each paragraph of a Word, Excel or PowerPoint file (OOXML: a zip of XML parts), the
text layer of a PDF, a text file in any of the region's encodings — so a name split over two
runs of a Word paragraph or compressed in a PDF stream is still found. `redact` rewrites OOXML
and text files in place; a PDF or any other binary cannot be rewritten safely (its text is laid
out glyph by glyph), so `redact` says so with None and the caller removes or re-renders it.

A name can also sit in two cells of one row (a sheet's "Ime" and "Prezime" columns): given a
`rows` function (one row's cells in, the row to write out), `mentions` and `redact` also read
the rows of a delimited text file (CSV, TSV), of Word and PowerPoint tables and of Excel
sheets, and rewrite the cells it changes (an Excel cell becomes an inline string, so another
row sharing its string keeps it).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator

from lxml import etree

from citybridge.lib.charsets import detect_encoding

Sub = Callable[[str], str]
Rows = Callable[[list[str]], list[str]]

# No entity expansion and no network: a hostile upload cannot reach outside its own bytes.
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# Elements whose text runs form one line a reader sees: Word and PowerPoint paragraphs, Excel
# shared and inline strings. A name can be split over the runs of one such element.
LINES = frozenset({"p", "si", "is"})
PDF_MAGIC = b"%PDF"
# Table rows and their cells: Word and PowerPoint tables (tr/tc), Excel sheets (row/c).
ROWS = {"tr": "tc", "row": "c"}
DELIMITERS = (";", ",", "\t", "|")


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


def mentions(data: bytes, pattern: re.Pattern[str], rows: Rows | None = None) -> bool:
    """True when `data` holds a match of `pattern`, or a row that `rows` would change."""
    if pattern.search(file_text(data)) is not None:
        return True
    if rows is None or is_pdf(data):
        return False
    if is_zip(data):
        return _zip_rows_change(data, rows)
    text = _decoded(data)[0]
    return _redact_table(text, rows) != text


def redact(
    data: bytes, sub: Sub, pattern: re.Pattern[str], rows: Rows | None = None
) -> bytes | None:
    """`data` with `sub` applied to all its text, or None when it cannot be rewritten safely.

    `sub` replaces what `pattern` finds (and `rows` rewrites table rows, see the module
    docstring); the result is checked again, so a file returned holds no match. Unchanged files
    come back as they were (the same bytes)."""
    if not mentions(data, pattern, rows):
        return data
    if is_pdf(data):
        return None
    if is_zip(data):
        rewritten = _redact_zip(data, sub, rows)
    else:
        text, encoding = _decoded(data)
        if encoding is None:
            return None
        text = sub(_redact_table(text, rows) if rows else text)
        try:
            rewritten = text.encode(encoding)
        except UnicodeEncodeError:
            rewritten = text.encode("utf-8")
    if rewritten is None or mentions(rewritten, pattern, rows):
        return None
    return rewritten


def _delimiter(text: str) -> str | None:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def _unquoted(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


def _redact_table(text: str, rows: Rows) -> str:
    """A delimited text file with the rows `rows` changes rewritten, every other byte kept.

    Read line by line (a quoted cell over two lines is read as two cells)."""
    delimiter = _delimiter(text)
    if delimiter is None:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        raw = body.split(delimiter)
        values = [_unquoted(c) for c in raw]
        new = rows(values)
        if new != values:
            cells = [
                c if n == v else ('"' + n.replace('"', '""') + '"' if c.strip()[:1] == '"' else n)
                for c, v, n in zip(raw, values, new, strict=True)
            ]
            line = delimiter.join(cells) + line[len(body) :]
        out.append(line)
    return "".join(out)


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


def _redact_zip(data: bytes, sub: Sub, rows: Rows | None = None) -> bytes | None:
    """Every XML part rewritten; None when a part that is not XML still names the person."""
    shared = _shared_strings(data) if rows else []

    def part(name: str, content: bytes) -> bytes:
        if not name.endswith((".xml", ".rels", ".vml")):
            return content
        try:
            content = _redact_xml(content, sub)
            return _redact_xml_rows(content, rows, shared) if rows else content
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


def _shared_strings(data: bytes) -> list[str]:
    """An Excel workbook's shared strings, by index (empty for any other archive)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "xl/sharedStrings.xml" not in archive.namelist():
            return []
        root = _parse(archive.read("xl/sharedStrings.xml"))
    return ["".join(si.itertext()) for si in root if _local(si) == "si"]


def _cell_text(cell, shared: list[str]) -> str:
    if _local(cell) == "tc":
        return "".join(t.text or "" for t in cell.iter() if _local(t) == "t")
    kind = cell.get("t", "")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter() if _local(t) == "t")
    value = next((v.text or "" for v in cell if _local(v) == "v"), "")
    if kind == "s":
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    return value


def _set_cell(cell, text: str) -> None:
    if _local(cell) == "tc":
        runs = [t for t in cell.iter() if _local(t) == "t"]
        for i, t in enumerate(runs):
            t.text = text if i == 0 else ""
        return
    # An Excel cell: its own inline string (the shared one may be another row's too), or empty.
    for child in [c for c in cell if _local(c) in ("v", "is", "f")]:
        cell.remove(child)
    namespace = etree.QName(cell.tag).namespace
    if not text:
        cell.attrib.pop("t", None)
        return
    cell.set("t", "inlineStr")
    inline = etree.SubElement(cell, f"{{{namespace}}}is" if namespace else "is")
    etree.SubElement(inline, f"{{{namespace}}}t" if namespace else "t").text = text


def _table_rows(root) -> Iterator:
    for element in root.iter():
        cell = ROWS.get(_local(element))
        if cell is not None:
            yield element, [c for c in element if _local(c) == cell]


def _redact_xml_rows(xml: bytes, rows: Rows, shared: list[str]) -> bytes:
    if not any(f"<{tag}".encode() in xml or f":{tag}".encode() in xml for tag in ROWS):
        return xml
    root = _parse(xml)
    changed = False
    for _row, cells in _table_rows(root):
        values = [_cell_text(c, shared) for c in cells]
        new = rows(values)
        for cell, value, text in zip(cells, values, new, strict=True):
            if text != value:
                _set_cell(cell, text)
                changed = True
    if not changed:
        return xml
    standalone = True if b'standalone="yes"' in xml[:200] else None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


def _zip_rows_change(data: bytes, rows: Rows) -> bool:
    """True when a table row of an OOXML file holds what `rows` rewrites."""
    shared = _shared_strings(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            part = archive.read(name)
            if not any(f"<{tag}".encode() in part or f":{tag}".encode() in part for tag in ROWS):
                continue
            try:
                root = _parse(part)
            except etree.XMLSyntaxError:
                continue
            for _row, cells in _table_rows(root):
                values = [_cell_text(c, shared) for c in cells]
                if rows(values) != values:
                    return True
    return False
