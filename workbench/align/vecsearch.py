"""The bead search of ``workbench.align.dp`` with each row of the band computed by numpy.

Same costs and same recurrence as ``dp._search``: for every row ``i`` of the band
the cost of each bead type ending at ``(i, j)`` is computed for all ``j`` at once
from prefix sums and a table of pairwise shared evidence weights; only the
insertion chain inside a row (``0-1`` beads) and the rare merges whose segments
repeat a key that the other side also holds (where ``dp._Scorer._matched``
matches each occurrence once) are computed one cell at a time. A pure-Python
search spent most of 1,000 sentences' alignment time in per-cell function calls.
"""

from __future__ import annotations

import numpy as np

from workbench.align.dp import INF, _in_two, neg_log_erfc

class _Band:
    """The cells of some rows of the band as flat arrays (``rows``), and the costs of each
    bead type ending there."""

    def __init__(self, n: int, m: int, lo: list[int], hi: list[int], scorer):
        self.s = scorer
        self.lo, self.hi = np.asarray(lo), np.asarray(hi)
        self.Ls, self.Lt = np.asarray(scorer.Ls, float), np.asarray(scorer.Lt, float)
        self.Hs, self.Ht = np.asarray(scorer.Hs, float), np.asarray(scorer.Ht, float)
        self.Ws, self.Wt = np.asarray(scorer.Ws, float), np.asarray(scorer.Wt, float)
        types = scorer.p.bead_types
        reach = max(max(a, b) for a, b in types)
        self.wlo, self.table = _overlaps(n, m, lo, hi, reach, scorer)
        Bs, Bt = scorer.Bs, scorer.Bt
        self.src_twice = np.array([False] + [bool(_in_two(Bs[max(0, i - reach):i])) for i in range(1, n + 1)])
        self.tgt_twice = np.array([False] + [bool(_in_two(Bt[max(0, j - reach):j])) for j in range(1, m + 1)])

    def rows(self, r0: int, r1: int) -> None:
        """Work on the cells of rows ``r0`` to ``r1 - 1`` (I: row, J: target position, K: column)."""
        widths = self.hi[r0:r1] - self.lo[r0:r1] + 1
        self.I = np.repeat(np.arange(r0, r1), widths)
        starts = np.cumsum(widths) - widths
        self.K = np.arange(int(widths.sum())) - np.repeat(starts, widths)
        self.J = self.lo[self.I] + self.K

    def shared(self, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Shared evidence weight of source segments ``s`` with target segments ``t``."""
        return self.table[s, t - self.wlo[s]]

    def uncovered(self, weight, matched) -> np.ndarray:
        """``dp._Scorer._uncovered`` for arrays."""
        safe = np.where(weight > 0.0, weight, 1.0)
        rel = np.minimum(1.0, weight * 2.0 / self.s.rel_keys)
        left = np.maximum(0.0, 1.0 - matched / (safe * self.s.dice_sat))
        return np.where(weight > 0.0, rel * left, 0.0)

    def costs(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """Cost of the bead of ``a`` source and ``b`` target segments ending at each cell
        (INF: none), and which cells hold only a lower bound (see ``_pending``)."""
        out = np.full(len(self.I), INF)
        pending = np.zeros(len(self.I), bool)
        PI, PJ = self.I - a, self.J - b
        ok = (PI >= 0) & (PJ >= 0)
        ok[ok] &= (PJ[ok] >= self.lo[PI[ok]]) & (PJ[ok] <= self.hi[PI[ok]])
        cells = np.nonzero(ok)[0]
        if a == 0 or b == 0:
            out[cells] = self.s.skip
            return out, pending
        out[cells], bound = self._bead_costs(a, b, self.I[cells], self.J[cells])
        if a + b > 2:
            maybe = self._pending(a, b, cells)
            out[cells[maybe]] = bound[maybe]
            pending[cells[maybe]] = True
        return out, pending

    def _bead_costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        s, p = self.s, self.s.p
        pi, pj = i - a, j - b
        ls, lt = self.Ls[i] - self.Ls[pi], self.Lt[j] - self.Lt[pj]
        mean = (ls + lt / s.ratio) * 0.5
        z = np.abs(lt - s.ratio * ls) / np.sqrt(s.s2r * np.where(mean > 0, mean, 1.0))
        lc = np.where(mean > 0, neg_log_erfc(z * _INV_SQRT2, np.log), 0.0) * s.w_len
        cost = s.priors[(a, b)] + np.minimum(lc, p.len_cap)
        if a + b > 2:
            cost = cost + ((self.Hs[i] - self.Hs[pi]) + (self.Ht[j] - self.Ht[pj]))
        pair = [[self.shared(pi + x, pj + y) for y in range(b)] for x in range(a)]
        Ws, Wt = self.Ws, self.Wt
        lex = 0.0
        orphans = 0
        for x in range(a):
            ms = sum(pair[x])
            lex = lex + self.uncovered(Ws[pi + x], ms)
            orphans = orphans + (ms <= 0.0)
        for y in range(b):
            mt = sum(pair[x][y] for x in range(a))
            lex = lex + self.uncovered(Wt[pj + y], mt)
            orphans = orphans + (mt <= 0.0)
        if p.orphan and a + b > 2:
            cost = cost + p.orphan * orphans
        cost = cost + s.w_lex * 0.5 * lex
        return cost, cost

    def _pending(self, a: int, b: int, cells: np.ndarray) -> np.ndarray:
        """Merges that may repeat a key on one side that the other side holds. There each
        occurrence is matched once (``dp._Scorer._matched``), which only the cell-by-cell
        cost does. Matching once never finds more than the pairwise overlaps, so the cost
        from the overlaps is a lower bound: the search asks for the exact cost only when
        the bead would win with it."""
        i, j = self.I[cells], self.J[cells]
        maybe = np.zeros(len(cells), bool)
        if a > 1:
            maybe |= self.src_twice[i]
        if b > 1:
            maybe |= self.tgt_twice[j]
        return maybe


_INV_SQRT2 = 1.0 / np.sqrt(2.0)


def _overlaps(n: int, m: int, lo, hi, reach: int, scorer) -> tuple[np.ndarray, np.ndarray]:
    """For each source segment, its shared weight with every target segment a bead can pair it with."""
    wlo = np.zeros(max(n, 1), int)
    whi = np.zeros(max(n, 1), int)
    for s in range(n):
        rows = range(s + 1, min(n, s + reach) + 1)
        wlo[s] = max(0, min(lo[r] for r in rows) - reach)
        whi[s] = min(m - 1, max(hi[r] for r in rows) - 1)
    width = max(1, int((whi - wlo).max()) + 1 if n else 1)
    table = np.zeros((max(n, 1), width))
    inter = scorer.inter
    for s in range(n):
        if not scorer.src_keys[s]:
            continue
        row = table[s]
        base = wlo[s]
        for t in range(base, whi[s] + 1):
            if scorer.tgt_keys[t]:
                row[t - base] = inter(s, t)
        scorer.forget_before(s)
    return wlo, table


CHUNK = 4096  # rows whose bead costs are held at once: memory stays small on long documents


def search(n: int, m: int, lo: list[int], hi: list[int], scorer):
    """Best path through the band (as ``dp._search``): list of (pi, i, pj, j), total cost."""
    types = scorer.p.bead_types
    band = _Band(n, m, lo, hi, scorer)
    width = int((band.hi - band.lo).max()) + 1
    D = np.full((n + 1, width), INF)
    B = np.full((n + 1, width), -1, np.int8)
    D[0, 0] = 0.0
    insertion = types.index((0, 1)) if (0, 1) in types else -1
    for r0 in range(0, n + 1, CHUNK):
        r1 = min(n + 1, r0 + CHUNK)
        costs, pending = _chunk_costs(band, types, r0, r1, width)
        for i in range(r0, r1):
            _row(i, D, B, lo, hi, types, costs, pending, r0, scorer)
            if insertion >= 0:
                w_i = hi[i] - lo[i] + 1
                _insertions(D[i, :w_i], B[i, :w_i], scorer.skip, insertion)
    if not np.isfinite(D[n, m - lo[n]]):
        raise RuntimeError("alignment search found no path")
    path, i, j = [], n, m
    while i > 0 or j > 0:
        a, b = types[int(B[i, j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path, float(D[n, m - lo[n]])


def _chunk_costs(band: _Band, types, r0: int, r1: int, width: int):
    """Each bead type's cost grid (row - r0, column) for rows r0..r1-1, and its lower-bound flags."""
    band.rows(r0, r1)
    costs, pending = [], []
    for a, b in types:
        grid = np.full((r1 - r0, width), INF)
        flags = np.zeros((r1 - r0, width), bool)
        grid[band.I - r0, band.K], flags[band.I - r0, band.K] = band.costs(a, b)
        costs.append(grid)
        pending.append(flags)
    return costs, pending


def _row(i: int, D, B, lo, hi, types, costs, pending, r0: int, scorer) -> None:
    """Row ``i`` of the search from the rows before it (the 0-1 beads come after)."""
    w_i = hi[i] - lo[i] + 1
    best, arg = D[i, :w_i], B[i, :w_i]
    for t, (a, b) in enumerate(types):
        if a == 0 or i < a:
            continue
        pi = i - a
        off = lo[i] - b - lo[pi]          # column in row pi of the bead's start
        k0 = max(0, -off)
        k1 = min(w_i, hi[pi] - lo[pi] + 1 - off)
        if k1 <= k0:
            continue
        prev = D[pi, k0 + off:k1 + off]
        cost = costs[t][i - r0, k0:k1]
        better = prev + cost < best[k0:k1]
        late = better & pending[t][i - r0, k0:k1]
        for k in np.nonzero(late)[0].tolist():  # a lower bound won: the exact cost decides
            j = lo[i] + k0 + k
            cost[k] = scorer.cost(pi, i, j - b, j)
            better[k] = prev[k] + cost[k] < best[k0 + k]
        cand = prev + cost
        best[k0:k1][better] = cand[better]
        arg[k0:k1][better] = t


def _insertions(best: np.ndarray, arg: np.ndarray, skip: float, t: int) -> None:
    """The 0-1 beads of a row: each cell may continue the one to its left."""
    values = best.tolist()
    changed = False
    for k in range(1, len(values)):
        c = values[k - 1] + skip
        if c < values[k]:
            values[k] = c
            arg[k] = t
            changed = True
    if changed:
        best[:] = values
