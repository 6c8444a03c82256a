"""What changed since a brief was published: the same figure functions, run again."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max

from citybridge.accounts.disclosure import people_change
from citybridge.engagement.models import Attendance
from citybridge.network.models import LocalGovernment
from citybridge.reports.figures import DEFINITION_VERSION, FIGURES
from citybridge.reports.models import PublishedBrief


@dataclass(frozen=True)
class Source:
    """A sign-in sheet that brought added people, and when it was imported."""

    file_name: str
    imported_on: str
    people: int


@dataclass
class Change:
    key: str
    label: str
    published: int
    now: int
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    record_model: str = ""
    sources: list[Source] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # cities only: public knowledge

    @property
    def changed(self) -> bool:
        return self.published != self.now or bool(self.added or self.removed)

    @property
    def counts_people(self) -> bool:
        return self.record_model == "person"

    @property
    def added_shown(self) -> int | None:
        """How many people were added, as a viewer of aggregates sees it (accounts.disclosure):
        None for "fewer than 5", else rounded to 5."""
        return people_change(len(self.added))

    @property
    def removed_shown(self) -> int | None:
        return people_change(len(self.removed))


@dataclass
class Changes:
    figures: list[Change]
    definitions_changed: bool

    @property
    def any(self) -> bool:
        return self.definitions_changed or any(c.changed for c in self.figures)


def changes_since(published: PublishedBrief) -> Changes:
    """Each published figure beside its value now, with the records added and removed; for
    added people, the sheets that brought them."""
    hub, start, end = published.hub, published.starts_on, published.ends_on
    out = []
    for key, frozen in published.figures.items():
        if key not in FIGURES:
            continue
        figure = FIGURES[key](hub, start, end)
        before, now = set(frozen.get("record_ids", [])), set(figure.record_ids)
        change = Change(
            key=key,
            # the label the rest of the site gives it, in the reader's language (the published
            # label is in the brief's language and of its day)
            label=figure.label,
            published=frozen["value"],
            now=figure.value,
            added=sorted(now - before),
            removed=sorted(before - now),
            record_model=figure.record_model,
        )
        if change.added and figure.record_model == "person":
            rows = (
                Attendance.objects.of_hub(hub)
                .between(start, end)
                .filter(person_id__in=change.added, sheet__isnull=False)
                .values("sheet__file_name")
                .annotate(imported=Max("sheet__imported_at"))
                .order_by("-imported")
            )
            for row in rows:
                people = (
                    Attendance.objects.of_hub(hub)
                    .between(start, end)
                    .filter(person_id__in=change.added, sheet__file_name=row["sheet__file_name"])
                    .values("person")
                    .distinct()
                    .count()
                )
                change.sources.append(
                    Source(row["sheet__file_name"], row["imported"].date().isoformat(), people)
                )
        elif figure.record_model == "city":
            ids = change.added + change.removed
            names = dict(LocalGovernment.objects.filter(pk__in=ids).values_list("pk", "name"))
            change.names = [f"+{names[i]}" for i in change.added if i in names] + [
                f"−{names[i]}" for i in change.removed if i in names
            ]
        out.append(change)
    return Changes(out, definitions_changed=published.definition_version != DEFINITION_VERSION)
