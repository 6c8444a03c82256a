"""A large import resolves its people in a second process while it stores the rows
(EarlyResolution): the outcome is the one resolving the stored rows gives."""

import datetime as dt
import os

import pytest

from citybridge.engagement import resolution
from citybridge.engagement.models import Attendance, Engagement, LinkDecision, ReviewPair
from citybridge.engagement.resolution import EarlyResolution, resolve_hub
from citybridge.imports import attendance
from citybridge.imports.registry import run_import
from citybridge.lib.resolution import pairs
from citybridge.network.models import Person

HEADER = "#;Ime i prezime;Institucija;Funkcija;Grad / Opština;E-mail;Pol\r\n"
PEOPLE = [
    "Dragoslav Vukašinović;Opština Testgrad;Gradonačelnik;Testgrad;;M",
    "Vukasinovic Dragoslav;Opstina Testgrad;Gradonacelnik;Testgrad;;M",
    "Ivan Petrović;Opština Testgrad;Savjetnik;Testgrad;ivan.p@example.org;M",
    "Ivana Petrović;Opština Testgrad;Savjetnica;Testgrad;ivana.p@example.org;Ž",
    "Petrović Ivana;Centar za socijalni rad;;Testgrad;ivana.p@example.org;Ž",
    "Zorka Bogdanović;Centar za socijalni rad;Socijalna radnica;Testgrad;;Ž",
    "Zorka Bogdanovic;Centar;;Testgrad;;Ž",
    "Arben Krasniqi;OJQ Rinia;Aktivist;Testgrad;info@rinia.org;M",
    "Agim Krasniqi;OJQ Rinia;Aktivist;Testgrad;info@rinia.org;M",
    "Milica Jovanović;Škola;Nastavnica;Testgrad;;Ž",
    "Milica Jovanovic;Skola;;Testgrad;;Ž",
    "Saša Marković;Policija;;Testgrad;;M",
    "Aleksandar Marković;Policijska uprava;;Testgrad;;M",
]


def sheet(rows: list[str]) -> bytes:
    return (HEADER + "".join(f"{i};{r}\r\n" for i, r in enumerate(rows, 1))).encode("cp1250")


@pytest.fixture
def engagements(hub, city):
    return [
        Engagement.objects.create(
            hub=hub,
            key=f"K0{n}",
            title=f"Meeting {n}",
            kind="workshop",
            starts_on=day,
            ends_on=day,
            host_city=city,
        )
        # Two engagements on one day: the hub's rows are ordered by day, file, row.
        for n, day in enumerate(
            (dt.date(2023, 3, 1), dt.date(2023, 6, 1), dt.date(2023, 6, 1), dt.date(2024, 2, 1)), 1
        )
    ]


@pytest.fixture
def early(monkeypatch):
    """Every import resolves early; each must use the engine's outcome of its second process
    (a worker that died, or rows stored otherwise than foreseen, would resolve them again)."""
    monkeypatch.setattr(attendance, "EARLY_ROWS", 1)
    used = []
    finishing = []
    real_finish, real_resolve = EarlyResolution.finish, resolution._resolve_hub

    def finish(self, sheet_ids):
        finishing.append(self)
        try:
            summary = real_finish(self, sheet_ids)
        finally:
            finishing.pop()
        used.append(self)
        return summary

    def resolve(hub):
        assert not finishing, "the early resolution fell back to resolving the stored rows"
        return real_resolve(hub)

    monkeypatch.setattr(EarlyResolution, "finish", finish)
    monkeypatch.setattr(resolution, "_resolve_hub", resolve)
    return used


def outcome(hub):
    people: dict[int, set[tuple[str, int]]] = {}
    for source, row, person in Attendance.objects.values_list(
        "source_file", "row_number", "person_id"
    ):
        people.setdefault(person, set()).add((source, row))
    queue = set(
        ReviewPair.objects.values_list(
            "first__source_file", "first__row_number", "second__source_file", "second__row_number"
        )
    )
    return sorted(map(sorted, people.values())), queue


def files(*batches):
    return [(f"K0{n}.csv", sheet(rows)) for n, rows in batches]


def test_an_early_resolution_is_what_resolving_the_stored_rows_gives(
    hub, engagements, officer, early
):
    run_import(
        "attendance",
        files((1, PEOPLE[:7]), (2, PEOPLE[3:]), (3, PEOPLE[::2])),
        hub=hub,
        acting_user=officer,
    )
    assert len(early) == 1 and not early[0]._worker.is_alive()
    assert Person.objects.count() == 8
    found = outcome(hub)
    assert Attendance.objects.filter(person=None).count() == 0
    summary = resolve_hub(hub)  # the ordinary way, in this process
    assert (summary.created, summary.relinked, summary.retired) == (0, 0, 0)
    assert outcome(hub) == found


