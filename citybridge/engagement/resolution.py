"""Resolve a hub's attendance records to people, again after every import or decision.

The pure engine (citybridge.lib.resolution) decides which records are one person; this module
feeds it the records and the officers' decisions, and writes the outcome: existing people keep
their records (the person holding most of a cluster keeps it), new clusters become new people,
people created by resolution that a merge leaves without records are retired, and the uncertain
pairs are queued for review. The short forms the hub's officers taught (ShortForm) are read
like the lexicon's.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction
from django.db.models import Max

from citybridge.engagement.models import (
    Attendance,
    Engagement,
    LinkDecision,
    ReviewPair,
    ShortForm,
)
from citybridge.lib import resolution
from citybridge.lib.bulk_writes import insert_rows, set_column
from citybridge.lib.names import display_name
from citybridge.lib.resolution.reasons import Reason
from citybridge.lib.text import fold
from citybridge.network.models import Gender, Hub, LocalGovernment, Organisation, Person
from citybridge.network.versions import raise_versions


def gender_of(written: str) -> str:
    """The person's gender from a sheet's gender cell, read as the resolver reads it."""
    return {"M": Gender.MALE, "F": Gender.FEMALE}.get(resolution.written_gender(written), "")


@dataclass(frozen=True)
class ResolutionSummary:
    people: int
    created: int
    retired: int
    relinked: int
    uncertain: int


FIELDS = (
    "id",
    "full_name",
    "given_name",
    "family_name",
    "email",
    "organisation",
    "city",
    "resolved_city_id",
    "role",
    "role_kind",
    "gender",
    "person_id",
    "engagement_id",
    "engagement__starts_on",
    # The resolved city's names, so that an unresolved spelling of it is still recognised.
    "resolved_city__name",
    "resolved_city__name_cyrillic",
    "resolved_city__name_albanian",
)
# Role values that say nothing about the person's post: the written cell is compared instead.
_VAGUE_ROLES = frozenset(["", "other"])


@lru_cache(maxsize=4096)
def _place_names(*names: str) -> tuple[str, ...]:
    return tuple(sorted({fold(p) for p in names if p}))


def mention_of(row: dict) -> resolution.Mention:
    """A row (FIELDS, as _load reads them) as the engine reads it. Its fields are read by key,
    every row having them all (rather than .get with a default: 100,000 rows' mentions are on
    the critical path of an import's resolution)."""
    given, family, kind = row["given_name"], row["family_name"], row["role_kind"]
    city = row["resolved_city_id"]
    return resolution.Mention(
        id=row["id"],
        full_name="" if given or family else row["full_name"],
        given_name=given,
        family_name=family,
        email=row["email"],
        organisation=row["organisation"],
        city=str(city) if city else fold(row["city"]),
        # The role as the importer read it (one value in every language) when it could.
        role=kind if kind not in _VAGUE_ROLES else row["role"],
        gender=row["gender"],
        place_names=_place_names(
            row["resolved_city__name"],
            row["resolved_city__name_cyrillic"],
            row["resolved_city__name_albanian"],
        ),
        event=str(row["engagement_id"]),
        day=str(row["engagement__starts_on"] or ""),
    )


@transaction.atomic
def resolve_hub(hub: Hub) -> ResolutionSummary:
    # A hub's rows, their mentions and the clusters are a few hundred thousand objects without
    # reference cycles: the cycle collector would walk them again and again for nothing.
    with resolution.cycle_collector_paused():
        return _resolve_hub(hub)


def _resolve_hub(hub: Hub) -> ResolutionSummary:
    rows, decisions = _load(hub)
    return _write(hub, _outcome(rows, _engine(rows, decisions, _short_forms(hub))), decisions)


def _load(hub: Hub, *fields: str) -> tuple[list[dict], list[tuple[int, int, str]]]:
    """The hub's rows (in the model's order) and the officers' decisions."""
    rows = list(Attendance.objects.of_hub(hub).values(*FIELDS, *fields))
    decisions = list(
        LinkDecision.objects.filter(first__engagement__hub=hub).values_list(
            "first_id", "second_id", "verdict"
        )
    )
    return rows, decisions


def _engine(
    rows: list[dict],
    decisions: list[tuple[int, int, str]],
    short_forms: Iterable[tuple[str, str]] = (),
    clustered: Callable[[list[list[int]]], None] | None = None,
) -> resolution.Resolution:
    same = [(a, b) for a, b, v in decisions if v == LinkDecision.Verdict.SAME]
    different = [(a, b) for a, b, v in decisions if v == LinkDecision.Verdict.DIFFERENT]
    return resolution.resolve(
        [mention_of(r) for r in rows],
        same=same,
        different=different,
        short_forms=short_forms,
        clustered=clustered,
    )


def _short_forms(hub: Hub) -> list[tuple[str, str]]:
    """The short forms the hub's officers taught (a "same person" on an informal name)."""
    return list(ShortForm.objects.filter(hub=hub).values_list("short", "full"))


@dataclass
class _Outcome:
    """What the engine's clusters mean for the hub's rows, before anything is written."""

    changes: dict[int, int]  # attendance id -> the existing person it now belongs to
    new_clusters: list[list[int]]  # attendance ids of each new person
    people: list[dict]  # each new person's fields, the organisation as written
    touched: set[int | None]  # existing people who gain or lose records
    uncertain: list[tuple[int, int, float, list[Reason]]]


def _outcome(rows: list[dict], result: resolution.Resolution) -> _Outcome:
    by_id = {r["id"]: r for r in rows}
    claimed: set[int] = set()
    changes: dict[int, int] = {}
    new_clusters: list[list[int]] = []
    new_records: list[list[dict]] = []
    # Existing people who gain or lose records (a merge, a split): a form opened before is stale.
    touched: set[int | None] = set()
    for cluster in sorted(result.clusters, key=len, reverse=True):
        records = [by_id[i] for i in cluster]
        held = [r["person_id"] for r in records if r["person_id"]]
        # Most clusters of an import's new rows are held by nobody: no Counter of no one.
        owner = (
            next((p for p, _ in Counter(held).most_common() if p not in claimed), None)
            if held
            else None
        )
        if owner is None:
            new_clusters.append(cluster)
            new_records.append(records)
            touched.update(held)
            if len(held) < len(records):
                touched.add(None)
            continue
        claimed.add(owner)
        changes.update({i: owner for i in cluster if by_id[i]["person_id"] != owner})
    touched |= set(changes.values())
    touched |= {by_id[i]["person_id"] for i in changes}
    people = [_new_person(records) for records in new_records]
    return _Outcome(changes, new_clusters, people, touched, result.uncertain)


def _new_person(records: list[dict]) -> dict:
    full_name = display_name([resolution_name(r) for r in records])[:200]
    return {
        "full_name": full_name,
        "name_key": fold(full_name),
        "gender": _most_common(gender_of(r["gender"]) for r in records),
        "email": _most_common(r["email"].lower() for r in records if "@" in r["email"])[:254],
        "city_id": _most_common(r["resolved_city_id"] for r in records if r["resolved_city_id"])
        or None,
        "organisation": _most_common(r["organisation"] for r in records),
        "from_import": True,
    }


def _write(hub: Hub, outcome: _Outcome, decisions: list[tuple[int, int, str]]) -> ResolutionSummary:
    """Write the outcome: people kept, created and retired, links, the queue."""
    created, retired = _write_people(hub, outcome)
    return _summary(
        hub, outcome, created, retired, _queue_for_review(hub, outcome.uncertain, decisions)
    )


def _write_people(hub: Hub, outcome: _Outcome) -> tuple[list[int], int]:
    """Write the outcome's people (kept, created and retired) and links, not its queue: the
    new people's ids and how many were retired."""
    changes = dict(outcome.changes)
    created = _create_people(hub, outcome.people)
    for cluster, person_id in zip(outcome.new_clusters, created, strict=True):
        changes.update({i: person_id for i in cluster})
    _apply(changes)
    retired, _ = (
        Person.objects.of_hub(hub)
        .filter(from_import=True, attendances__isnull=True, positions__isnull=True, notes="")
        .exclude(consent_contact=True)
        .exclude(consent_quote=True)
        .delete()
    )
    raise_versions(Person, outcome.touched, reason="resolution")
    return created, retired


def _summary(
    hub: Hub, outcome: _Outcome, created: list[int], retired: int, uncertain: int
) -> ResolutionSummary:
    return ResolutionSummary(
        people=hub.people.count(),
        created=len(created),
        retired=retired,
        relinked=len(outcome.changes),
        uncertain=uncertain,
    )


def _create_people(hub: Hub, people: list[dict]) -> list[int]:
    """Insert the new people, their organisations found or created by name: their ids."""
    # The organisations already known under the names these people carry, in one query.
    written = {p["organisation"] for p in people if p["organisation"]}
    keys = {fold(w) for w in written}
    organisations: dict[str, int] = dict(
        Organisation.objects.filter(name_key__in=keys).values_list("name_key", "pk")
    )
    # ...and the new ones in one go (save() only sets name_key, set here).
    missing = {fold(w): " ".join(w.split()) for w in written if fold(w) not in organisations}
    for new in Organisation.objects.bulk_create(
        [Organisation(name=name, name_key=key) for key, name in missing.items()], batch_size=500
    ):
        organisations[new.name_key] = new.pk
    # Plain rows in multi-row INSERTs: bulk_create's Person instances and its compiled batches
    # were half of this step's time.
    return insert_rows(
        Person,
        [
            {
                **{k: v for k, v in p.items() if k != "organisation"},
                "hub_id": hub.pk,
                "organisation_id": organisations[fold(p["organisation"])]
                if p["organisation"]
                else None,
            }
            for p in people
        ],
    )


def resolution_name(row: dict) -> tuple[str, str, str]:
    return (row["full_name"], row["given_name"], row["family_name"])


def _most_common(values) -> str:
    """The most common value given (the first of those most common), or ""."""
    found = [v for v in values if v]
    if not found:
        return ""
    # Most people's records agree (one record, or one e-mail, city...): 22,000 people's five
    # Counters were a third of working out what the clusters mean at 100,000 rows.
    first = found[0]
    if found.count(first) == len(found):
        return first
    return Counter(found).most_common(1)[0][0]


def _apply(changes: dict[int, int]) -> None:
    # A few hundred rows per UPDATE ... FROM (VALUES ...): bulk_update's CASE WHEN per batch,
    # then one UPDATE per row through executemany, took most of the resolution's writing.
    set_column(Attendance, "person", changes)


def _queue_for_review(hub: Hub, uncertain, decisions) -> int:
    decided = {(a, b) for a, b, _ in decisions}
    ReviewPair.objects.filter(hub=hub).delete()
    pairs = []
    for a, b, score, evidence in uncertain:
        first, second = sorted((a, b))
        if (first, second) not in decided:
            pairs.append(
                ReviewPair(
                    hub=hub, first_id=first, second_id=second, score=score, evidence=list(evidence)
                )
            )
    ReviewPair.objects.bulk_create(pairs, batch_size=1000)
    return len(pairs)


# Below this many incoming rows resolution runs after storing, in this process: a second
# process (forking, sending the outcome back) costs more than storing them takes.
EARLY_ROWS = 5_000


class EarlyResolution:
    """A hub's resolution started in a second process while an import stores its rows.

    Storing 20,000 rows and resolving the hub's people take about as long as each other, and
    the engine does not need the rows stored, only what they say: it works on the rows as
    store_sheet will store them, under provisional ids above every stored id, while this
    process stores them. `incoming` gives each sheet's engagement, file name and row numbers
    in the order they will be stored; `records` makes the records store_sheet will store for
    each sheet, in that order: it is called in the second process, so that making them (a
    second or more at 100,000 rows) is not waited for before the resolution starts.
    `finish` then checks that the stored rows came out as foreseen (their ids in the same
    order, the hub's rows in the same order) and writes the engine's outcome with the real
    ids; if anything differs, or the second process failed, it resolves the stored rows here,
    as resolve_hub does. The outcome is resolve_hub's either way. The people and links are
    sent as soon as the clusters are final, and written here while the second process works
    out the review queue (a second or more at 100,000 rows), which follows them.
    """

    def __init__(
        self,
        hub: Hub,
        incoming: list[tuple[Engagement, str, list[int]]],
        records: Callable[[], list[list[dict]]],
    ) -> None:
        self.hub = hub
        self.existing, self.decisions = _load(hub, "source_file", "row_number")
        self.short_forms = _short_forms(hub)
        # Every city the import can resolve a cell to (the hub's countries'), read here: the
        # second process has no database.
        self.places = _place_names_of(hub.country_codes())
        self.incoming = incoming
        self.records = records
        first = (Attendance.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        # Each sheet's (provisional id, row number), one row after another.
        self.new: list[list[tuple[int, int]]] = []
        for _engagement, _file_name, numbers in incoming:
            self.new.append(list(zip(range(first, first + len(numbers)), numbers, strict=True)))
            first += len(numbers)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # Not a daemon: the engine shares its pairs with a process of its own at 100,000 rows.
        self._worker = context.Process(target=self._resolve_for, args=(send,))
        self._worker.start()
        send.close()

    def _rows(self) -> list[dict] | None:
        """The hub's rows once the incoming ones are stored, in the model's order (as _load
        reads them), or None if a record's city is not one read before the fork."""
        new: list[dict] = []
        for (engagement, _file_name, _numbers), records, ids in zip(
            self.incoming, self.records(), self.new, strict=True
        ):
            for record, (pk, _number) in zip(records, ids, strict=True):
                city = record["resolved_city_id"]
                if city is not None and city not in self.places:
                    return None
                place = self.places.get(city, (None, None, None))
                # The record itself, made in this process for this (it has FIELDS' own
                # columns, and more): a copy of each of 100,000 was a fifth of their making.
                record["id"] = pk
                record["person_id"] = None
                record["engagement__starts_on"] = engagement.starts_on
                record["resolved_city__name"] = place[0]
                record["resolved_city__name_cyrillic"] = place[1]
                record["resolved_city__name_albanian"] = place[2]
                new.append(record)
        return sorted([*self.existing, *new], key=_model_order)

    def _resolve_for(self, send) -> None:
        # In the forked process, without the database: the records, the engine, and what its
        # clusters mean for the hub's rows and people (there, where the names are parsed).
        with resolution.cycle_collector_paused():
            rows = self._rows()
            if rows is None:
                send.send(None)
            else:
                # First what the clusters mean (written while the queue is worked out), then
                # the queue.
                found = _engine(
                    rows,
                    self.decisions,
                    self.short_forms,
                    clustered=lambda clusters: send.send(
                        _outcome(rows, resolution.Resolution(clusters=clusters))
                    ),
                )
                send.send(found.uncertain)
        send.close()

    def cancel(self) -> None:
        if self._worker.is_alive():
            self._worker.kill()
        self._worker.join()
        self._receive.close()

    @transaction.atomic
    def finish(self, sheet_ids: list[int]) -> ResolutionSummary:
        """Write the outcome for the sheets stored, `sheet_ids` in the order of `incoming`."""
        with resolution.cycle_collector_paused():
            try:
                outcome: _Outcome | None = self._receive.recv()
            except EOFError:  # the worker died
                outcome = None
            real = self._real_ids(sheet_ids) if outcome is not None else None
            if outcome is None or real is None:
                self.cancel()
                return _resolve_hub(self.hub)
            outcome.changes = {real.get(i, i): person for i, person in outcome.changes.items()}
            outcome.new_clusters = [[real.get(i, i) for i in c] for c in outcome.new_clusters]
            try:
                # Undone (a savepoint) if the queue does not follow: then resolved here.
                with transaction.atomic():
                    created, retired = _write_people(self.hub, outcome)
                    uncertain = self._receive.recv()
            except EOFError:  # the worker died
                self.cancel()
                return _resolve_hub(self.hub)
            self.cancel()
            outcome.uncertain = [
                (real.get(a, a), real.get(b, b), score, evidence)
                for a, b, score, evidence in uncertain
            ]
            queued = _queue_for_review(self.hub, outcome.uncertain, self.decisions)
            return _summary(self.hub, outcome, created, retired, queued)

    def _real_ids(self, sheet_ids: list[int]) -> dict[int, int] | None:
        """{provisional id: id} of the stored rows, or None when they are not as foreseen."""
        if len(sheet_ids) != len(self.new):
            return None
        stored = list(
            Attendance.objects.of_hub(self.hub).values_list("id", "sheet_id", "row_number")
        )
        by_place = {(sheet, number): pk for pk, sheet, number in stored}
        real: dict[int, int] = {}
        last = max((r["id"] for r in self.existing), default=0)
        for sheet_id, rows in zip(sheet_ids, self.new, strict=True):
            for provisional, number in rows:
                pk = by_place.get((sheet_id, number))
                # Ids in the foreseen order: after every row of the hub, one row after another.
                if pk is None or pk <= last:
                    return None
                real[provisional] = last = pk
        # The order the second process resolved the rows in (_rows), from what orders them.
        order = [(_model_order(r), r["id"]) for r in self.existing] + [
            ((-engagement.starts_on.toordinal(), file_name, number), real[provisional])
            for (engagement, file_name, _), rows in zip(self.incoming, self.new, strict=True)
            for provisional, number in rows
        ]
        order.sort(key=lambda item: item[0])  # stable, as sorted() in _rows
        if [pk for _, pk in order] != [pk for pk, _, _ in stored]:
            return None
        return real


def _model_order(row: dict) -> tuple[int, str, int]:
    """Attendance's order (engagement: latest first, file name, row number), as _load reads it."""
    return (-row["engagement__starts_on"].toordinal(), row["source_file"], row["row_number"])


def _place_names_of(countries: list[str]) -> dict[int, tuple[str, str, str]]:
    """The names of the local governments of these countries, by id."""
    return {
        pk: (name, cyrillic, albanian)
        for pk, name, cyrillic, albanian in LocalGovernment.objects.filter(
            country__in=countries
        ).values_list("pk", "name", "name_cyrillic", "name_albanian")
    }
