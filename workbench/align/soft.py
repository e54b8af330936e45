"""Soft translation overlap: evidence for beads whose parts share no key.

The learnt translation table (``lexicon``) gives a word pair as a shared key only when
both directions find it likely and it was seen in several beads; a bead whose sentences
translate each other in ordinary words (``Unsicherheit`` / ``incertitude``) often shares
none, so the search reads a 1-2 as a 1-1 and a skip, or shifts a run of sentences by one
around a skip. Here every word with a translation in the table's soft part (IBM Model 1's
probabilities, p(t | s) and p(s | t)) is credited with the best probability of a
translation found on the other side of its bead, against the best it has anywhere; a
segment's uncovered soft evidence is the rest, times its reliability (how much of it
there is).

``refine`` goes along the searched path and searches again, exactly, each stretch of
``window`` beads that holds a skip, with each bead's cost plus ``weight`` times its
segments' uncovered soft evidence (a skipped segment's is all uncovered). A new cut is kept
where it pairs as many beads as the path did (it re-pairs segments or takes in a skip), and
a cut that joins two pairs into one only where the soft evidence pays for it (the plain
cost alone does not prefer it). Stretches without a skip are left alone: on literary text
nearly every stretch holds a merge, and cutting them all again nearly doubled the search's
time for one more right bead.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.records import frozen_dataclass

INF = float("inf")


@frozen_dataclass
class SoftParams:
    weight: float = 0.0      # cost of a segment's soft evidence left uncovered (0: off)
    rel_words: float = 2.0   # soft weight (sum of best probabilities) that makes a segment fully reliable
    window: int = 3          # beads searched again together
    max_side: int = 8        # longest stretch side searched again

    def describe(self) -> dict:
        return {"weight": self.weight, "rel_words": self.rel_words, "window": self.window,
                "max_side": self.max_side}


class SoftOverlap:
    """Soft evidence of the segments of two texts, from a table's ``soft_source`` and
    ``soft_target`` ({word: {translation: probability}})."""

    def __init__(self, soft_source: dict, soft_target: dict, src_words: Sequence[list[str]],
                 tgt_words: Sequence[list[str]], params: SoftParams):
        self.p = params
        self._tables = soft_source, soft_target
        self._segment_words = src_words, tgt_words
        # each segment's known words (``_known``), and its words that some word of the other side may
        # translate to: made when first needed (only the segments of a stretch that holds a skip are)
        self._known: tuple[dict, dict] = ({}, {})
        self._words: tuple[dict, dict] = ({}, {})
        self._best: tuple | None = None
        self._wanted: tuple | None = None
        self.memo: dict[tuple, float] = {}

    def uncovered(self, pi: int, i: int, pj: int, j: int) -> float:
        """The bead's segments' soft evidence that the other side lacks, each times its reliability."""
        return (sum(self.segment(0, x, pj, j) for x in range(pi, i))
                + sum(self.segment(1, y, pi, i) for y in range(pj, j)))

    def segment(self, side: int, x: int, lo: int, hi: int) -> float:
        """Segment ``x`` of ``side`` (0 source, 1 target): its soft evidence that the other
        side's segments ``lo`` to ``hi - 1`` lack, times its reliability."""
        key = (side, x, lo, hi)
        found = self.memo.get(key)
        if found is None:
            words = [self._translations_in(side, y) for y in range(lo, hi)]
            other = frozenset().union(*words) if hi - lo > 1 else words[0] if hi > lo else frozenset()
            found = self.memo[key] = _uncovered(self._known_of(side, x), other, self.p.rel_words)
        return found

    def _known_of(self, side: int, x: int) -> tuple:
        """``_known`` of segment ``x`` of ``side``."""
        known = self._known[side].get(x)
        if known is None:
            if self._best is None:
                self._best = _with_best(self._tables[0]), _with_best(self._tables[1])
            known = self._known[side][x] = _known(self._segment_words[side][x], self._best[side])
        return known

    def _translations_in(self, side: int, y: int) -> frozenset:
        """The words of segment ``y`` of the side opposite ``side`` that some word of ``side`` may
        translate to."""
        found = self._words[side].get(y)
        if found is None:
            if self._wanted is None:
                self._wanted = (frozenset(t for d in self._tables[0].values() for t in d),
                                frozenset(s for d in self._tables[1].values() for s in d))
            found = self._words[side][y] = self._wanted[side].intersection(self._segment_words[1 - side][y])
        return found


