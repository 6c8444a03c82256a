"""Which document an uploaded file really is, decided from its bytes, never from its name.

The practice library keeps guides, reports and toolkits: PDF, Word, Excel and PowerPoint
(OOXML), their OpenDocument twins, and PNG or JPEG pictures. Anything else — a web page, an SVG
(a picture that runs scripts), a macro-enabled workbook, an archive renamed .docx — is no
document of the library. The file is then stored under a name of our making with the extension
of what it is, and served as an attachment of that type.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str


PDF = DocumentType("pdf", "application/pdf")
PNG = DocumentType("png", "image/png")
JPEG = DocumentType("jpg", "image/jpeg")
DOCX = DocumentType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
XLSX = DocumentType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = DocumentType(
    "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)
ODT = DocumentType("odt", "application/vnd.oasis.opendocument.text")
ODS = DocumentType("ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = DocumentType("odp", "application/vnd.oasis.opendocument.presentation")

ALLOWED = (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, PNG, JPEG)
BY_EXTENSION = {t.extension: t for t in ALLOWED}

# The part that makes an OOXML package a document of each kind.
_OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}
_ODF_MIMETYPES = {t.content_type.encode(): t for t in (ODT, ODS, ODP)}
_MAX_ZIP_MEMBERS = 10_000
_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024

# What reading a damaged or hostile zip raises: bad CRCs and lying sizes (BadZipFile), corrupt
# deflate streams (zlib.error), truncation (EOFError), unknown compression or encryption
# (NotImplementedError, RuntimeError), malformed headers (struct.error, ValueError, OSError).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    ValueError,
    OverflowError,
    OSError,
)


def document_type(data: bytes) -> DocumentType | None:
    """The allowed type `data` is, or None when it is none of them (or is damaged)."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _package_type(data)
    return None


def _package_type(data: bytes) -> DocumentType | None:
    """OOXML or OpenDocument, from the package's own declaration of what it holds."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _MAX_ZIP_MEMBERS:
                return None
            # Read whole below (testzip), so a bomb is refused first; a library document of
            # 20 MB never expands past this.
            if sum(m.file_size for m in members) > _MAX_UNCOMPRESSED_BYTES:
                return None
            # Every part read to its end and its checksum compared: a damaged package would
            # fail later, where it is read (an erasure sweeping the library's files).
            if archive.testzip() is not None:
                return None
            names = {m.filename for m in members}
            # Macros (vbaProject.bin in OOXML, Basic/ or Scripts/ in OpenDocument) run code.
            if any(n.lower().endswith("vbaproject.bin") for n in names) or any(
                n.startswith(("Basic/", "Scripts/")) for n in names
            ):
                return None
            if "[Content_Types].xml" in names:
                found = [t for part, t in _OOXML_MAIN_PARTS.items() if part in names]
                return found[0] if len(found) == 1 else None
            # OpenDocument: the first member is "mimetype", stored, naming the kind.
            if members and members[0].filename == "mimetype" and members[0].file_size < 100:
                return _ODF_MIMETYPES.get(archive.read(members[0]).strip())
    except ZIP_ERRORS:
        return None
    return None
