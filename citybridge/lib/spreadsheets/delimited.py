"""CSV files as partners save them: any of the region's encodings, `;`, `,` or tab."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterator

from django.utils.translation import gettext as _

from citybridge.lib.charsets import CODE_PAGES, detect_encoding, mixes_encodings
from citybridge.lib.spreadsheets import limits
from citybridge.lib.spreadsheets.problems import (
    check_letters,
    refuse,
    save_as,
    too_many_columns,
    too_many_rows,
)
from citybridge.lib.spreadsheets.tables import Table, build_table


def read_csv(data: bytes) -> Table:
    encoding = detect_encoding(data)
    if encoding is None:
        refuse(
            _(
                "The file's letters could not be read reliably (its text encoding is not UTF-8, "
                "Windows-1250 or Windows-1251)."
            ),
            check_letters(),
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        refuse(
            _("The file says it is UTF-8 but contains bytes that are not."),
            save_as(),
        )
    if "\x00" in text:
        refuse(_("The file contains NUL characters, so it is not a plain-text CSV."), save_as())
    if encoding in CODE_PAGES and mixes_encodings(data):
        refuse(
            _(
                "Parts of the file are saved in different text encodings (for example some rows "
                "in UTF-8 and others in Windows-1250, or Latin and Cyrillic code pages), so some "
                "names would be read wrongly."
            ),
            check_letters(),
        )
    text = text.lstrip("\ufeff")
    lines = _lines_of(text)
    first = next(lines, "")
    delimiter = ""
    if first.strip().lower().startswith("sep=") and len(first.strip()) == 5:
        # Excel writes "sep=;" as the first line when asked to remember the delimiter.
        delimiter = first.strip()[4]
        first = ""
    delimiter = delimiter or _sniff_delimiter(text)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            if len(records) > limits.MAX_ROWS + limits.HEADER_SEARCH_ROWS:
                too_many_rows()
            if len(record) > limits.MAX_COLUMNS:
                # Trailing separators (Excel writes them for formatted columns) are dropped;
                # a table is then never wider than limits.MAX_COLUMNS, whatever one line holds.
                if any(c.strip() for c in itertools.islice(record, limits.MAX_COLUMNS, None)):
                    too_many_columns()
                del record[limits.MAX_COLUMNS :]
            records.append(record)
    except csv.Error as error:
        refuse(
            _(
                "Line %(line)s of the file could not be read (%(error)s); usually a quote "
                'mark (") that opens a cell and never closes it.'
            )
            % {"line": reader.line_num, "error": error},
            _("Remove the stray quote mark, or save the file again from Excel."),
        )
    return build_table(records, encoding=encoding, delimiter=delimiter)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines_of(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, one at a time, as a file opened with newline=""
    gives them: a list of them, or io.StringIO (four bytes a letter), would copy a 20 MB file
    several times over."""
    return (m.group() for m in _LINE.finditer(text))


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most consistent, columns."""
    sample = text[:20_000]
    best, best_score = ",", -1
    for delimiter in (";", ",", "\t"):
        try:
            rows = [
                r
                for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
                if any(r)
            ]
        except csv.Error:
            continue
        rows = rows[:20]
        if not rows:
            continue
        widths = [len(r) for r in rows[:-1]] or [len(rows[0])]
        header_width = max(widths)
        consistent = sum(1 for w in widths if w == header_width)
        score = header_width * 100 + consistent if header_width > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