def _with_best(soft: dict) -> dict[str, tuple[dict, float]]:
    """Each word the table knows: (its translations, the best probability)."""
    return {w: (found, max(found.values())) for w, found in soft.items() if found}


def _known(words: list[str], known: dict[str, tuple[dict, float]]) -> tuple[tuple[dict, float], ...]:
    """(translations, best probability) of each word of a segment the table knows (``_with_best``)."""
    return tuple(filter(None, map(known.get, words)))   # (the loop in C)


def _uncovered(known, other: frozenset, rel_words: float) -> float:
    total = sum(best for _, best in known)
    if total <= 0.0:
        return 0.0
    credit = 0.0
    if other:
        for translations, _ in known:
            credit += max((p for t, p in translations.items() if t in other), default=0.0)
    return min(1.0, total / rel_words) * (1.0 - credit / total)


def could_gain(stretch: list, soft: SoftOverlap) -> bool:
    """Whether some cut of the stretch could cover more soft evidence: a segment finds more
    of its translations across the whole stretch than in its own bead (no cut can give a
    segment more than the whole other side of the stretch)."""
    a0, b0, a1, b1 = stretch[0][0], stretch[0][2], stretch[-1][1], stretch[-1][3]
    seg = soft.segment
    for pi, i, pj, j in stretch:
        if any(seg(0, x, pj, j) > seg(0, x, b0, b1) + 1e-12 for x in range(pi, i)):
            return True
        if any(seg(1, y, pi, i) > seg(1, y, a0, a1) + 1e-12 for y in range(pj, j)):
            return True
    return False


def refine(path: list, total: float, scorer, soft: SoftOverlap, prose: tuple | None = None) -> tuple[list, float]:
    """``path`` ((source start, end, target start, end) per bead) with each stretch of
    ``soft.p.window`` beads that holds a skip re-cut where its cost plus the soft term is lower
    (``scorer``: a ``dp._Scorer``); and the path's cost (the scorer's, without the soft term).
    ``prose``: (source, target) flags of running text, whose skips cost ``prose_skip`` more
    (``align.insertions``), as they did for the path."""
    p = soft.p
    if p.weight <= 0.0 or len(path) < 2:
        return path, total
    costs = _Costs(scorer, soft, prose)
    out, k = list(path), 0
    while k + p.window <= len(out):
        stretch = out[k:k + p.window]
        holds_skip = any(pi == i or pj == j for pi, i, pj, j in stretch)
        if holds_skip and could_gain(stretch, soft):
            better = _recut(stretch, costs)
            if better is not None:
                out[k:k + p.window] = better
                total += sum(scorer.cost(*b) for b in better) - sum(scorer.cost(*b) for b in stretch)
        k += 1
    return out, total


class _Costs:
    """A bead's plain cost (the scorer's, prose skips included, as the path was chosen by) and
    its uncovered soft evidence, each computed once (stretches overlap)."""

    def __init__(self, scorer, soft: SoftOverlap, prose):
        self.scorer, self.soft, self.prose = scorer, soft, prose
        self.extra = scorer.p.prose_skip if prose is not None else 0.0
        self.memo: dict[tuple, tuple[float, float]] = {}
        self.weight = soft.p.weight
        # the least any bead of a type can cost (its prior, or a skip)
        self.floor = {(a, b): scorer.p.skip if not a or not b else scorer.p.priors[(a, b)]
                      for a, b in scorer.p.bead_types}

    def of(self, bead: tuple) -> tuple[float, float]:
        found = self.memo.get(bead)
        if found is None:
            pi, i, pj, j = bead
            plain = self.scorer.cost(pi, i, pj, j)
            if self.extra and (i == pi or j == pj):
                plain += self.extra * (self.prose[0][pi] if i > pi else self.prose[1][pj])
            found = self.memo[bead] = (plain, self.soft.uncovered(pi, i, pj, j))
        return found

    def total(self, bead: tuple, limit: float = INF) -> float:
        """``plain + weight * soft``; infinite (and not remembered) once the plain cost alone
        reaches ``limit``."""
        found = self.memo.get(bead)
        if found is None and limit < INF:
            pi, i, pj, j = bead
            if i > pi and j > pj and self.scorer.cost(pi, i, pj, j, limit) >= limit:
                return INF
        plain, soft = self.of(bead)
        return plain + self.weight * soft


