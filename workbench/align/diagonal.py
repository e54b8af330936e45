"""One-to-one texts keep their diagonal.

Two texts with the same number of paragraphs, nearly all of them paired one to
one, are a one-to-one translation: inside them a 1-0 + 1-1 + 0-1 shift, a 2-2
re-cut or a merge beside a split is far more often a free translation (an odd
length ratio, few shared words) than a real change. ``prefer_diagonal`` gives
each such stretch of the search's path (from one diagonal point to the next)
back to the diagonal's 1-1 beads when they cost at most ``diagonal_slack``
more, provided the path already pairs at least ``diagonal_share`` of the
segments one to one on the diagonal. Texts with merges, splits, omissions and
insertions leave far more than 5% of the diagonal and are left to the search.
A stretch that both leaves out a paragraph and adds one (a shift) may cost up to
``diagonal_shift_slack`` more: inside a one-to-one translation a translator
re-cuts two paragraphs far more often than she drops one and adds another beside it.
"""

from __future__ import annotations

import math


def prefer_diagonal(path, total: float, scorer):
    """``path`` ((source start, end, target start, end) per bead) and its ``total`` cost,
    with the stretches the diagonal reads nearly as well made 1-1 (``scorer``: a
    ``dp._Scorer``, whose ``p`` holds ``diagonal_slack`` and ``diagonal_share``)."""
    p = scorer.p
    n = path[-1][1] if path else 0
    if p.diagonal_slack <= 0.0 or not path or path[-1][3] != n:
        return path, total
    stretches = off_diagonal(path, scorer)
    off = sum(path[b - 1][1] - path[a][0] for a, b, _ in stretches)
    if not stretches or off > (1.0 - p.diagonal_share) * n:
        return path, total
    out, last = [], 0
    for a, b, cost in stretches:
        s0, s1 = path[a][0], path[b - 1][1]
        diagonal = math.fsum(scorer.cost(x, x + 1, x, x + 1) for x in range(s0, s1))
        if diagonal - cost <= slack(path[a:b], p):
            out += path[last:a] + [(x, x + 1, x, x + 1) for x in range(s0, s1)]
            total += diagonal - cost
            last = b
    return out + path[last:], total


def slack(stretch, p) -> float:
    """How much more the diagonal may cost than ``stretch`` (its beads) and still replace it."""
    omits = any(j == pj for _, _, pj, j in stretch)
    adds = any(i == pi for pi, i, _, _ in stretch)
    return max(p.diagonal_slack, p.diagonal_shift_slack) if omits and adds else p.diagonal_slack


def off_diagonal(path, scorer) -> list[tuple[int, int, float]]:
    """(first bead, bead after the last, cost) of each stretch of ``path`` that leaves the
    diagonal, from one point where as many source as target segments are covered to the next."""
    stretches, start, cost = [], None, 0.0
    for k, (pi, i, pj, j) in enumerate(path):
        if start is None and not (i - pi == 1 and j - pj == 1 and pi == pj):
            start, cost = k, 0.0
        if start is not None:
            cost += scorer.cost(pi, i, pj, j)
            if i == j:
                stretches.append((start, k + 1, cost))
                start = None
    return stretches
