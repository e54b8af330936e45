"""Dynamic programming over bead sequences in a band around a guide path.

Costs (lower is better; all non-negative) of a bead with ``a`` source and
``b`` target segments:

* ``a == 0`` or ``b == 0`` (omission, insertion): ``skip``.
* otherwise ``prior[a, b] + w_len * length_cost + w_lex / 2 * sum(uncovered(x))``
  over every segment ``x`` of the bead, plus ``w_head`` for each heading-like
  segment (short, no closing punctuation) inside a merge, so that a dropped
  sub-heading stays alone rather than being glued to a paragraph.

  - ``length_cost`` is Gale and Church's ``-log P(|z|)`` with
    ``z = (lt - c*ls) / sqrt(s2 * c * (ls + lt/c)/2)``: lengths in characters,
    ``c`` the expected target/source ratio and ``s2`` the variance per
    character, both calibrated per language pair (``workbench.align.calibration``).
  - ``uncovered(x) = reliability(x) * (1 - min(1, coverage(x) / dice_sat))``:
    ``coverage`` is the weight of the segment's evidence keys
    (``workbench.align.evidence``; weights lowered for keys found in many
    segments) that the other side of the bead shares, divided by the weight of
    all its keys; ``reliability = min(1, 2 * weight / rel_keys)``, so that
    short segments with little evidence are judged mostly by length. Counting
    per segment means a merge cannot hide an unrelated paragraph: its
    segments pay for their missing evidence one by one.
  - Inside a bead a key occurrence is matched at most once: the bead's
    segments on each side are read as one text, the k-th occurrence of a key
    on one side matches the k-th on the other, and occurrences are credited
    to the segments in order. A translator's note after a paragraph repeats
    the names the paragraph and its translation already share; counted once
    more it would look like the second half of a merge.

The bead's reported ``dice`` (a confidence feature) is the plain weighted
Dice coefficient of the keys of its two sides.

The band: evidence keys that occur in exactly one segment on each side are
anchors; the longest chain of anchors increasing on both sides is the guide
path, and only nodes within ``band`` target positions of it are computed, so
time and memory grow linearly with the length of the documents. When the best
path touches the edge of the band (a large omission the anchors did not
show), the band is doubled and the search repeated. Small inputs are searched
in full. A second pass searches a narrower corridor around the first pass's
path (``corridor``), doubled the same way where its path reaches the edge.

The search itself runs row by row (``workbench.align.bandpass`` in C, ``workbench.align.vecsearch``
in numpy); ``_search`` is the cell-by-cell reference, used for tiny inputs.

A bead's cost (``_Scorer.cost``, ``_Scorer._matched``), the search's pass over the band and the
learnt table's EM rounds are computed by the optional C extension ``workbench.align._fastcost``
where it was built (``compiled_extension``), with the same operations in the same order, so the
same values to the last bit; without it (no C compiler at install, or ``WORKBENCH_ALIGN_PURE_PYTHON=1``
in the environment) by the Python and numpy code.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from dataclasses import field
from itertools import accumulate, chain

from workbench.align.band import band_around, corridor, guide, touches_edge
from workbench.align.crossings import join_crossings
from workbench.align.diagonal import prefer_diagonal
from workbench.align.evidence import KIND_WEIGHTS
from workbench.align.insertions import absorb_prose_skips
from workbench.align.soft import SoftParams, refine
from workbench.records import frozen_dataclass

# what this code calls in the extension: one built from an older source (an editable install
# whose extension was not built again after an update) lacks some, and is not used
EXTENSION_NAMES = ("Core", "overlaps", "band", "model1_table", "word_keys", "text_marks", "key_tables", "prefixed",
                   "with_words", "read_words", "term_words",
                   "weight_sums", "bead_ids", "key_weights", "numbered")
CORE_METHODS = ("use_overlaps", "cost", "exact", "matched", "margins")


def usable_extension(module):
    """``module`` where it has everything ``EXTENSION_NAMES`` and its ``Core`` ``CORE_METHODS``
    list, else None."""
    if module is None or not all(hasattr(module, n) for n in EXTENSION_NAMES):
        return None
    return module if all(hasattr(module.Core, n) for n in CORE_METHODS) else None


try:
    from workbench.align import _fastcost
except ImportError:   # not built (no C compiler at install): the same costs in Python
    _fastcost = None
_fastcost = usable_extension(_fastcost)

PARAGRAPH_BEADS = ((1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2))
SENTENCE_BEADS = PARAGRAPH_BEADS + ((1, 3), (3, 1))
INF = float("inf")
SMALL = 400  # cells: below this the cell-by-cell search is faster
NO_RIVAL = 99.0  # margin of a bead no local alternative can replace
_INV_SQRT2 = 1.0 / math.sqrt(2.0)


@frozen_dataclass
class DPParams:
    ratio: float = 1.0           # expected target chars per source char
    s2: float = 6.8              # Gale-Church variance per source character
    w_len: float = 1.0
    w_lex: float = 6.0
    rel_keys: float = 8.0
    skip: float = 7.0
    priors: dict = field(default_factory=lambda: {(1, 1): 0.0, (1, 2): 2.5, (2, 1): 2.5, (2, 2): 5.0,
                                                  (1, 3): 4.5, (3, 1): 4.5})
    bead_types: tuple = PARAGRAPH_BEADS
    band: int = 12
    corridor: int = 6            # a later pass searches this many target positions either side of
    #                              an earlier pass's path (most beads do not move; wider where they do)
    full_limit: int = 400_000    # search in full when (n+1)*(m+1) is at most this
    w_head: float = 0.0          # extra cost per heading-like segment inside a merge
    w_junk: float = 0.0          # extra cost per segment without a word or a number inside a merge
    dice_sat: float = 1.0        # Dice at or above this counts as a full match
    idf: bool = True             # scale key weights down for keys found in many segments
    len_cap: float = 1e9         # most a bead's length cost can add: an odd length ratio alone
    #                              must not turn a translation into an omission and an insertion
    len_past_cap: float = 0.0    # share of the length cost past len_cap still paid (ties at the cap)
    orphan: float = 0.0          # per segment of a merge that shares no evidence with the other side
    diagonal_slack: float = 0.0  # with as many segments on both sides: see ``align.diagonal``
    diagonal_share: float = 0.95
    diagonal_shift_slack: float = 0.0  # the same for a stretch with an omission and an insertion
    prose_skip: float = 0.0      # extra skip cost of a segment of running text: see ``align.insertions``
    prose_chars: int = 20        # the fewest characters of running text
    soft: SoftParams = SoftParams()  # soft translation overlap (``align.soft``; weight 0: off)
    crossings: bool = False      # neighbouring 1-1 beads whose contents cross become a 2-2 (``align.crossings``)

    def describe(self) -> dict:
        return {"ratio": round(self.ratio, 4), "s2": round(self.s2, 3), "w_len": self.w_len,
                "w_lex": self.w_lex, "rel_keys": self.rel_keys, "skip": self.skip,
                "priors": {f"{a}-{b}": v for (a, b), v in self.priors.items()},
                "bead_types": [f"{a}-{b}" for a, b in self.bead_types], "band": self.band,
                "corridor": self.corridor, "idf": self.idf,
                "dice_sat": self.dice_sat, "w_head": self.w_head, "w_junk": self.w_junk, "len_cap": self.len_cap,
                "len_past_cap": self.len_past_cap, "orphan": self.orphan, "diagonal_slack": self.diagonal_slack,
                "diagonal_share": self.diagonal_share, "diagonal_shift_slack": self.diagonal_shift_slack,
                "prose_skip": self.prose_skip, "prose_chars": self.prose_chars, "soft": self.soft.describe(),
                "crossings": self.crossings}


@frozen_dataclass
class ScoredBead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    cost: float
    length_z: float       # Gale-Church z (0 for omissions)
    dice: float           # weighted Dice of evidence keys
    reliability: float    # how much evidence there was, in [0, 1]
    margin: float = NO_RIVAL  # extra cost of the cheapest other reading of this stretch


@frozen_dataclass
class DPResult:
    beads: list[ScoredBead]
    total_cost: float
    band_used: int | None   # None: searched in full
    widened: int            # how many times the band was doubled


def length_cost(ls: float, lt: float, ratio: float, s2: float) -> tuple[float, float]:
    """(Gale-Church cost, |z|) for ``ls`` source and ``lt`` target characters."""
    mean = (ls + lt / ratio) / 2.0
    if mean <= 0:
        return 0.0, 0.0
    z = abs(lt - ratio * ls) / math.sqrt(s2 * ratio * mean)
    return neg_log_erfc(z * _INV_SQRT2), z


def neg_log_erfc(x, log=math.log):
    """``-log(erfc(x))`` for ``x >= 0``, for a float or (``log=numpy.log``) an array: Numerical
    Recipes' erfcc, relative error below 1.2e-7, written as a logarithm so it never underflows."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    return x * x - poly - log(t)