def _recut(stretch: list, costs: _Costs) -> list | None:
    """A better cut of the stretch into bead types (None: none)."""
    a0, b0, a1, b1 = stretch[0][0], stretch[0][2], stretch[-1][1], stretch[-1][3]
    if a1 - a0 > costs.soft.p.max_side or b1 - b0 > costs.soft.p.max_side:
        return None
    own = [costs.of(b) for b in stretch]
    own_plain, own_total = sum(c[0] for c in own), sum(costs.total(b) for b in stretch)
    cut = _cheapest_cut(a0, a1, b0, b1, costs, own_total)
    if cut is None:
        return None
    # Kept where it pairs as many stretches of both sides as the path did (it re-pairs segments
    # or takes in a skip), or where the soft evidence pays for it (the plain cost alone does not
    # prefer it). A cut that joins two pairs into one, preferred by the plain cost with the prose
    # skips' extra cost (``align.insertions``) in it, is the search's business: such as a
    # translator's note sharing names with the two sentences before it, joined to them in a 2-3.
    if _pairs(cut) >= _pairs(stretch) or sum(costs.of(b)[0] for b in cut) >= own_plain - 1e-9:
        return cut
    return None


def _pairs(beads) -> int:
    """How many of the beads pair segments of both sides."""
    return sum(1 for pi, i, pj, j in beads if i > pi and j > pj)


def _cheapest_cut(a0: int, a1: int, b0: int, b1: int, costs: _Costs, bound: float) -> list | None:
    """The cheapest sequence of beads of the search's types from (a0, b0) to (a1, b1) by
    ``costs.total``, when it costs less than ``bound`` (None otherwise)."""
    best = {(a0, b0): (0.0, None)}
    floor, w, seg = costs.floor, costs.weight, costs.soft.segment
    # the least soft evidence each segment can leave uncovered in any bead of the stretch,
    # summed from each position to the stretch's end: what every path from there still pays
    rest = _suffix([w * seg(0, x, b0, b1) for x in range(a0, a1)]), _suffix([w * seg(1, y, a0, a1) for y in range(b0, b1)])
    for i in range(a0, a1 + 1):
        for j in range(b0, b1 + 1):
            if (i, j) == (a0, b0):
                continue
            cell = (bound - 1e-9 - rest[0][i - a0] - rest[1][j - b0], None)
            for a, b in costs.scorer.p.bead_types:
                prev = best.get((i - a, j - b))
                if prev is None or prev[1] is None and (i - a, j - b) != (a0, b0):
                    continue
                low = (prev[0] + floor[(a, b)] + rest[0][i - a - a0] - rest[0][i - a0]
                       + rest[1][j - b - b0] - rest[1][j - b0])
                if low >= cell[0]:
                    continue
                c = prev[0] + costs.total((i - a, i, j - b, j), cell[0] - prev[0])
                if c < cell[0]:
                    cell = (c, (i - a, i, j - b, j))
            best[(i, j)] = cell
    if best[(a1, b1)][1] is None:
        return None
    beads, at = [], (a1, b1)
    while at != (a0, b0):
        bead = best[at][1]
        beads.append(bead)
        at = (bead[0], bead[2])
    return beads[::-1]


def _suffix(values: list[float]) -> list[float]:
    """Sums of ``values`` from each position to the end (one more: 0)."""
    out = [0.0]
    for v in reversed(values):
        out.append(out[-1] + v)
    return out[::-1]
