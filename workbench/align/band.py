"""The band of the alignment search: a guide path through anchors, and the nodes near it.

Evidence keys found in exactly one segment on each side are anchors; the
longest chain of anchors increasing on both sides is the guide path, and the
search (``workbench.align.dp``) computes only the nodes within a number of
target positions of it.
"""

from __future__ import annotations

import bisect
import math


def guide(n: int, m: int, src_keys, tgt_keys) -> list[tuple[float, float]]:
    """Anchor points (source position, target position), increasing on both sides."""
    def unique(keys_list):
        seen: dict[str, int] = {}
        for idx, keys in enumerate(keys_list):
            for k in keys:
                if k[0] in "nmcg" and "#" not in k:
                    seen[k] = -1 if k in seen else idx
        return {k: v for k, v in seen.items() if v >= 0}

    us, ut = unique(src_keys), unique(tgt_keys)
    points = sorted({(us[k], ut[k]) for k in us.keys() & ut.keys()})
    chain = _longest_chain(points)
    return [(0.0, 0.0)] + [(i + 0.5, j + 0.5) for i, j in chain] + [(float(n), float(m))]


def _longest_chain(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence strictly increasing in both coordinates (patience sorting)."""
    # sort by i ascending, j descending so equal i cannot both be taken
    pts = sorted(points, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pts)
    for k, (_, j) in enumerate(pts):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out, k = [], tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(pts[k])
        k = prev[k]
    return out[::-1]


def band_around(n: int, m: int, anchors: list[tuple[float, float]], width: int) -> tuple[list[int], list[int]]:
    """(lo, hi): the target positions each source row searches, ``width`` either side of the path."""
    lo, hi = [0] * (n + 1), [0] * (n + 1)
    g, last = 0, len(anchors) - 1
    floor, ceil = math.floor, math.ceil
    (x0, y0), (x1, y1) = anchors[0], anchors[min(1, last)]
    for i in range(n + 1):
        if g + 1 < last and anchors[g + 1][0] <= i:
            while g + 1 < last and anchors[g + 1][0] <= i:
                g += 1
            (x0, y0), (x1, y1) = anchors[g], anchors[min(g + 1, last)]
        centre = y0 if x1 == x0 else y0 + (y1 - y0) * (i - x0) / (x1 - x0)
        # (conditionals for max and min: the same values, without a call per row)
        low, high = floor(centre - width), ceil(centre + width)
        lo[i] = low if low > 0 else 0
        hi[i] = high if high < m else m
    return _connected(n, m, lo, hi)


def corridor(n: int, m: int, points: list[tuple[float, float]], width: int) -> tuple[list[int], list[int]]:
    """(lo, hi): the target positions each source row searches, ``width`` either side of a path
    given by its nodes ``points`` (an earlier pass's bead ends, increasing). Between two nodes the
    path runs straight; a run of insertions holds several nodes of one row, and the row covers
    all of them (``band_around`` would centre it on the last)."""
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    floor, ceil = math.floor, math.ceil
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for r in range(int(x0), int(x1) + 1):
            y = y0 + (y1 - y0) * (r - x0) / (x1 - x0) if x1 > x0 else y0
            top = y if x1 > x0 else y1
            # (conditionals for max and min: the same values, without a call per row)
            low, high = floor(y - width), ceil(top + width)
            low, high = low if low > 0 else 0, high if high < m else m
            if low < lo[r]:
                lo[r] = low
            if high > hi[r]:
                hi[r] = high
    return _connected(n, m, lo, hi)


def _connected(n: int, m: int, lo: list[int], hi: list[int]) -> tuple[list[int], list[int]]:
    """The rows made to join up: the first starts at 0, the last ends at ``m``, every row is
    reachable from the one before and leads on to the next."""
    lo[0], hi[n] = 0, m
    before = hi[0]
    for i in range(1, n + 1):  # every row must be reachable from the one before
        low = lo[i] if lo[i] < before else before
        low = lo[i] = low if low > 0 else 0
        if hi[i] < low:
            hi[i] = low
        before = hi[i]
    after = lo[n]
    for i in range(n - 1, -1, -1):  # and must lead on to the next
        reach = after if after < m else m
        if hi[i] < reach:
            hi[i] = reach
        after = lo[i]
    return lo, hi


def touches_edge(path, lo, hi, m) -> bool:
    """True when a bead of the path ends on the band's edge (a wider band may do better)."""
    for _, i, _, j in path:
        if (j == lo[i] and lo[i] > 0) or (j == hi[i] and hi[i] < m):
            return True
    return False
