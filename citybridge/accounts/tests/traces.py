"""Where a person's name or e-mail is still written: every cell of every table, binary cells
opened (a Word or Excel file's XML parts, a PDF's text layer), and every file under a folder.

Written apart from citybridge.lib.redact, which erasure uses: the check must not share the
code it checks.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

from django.db import connection
from pypdf import PdfReader

TAG = re.compile(r"<[^>]+>")


def readable(data: bytes) -> str:
    """What a person could read in `data`, lower-cased, white space collapsed."""
    if data.lstrip()[:4] == b"%PDF":
        reader = PdfReader(io.BytesIO(data))
        text = " ".join(page.extract_text() for page in reader.pages)
        text += " " + " ".join(str(v) for v in (reader.metadata or {}).values())
    elif zipfile.is_zipfile(io.BytesIO(data)):
        parts = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                part = archive.read(name)
                if name.endswith((".xml", ".rels")):
                    xml = part.decode("utf-8", "ignore")
                    # Runs of one paragraph joined, as Word shows them; attributes kept.
                    parts.append(html.unescape(TAG.sub("", xml)))
                    parts.append(html.unescape(xml))
                else:
                    parts.append(readable(part))
        text = " ".join(parts)
    else:
        text = " ".join(
            data.decode(encoding, "ignore") for encoding in ("utf-8", "cp1250", "cp1251")
        )
    return " ".join(text.split()).lower()


def found_in(text: str, needles: list[str]) -> list[str]:
    lowered = text.lower()
    return [n for n in needles if " ".join(n.lower().split()) in lowered]


def traces_in_database(needles: list[str]) -> list[tuple[str, str]]:
    """(table, needle) for every cell of every table that holds a needle (case-insensitive)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (introspected table names)
            for values in cursor.fetchall():
                for value in values:
                    if isinstance(value, bytes | memoryview):
                        text = readable(bytes(value))
                    else:
                        text = str(value)
                    found += [(table, n) for n in found_in(text, needles)]
    return found


def traces_in_files(root: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
        found += [(str(path), n) for n in found_in(readable(path.read_bytes()), needles)]
    return found
