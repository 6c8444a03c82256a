"""Resolve a hub's attendance records to people, again after every import or decision.

The pure engine (citybridge.lib.resolution) decides which records are one person; this module
feeds it the records and the officers' decisions, and writes the outcome: existing people keep
their records (the person holding most of a cluster keeps it), new clusters become new people,
people created by resolution that a merge leaves without records are retired, and the uncertain
pairs are queued for review.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from django.db import transaction

from citybridge.engagement.models import Attendance, LinkDecision, ReviewPair
from citybridge.lib import resolution
from citybridge.lib.bulk_writes import insert_rows, set_column
from citybridge.lib.names import display_name
from citybridge.lib.text import fold
from citybridge.network.models import Gender, Hub, Organisation, Person
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
    "local_government_id",
    "role",
    "role_kind",
    "gender",
    "person_id",
    "engagement_id",
    "engagement__starts_on",
    # The resolved city's names, so that an unresolved spelling of it is still recognised.
    "local_government__name",
    "local_government__name_cyrillic",
    "local_government__name_albanian",
)
# Role values that say nothing about the person's post: the written cell is compared instead.
_VAGUE_ROLES = frozenset(["", "other"])


@lru_cache(maxsize=4096)
def _place_names(*names: str) -> tuple[str, ...]:
    return tuple(sorted({fold(p) for p in names if p}))


def mention_of(row: dict) -> resolution.Mention:
    places = _place_names(
        row.get("local_government__name", ""),
        row.get("local_government__name_cyrillic", ""),
        row.get("local_government__name_albanian", ""),
    )
    kind = row.get("role_kind", "")
    return resolution.Mention(
        id=row["id"],
        full_name=row["full_name"] if not (row["given_name"] or row["family_name"]) else "",
        given_name=row["given_name"],
        family_name=row["family_name"],
        email=row["email"],
        organisation=row["organisation"],
        city=str(row["local_government_id"]) if row["local_government_id"] else fold(row["city"]),
        # The role as the importer read it (one value in every language) when it could.
        role=kind if kind not in _VAGUE_ROLES else row["role"],
        gender=row["gender"],
        place_names=places,
        event=str(row.get("engagement_id", "")),
        day=str(row.get("engagement__starts_on") or ""),
    )


@transaction.atomic
def resolve_hub(hub: Hub) -> ResolutionSummary:
    # A hub's rows, their mentions and the clusters are a few hundred thousand objects without
    # reference cycles: the cycle collector would walk them again and again for nothing.
    with resolution.cycle_collector_paused():
        return _resolve_hub(hub)


def _resolve_hub(hub: Hub) -> ResolutionSummary:
    rows = list(Attendance.objects.of_hub(hub).values(*FIELDS))
    by_id = {r["id"]: r for r in rows}
    decisions = LinkDecision.objects.filter(first__engagement__hub=hub).values_list(
        "first_id", "second_id", "verdict"
    )
    same = [(a, b) for a, b, v in decisions if v == LinkDecision.Verdict.SAME]
    different = [(a, b) for a, b, v in decisions if v == LinkDecision.Verdict.DIFFERENT]
    result = resolution.resolve([mention_of(r) for r in rows], same=same, different=different)

    claimed: set[int] = set()
    changes: dict[int, int] = {}  # attendance id -> person id
    new_clusters: list[list[int]] = []
    for cluster in sorted(result.clusters, key=len, reverse=True):
        holders = Counter(by_id[i]["person_id"] for i in cluster if by_id[i]["person_id"])
        owner = next((p for p, _ in holders.most_common() if p not in claimed), None)
        if owner is None:
            new_clusters.append(cluster)
            continue
        claimed.add(owner)
        changes.update({i: owner for i in cluster if by_id[i]["person_id"] != owner})

    # Existing people who gain or lose records (a merge, a split): a form opened before is stale.
    touched = set(changes.values())
    created = _create_people(hub, new_clusters, by_id, changes)
    touched |= {by_id[i]["person_id"] for i in changes}
    relinked = len(changes) - sum(len(c) for c in new_clusters)
    _apply(changes)
    retired, _ = (
        Person.objects.of_hub(hub)
        .filter(from_import=True, attendances__isnull=True, positions__isnull=True, notes="")
        .exclude(consent_contact=True)
        .exclude(consent_quote=True)
        .delete()
    )
    raise_versions(Person, touched, reason="resolution")
    uncertain = _queue_for_review(hub, result.uncertain, decisions)
    return ResolutionSummary(
        people=hub.people.count(),
        created=created,
        retired=retired,
        relinked=relinked,
        uncertain=uncertain,
    )


def _create_people(
    hub: Hub, clusters: list[list[int]], by_id: dict[int, dict], changes: dict[int, int]
) -> int:
    # The organisations already known under the names these clusters carry, in one query.
    written = {_most_common(r["organisation"] for r in (by_id[i] for i in c)) for c in clusters}
    keys = {fold(w) for w in written if w}
    organisations: dict[str, Organisation] = {
        o.name_key: o for o in Organisation.objects.filter(name_key__in=keys)
    }
    # ...and the new ones in one go (save() only sets name_key, set here).
    missing = {fold(w): " ".join(w.split()) for w in written if w and fold(w) not in organisations}
    for new in Organisation.objects.bulk_create(
        [Organisation(name=name, name_key=key) for key, name in missing.items()], batch_size=500
    ):
        organisations[new.name_key] = new
    people = []
    for cluster in clusters:
        records = [by_id[i] for i in cluster]
        full_name = display_name([resolution_name(r) for r in records])[:200]
        organisation = _organisation(hub, records, organisations)
        people.append(
            {
                "hub_id": hub.pk,
                "full_name": full_name,
                "name_key": fold(full_name),
                "gender": _most_common(gender_of(r["gender"]) for r in records),
                "email": _most_common(r["email"].lower() for r in records if "@" in r["email"])[
                    :254
                ],
                "local_government_id": _most_common(
                    r["local_government_id"] for r in records if r["local_government_id"]
                )
                or None,
                "organisation_id": organisation.pk if organisation else None,
                "from_import": True,
            }
        )
    # Plain rows in multi-row INSERTs: bulk_create's Person instances and its compiled batches
    # were half of this step's time.
    created = insert_rows(Person, people)
    for cluster, person_id in zip(clusters, created, strict=True):
        changes.update({i: person_id for i in cluster})
    return len(created)


def resolution_name(row: dict) -> tuple[str, str, str]:
    return (row["full_name"], row["given_name"], row["family_name"])


def _organisation(
    hub: Hub, records: list[dict], cache: dict[str, Organisation]
) -> Organisation | None:
    written = _most_common(r["organisation"] for r in records if r["organisation"])
    if not written:
        return None
    key = fold(written)
    if key not in cache:
        cache[key] = Organisation.objects.create(name=" ".join(written.split()))
    return cache[key]


def _most_common(values) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


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