def compiled_extension():
    """The C extension ``_fastcost``, or None: not built, built from an older source, or turned
    off by the environment."""
    if _fastcost is None or os.environ.get("WORKBENCH_ALIGN_PURE_PYTHON", "") not in ("", "0"):
        return None
    return _fastcost


class _Scorer:
    def __init__(self, src_lens, tgt_lens, src_keys, tgt_keys, params: DPParams,
                 src_heads=None, tgt_heads=None, src_joined=None, tgt_joined=None, src_junk=None, tgt_junk=None,
                 compiled: bool | None = None):
        """``compiled``: False computes every cost in Python even where the C extension is built
        (None, True: the extension where it is built and not turned off by the environment)."""
        self.p = params
        # joined[x]: segment x continues segment x - 1 (see ``orphans``); one more at the end
        self.Js = [bool(x) for x in (src_joined or [0] * len(src_lens))] + [False]
        self.Jt = [bool(x) for x in (tgt_joined or [0] * len(tgt_lens))] + [False]
        # what each segment adds to a merge it is part of (a heading: ``w_head``, debris: ``w_junk``)
        self.Hs = _prefix(_merge_costs(params, src_heads, src_junk, len(src_lens)))
        self.Ht = _prefix(_merge_costs(params, tgt_heads, tgt_junk, len(tgt_lens)))
        self.src_keys, self.tgt_keys = src_keys, tgt_keys
        df = Counter(chain.from_iterable((*src_keys, *tgt_keys)))   # (in the order first seen)
        n = max(2, len(src_keys) + len(tgt_keys))
        norm = math.log(1.0 + n / 2.0)
        scale = {c: min(1.0, math.log(1.0 + n / c) / norm) if params.idf else 1.0 for c in set(df.values())}
        ext = compiled_extension() if compiled is None or compiled else None
        kinds = KIND_WEIGHTS   # (``key_weight`` inline: one look-up per key of the text; in C where built)
        weights = ext.key_weights(df, kinds, scale) if ext is not None else None
        if weights is None:
            weights = {k: kinds.get(k[0], 1.0) * scale[c] for k, c in df.items()}
        # each segment's keys holding a "#" (``k#2``: its repeated keys), key base -> occurrences in
        # the segment for bases found more than once there, and its key bases (``n:5`` for
        # ``n:5#2``; their occurrences are read when needed): in C where built (``key_tables``)
        (repeats_s, self.Cs, self.Bs), (repeats_t, self.Ct, self.Bt) = (
            _key_tables(keys, ext) for keys in (src_keys, tgt_keys))
        # (in the order the keys were first seen, as in ``weights``: see _non_increasing)
        self.weights = _non_increasing(weights, dict.fromkeys(chain.from_iterable(chain(repeats_s, repeats_t))))
        self.Ls = _prefix(src_lens)
        self.Lt = _prefix(tgt_lens)
        self.cumulated: dict[str, list[float]] = {}   # see cumulative
        # fsum: a set's order changes with the hash seed, and a plain sum of floats with
        # the order, so one command gave different beads from one run to the next
        self.Ws, self.Wt = (_weight_sums(keys, weights, ext) for keys in (src_keys, tgt_keys))
        self.Ss = _prefix(self.Ws)
        self.St = _prefix(self.Wt)
        self.memo: dict[int, dict[int, float]] = {}  # source index -> target index -> shared weight
        self.near: tuple | None = None   # see use_overlaps
        self.skip, self.ratio, self.s2r = params.skip, params.ratio, params.s2 * params.ratio
        self.priors, self.w_len, self.w_lex, self.rel_keys = params.priors, params.w_len, params.w_lex, params.rel_keys
        self.dice_sat = params.dice_sat
        self.fast = self._compiled() if compiled is None or compiled else None

    def _compiled(self):
        """The C extension's costs for this alignment, or None (``compiled_extension``)."""
        if compiled_extension() is None:
            return None
        p = self.p
        return _fastcost.Core(
            self.Ls, self.Lt, self.Hs, self.Ht, self.Ws, self.Wt, self.Js, self.Jt, self.Bs, self.Bt, self.Cs,
            self.Ct, self.weights, dict(self.priors),
            {"skip": self.skip, "ratio": self.ratio, "s2r": self.s2r, "w_len": self.w_len, "len_cap": p.len_cap,
             "len_past_cap": p.len_past_cap, "w_lex_half": self.w_lex * 0.5, "rel_keys": self.rel_keys,
             "dice_sat": self.dice_sat, "orphan": p.orphan})

    def use_overlaps(self, first: list[int], last: list[int], rows: list[list[float]]) -> None:
        """Shared weights computed for a band (``vecsearch``): source segment ``p`` with target
        segments ``first[p]`` to ``last[p]`` in ``rows[p]``; ``inter`` reads them there."""
        self.near = first, last, rows
        if self.fast is not None:
            self.fast.use_overlaps(first, last, rows)

    def inter(self, p: int, q: int) -> float:
        if self.near is not None:
            first, last, rows = self.near
            if first[p] <= q <= last[p]:
                return rows[p][q - first[p]]
        row = self.memo.get(p)
        if row is None:
            row = self.memo[p] = {}
        v = row.get(q)
        if v is None:
            a, b = self.src_keys[p], self.tgt_keys[q]
            if a and b:
                w = self.weights
                v = math.fsum(w[k] for k in (a & b))   # (fsum: see __init__)
            else:
                v = 0.0
            row[q] = v
        return v

    def inters(self, p: int, q0: int, q1: int) -> list[float]:
        """``inter(p, q)`` for ``q`` from ``q0`` to ``q1 - 1``: a slice of the band's table when it holds them."""
        if self.near is not None:
            first, last, rows = self.near
            if first[p] <= q0 and q1 - 1 <= last[p]:
                return rows[p][q0 - first[p]:q1 - first[p]]
        return [self.inter(p, q) for q in range(q0, q1)]

    def forget_before(self, p: int) -> None:
        """Drop cached overlaps of source segments the search has left behind."""
        self.memo.pop(p, None)

    def cost(self, pi: int, i: int, pj: int, j: int, limit: float = INF, twice: frozenset | None = None) -> float:
        """The cost of ``parts`` alone, computed faster (the search calls it most).
        Stops early, with a partial cost of at least ``limit``, once it reaches ``limit``.
        ``twice``: the bead's ``repeated`` keys, when the caller has them."""
        if self.fast is not None:
            out = self.fast.cost(pi, i, pj, j, limit)
            if out is not None:
                return out
        return self.py_cost(pi, i, pj, j, limit, twice)

    def exact(self, pi: int, i: int, pj: int, j: int):
        """For a merge whose cost from the pairwise overlaps is a lower bound: False when that
        bound is its cost (it repeats no key, ``repeated``), else its exact cost."""
        if self.fast is not None:
            out = self.fast.exact(pi, i, pj, j)
            if out is not None:
                return out
        twice = self.repeated(pi, i, pj, j)
        return self.py_cost(pi, i, pj, j, twice=twice) if twice else False

    def py_cost(self, pi: int, i: int, pj: int, j: int, limit: float = INF, twice: frozenset | None = None) -> float:
        """``cost`` in Python (the C extension's reference)."""
        a, b = i - pi, j - pj
        if a == 0 or b == 0:
            return self.skip
        ls, lt = self.Ls[i] - self.Ls[pi], self.Lt[j] - self.Lt[pj]
        ratio = self.ratio
        mean = (ls + lt / ratio) * 0.5
        if mean > 0:
            lc = neg_log_erfc(abs(lt - ratio * ls) / math.sqrt(self.s2r * mean) * _INV_SQRT2)
        else:
            lc = 0.0
        lc *= self.w_len
        cost = self.priors[(a, b)] + min(lc, self.p.len_cap) + self.p.len_past_cap * max(lc - self.p.len_cap, 0.0)
        if a + b > 2:
            cost += (self.Hs[i] - self.Hs[pi]) + (self.Ht[j] - self.Ht[pj])
        if cost >= limit:
            return cost
        if a == 1 and b == 1:
            ws, wt = self.Ws, self.Wt
            if ws[pi] == 0.0 and wt[pj] == 0.0:
                return cost
            m = self.inter(pi, pj)
            lex = self._uncovered(ws[pi], m) + self._uncovered(wt[pj], m)
        else:
            uncovered, ws, wt = self._uncovered, self.Ws, self.Wt
            ms, mt = self._matched(pi, i, pj, j, twice)
            lex = 0.0
            if self.p.orphan:  # an insertion stays alone unless it shares something with the bead
                cost += self.p.orphan * (orphans(ms, self.Js, pi) + orphans(mt, self.Jt, pj))
            for k in range(a):
                lex += uncovered(ws[pi + k], ms[k])
            for k in range(b):
                lex += uncovered(wt[pj + k], mt[k])
        return cost + self.w_lex * 0.5 * lex

    def _matched(self, pi: int, i: int, pj: int, j: int, twice: frozenset | None = None
                 ) -> tuple[list[float], list[float]]:
        """Matched evidence weight of each segment of a bead, each key occurrence matched once.

        Summing the pairwise overlaps (memoised) is exact for every key that sits in one
        segment per side; only keys found in two segments of one side and on the other
        side are recounted."""
        if self.fast is not None:
            out = self.fast.matched(pi, i, pj, j)
            if out is not None:
                return out
        if i - pi == 1:
            mt = self.inters(pi, pj, j)
            ms = [sum(mt)]
        elif j - pj == 1:
            inter = self.inter
            ms = [inter(s, pj) for s in range(pi, i)]
            mt = [sum(ms)]
        else:
            pair = [self.inters(s, pj, j) for s in range(pi, i)]
            ms = [sum(row) for row in pair]
            mt = [sum(column) for column in zip(*pair)]
        if twice is None:
            twice = self.repeated(pi, i, pj, j)
        if not twice:
            return ms, mt
        Bs, Bt, Cs, Ct = self.Bs[pi:i], self.Bt[pj:j], self.Cs[pi:i], self.Ct[pj:j]
        for base in sorted(twice):   # the same order in every process (see __init__)
            # occurrences in each segment; the first ``total`` on each side match
            src = [C.get(base, 1) if base in B else 0 for B, C in zip(Bs, Cs)]
            tgt = [C.get(base, 1) if base in B else 0 for B, C in zip(Bt, Ct)]
            _recount(src, tgt, self.cumulative(base, max(max(src), max(tgt))), ms, mt)
        return ms, mt

    def cumulative(self, base: str, n: int) -> list[float]:
        """Cumulative weights of a key's first ``n`` occurrences (``k``, ``k#2``, …), from 0."""
        out = self.cumulated.setdefault(base, [0.0])
        while len(out) <= n:
            k = len(out)
            out.append(out[-1] + self.weights[base if k == 1 else f"{base}#{k}"])
        return out

    def repeated(self, pi: int, i: int, pj: int, j: int) -> frozenset:
        """Key bases found in two segments of one side of the bead and on its other side:
        the only keys whose occurrences the pairwise overlaps count more than once."""
        if i - pi == 1:
            return _in_two(self.Bt[pj:j]) & self.Bs[pi]
        if j - pj == 1:
            return _in_two(self.Bs[pi:i]) & self.Bt[pj]
        Bs, Bt = self.Bs[pi:i], self.Bt[pj:j]
        return _in_two(Bs) & frozenset().union(*Bt) | _in_two(Bt) & frozenset().union(*Bs)

    def _uncovered(self, weight: float, matched: float) -> float:
        """How much of one segment's evidence the other side lacks, times its reliability."""
        if weight <= 0.0:
            return 0.0
        rel = weight * 2.0 / self.rel_keys
        sim = matched / (weight * self.dice_sat)
        return (rel if rel < 1.0 else 1.0) * (1.0 - sim if sim < 1.0 else 0.0)

    def parts(self, pi: int, i: int, pj: int, j: int, cost: float | None = None) -> tuple[float, float, float, float]:
        """(cost, |z|, dice, reliability) of the bead source[pi:i], target[pj:j] (``cost``: its
        ``cost``, when the caller has it)."""
        p = self.p
        a, b = i - pi, j - pj
        if a == 0 or b == 0:
            return p.skip, 0.0, 0.0, 0.0
        _, z = length_cost(self.Ls[i] - self.Ls[pi], self.Lt[j] - self.Lt[pj], p.ratio, p.s2)
        size = (self.Ss[i] - self.Ss[pi]) + (self.St[j] - self.St[pj])
        if size > 0:
            ms, mt = self._matched(pi, i, pj, j)
            dice = min(1.0, (sum(ms) + sum(mt)) / size)
            rel = min(1.0, size / p.rel_keys)
        else:
            dice = rel = 0.0
        return self.cost(pi, i, pj, j) if cost is None else cost, z, dice, rel