def test_a_second_import_resolves_early_with_the_hub_rows_and_decisions(
    hub, engagements, officer, early, monkeypatch
):
    run_import("attendance", files((1, PEOPLE)), hub=hub, acting_user=officer)
    first, second = Attendance.objects.filter(full_name__startswith="Zorka").order_by("id")
    LinkDecision.objects.create(
        first=first, second=second, verdict=LinkDecision.Verdict.DIFFERENT, decided_by=officer
    )
    run_import(
        "attendance", files((2, PEOPLE[::-1]), (4, PEOPLE[:5])), hub=hub, acting_user=officer
    )
    assert len(early) == 2
    found = outcome(hub)
    assert (
        Attendance.objects.get(pk=first.pk).person_id
        != Attendance.objects.get(pk=second.pk).person_id
    )
    summary = resolve_hub(hub)
    assert (summary.created, summary.relinked, summary.retired) == (0, 0, 0)
    assert outcome(hub) == found


def test_rows_stored_otherwise_than_foreseen_are_resolved_again(
    hub, engagements, officer, monkeypatch
):
    monkeypatch.setattr(attendance, "EARLY_ROWS", 1)
    monkeypatch.setattr(EarlyResolution, "_real_ids", lambda self, sheet_ids: None)
    again = []
    real = resolution._resolve_hub

    def counted(hub):
        again.append(hub)
        return real(hub)

    monkeypatch.setattr(resolution, "_resolve_hub", counted)
    run_import("attendance", files((1, PEOPLE), (2, PEOPLE[:4])), hub=hub, acting_user=officer)
    assert again == [hub]
    assert Person.objects.count() == 8
    assert Attendance.objects.filter(person=None).count() == 0


def test_a_failed_import_ends_the_early_resolution_and_stores_nothing(
    hub, engagements, officer, early, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    started = []
    real_init = EarlyResolution.__init__

    def init(self, *args):
        real_init(self, *args)
        started.append(self)

    monkeypatch.setattr(EarlyResolution, "__init__", init)
    monkeypatch.setattr(attendance, "store_sheet", broken)
    with pytest.raises(RuntimeError):
        run_import("attendance", files((1, PEOPLE)), hub=hub, acting_user=officer)
    assert len(started) == 1 and not started[0]._worker.is_alive()
    assert not Attendance.objects.exists() and not Person.objects.exists()


def test_a_small_import_resolves_after_storing(hub, engagements, officer, monkeypatch):
    started = []
    monkeypatch.setattr(EarlyResolution, "__init__", lambda self, *a: started.append(a))
    run_import("attendance", files((1, PEOPLE)), hub=hub, acting_user=officer)
    assert started == []
    assert Person.objects.count() == 8
    assert resolve_hub(hub).relinked == 0


def test_the_engine_may_share_its_pairs_with_a_process_of_its_own(
    hub, engagements, officer, early, monkeypatch
):
    monkeypatch.setattr(pairs, "PARALLEL_PAIRS", 0)  # as at 100,000 rows
    run_import("attendance", files((1, PEOPLE), (2, PEOPLE[2:])), hub=hub, acting_user=officer)
    assert len(early) == 1
    found = outcome(hub)
    assert resolve_hub(hub).relinked == 0
    assert outcome(hub) == found


def test_a_worker_lost_after_the_people_is_resolved_again_with_them_undone(
    hub, engagements, officer, monkeypatch
):
    """The people and links are written as soon as the second process sends them, while it
    works out the review queue; if the queue never follows, what was written is undone and
    the stored rows are resolved here: the outcome is still resolve_hub's."""
    monkeypatch.setattr(attendance, "EARLY_ROWS", 1)
    real_engine = resolution._engine

    def engine(rows, decisions, short_forms=(), clustered=None):
        if clustered is None:  # resolving the stored rows, in this process
            return real_engine(rows, decisions, short_forms)

        def sent_then_lost(clusters):
            clustered(clusters)
            os._exit(1)  # the second process dies before sending the queue

        return real_engine(rows, decisions, short_forms, clustered=sent_then_lost)

    again = []
    real_resolve = resolution._resolve_hub

    def counted(hub):
        again.append(Person.objects.count())
        return real_resolve(hub)

    monkeypatch.setattr(resolution, "_engine", engine)
    monkeypatch.setattr(resolution, "_resolve_hub", counted)
    run_import("attendance", files((1, PEOPLE), (2, PEOPLE[3:])), hub=hub, acting_user=officer)
    assert again == [0]  # the people written before the loss were undone
    assert Person.objects.count() == 8
    found = outcome(hub)
    summary = resolve_hub(hub)
    assert (summary.created, summary.relinked, summary.retired) == (0, 0, 0)
    assert outcome(hub) == found
