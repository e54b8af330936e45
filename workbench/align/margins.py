"""How sure the search is of each bead of its path: costs, scores and margins.

``scored_path`` gives each bead of a path its cost, Gale-Church ``|z|``, Dice and
reliability (``dp._Scorer.parts``) and its margin: how much cheaper the path is
than the best local alternative a reviewer would weigh (``margins``).
"""

from __future__ import annotations

from workbench.align.dp import INF, NO_RIVAL, ScoredBead, _Scorer


def scored_path(path, scorer: _Scorer) -> list[ScoredBead]:
    """The beads of ``path`` ((source start, end, target start, end) each) with their scores."""
    beads = []
    own = [scorer.cost(*b) for b in path]
    rivals = margins(path, scorer, own)
    for (pi, i, pj, j), margin, bead_cost in zip(path, rivals, own):
        cost, z, dice, rel = scorer.parts(pi, i, pj, j, bead_cost)
        beads.append(ScoredBead(tuple(range(pi, i)), tuple(range(pj, j)), cost, z, dice, rel, margin))
    return beads


def margins(path, scorer: _Scorer, own: list[float] | None = None) -> list[float]:
    """For each bead, how much cheaper the chosen path is than the best local alternative.

    The alternatives are those a reviewer would weigh: the bead cut in two (a merge read
    as a 1-1 and an insertion, a 1-1 as an omission and an insertion), and, with a
    neighbouring bead, the boundary between the two moved or the two fused into one
    bead (an insertion read as part of the paragraph next to it). A small margin means
    the evidence hardly decides between the two readings. Margins are capped at two skips.
    ``own``: each bead's cost, when the caller has them."""
    types = set(scorer.p.bead_types)
    cost, skip = scorer.cost, scorer.p.skip
    cap = min(NO_RIVAL, 2.0 * skip)  # a rival two skips dearer is no rival
    cuts: dict[tuple[int, int], list[tuple[int, int, bool, bool]]] = {}

    def best_split(pi, i, pj, j, best=INF, chosen=None):
        shape = (i - pi, j - pj)
        if shape not in cuts:
            cuts[shape] = _cuts(*shape, types)
        for x, y, first_skips, second_skips in cuts[shape]:
            i2, j2 = pi + x, pj + y
            if (i2, j2) == chosen:
                continue
            first = skip if first_skips else cost(pi, i2, pj, j2, best)  # stops early once it cannot win
            if first < best:
                best = min(best, first + (skip if second_skips else cost(i2, i, j2, j, best - first)))
        return best

    own = own if own is not None else [cost(*b) for b in path]
    if scorer.fast is not None:   # the same margins in C (None: a cost only Python gives)
        found = scorer.fast.margins(list(path), list(own), list(types), skip, cap)
        if found is not None:
            return found
    pair = []  # margin of each two neighbouring beads read another way
    for h in range(len(path) - 1):
        (a0, _, b0, _), (a1, a2, b1, b2) = path[h], path[h + 1]
        chosen = own[h] + own[h + 1]
        alt = cost(a0, a2, b0, b2) if (a2 - a0, b2 - b0) in types else INF
        alt = best_split(a0, a2, b0, b2, min(alt, chosen + cap), chosen=(a1, b1))
        pair.append(alt - chosen)
    out = []
    for k, (pi, i, pj, j) in enumerate(path):
        if i - pi == 1 and j - pj == 1:  # the only cut: an omission and an insertion
            m = 2.0 * scorer.p.skip - own[k]
        else:
            m = best_split(pi, i, pj, j, own[k] + cap) - own[k]
        if k:
            m = min(m, pair[k - 1])
        if k < len(pair):
            m = min(m, pair[k])
        out.append(min(cap, max(0.0, m)))
    return out


def _cuts(a: int, b: int, types: set) -> list[tuple[int, int, bool, bool]]:
    """The ways to cut an a-by-b stretch into two beads of known types, in search order:
    (source and target size of the first, whether the first or the second is a skip)."""
    return [(x, y, x == 0 or y == 0, x == a or y == b) for x in range(a + 1) for y in range(b + 1)
            if (x, y) not in ((0, 0), (a, b)) and (x, y) in types and (a - x, b - y) in types]
