"""Two neighbouring beads whose contents cross are one bead.

Where the two texts cut a passage into sentences at different places (a sentence split after
an abbreviation on one side only, a clause moved across a full stop by the translator), the
search still reads the passage as two 1-1 beads whose lengths fit: one side's second sentence
holds part of the other side's first. Their shared evidence shows it: a number, a name or a
month of the first source sentence is found in the second target sentence and nowhere else
among the four (or the other way round). Such a pair of beads becomes one 2-2 bead, which is
what a translator would align there. The same holds for a 1-1 beside a 1-2 or 2-1 bead (they
become a 2-3 or 3-2): a bibliography reference cut at its brackets on one side, or a clause
that the translation moves into the sentence before; and for a 1-1 beside a 2-2 (a 3-3, a bead
only a join makes).

Only strong keys count (numbers, cognate names, months: ``STRONG_KINDS``); words of the learnt
table and punctuation are too common between neighbours to say that content crossed.

A joined bead was not chosen by the search, so neither was its border with the beads beside it:
the search cut there for two 1-1 beads. Each joined bead then takes the first segment of the next
bead, or the last of the one before, on one side, where both beads stay bead types and cost less
together (``grow``): a short closing sentence of the passage, sharing no key, had been given to
the next bead, which the crossing no longer fits.
"""

from __future__ import annotations

from collections import Counter
from operator import methodcaller

STRONG_KINDS = ("n:", "c:", "m:")
MAX_SEGMENTS = 3
# shapes only a join makes: the search has no 3-3 bead (as a search type, with a prior of 9 or 11,
# it moved no bead of the tuned-on Text+Berg half, seventh round), but a 2-2 and a 1-1 beside it
# whose contents cross are one passage cut three ways on each side
JOINED_ONLY = ((3, 3),)


def _strong(keys) -> frozenset[str]:
    return frozenset(k.split("#", 1)[0] for k in keys if k.startswith(STRONG_KINDS))


_IS_STRONG = methodcaller("startswith", STRONG_KINDS)


def _strong_of(bases: list, compiled: bool) -> list[frozenset]:
    """Each segment's strong keys, from its key bases (in C where the scorer uses the extension)."""
    if compiled:
        from workbench.align import _fastcost

        strong = _fastcost.prefixed(bases, STRONG_KINDS) if type(bases) is list else None
        if strong is not None:
            return strong
    return [frozenset(filter(_IS_STRONG, b)) for b in bases]


def crossing_keys(first_source, first_target, second_source, second_target) -> frozenset[str]:
    """The strong keys of one bead's source found in the other bead's target only."""
    return _crossing(*(_strong(k) for k in (first_source, first_target, second_source, second_target)))


def _crossing(s1, t1, s2, t2) -> frozenset[str]:
    """``crossing_keys`` of the four sides' strong keys."""
    return ((s1 & t2) - t1 - s2) | ((s2 & t1) - t2 - s1)


class _Rarity:
    """In how many segments of each side a strong key is found (counted when first asked)."""

    def __init__(self, src_strong, tgt_strong):
        self.sides, self.counts = (src_strong, tgt_strong), None

    def rare(self, key: str) -> bool:
        if self.counts is None:
            self.counts = [Counter(k for keys in side for k in keys) for side in self.sides]
        return all(count[key] <= MAX_SEGMENTS for count in self.counts)