def _recount(src: list[int], tgt: list[int], weight: list[float], ms: list[float], mt: list[float]) -> None:
    """Correct the matched weights ``ms``, ``mt`` of a bead's segments, summed from pairwise
    overlaps, for one key found ``src[k]`` and ``tgt[k]`` times in its segments (``weight``:
    the key's cumulative weights): the first ``total`` occurrences on each side match."""
    total = min(sum(src), sum(tgt))
    for own, other, out in ((src, tgt, ms), (tgt, src, mt)):
        before, sums = 0, {}
        for k, count in enumerate(own):
            if count:
                pairwise = sums.get(count)
                if pairwise is None:   # (the same for every segment holding the key as often)
                    pairwise = 0   # (as ``sum`` would, left to right: the same rounding)
                    for d in other:
                        pairwise += weight[count if count < d else d]
                    sums[count] = pairwise
                out[k] += weight[max(0, min(count, total - before))] - pairwise
                before += count


def orphans(matched, joined, start: int) -> int:
    """Segments of one side of a merge that share nothing with the other side, except those
    joined to a neighbour inside the merge (a sentence cut in two at a colon: its halves
    are one sentence, whichever half holds the shared words)."""
    last = len(matched) - 1
    return sum(1 for k, x in enumerate(matched)
               if x <= 0.0 and not ((k and joined[start + k]) or (k < last and joined[start + k + 1])))


