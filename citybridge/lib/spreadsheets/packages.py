"""What a workbook file is, decided from its bytes, and the refusals that come before any of it
is parsed: zip bombs, entity bombs, password protection, macros, damaged packages."""

from __future__ import annotations

import io
import zipfile
from typing import NoReturn

from django.utils.translation import gettext as _

from citybridge.lib.documents import ZIP_ERRORS
from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.compound import MAGIC, NotCompound, read_compound
from citybridge.lib.spreadsheets.problems import refuse, save_as

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# Storages and streams of a compound file that hold a VBA project (Excel's, Word's).
_VBA = {"_vba_project_cur", "vba", "_vba_project", "macros"}
# The streams of an Office file encrypted with a password ([MS-OFFCRYPTO]): an .xlsx inside.
_ENCRYPTED = {"encryptedpackage", "encryptioninfo"}


def check_package(data: bytes, filename: str) -> str:
    """The file's format, "xlsx", "ods" or "xls", whatever its name says; refuses a file that
    is none of them, or is one that must not be read."""
    try:
        if data.startswith(b"PK\x03\x04"):
            return _check_zip(data, filename)
        if data.startswith(MAGIC):
            return _check_compound(data, filename)
    except (NotCompound, *ZIP_ERRORS):
        refuse(
            _("'%(file)s' is damaged (it is not a complete spreadsheet file).")
            % {"file": filename},
            save_as(),
        )
    raise AssertionError("read_table sends only zip and compound files here")


def _password_protected(filename: str) -> NoReturn:
    refuse(
        _("'%(file)s' is password-protected.") % {"file": filename},
        _("Remove the password and send it again."),
    )


def refuse_macros(filename: str) -> NoReturn:
    refuse(
        _("'%(file)s' holds macros, and files with macros are not taken.") % {"file": filename},
        _(
            "Open it in Excel and use File > Save As > 'Excel Workbook (.xlsx)', which leaves "
            "the macros out, and send that file."
        ),
    )


def _check_compound(data: bytes, filename: str) -> str:
    compound = read_compound(data)
    names = compound.names()
    if names & _ENCRYPTED or compound.has_filepass:
        _password_protected(filename)
    if names & _VBA:
        refuse_macros(filename)
    if not names & {"workbook", "book"}:
        refuse(
            _("'%(file)s' is not an Excel workbook or an OpenDocument spreadsheet.")
            % {"file": filename},
            save_as(),
        )
    return "xls"


def _check_zip(data: bytes, filename: str) -> str:
    """Refuse zip bombs, entity bombs and non-workbooks before any XML is parsed, and damaged
    packages (bad checksums, sizes that lie, corrupt or truncated streams)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.MAX_ZIP_MEMBERS:
            refuse(
                _("'%(file)s' has too many parts to be a sheet of names.") % {"file": filename},
                save_as(),
            )
        unsafe = _(
            "'%(file)s' is built in a way that could overload the server "
            "(it expands to far more than its size)."
        ) % {"file": filename}
        if sum(m.file_size for m in members) > limits.MAX_UNCOMPRESSED_BYTES:
            refuse(unsafe, save_as())
        for member in members:
            if member.flag_bits & 0x1:
                _password_protected(filename)
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and ratio > limits.MAX_COMPRESSION_RATIO:
                refuse(unsafe, save_as())
        names = {m.filename for m in members}
        if "xl/workbook.xml" in names:
            file_format = "xlsx"
            if "xl/vbaProject.bin" in names:
                refuse_macros(filename)
        elif "mimetype" in names and "content.xml" in names:
            with archive.open("mimetype") as part:
                if part.read(len(ODS_MIMETYPE) + 2).strip() != ODS_MIMETYPE:
                    refuse(
                        _("'%(file)s' is an OpenDocument file, but not a spreadsheet.")
                        % {"file": filename},
                        save_as(),
                    )
            file_format = "ods"
            # OpenDocument encrypts each part itself and says so in the manifest.
            if "META-INF/manifest.xml" in names:
                with archive.open("META-INF/manifest.xml") as part:
                    if b"encryption-data" in part.read(limits.MAX_UNCOMPRESSED_BYTES):
                        _password_protected(filename)
        else:
            refuse(
                _("'%(file)s' is not an Excel workbook or an OpenDocument spreadsheet.")
                % {"file": filename},
                save_as(),
            )
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml", ".rdf")):
                with archive.open(member) as part:
                    head = part.read(64 * 1024)
                # Spreadsheets never hold a DTD; one in a workbook is an entity-expansion
                # attack (calamine expands no entity, and refuses one it does not know).
                if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                    refuse(unsafe, save_as())
    return file_format