def join_crossings(path, total: float, scorer):
    """``path`` ((source start, end, target start, end) per bead) and its ``total`` cost with each
    pair of neighbouring beads whose contents cross (``crossing_keys``; ``_joinable``) made one bead
    (``scorer``: a ``dp._Scorer``; its keys and bead costs)."""
    out, k, joined_at = [], 0, []
    # each segment's strong keys once (nearly every pair of neighbouring beads is looked at);
    # the strong keys of a run of segments are the union of theirs
    # (from the scorer's key bases: a key is strong as its base is; the filter runs in C)
    src, tgt = _strong_of(scorer.Bs, scorer.fast is not None), _strong_of(scorer.Bt, scorer.fast is not None)
    rarity = _Rarity(src, tgt)
    shapes = joined_shapes(scorer.p)
    while k < len(path):
        bead = path[k]
        if k + 1 < len(path) and _joinable(bead, path[k + 1], shapes):
            (pi, i, pj, j), (_, i2, _, j2) = bead, path[k + 1]
            if any(map(rarity.rare, _crossing(_keys(src, pi, i), _keys(tgt, pj, j), _keys(src, i, i2),
                                              _keys(tgt, j, j2)))):
                joined = (pi, i2, pj, j2)
                total += scorer.cost(*joined) - scorer.cost(*bead) - scorer.cost(*path[k + 1])
                joined_at.append(len(out))
                out.append(joined)
                k += 2
                continue
        out.append(bead)
        k += 1
    for at in joined_at:
        total += grow(out, at, scorer)
    return out, total


def grow(path: list, at: int, scorer) -> float:
    """Give bead ``at`` of ``path`` the segment of a neighbouring bead next to it (one side, one
    segment) where that lowers the two beads' cost, both staying bead types with a segment on
    each side; ``path`` is changed in place. Returns the change of the path's cost (0: none)."""
    types = scorer.p.bead_types
    pi, i, pj, j = path[at]
    best = None
    for h in (at - 1, at + 1):
        if not 0 <= h < len(path):
            continue
        qi, q, qj, r = path[h]
        if h > at:   # the next bead's first segment on the source side, or on the target side
            moves = [((pi, i + 1, pj, j), (qi + 1, q, qj, r)), ((pi, i, pj, j + 1), (qi, q, qj + 1, r))]
        else:        # the bead before's last segment
            moves = [((pi - 1, i, pj, j), (qi, q - 1, qj, r)), ((pi, i, pj - 1, j), (qi, q, qj, r - 1))]
        before = scorer.cost(pi, i, pj, j) + scorer.cost(qi, q, qj, r)
        for mine, theirs in moves:
            if _kind(mine) not in types or _kind(theirs) not in types or 0 in _kind(theirs):
                continue
            change = scorer.cost(*mine) + scorer.cost(*theirs) - before
            if change < 0.0 and (best is None or change < best[0]):
                best = (change, h, mine, theirs)
    if best is None:
        return 0.0
    change, h, mine, theirs = best
    path[at], path[h] = mine, theirs
    return change


def _kind(bead) -> tuple[int, int]:
    pi, i, pj, j = bead
    return i - pi, j - pj


def joined_shapes(params) -> frozenset:
    """The bead shapes a join may make: the search's bead types, and a 3-3 (``JOINED_ONLY``)
    where the parameters price it."""
    return frozenset(params.bead_types) | frozenset(x for x in JOINED_ONLY if x in params.priors)


def _joinable(bead, after, shapes) -> bool:
    """Whether two neighbouring beads may become one: both pair segments of both sides, one
    of them is a 1-1 and the bead they make is one of ``shapes`` (a 2-2; a 2-3 or 3-2 beside a
    1-2 or 2-1; a 3-3 beside a 2-2)."""
    (pi, i, pj, j), (_, i2, _, j2) = bead, after
    if min(i - pi, j - pj, i2 - i, j2 - j) < 1 or (i2 - pi, j2 - pj) not in shapes:
        return False
    return _one_to_one(bead) or _one_to_one(after)


def _keys(keys, lo: int, hi: int) -> frozenset:
    """The keys of segments ``lo`` to ``hi - 1`` of one side."""
    return keys[lo] if hi - lo == 1 else frozenset().union(*keys[lo:hi])


def _one_to_one(bead) -> bool:
    pi, i, pj, j = bead
    return i - pi == 1 and j - pj == 1
