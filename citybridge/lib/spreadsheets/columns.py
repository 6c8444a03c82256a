"""Which column holds which field, whatever language the headings are in."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from django.utils.translation import gettext as _

from citybridge.lib.headers import ColumnSpec
from citybridge.lib.spreadsheets.problems import Problem, SheetError
from citybridge.lib.text import fold

# --- column mapping --------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[/|()\[\],;:\n]+")


def _key(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())


def _header_keys(header: str) -> tuple[str, list[str]]:
    """The folded heading, and its parts when it is written as "Grad / Opština" or similar."""
    parts = [_key(p) for p in _SEPARATORS.split(header)]
    return _key(header), [p for p in parts if p]


@functools.cache
def _spec_keys(spec: ColumnSpec) -> tuple[frozenset[str], dict[str, str]]:
    """The spec's ignored headings and {synonym: field name}, folded: the same for every sheet
    of an import (folding the synonyms each time was a second per thousand sheets)."""
    ignored = frozenset({_key(s) for s in spec.ignored} | {""})
    return ignored, {_key(s): f.name for f in spec.fields for s in f.synonyms}


def map_columns(headers: Iterable[str], spec: ColumnSpec) -> dict[str, str]:
    """Which heading holds each field of `spec`: {canonical field name: heading as written}.

    Headings match a field's synonyms folded (case, diacritics, script and punctuation
    ignored), either whole or by one part of a heading written as "Komuna / Bashkia".
    Raises SheetError when a required field has no column, or two columns claim one field.
    """
    ignored, synonyms = _spec_keys(spec)
    whole: dict[str, list[str]] = {}
    partial: dict[str, list[str]] = {}
    for header in headers:
        full, parts = _header_keys(header)
        if full in ignored:
            continue
        if full in synonyms:
            whole.setdefault(synonyms[full], []).append(header)
            continue
        names = {synonyms[p] for p in parts if p in synonyms}
        if len(names) == 1:
            partial.setdefault(names.pop(), []).append(header)
    problems: list[Problem] = []
    mapping: dict[str, str] = {}
    for f in spec.fields:
        found = whole.get(f.name) or partial.get(f.name) or []
        if len(found) > 1:
            listed = ", ".join(f"'{h}'" for h in found)
            problems.append(
                Problem(
                    None,
                    found[1],
                    _("Columns %(headings)s all look like the %(field)s column.")
                    % {"headings": listed, "field": f.label},
                    _("Rename or delete one of them, so we know which one to read."),
                )
            )
        elif found:
            mapping[f.name] = found[0]
    for alternatives in spec.required:
        if any(all(name in mapping for name in option) for option in alternatives):
            continue
        problems.append(_missing_column_problem(spec, alternatives))
    if problems:
        raise SheetError(problems)
    return mapping


def _missing_column_problem(spec: ColumnSpec, alternatives: tuple[tuple[str, ...], ...]) -> Problem:
    # "full name / first name + last name": one of the options, each a set of columns.
    described = " / ".join(
        " + ".join(str(spec.field(name).label) for name in option) for option in alternatives
    )
    accepted = "; ".join(
        _("for %(field)s: %(headings)s")
        % {
            "field": spec.field(name).label,
            "headings": ", ".join(f"'{s}'" for s in spec.field(name).synonyms[:8]),
        }
        for option in alternatives
        for name in option
    )
    return Problem(
        None,
        None,
        _("The %(sheet)s needs a column for %(columns)s, and none of its headings is one we know.")
        % {"sheet": spec.kind, "columns": described},
        _("Rename the heading to one of these (%(accepted)s) and upload it again.")
        % {"accepted": accepted},
    )
