"""The pairs of a block judged in two processes give the engine's outcome of one process.
Invented names only."""

from __future__ import annotations

import gc
import itertools

import pytest

from citybridge.lib.resolution import Mention, blocking, cycle_collector_paused, resolve
from citybridge.lib.resolution import pairs as pairs_module
from citybridge.lib.resolution.compare import Surnames
from citybridge.lib.resolution.evidence import shared_mailboxes
from citybridge.lib.resolution.pairs import PairJudge, _halves
from citybridge.lib.resolution.profiles import build_profiles

GIVEN = ["Arben", "Agim", "Ardita", "Arbena", "Arbn", "Nevena", "Nena", "Ivan", "Ivana"]
FAMILY = ["Kodrasi", "Kodrasaj", "Tomarić", "Tomaric", "Zelić", "Petrac"]


def mentions() -> list[Mention]:
    out = []
    for n, (given, family, city, mail) in enumerate(
        itertools.product(GIVEN, FAMILY, ["4", "5", "zelengrad"], [False, True])
    ):
        email = f"{given}.{family}@ex.org".lower() if mail and n % 3 else ""
        out.append(Mention(n, f"{given} {family}", email=email, city=city, organisation="Alfa"))
    return out


def test_two_processes_resolve_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = resolve(mentions())
    monkeypatch.setattr(pairs_module, "PARALLEL_PAIRS", 0)
    split = []

    def halves(blocks):
        split.append(len(blocks))
        return _halves(blocks)

    monkeypatch.setattr(pairs_module, "_halves", halves)
    together = resolve(mentions())
    assert split  # the blocks were shared between two processes
    assert together.clusters == alone.clusters
    assert together.uncertain == alone.uncertain
    assert len(alone.clusters) < len(mentions())  # the data links something
    assert alone.uncertain  # ...and asks something


def test_halves_share_the_pairs() -> None:
    blocks = [list(range(n)) for n in (40, 30, 20, 10, 10, 5, 2)]
    mine, theirs = _halves(blocks)
    assert sorted(map(len, mine + theirs)) == sorted(map(len, blocks))

    def weight(half):
        return sum(len(b) * (len(b) - 1) // 2 for b in half)

    assert abs(weight(mine) - weight(theirs)) <= 435  # within the largest but one block


def test_a_pair_told_apart_by_names_alone_keeps_its_clusters_apart() -> None:
    # "Laam Morina" and "Lama Moirna" met in a block and their names alone tell them apart
    # (a man's and a woman's form of one surname): left out of the pair loop's cannot-links,
    # that is asked again when the links below would chain them into one cluster.
    email = "drita.lama@ex.org"
    mentions = [
        Mention(1, "Drita Lama-Morina", email=email, city="6"),
        Mention(2, "Drita Lama-Morina", email=email, city="6", gender="F"),
        Mention(3, "Drita LAAM-MORINA", email=email, city="6"),
        Mention(4, "Drita LAMA-MOIRNA", email=email, city="6"),
    ]
    assert resolve(mentions).clusters == [[1, 2, 3], [4]]


def test_the_cycle_collector_is_paused_and_left_as_it_was() -> None:
    was = gc.isenabled()
    try:
        gc.enable()
        with pytest.raises(ValueError), cycle_collector_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled()
        gc.disable()
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is not overridden
    finally:
        if was:
            gc.enable()


def test_the_block_loop_judges_as_each_pair_judged_alone() -> None:
    # judge_blocks writes the pair loop out (the cached name verdict first); it must record
    # what judge(x, y, apart_kept=False) records for each pair, met once however many blocks.
    profiles = build_profiles(mentions(), set())
    shared = shared_mailboxes(profiles)
    surnames = Surnames(profiles)
    surnames.learn_aliases(profiles, shared)
    blocks = blocking(profiles, shared).compared()
    written_out = PairJudge(profiles, shared, surnames)
    written_out.judge_blocks(blocks)
    one_by_one = PairJudge(profiles, shared, surnames)
    for members in blocks:
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                one_by_one.judge(x, y, apart_kept=False)
    assert written_out.seen == one_by_one.seen
    assert written_out.apart == one_by_one.apart
    assert written_out.links == one_by_one.links
    assert written_out.links and written_out.apart  # links, and links decisively apart
    assert sum(len(m) * (len(m) - 1) // 2 for m in blocks) > len(written_out.seen)  # met twice