def _merge_costs(params: DPParams, heads, junk, n: int) -> list[float]:
    return [params.w_head * h + params.w_junk * k for h, k in zip(heads or [0] * n, junk or [0] * n)]


_NO_REPEATS: dict[str, int] = {}
# a key with a "#" among keys joined by NUL (from a key's start, without backtracking)
_REPEAT = re.compile("(?:^|(?<=\x00))[^\x00#]*+#[^\x00]*")


def _repeats(keys) -> list[str]:
    """A segment's keys that hold a "#" (``k#2``; most segments have none). One look at the keys
    joined: a loop over each segment's keys was ~10% of a 1,000-sentence alignment's scorers."""
    joined = "\x00".join(keys)
    if "#" not in joined:
        return []
    if "\x00" in "".join(keys):   # (no key holds a NUL; if one did, it would be split)
        return [k for k in keys if "#" in k]
    return _REPEAT.findall(joined)


def _weight_sums(segments, weights: dict[str, float], compiled=None) -> list[float]:
    """Each segment's summed key weight (``math.fsum``: see ``_Scorer``; in C where built, the same
    algorithm, so the same sums)."""
    if compiled is not None and type(segments) is list:
        sums = compiled.weight_sums(segments, weights)
        if sums is not None:
            return sums
    return [math.fsum(map(weights.__getitem__, ks)) for ks in segments]


