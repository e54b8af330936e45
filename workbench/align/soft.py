"""Soft translation overlap: evidence for beads whose parts share no key.

The learnt translation table (``lexicon``) gives a word pair as a shared key only when
both directions find it likely and it was seen in several beads; a bead whose sentences
translate each other in ordinary words (``Unsicherheit`` / ``incertitude``) often shares
none, so the search reads a 2-2 as two 1-1 beads or a 1-2 as a 1-1 and a skip. Here
every word with a translation in the table's soft part (IBM Model 1's probabilities, both
directions) is credited with the best probability of a translation found on the other side
of its bead, against the best it has anywhere: ``covered(x)`` in [0, 1] for a segment.

``refine`` goes along the searched path and searches again, exactly, each stretch of
``window`` beads that holds a doubtful one (a skip, a merge, or a 1-1 whose words find few
of their translations), with each bead's cost plus ``weight`` times its segments'
uncovered soft evidence (a skipped segment's is all uncovered); a stretch is re-cut when
that total is lower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

INF = float("inf")


@dataclass(frozen=True)
class SoftParams:
    weight: float = 0.0      # cost of a segment's soft evidence left uncovered (0: off)
    rel_words: float = 2.0   # soft weight (sum of best probabilities) that makes a segment fully reliable
    window: int = 2          # beads searched again together
    doubt: float = 0.5       # a 1-1 bead is doubtful when its uncovered soft evidence exceeds this
    max_side: int = 8        # longest stretch side searched again

    def describe(self) -> dict:
        return {"weight": self.weight, "rel_words": self.rel_words, "window": self.window,
                "doubt": self.doubt, "max_side": self.max_side}


class SoftOverlap:
    """Soft evidence of the segments of two texts, from a table's ``soft_source`` and
    ``soft_target`` ({word: {translation: probability}})."""

    def __init__(self, soft_source: dict, soft_target: dict, src_words: Sequence[list[str]],
                 tgt_words: Sequence[list[str]], params: SoftParams):
        self.p = params
        self.src = [_known(ws, soft_source) for ws in src_words]
        self.tgt = [_known(ws, soft_target) for ws in tgt_words]
        self.src_sets = [frozenset(ws) for ws in src_words]
        self.tgt_sets = [frozenset(ws) for ws in tgt_words]

    def uncovered(self, pi: int, i: int, pj: int, j: int) -> float:
        """The bead's segments' soft evidence that the other side lacks, each times its reliability."""
        tgt_words = frozenset().union(*self.tgt_sets[pj:j]) if j > pj else frozenset()
        src_words = frozenset().union(*self.src_sets[pi:i]) if i > pi else frozenset()
        rel = self.p.rel_words
        return (sum(_uncovered(self.src[x], tgt_words, rel) for x in range(pi, i))
                + sum(_uncovered(self.tgt[y], src_words, rel) for y in range(pj, j)))


def _known(words: list[str], soft: dict) -> tuple[tuple[dict, float], ...]:
    """(translations, best probability) of each word of a segment the table knows."""
    out = []
    for w in words:
        found = soft.get(w)
        if found:
            out.append((found, max(found.values())))
    return tuple(out)


def _uncovered(known, other: frozenset, rel_words: float) -> float:
    total = sum(best for _, best in known)
    if total <= 0.0:
        return 0.0
    credit = 0.0
    for translations, _ in known:
        credit += max((p for t, p in translations.items() if t in other), default=0.0)
    return min(1.0, total / rel_words) * (1.0 - credit / total)


def refine(path: list, total: float, scorer, soft: SoftOverlap, prose: tuple | None = None) -> tuple[list, float]:
    """``path`` ((source start, end, target start, end) per bead) with each doubtful stretch
    of ``soft.p.window`` beads re-cut where its cost plus the soft term is lower
    (``scorer``: a ``dp._Scorer``); and the path's cost (the scorer's, without the soft term).
    ``prose``: (source, target) flags of running text, whose skips cost ``prose_skip`` more
    (``align.insertions``), as they did for the path."""
    p = soft.p
    if p.weight <= 0.0 or len(path) < 2:
        return path, total
    out, k = list(path), 0
    while k + p.window <= len(out):
        stretch = out[k:k + p.window]
        if any(_doubtful(b, soft) for b in stretch):
            better = _recut(stretch, scorer, soft, prose)
            if better is not None:
                out[k:k + p.window] = better
                total += sum(scorer.cost(*b) for b in better) - sum(scorer.cost(*b) for b in stretch)
        k += 1
    return out, total


def _doubtful(bead, soft: SoftOverlap) -> bool:
    pi, i, pj, j = bead
    if i - pi != 1 or j - pj != 1:
        return True
    return soft.uncovered(pi, i, pj, j) > soft.p.doubt


def _recut(stretch: list, scorer, soft: SoftOverlap, prose) -> list | None:
    """A cut of the stretch into bead types that the soft evidence pays for (None: none)."""
    a0, b0, a1, b1 = stretch[0][0], stretch[0][2], stretch[-1][1], stretch[-1][3]
    if a1 - a0 > soft.p.max_side or b1 - b0 > soft.p.max_side:
        return None
    extra = scorer.p.prose_skip if prose is not None else 0.0

    def plain(pi, i, pj, j):   # the cost the path was chosen by, prose skips included
        c = scorer.cost(pi, i, pj, j)
        if extra and (i == pi or j == pj):
            c += extra * (prose[0][pi] if i > pi else prose[1][pj])
        return c

    w = soft.p.weight
    cut = _cheapest_cut(a0, a1, b0, b1, scorer.p.bead_types, lambda *b: plain(*b) + w * soft.uncovered(*b))
    own = sum(plain(*b) for b in stretch), sum(soft.uncovered(*b) for b in stretch)
    new = sum(plain(*b) for b in cut), sum(soft.uncovered(*b) for b in cut)
    # Only where the soft evidence pays for the change: a cut the plain cost alone prefers is
    # one the search did not take for reasons this stretch does not see (its neighbours, the
    # diagonal, the prose skips fused one at a time), such as a translator's note that shares
    # names with two sentences beside it, joined to them in a 2-3.
    if new[0] < own[0] - 1e-9 or new[0] + w * new[1] >= own[0] + w * own[1] - 1e-9:
        return None
    return cut


def _cheapest_cut(a0: int, a1: int, b0: int, b1: int, bead_types, cost) -> list:
    """The cheapest sequence of beads of ``bead_types`` from (a0, b0) to (a1, b1), by ``cost``."""
    best = {(a0, b0): (0.0, None)}
    for i in range(a0, a1 + 1):
        for j in range(b0, b1 + 1):
            if (i, j) == (a0, b0):
                continue
            cell = (INF, None)
            for a, b in bead_types:
                prev = best.get((i - a, j - b))
                if prev is not None and prev[0] < INF:
                    c = prev[0] + cost(i - a, i, j - b, j)
                    if c < cell[0]:
                        cell = (c, (i - a, i, j - b, j))
            best[(i, j)] = cell
    beads, at = [], (a1, b1)
    while at != (a0, b0):
        bead = best[at][1]
        beads.append(bead)
        at = (bead[0], bead[2])
    return beads[::-1]
