"""Strict and lax precision, recall and F1 of alignments against gold.

The definitions are those of Vecalign's ``score.py`` (after Sennrich and
Volk's lax/strict measure):

* precision counts every test bead (omissions and insertions included): a
  test bead is a strict hit when it is exactly a gold bead, and a lax hit
  when some of its target segments are linked in the gold to some of its
  source segments;
* recall is the same computation with gold and test swapped, after removing
  omission and insertion beads from both;
* counts are summed over all documents before dividing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

BeadPair = tuple[Sequence[int], Sequence[int]]


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _counts(gold: Iterable[BeadPair], test: Iterable[BeadPair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` against ``gold``."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    linked: dict[int, set[int]] = {}
    for s, t in gold_set:
        for i in s:
            linked.setdefault(i, set()).update(t)
    hit = miss = lax_hit = lax_miss = 0
    for s, t in test_set:
        if (s, t) in gold_set:
            hit += 1
            lax_hit += 1
            continue
        miss += 1
        reachable = set().union(*(linked.get(i, set()) for i in s)) if s else set()
        if reachable.intersection(t):
            lax_hit += 1
        else:
            lax_miss += 1
    return hit, miss, lax_hit, lax_miss


def score(golds: Sequence[Sequence[BeadPair]], tests: Sequence[Sequence[BeadPair]]) -> Scores:
    """Scores summed over several documents (one gold and one test list each)."""
    if len(golds) != len(tests):
        raise ValueError("score needs as many test alignments as gold ones")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests):
        p = [x + y for x, y in zip(p, _counts(gold, test))]
        both_gold = [(s, t) for s, t in gold if s and t]
        both_test = [(s, t) for s, t in test if s and t]
        r = [x + y for x, y in zip(r, _counts(both_test, both_gold))]
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