def _key_tables(segments, compiled=None) -> tuple[list, list, list]:
    """Each segment's ``_repeats``, ``_counts`` and ``_bases`` (``compiled``: the C extension, which
    gives the same)."""
    if compiled is not None and type(segments) is list:
        tables = compiled.key_tables(segments, _NO_REPEATS)
        if tables is not None:
            return tables
    repeats = [_repeats(ks) for ks in segments]
    # (most segments repeat no key: their counts and bases without a call)
    return (repeats, [_counts(ks, r) if r else _NO_REPEATS for ks, r in zip(segments, repeats)],
            [_bases(ks, r) if r else frozenset(ks) for ks, r in zip(segments, repeats)])


def _bases(keys, repeats: list[str]) -> frozenset:
    """A segment's key bases: its keys, each repeat (``k#2``) as its base (``k``)."""
    if not repeats:
        return frozenset(keys)
    return frozenset(keys).difference(repeats).union(k.partition("#")[0] for k in repeats)


def _counts(keys, repeats: list[str]) -> dict[str, int]:
    """Key base -> occurrences in one segment's keys, for bases found more than once (``repeats``:
    its keys holding a "#")."""
    out = _NO_REPEATS
    for k in repeats:
        if out is _NO_REPEATS:
            out = {}
        base = k.partition("#")[0]   # (as the bases of ``_Scorer.Bs``)
        if base not in out:
            n = 1 if base in keys else 0
            while n and f"{base}#{n + 1}" in keys:
                n += 1
            out[base] = n
    return out


