"""Judging the pairs of profiles that meet in a block: the engine's inner loop (a million pairs
at 100,000 rows), shared between two processes when there are many.

A pair's judgement depends on the two profiles and on what the whole data says (shared
mailboxes, surnames, aliases), never on another pair's: blocks can be judged in any order and
in any process, and a pair met in two blocks is judged the same in both. The outcome is the
pairs decisively two people (`apart`) and the pairs worth a link or a question (`links`).

Half the pairs of a block are decisively two people (Arben / Agim Krasniqi; two known cities),
a million at 100,000 rows. Recording each of them, and carrying them along as clusters grow,
cost more than asking again (`decisively_apart`) of the few pairs of two clusters about to
be joined (30,000), so the blocks' pairs are left out of `apart`: only the links and the
pairs judged after the blocks (`then`) are recorded there.
"""

from __future__ import annotations

import multiprocessing
import os
from array import array
from collections.abc import Sequence

from citybridge.lib.resolution.compare import NameVerdict, Surnames, compare_names
from citybridge.lib.resolution.evidence import (
    LINK,
    NAMES_APART,
    REVIEW,
    beyond_review,
    decisively_two,
    may_reach_review,
    score_pair,
)
from citybridge.lib.resolution.profiles import Profile
from citybridge.lib.resolution.reasons import Reason

VERDICT_CACHE = 200_000  # name verdicts kept at once (a few hundred bytes each)
# Below this many pairs a second process costs more (starting it, sending back its findings)
# than it saves.
PARALLEL_PAIRS = 200_000

Link = tuple[float, int, int, list[Reason]]


