"""The bead search of ``workbench.align.dp`` with each row of the band computed by numpy.

Same costs and same recurrence as ``dp._search``: for every row ``i`` of the band
the cost of each bead type ending at ``(i, j)`` is computed for all ``j`` at once
from prefix sums and a table of pairwise shared evidence weights; only the
insertion chain inside a row (``0-1`` beads) and the rare merges whose segments
repeat a key that the other side also holds (where ``dp._Scorer._matched``
matches each occurrence once) are computed one cell at a time. A pure-Python
search spent most of 1,000 sentences' alignment time in per-cell function calls.
Where the C extension is built, the same pass over the rows runs in C instead
(``workbench.align.bandpass``, without numpy): numpy's arrays of every cell's costs were
three quarters of the search's time. This search is the fallback (no extension built, or a
pass the C code gives up on).
"""

from __future__ import annotations

import math

import numpy as np

from workbench.align.bandpass import overlaps, shared_by_size, traced_path
from workbench.align.dp import INF

class _Band:
    """The cells of some rows of the band as flat arrays (``rows``), and the costs of each
    bead type ending there."""

    def __init__(self, n: int, m: int, lo: list[int], hi: list[int], scorer):
        self.s = scorer
        self.lo, self.hi = np.asarray(lo), np.asarray(hi)
        self.Ls, self.Lt = np.asarray(scorer.Ls, float), np.asarray(scorer.Lt, float)
        self.Hs, self.Ht = np.asarray(scorer.Hs, float), np.asarray(scorer.Ht, float)
        self.Js, self.Jt = np.asarray(scorer.Js, bool), np.asarray(scorer.Jt, bool)
        # each segment's reliability and the divisor of its coverage (``dp._Scorer._uncovered``)
        self.rel_s, self.div_s = self._coverage_terms(scorer.Ws)
        self.rel_t, self.div_t = self._coverage_terms(scorer.Wt)
        types = scorer.p.bead_types
        reach = max(max(a, b) for a, b in types)
        wlo, whi, rows = overlaps(n, m, lo, hi, reach, scorer)
        self.wlo, self.table = np.asarray(wlo), np.array(rows)
        scorer.use_overlaps(wlo, whi, rows)   # the exact costs read them too
        self.src_twice, self.tgt_twice = ([np.frombuffer(flags, bool) for flags in shared_by_size(keys, reach)]
                                          for keys in (scorer.Bs, scorer.Bt))

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

    def _coverage_terms(self, weights) -> tuple[np.ndarray, np.ndarray]:
        weight = np.asarray(weights, float)
        rel = np.minimum(1.0, weight * 2.0 / self.s.rel_keys)   # 0 for a segment without evidence
        return rel, np.where(weight > 0.0, weight, 1.0) * self.s.dice_sat

    @staticmethod
    def uncovered(rel, div, matched) -> np.ndarray:
        """``dp._Scorer._uncovered`` for arrays (in place: the same operations, fewer arrays)."""
        out = np.divide(matched, div)
        np.subtract(1.0, out, out=out)
        np.maximum(out, 0.0, out=out)
        out *= rel
        return out

    def costs(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cost of the bead of ``a`` source and ``b`` target segments ending at each cell
        (INF: none), which cells hold only a lower bound (see ``_pending``), and the cells
        where such a bead fits in the band."""
        out = np.full(len(self.I), INF)
        pending = np.zeros(len(self.I), bool)
        PI, PJ = self.I - a, self.J - b
        ok = (PI >= 0) & (PJ >= 0)
        ok[ok] &= (PJ[ok] >= self.lo[PI[ok]]) & (PJ[ok] <= self.hi[PI[ok]])
        cells = np.nonzero(ok)[0]
        if a == 0 or b == 0:
            out[cells] = self.s.skip
            return out, pending, cells
        out[cells], bound = self._bead_costs(a, b, self.I[cells], self.J[cells])
        if a + b > 2:
            maybe = self._pending(a, b, cells)
            out[cells[maybe]] = bound[maybe]
            pending[cells[maybe]] = True
        return out, pending, cells

    def _bead_costs(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        s, p = self.s, self.s.p
        pi, pj = i - a, j - b
        ls, lt = self.Ls[i] - self.Ls[pi], self.Lt[j] - self.Lt[pj]
        mean = (ls + lt / s.ratio) * 0.5
        z = np.abs(lt - s.ratio * ls) / np.sqrt(s.s2r * np.where(mean > 0, mean, 1.0))
        lc = np.where(mean > 0, _neg_log_erfc(z * _INV_SQRT2), 0.0) * s.w_len
        cost = s.priors[(a, b)] + np.minimum(lc, p.len_cap) + p.len_past_cap * np.maximum(lc - p.len_cap, 0.0)
        if a + b > 2:
            cost = cost + ((self.Hs[i] - self.Hs[pi]) + (self.Ht[j] - self.Ht[pj]))
        pair = [[self.shared(pi + x, pj + y) for y in range(b)] for x in range(a)]
        lex = 0.0
        orphans = 0
        for x in range(a):
            ms = sum(pair[x])
            lex = lex + self.uncovered(self.rel_s[pi + x], self.div_s[pi + x], ms)
            orphans = orphans + self._lone(ms, self.Js, pi, x, a)
        for y in range(b):
            mt = sum(pair[x][y] for x in range(a))
            lex = lex + self.uncovered(self.rel_t[pj + y], self.div_t[pj + y], mt)
            orphans = orphans + self._lone(mt, self.Jt, pj, y, b)
        if p.orphan and a + b > 2:
            cost = cost + p.orphan * orphans
        cost = cost + s.w_lex * 0.5 * lex
        return cost, cost

    @staticmethod
    def _lone(matched, joined, start, k: int, size: int):
        """``dp.orphans`` for the k-th segment of one side of each bead."""
        lone = matched <= 0.0
        if k:
            lone = lone & ~joined[start + k]
        if k < size - 1:
            lone = lone & ~joined[start + k + 1]
        return lone

    def _pending(self, a: int, b: int, cells: np.ndarray) -> np.ndarray:
        """Merges that may repeat a key on one side that the other side holds. There each
        occurrence is matched once (``dp._Scorer._matched``), which only the cell-by-cell
        cost does. Matching once never finds more than the pairwise overlaps, so the cost
        from the overlaps is a lower bound: the search asks for the exact cost only when
        the bead would win with it."""
        i, j = self.I[cells], self.J[cells]
        maybe = np.zeros(len(cells), bool)
        if a > 1:   # (two of the bead's own source segments share a key base, not two nearby)
            maybe |= self.src_twice[a][i]
        if b > 1:
            maybe |= self.tgt_twice[b][j]
        return maybe


_INV_SQRT2 = 1.0 / np.sqrt(2.0)
# Numerical Recipes' erfcc polynomial of ``dp.neg_log_erfc``, highest term first
_ERFC = (0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196,
         1.00002368, -1.26551223)


def _neg_log_erfc(x: np.ndarray) -> np.ndarray:
    """``dp.neg_log_erfc`` of each value, bit for bit: the same operations in the same order, in
    place (one array for the whole polynomial instead of one per term)."""
    t = 0.5 * x
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * _ERFC[0]
    for c in _ERFC[1:]:
        poly += c
        if c != _ERFC[-1]:
            poly *= t
    out = x * x
    out -= poly
    out -= _log(t)
    return out


def _log(values: np.ndarray) -> np.ndarray:
    """``math.log`` of each value: the C library's, as the C extension's search computes it (numpy's
    own log differs from it in the last bit for ~0.3% of values on a machine with AVX-512, and the
    two searches must find the same path)."""
    return np.fromiter(map(math.log, values.tolist()), float, len(values))


CHUNK = 4096  # rows whose bead costs are held at once: memory stays small on long documents


def search(n: int, m: int, lo: list[int], hi: list[int], scorer):
    """Best path through the band (as ``dp._search``): list of (pi, i, pj, j), total cost.

    The band's cells are one flat array, row after row. Numpy computes the costs of a chunk of rows
    at once, for every cell and bead type, with the flat index of each bead's start, so a row needs
    a handful of numpy calls for all bead types together (one call per type and step before: most of
    the search's time was numpy's per-call overhead on rows of ~20 cells). ``bandpass.search`` finds
    the same path and total, bit for bit."""
    types = scorer.p.bead_types
    band = _Band(n, m, lo, hi, scorer)
    start = np.concatenate(([0], np.cumsum(band.hi - band.lo + 1))).tolist()
    D = np.full(start[-1] + 1, INF)   # the last cell: the start of a bead that does not fit
    B = np.full(start[-1], -1, np.int8)
    D[0] = 0.0
    steps = [t for t, (a, _) in enumerate(types) if a > 0]   # the 0-1 beads come after each row
    insertion = types.index((0, 1)) if (0, 1) in types else -1
    for r0 in range(0, n + 1, CHUNK):
        r1 = min(n + 1, r0 + CHUNK)
        grid = _chunk_grid(band, types, steps, start, r0, r1)
        for i in range(r0, r1):
            if i:
                _row(i, D, B, start, grid, steps, types, lo, scorer)
            if insertion >= 0:
                _insertions(D[start[i]:start[i + 1]], B[start[i]:start[i + 1]], scorer.skip, insertion)
    if not np.isfinite(D[start[n] + m - lo[n]]):
        raise RuntimeError("alignment search found no path")
    return traced_path(B, start, lo, n, m, types), float(D[start[n] + m - lo[n]])


class _Grid:
    """Rows r0..r1-1 of the band, flat from ``base``: for each bead type of ``steps``
    (one per row of these arrays) its cost ending at each cell, whether that cost is
    only a lower bound (``pending``), and the flat index of the cell where it starts."""

    def __init__(self, base: int, cost: np.ndarray, pending: np.ndarray, pred: np.ndarray, rows_pending, steps):
        self.base, self.cost, self.pending, self.pred = base, cost, pending, pred
        self.steps = np.asarray(steps)   # the bead type of each row of these arrays
        self.rows_pending = rows_pending   # rows holding a pending cell


def _chunk_grid(band: _Band, types, steps, start: list[int], r0: int, r1: int) -> _Grid:
    band.rows(r0, r1)
    cells = len(band.I)
    cost = np.empty((len(steps), cells))
    pending = np.empty((len(steps), cells), bool)
    pred = np.full((len(steps), cells), start[-1], np.int64)
    flat_start = np.asarray(start[:-1])
    for s, t in enumerate(steps):
        a, b = types[t]
        cost[s], pending[s], cells = band.costs(a, b)
        PI, PJ = band.I[cells] - a, band.J[cells] - b
        pred[s, cells] = flat_start[PI] + PJ - band.lo[PI]
    rows_pending = set(band.I[pending.any(axis=0)].tolist())   # (np.unique would import numpy.ma: 15 ms)
    return _Grid(start[r0], cost, pending, pred, rows_pending, steps)


def _row(i: int, D, B, start: list[int], grid: _Grid, steps, types, lo, scorer) -> None:
    """Row ``i`` from the rows before it: each cell takes the cheapest bead type ending
    there, the first in ``types`` on a tie, as the cell-by-cell search does."""
    c0, c1 = start[i] - grid.base, start[i + 1] - grid.base
    cand = D[grid.pred[:, c0:c1]]
    cand += grid.cost[:, c0:c1]
    cols = np.arange(c1 - c0)
    arg = cand.argmin(axis=0)
    if i in grid.rows_pending:
        pending = grid.pending[:, c0:c1]
        late = np.flatnonzero(pending[arg, cols]).tolist()
        if late:
            pending = pending.copy()
            for k in late:
                arg[k] = _exact_winner(i, k, cand[:, k], pending[:, k], int(arg[k]), D, grid.pred[:, c0 + k],
                                       steps, types, lo, scorer)
    best = cand[arg, cols]
    D[start[i]:start[i + 1]] = best
    B[start[i]:start[i + 1]] = grid.steps[arg]   # (a cell no bead reaches keeps an infinite cost)


def _exact_winner(i: int, k: int, cand, pending, s: int, D, pred, steps, types, lo, scorer) -> int:
    """The winning bead type of the row's column ``k`` once no winner is a lower bound: a
    winning lower bound is replaced by the exact cost and the column looked at again
    (columns do not depend on each other)."""
    while pending[s] and cand[s] < INF:
        pending[s] = False
        a, b = types[steps[s]]
        j = lo[i] + k
        exact = scorer.exact(i - a, i, j - b, j)
        if exact is False:   # the bound is the exact cost
            break
        cand[s] = D[pred[s]] + exact
        s = int(cand.argmin())
    return s


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
