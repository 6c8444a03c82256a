"""What every import returns: a plain report, the same for a preview (dry run) and a real run."""

from __future__ import annotations

from dataclasses import dataclass, field


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