def _in_two(sets) -> frozenset:
    """Elements found in at least two of ``sets``."""
    if len(sets) == 2:
        return sets[0] & sets[1]
    out: frozenset = frozenset()
    for k in range(1, len(sets)):
        for h in range(k):
            out |= sets[h] & sets[k]
    return out


def _non_increasing(weights: dict[str, float], repeated) -> dict[str, float]:
    """A key's n-th occurrence (``k#n``, the keys of ``repeated``, in the order of ``weights``)
    weighs at most as much as the one before. It would weigh more when rarer, which is no reason;
    and so matching each occurrence once never finds more than the pairwise overlaps (the lower
    bound the search relies on). (The order matters only where a key's base holds a "#" itself.)"""
    for key in sorted(repeated, key=lambda k: int(k.rpartition("#")[2])):
        base, _, n = key.rpartition("#")
        before = base if n == "2" else f"{base}#{int(n) - 1}"
        weights[key] = min(weights[key], weights.get(before, weights[key]))
    return weights


def _prefix(values) -> list[float]:
    return list(accumulate(values, initial=0.0))


def align(src_lens, tgt_lens, src_keys, tgt_keys, params: DPParams, src_heads=None,
          tgt_heads=None, near=None, scored: bool = True, src_joined=None, tgt_joined=None,
          src_junk=None, tgt_junk=None, src_prose=None, tgt_prose=None, soft=None) -> DPResult:
    """Best bead sequence covering both sides, in order. ``near``: search ``params.corridor``
    target positions either side of the path through these (source, target) points (an
    earlier pass's bead ends) instead of around the anchors or the whole grid. ``scored=False``: beads without their scores and margins (cost 0).
    ``src_prose``, ``tgt_prose``: 1 for segments of running text, whose skips cost ``params.prose_skip`` more.
    ``soft``: a ``soft.SoftOverlap`` of the two sides, whose doubtful stretches are then re-cut."""
    n, m = len(src_lens), len(tgt_lens)
    scorer = _Scorer(src_lens, tgt_lens, src_keys, tgt_keys, params, src_heads, tgt_heads, src_joined, tgt_joined,
                     src_junk, tgt_junk)
    finish = _scored_path if scored else _bare_path
    if near is None and (n + 1) * (m + 1) <= params.full_limit:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
        path, total = _settled(*_best_path(n, m, lo, hi, scorer), scorer, src_prose, tgt_prose, soft)
        return DPResult(finish(path, scorer), total, None, 0)
    path_guide = guide(n, m, src_keys, tgt_keys) if near is None else near
    width, widened = (params.band if near is None else params.corridor), 0
    while True:
        lo, hi = band_around(n, m, path_guide, width) if near is None else corridor(n, m, near, width)
        path, total = _best_path(n, m, lo, hi, scorer)
        if not touches_edge(path, lo, hi, m) or width >= max(n, m):
            path, total = _settled(path, total, scorer, src_prose, tgt_prose, soft)
            return DPResult(finish(path, scorer), total, width, widened)
        width *= 2
        widened += 1


