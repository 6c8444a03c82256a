"""What every import returns: a plain report, the same for a preview (dry run) and a real run;
and the limits every uploaded import is held to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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
    kind: str
    file_names: list[str]
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)
    # Places the file named that the platform did not know yet, as "Name (CC)".
    new_places: list[str] = field(default_factory=list)

    def all_notes(self) -> list[str]:
        if not self.new_places:
            return self.notes
        added = f"Added {len(self.new_places)} cities the platform did not know: {', '.join(self.new_places)}."
        return [added, *self.notes]

    def summary(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        counts = f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged"
        extras = "".join(f", {v} {k}" for k, v in self.extra.items())
        return f"{verb} {self.rows} {self.kind} rows from {', '.join(self.file_names)}: {counts}{extras}."
