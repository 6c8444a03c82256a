"""What every import returns: a plain report, the same for a preview (dry run) and a real run,
with what the preview shows of each file; and the limits every uploaded import is held to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def megabytes(size: int) -> str:
    """A size in MB (10^6 bytes) as people read it: "19.9", "25"."""
    return f"{size / 1_000_000:.1f}".removesuffix(".0")


def size_problems(files: Iterable[tuple[str, int]], *, max_file: int, max_upload: int) -> list[str]:
    """Why files of these (name, size in bytes) may not be uploaded together: each says the
    limit and how to split the work. Empty when they may."""
    problems = []
    total = 0
    for name, size in files:
        total += size
        if size > max_file:
            problems.append(
                _(
                    "%(name)s is %(size)s MB; a file may be at most %(limit)s MB. Split it into "
                    "smaller files, each with the heading row (for example one per engagement or "
                    "per month), and upload them one after another."
                )
                % {"name": name, "size": megabytes(size), "limit": megabytes(max_file)}
            )
    if total > max_upload and not problems:
        problems.append(
            _(
                "These files are %(size)s MB together; one upload may be at most %(limit)s MB. "
                "Upload them in several goes, a few files at a time."
            )
            % {"size": megabytes(total), "limit": megabytes(max_upload)}
        )
    return problems


@dataclass
class ImportReport:
    kind: str | Promise  # what a row is, for people ("attendance"): translated when shown
    file_names: list[str]
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    # Further counts by name; the names extra_phrases() knows are said in the reader's language.
    extra: dict[str, int] = field(default_factory=dict)
    # Places the file named that the platform did not know yet, as "Name (CC)".
    new_places: list[str] = field(default_factory=list)
    # What the preview shows of each file: a SheetPreview each, as plain data (a large
    # upload's preview is made by the worker and kept as JSON on its job).
    sheets: list[dict[str, Any]] = field(default_factory=list)
    # Values no vocabulary placed: an Unplaced each, as plain data, for the officer to place.
    unplaced: list[dict[str, Any]] = field(default_factory=list)

    def all_notes(self) -> list[str]:
        if not self.new_places:
            return self.notes
        added = ngettext(
            "Added %(n)s city the platform did not know: %(places)s.",
            "Added %(n)s cities the platform did not know: %(places)s.",
            len(self.new_places),
        ) % {"n": len(self.new_places), "places": ", ".join(self.new_places)}
        return [added, *self.notes]

    def summary(self) -> str:
        values = {
            "rows": self.rows,
            "kind": self.kind,
            "files": ", ".join(self.file_names),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            said = ngettext(
                "Would import %(rows)s %(kind)s row from %(files)s: %(created)s new, "
                "%(updated)s updated, %(unchanged)s unchanged",
                "Would import %(rows)s %(kind)s rows from %(files)s: %(created)s new, "
                "%(updated)s updated, %(unchanged)s unchanged",
                self.rows,
            )
        else:
            said = ngettext(
                "Imported %(rows)s %(kind)s row from %(files)s: %(created)s new, "
                "%(updated)s updated, %(unchanged)s unchanged",
                "Imported %(rows)s %(kind)s rows from %(files)s: %(created)s new, "
                "%(updated)s updated, %(unchanged)s unchanged",
                self.rows,
            )
        return "".join([said % values, *(f", {phrase}" for phrase in self.extra_phrases()), "."])

    def extra_phrases(self) -> list[str]:
        phrases = []
        for label, n in self.extra.items():
            if label == "new people":
                phrase = ngettext("%(n)s new person", "%(n)s new people", n)
            elif label == "pairs to review":
                phrase = ngettext("%(n)s pair to review", "%(n)s pairs to review", n)
            elif label == "consents":
                phrase = ngettext(
                    "%(n)s row's agreements recorded", "%(n)s rows' agreements recorded", n
                )
            else:
                phrase = f"%(n)s {label}"
            phrases.append(phrase % {"n": n})
        return phrases