def _settled(path, total, scorer, src_prose, tgt_prose, soft=None):
    """The search's path with its one-to-one stretches kept diagonal, its lone prose skips fused
    and its doubtful stretches re-cut with the soft overlap."""
    path, total = prefer_diagonal(path, total, scorer)
    if src_prose is not None and tgt_prose is not None:
        path, total = absorb_prose_skips(path, total, scorer, src_prose, tgt_prose)
    if soft is not None:
        prose = (src_prose, tgt_prose) if src_prose is not None and tgt_prose is not None else None
        path, total = refine(path, total, scorer, soft, prose)
    if scorer.p.crossings and soft is not None:
        path, total = join_crossings(path, total, scorer)
    return path, total


def _scored_path(path, scorer) -> list[ScoredBead]:
    from workbench.align.margins import scored_path   # it builds on this module

    return scored_path(path, scorer)


def _bare_path(path, scorer) -> list[ScoredBead]:
    return [ScoredBead(tuple(range(pi, i)), tuple(range(pj, j)), 0.0, 0.0, 0.0, 0.0) for pi, i, pj, j in path]


def _best_path(n, m, lo, hi, scorer: _Scorer):
    """The search row by row: in C (``bandpass``) where the extension is built, else in numpy
    (``vecsearch``); tiny inputs, where numpy's per-call overhead is larger than the work, cell
    by cell."""
    if (n + 1) * (m + 1) <= SMALL:
        return _search(n, m, lo, hi, scorer)
    from workbench.align import bandpass  # (both build on this module)

    found = bandpass.search(n, m, lo, hi, scorer)
    if found is not None:
        return found
    from workbench.align import vecsearch

    return vecsearch.search(n, m, lo, hi, scorer)


