"""A whole sentence is rarely left out: its omission costs more than a caption's.

At sentence level the search reads a segment that shares no evidence with its
neighbours as an omission or an insertion (a skip), because merging it pays for
its missing evidence and its merge prior. In a translated article that is right
for a caption, a photo credit, a page header or OCR debris, but a full sentence
that a translator cut off or joined on (a clause after a semicolon, a second
sentence made of one) is nearly always part of the bead beside it, whose
evidence it does not share only because it is the smaller half.

``absorb_prose_skips`` goes along the search's path and fuses each skip of a
prose segment (``prose_segments``: not heading-like, not debris, at least
``prose_chars`` characters) into the neighbouring bead when the fused bead
costs at most ``prose_skip`` more than the bead and the skip, as if such a
segment's skip cost ``prose_skip`` more (two prose skips fused into a 1-1, twice
that). One pass, left to right; the fused bead must be a bead type of the search.
"""

from __future__ import annotations

from collections.abc import Sequence


def prose_segments(texts: Sequence[str], heads: Sequence[int], junk: Sequence[int], min_chars: int) -> list[int]:
    """1 for each segment that reads as running text: ``min_chars`` or more characters,
    neither heading-like (``heads``) nor debris (``junk``)."""
    return [int(len(t.strip()) >= min_chars and not h and not k) for t, h, k in zip(texts, heads, junk)]


def absorb_prose_skips(path: list, total: float, scorer, src_prose: Sequence[int],
                       tgt_prose: Sequence[int]) -> tuple[list, float]:
    """``path`` ((source start, end, target start, end) per bead) and its ``total`` cost, with
    each prose segment's skip fused into a neighbouring bead where that costs at most
    ``scorer.p.prose_skip`` more (``scorer``: a ``dp._Scorer``)."""
    bonus = scorer.p.prose_skip
    if bonus <= 0.0 or not path:
        return path, total
    out, k = list(path), 0
    while k < len(out):
        extra = _lone_prose(out[k], src_prose, tgt_prose) * bonus
        best = None
        if extra:
            for h in (k - 1, k + 1):
                if 0 <= h < len(out):
                    fused, gain = _fusion(out, min(h, k), scorer, src_prose, tgt_prose, bonus)
                    if fused is not None and (best is None or gain < best[1]):
                        best = (min(h, k), gain, fused)
        if best is None or best[1] >= 0.0:
            k += 1
            continue
        at, _, (fused, change) = best
        out[at:at + 2] = [fused]
        total += change
        k = at
    return out, total


def _lone_prose(bead, src_prose, tgt_prose) -> int:
    """1 for a skip (1-0 or 0-1) of a prose segment."""
    pi, i, pj, j = bead
    if i - pi == 1 and j == pj:
        return src_prose[pi]
    if j - pj == 1 and i == pi:
        return tgt_prose[pj]
    return 0


def _fusion(path, at: int, scorer, src_prose, tgt_prose, bonus: float):
    """((fused bead, change of the path's cost), change less the prose skips' extra cost) of
    fusing beads ``at`` and ``at + 1``; (None, 0) when the fused bead is no bead type."""
    (pi, _, pj, _), (_, i, _, j) = path[at], path[at + 1]
    if (i - pi, j - pj) not in scorer.p.bead_types:
        return None, 0.0
    before = scorer.cost(*path[at]) + scorer.cost(*path[at + 1])
    change = scorer.cost(pi, i, pj, j) - before
    extra = bonus * sum(_lone_prose(b, src_prose, tgt_prose) for b in path[at:at + 2])
    return ((pi, i, pj, j), change), change - extra