class PairJudge:
    def __init__(self, profiles: Sequence[Profile], shared: set[str], surnames: Surnames):
        self.profiles, self.shared, self.surnames = profiles, shared, surnames
        self.width = len(profiles)
        self.seen: set[int] = set()  # pairs judged, as x * width + y with x < y
        self.apart: list[int] = []  # pairs decisively two people, coded as in `seen`
        self.links: list[Link] = []
        # Many profiles carry one name in other contexts: judge each pair of names once.
        self.verdicts: dict[tuple[int, int, str], NameVerdict] = {}

    def verdict(self, a: Profile, b: Profile) -> NameVerdict:
        key = (a.name_id, b.name_id, a.email if a.email == b.email else "")
        verdict = self.verdicts.get(key)
        if verdict is None:
            if len(self.verdicts) >= VERDICT_CACHE:
                self.verdicts.clear()
            verdict = self.verdicts[key] = compare_names(a, b, self.surnames)
        return verdict

    def outcome(self, x: int, y: int) -> tuple[bool, Link | None]:
        """Whether the pair is decisively two people, and its link (or question) if it is worth
        one."""
        a, b = self.profiles[x], self.profiles[y]
        verdict = self.verdict(a, b)
        if verdict.conflict and verdict.points < NAMES_APART:
            return True, None  # most pairs of a block: Arben / Agim Krasniqi
        return self._outcome_beyond_names(x, y, a, b, verdict)

    def _outcome_beyond_names(
        self, x: int, y: int, a: Profile, b: Profile, verdict: NameVerdict
    ) -> tuple[bool, Link | None]:
        """`outcome` of a pair whose names alone do not make it decisively two people."""
        if beyond_review(a, b, self.shared, verdict):
            # Only whether they may ever share a cluster matters.
            return decisively_two(a, b, verdict), None
        points, evidence, conflict = score_pair(a, b, self.shared, self.surnames, verdict)
        if points < REVIEW:
            return conflict, None
        # Namesakes told apart by strong context (two known cities, genders) are not worth an
        # officer's time, unless their organisation says they may be one: the same name of it,
        # not a near one. "Centre for Social Work Tutin" and "... Bar" are alike to the fuzzy
        # comparison and are two offices: at 100,000 synthetic rows that asked about 134 pairs
        # of namesakes in two cities, none of them one person.
        if conflict and points < LINK and a.organisations.isdisjoint(b.organisations):
            return True, None
        return conflict, (points, x, y, evidence)

    def decisively_apart(self, x: int, y: int) -> bool:
        """`outcome`'s first value for a pair of a block (judged with the lower index first)."""
        return self.outcome(min(x, y), max(x, y))[0]

    def judge(self, x: int, y: int, *, apart_kept: bool = True) -> None:
        pair = x * self.width + y if x < y else y * self.width + x
        if pair in self.seen:
            return
        self.seen.add(pair)
        apart, link = self.outcome(x, y)
        # A link decisively apart (two genders, all else agreeing) is kept: the engine asks
        # only about the other pairs of two clusters before joining them by a link.
        if apart and (apart_kept or link is not None):
            self.apart.append(pair)
        if link is not None:
            self.links.append(link)

    def judge_blocks(self, blocks: Sequence[Sequence[int]]) -> None:
        """Every pair of each block (its profiles in ascending order), leaving the pairs
        decisively two people out of `apart` (see the module docstring)."""
        # `judge(x, y, apart_kept=False)` for each pair, written out: a million pairs at
        # 100,000 rows, a third of them told apart by their names' cached verdict alone, where
        # two calls a pair cost more than the judging.
        seen, verdicts, profiles, width = self.seen, self.verdicts, self.profiles, self.width
        links, apart, rest = self.links, self.apart, self._outcome_beyond_names
        shared = self.shared
        for members in blocks:
            for i, x in enumerate(members):
                a = profiles[x]
                name, email, base = a.name_id, a.email, x * width
                for y in members[i + 1 :]:
                    pair = base + y  # x < y: a block's profiles are in ascending order
                    if pair in seen:
                        continue
                    seen.add(pair)
                    b = profiles[y]
                    verdict = verdicts.get((name, b.name_id, email if email == b.email else ""))
                    if verdict is None:
                        verdict = self.verdict(a, b)
                    if verdict.conflict and verdict.points < NAMES_APART:
                        continue
                    # Whether a pair that cannot be a link or a question is decisively two
                    # people is not kept (see the module docstring): not worked out either.
                    if beyond_review(a, b, shared, verdict) or not may_reach_review(
                        a, b, shared, verdict
                    ):
                        continue
                    decisive, link = rest(x, y, a, b, verdict)
                    if link is not None:
                        if decisive:
                            apart.append(pair)
                        links.append(link)

    def judge_all(self, blocks: Sequence[Sequence[int]], then: Sequence[tuple[int, int]]) -> None:
        """judge_blocks, then the pairs `then` in their order; the blocks' pairs shared with a
        forked process where that is possible and worth it. The outcome is the same: a pair
        both processes met is judged alike in both."""
        pairs = sum(len(m) * (len(m) - 1) // 2 for m in blocks)
        if (
            pairs < PARALLEL_PAIRS
            or (os.cpu_count() or 1) < 2
            or "fork" not in multiprocessing.get_all_start_methods()
        ):
            self.judge_blocks(blocks)
        else:
            self._judge_blocks_in_two(blocks, then)
        for x, y in then:
            self.judge(x, y)

    def _judge_blocks_in_two(
        self, blocks: Sequence[Sequence[int]], then: Sequence[tuple[int, int]]
    ) -> None:
        mine, theirs = _halves(blocks)
        # Of the pairs the worker judges, only those met again later must be known here.
        later = {x * self.width + y if x < y else y * self.width + x for x, y in then}
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=self._judge_for, args=(theirs, later, send), daemon=True)
        worker.start()
        send.close()
        self.judge_blocks(mine)
        try:
            seen, apart, links = receive.recv()
        except EOFError:  # the worker died: judge its half here
            worker.join()
            self.judge_blocks(theirs)
            return
        worker.join()
        ours = {(x, y) for _, x, y, _ in self.links}
        self.links.extend(link for link in links if (link[1], link[2]) not in ours)
        self.seen |= seen
        self.apart.extend(apart)

    def _judge_for(self, blocks: Sequence[Sequence[int]], later: set[int], send) -> None:
        # In the forked worker: a fresh outcome, sent back whole (the pairs as packed integers).
        self.seen, self.apart, self.links = set(), [], []
        self.judge_blocks(blocks)
        send.send((self.seen & later, array("q", self.apart), self.links))
        send.close()


def _halves(
    blocks: Sequence[Sequence[int]],
) -> tuple[list[Sequence[int]], list[Sequence[int]]]:
    """Two lists of blocks with about as many pairs each (largest first, each to the lighter)."""
    halves: tuple[list[Sequence[int]], list[Sequence[int]]] = ([], [])
    weights = [0, 0]
    for members in sorted(blocks, key=len, reverse=True):
        lighter = 0 if weights[0] <= weights[1] else 1
        halves[lighter].append(members)
        weights[lighter] += len(members) * (len(members) - 1) // 2
    return halves
