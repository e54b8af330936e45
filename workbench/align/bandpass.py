"""The search's pass over the band in C (``_fastcost.band``), with its inputs built without numpy.

Where the optional C extension is built, an alignment's searches run here: the band's table of
shared weights (``overlaps``), which windows of segments repeat a key (``shared_by_size``) and
the cells' costs and back-pointers are plain arrays (``array``, ``memoryview``) that the C code
reads through the buffer protocol, so the alignment command imports no numpy (a tenth of its
instructions went to that import). The numpy search (``workbench.align.vecsearch``) is the
fallback where the extension is not built or gives up; both find the same path, bit for bit.
"""

from __future__ import annotations

import math
import struct
from operator import not_
from array import array
from itertools import accumulate, chain

from workbench.align.dp import INF


def search(n: int, m: int, lo: list[int], hi: list[int], scorer) -> "tuple[list, float] | None":
    """Best path through the band (as ``vecsearch.search``): list of (pi, i, pj, j) and total
    cost; None where the C pass cannot make it (no extension, a pass given up midway)."""
    if scorer.fast is None:
        return None
    from workbench.align import _fastcost

    types = scorer.p.bead_types
    reach = max(max(a, b) for a, b in types)
    wlo, whi, rows = overlaps(n, m, lo, hi, reach, scorer)
    scorer.use_overlaps(wlo, whi, rows)   # the exact costs read them too
    steps = [t for t, (a, _) in enumerate(types) if a > 0]   # the 0-1 beads come after each row
    insertion = types.index((0, 1)) if (0, 1) in types else -1
    start = packed("q", list(chain((0,), accumulate(top - bottom + 1 for bottom, top in zip(lo, hi)))))
    D = array("d", [INF]) * (start[-1] + 1)   # the last cell: the start of a bead that does not fit
    D[0] = 0.0
    B = array("b", [-1]) * start[-1]
    twice = [_matrix("?", shared_by_size(bases, reach)) for bases in (scorer.Bs, scorer.Bt)]
    done = _fastcost.band(scorer.fast, scorer.exact, D, B, steps, [types[t] for t in steps], start, packed("q", lo),
                          packed("q", hi), packed("q", wlo), _matrix("d", rows), *twice, insertion, float(scorer.skip))
    if done is not True:
        return None
    end = start[n] + m - lo[n]
    if not math.isfinite(D[end]):
        raise RuntimeError("alignment search found no path")
    return traced_path(B, start, lo, n, m, types), D[end]


def traced_path(B, start, lo, n: int, m: int, types) -> list[tuple[int, int, int, int]]:
    """The beads (pi, i, pj, j) the back-pointers ``B`` (the bead type of each flat cell, rows
    from ``start``) trace back from (n, m) to (0, 0), in order."""
    path, i, j = [], n, m
    while i > 0 or j > 0:
        a, b = types[int(B[start[i] + j - lo[i]])]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def packed(kind: str, values: list) -> memoryview:
    """A list of numbers as a read-only C array: ``d`` doubles, ``q`` 64-bit integers. (struct
    converts each number directly; ``array()`` parses each as a call's argument, which cost 30 M
    instructions for the 150,000 numbers of a 1,000-sentence alignment.)"""
    return memoryview(struct.pack(f"{len(values)}{kind}", *values)).cast(kind)


def _matrix(kind: str, rows: list) -> memoryview:
    """Rows of equal length as one C-contiguous two-dimensional buffer: ``d`` floats, ``?`` flags
    (rows of bytes)."""
    shape = (len(rows), len(rows[0]))
    if kind == "d":
        return memoryview(struct.pack(f"{shape[0] * shape[1]}d", *chain.from_iterable(rows))).cast("d", shape)
    return memoryview(bytearray(b"".join(rows))).cast("B").cast(kind, shape)


def shared_by_size(bases: list[frozenset], reach: int) -> list[bytearray]:
    """For each size ``a`` (0 to ``reach``) and each end ``e`` (0 to n): whether two of the segments
    ``e - a`` to ``e - 1`` share a key base, i.e. whether a bead side of ``a`` segments ending
    there can repeat a key (``dp._in_two``). Each pair of segments less than ``reach`` apart is
    compared once. (One flag for all sizes, two of the ``reach`` segments before ``e``, also sent
    merges whose own segments share nothing to the repeated-key check: a 2-1 bead was flagged
    for a key shared by the segments before it; on the speed set 1,186 of 10,917 checks.)"""
    ends = len(bases) + 1
    # bit s of shares[d - 1]: segments s and s + d share a base; a window of ``size`` segments
    # ending at e holds the pair when s + d + 1 <= e <= s + size (Python's integers as bit sets:
    # the loops over each pair's windows took 3 ms a side)
    shares = [int(bytes(map(not_, map(frozenset.isdisjoint, bases, bases[d:]))).translate(_AS_BINARY)[::-1] or b"0", 2)
              for d in range(1, reach)]
    out = [bytearray(ends), bytearray(ends)]
    for size in range(2, reach + 1):
        flags = 0
        for d in range(1, size):
            for shift in range(d + 1, size + 1):
                flags |= shares[d - 1] << shift
        out.append(bytearray(format(flags & ((1 << ends) - 1), f"0{ends}b")[::-1].encode().translate(_FLAG)))
    return out


_FLAG = bytes.maketrans(b"01", b"\x00\x01")
_AS_BINARY = bytes.maketrans(b"\x00\x01", b"01")


def overlaps(n: int, m: int, lo, hi, reach: int, scorer) -> tuple[list[int], list[int], list[list[float]]]:
    """For each source segment, its shared weight with every target segment a bead can pair it
    with: the first and last such target segment, and the weights from the first on."""
    wlo, whi = windows(n, m, lo, hi, reach)
    width = max(1, max(h - w for w, h in zip(wlo, whi)) + 1 if n else 1)
    src_keys, tgt_keys, w = scorer.src_keys, scorer.tgt_keys, scorer.weights
    if scorer.fast is not None:   # the same table from the C extension (None: keys of another type)
        from workbench.align import _fastcost

        table = _fastcost.overlaps(src_keys, tgt_keys, w, wlo, whi, width, math.fsum)
        if table is not None:
            return wlo, whi, table
    table = [[0.0] * width for _ in range(max(n, 1))]
    for keys, row, base, top in zip(src_keys, table, wlo, whi):
        if not keys:
            continue
        for t, other in enumerate(tgt_keys[base:top + 1]):
            both = keys & other   # as ``dp._Scorer.inter``, without its memo
            if both:
                # (fsum of one weight is that weight)
                row[t] = w[next(iter(both))] if len(both) == 1 else math.fsum(w[k] for k in both)
    return wlo, whi, table


def windows(n: int, m: int, lo, hi, reach: int) -> tuple[list[int], list[int]]:
    """For each source segment ``s``, the first and last target segment of the band's rows
    ``s + 1`` to ``s + reach`` (the rows where a bead holding ``s`` can end), widened by ``reach``
    before."""
    if not n:
        return [0], [0]
    lo_rows = list(lo[1:]) + [m] * reach
    hi_rows = list(hi[1:]) + [0] * reach
    if reach == 1:
        first, last = lo_rows[:n], hi_rows[:n]
    else:   # (the least of each run of ``reach`` rows: min of the rows side by side, no slice a row)
        first = list(map(min, *(lo_rows[d:d + n] for d in range(reach))))
        last = list(map(max, *(hi_rows[d:d + n] for d in range(reach))))
    return [max(0, x - reach) for x in first], [min(m - 1, x - 1) for x in last]