def _search(n, m, lo, hi, scorer: _Scorer):
    """The reference search, one cell at a time."""
    types = scorer.p.bead_types
    parts = scorer.cost
    # a lower bound of each bead type's cost, to skip hopeless predecessors
    floor = [scorer.p.skip if (a == 0 or b == 0) else scorer.p.priors[(a, b)] for a, b in types]
    D = [[INF] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    B = [[-1] * (hi[i] - lo[i] + 1) for i in range(n + 1)]
    D[0][0 - lo[0]] = 0.0
    reach = max(a for a, _ in types)
    for i in range(n + 1):
        scorer.forget_before(i - reach - 1)
        lo_i, Di, Bi = lo[i], D[i], B[i]
        for j in range(lo_i, hi[i] + 1):
            best, best_t = Di[j - lo_i], -1
            if i == 0 and j == 0:
                continue
            for t, (a, b) in enumerate(types):
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = D[pi][pj - lo[pi]] + floor[t]
                if prev >= best:
                    continue
                prev -= floor[t]
                c = prev + parts(pi, i, pj, j, best - prev)
                if c < best:
                    best, best_t = c, t
            Di[j - lo_i], Bi[j - lo_i] = best, best_t
    if D[n][m - lo[n]] == INF:  # cannot happen with 1-0 and 0-1 allowed, kept as a guard
        raise RuntimeError("alignment search found no path")
    path, i, j = [], n, m
    while i > 0 or j > 0:
        a, b = types[B[i][j - lo[i]]]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path, D[n][m - lo[n]]
