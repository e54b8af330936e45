"""Two one-to-one beads whose contents cross are one two-to-two bead.

Where the two texts cut a passage into sentences at different places (a sentence split after
an abbreviation on one side only, a clause moved across a full stop by the translator), the
search still reads the passage as two 1-1 beads whose lengths fit: one side's second sentence
holds part of the other side's first. Their shared evidence shows it: a number, a name or a
month of the first source sentence is found in the second target sentence and nowhere else
among the four (or the other way round). Such a pair of beads becomes one 2-2 bead, which is
what a translator would align there.

Only strong keys count (numbers, cognate names, months: ``STRONG_KINDS``); words of the learnt
table and punctuation are too common between neighbours to say that content crossed.
"""

from __future__ import annotations

from collections import Counter

STRONG_KINDS = ("n:", "c:", "m:")
MAX_SEGMENTS = 3


def _strong(keys) -> frozenset[str]:
    return frozenset(k.split("#", 1)[0] for k in keys if k.startswith(STRONG_KINDS))


def crossing_keys(first_source, first_target, second_source, second_target) -> frozenset[str]:
    """The strong keys of one bead's source found in the other bead's target only."""
    s1, t1, s2, t2 = (_strong(k) for k in (first_source, first_target, second_source, second_target))
    return ((s1 & t2) - t1 - s2) | ((s2 & t1) - t2 - s1)


class _Rarity:
    """In how many segments of each side a strong key is found (counted when first asked)."""

    def __init__(self, src_keys, tgt_keys):
        self.sides, self.counts = (src_keys, tgt_keys), None

    def rare(self, key: str) -> bool:
        if self.counts is None:
            self.counts = [Counter(k for keys in side for k in _strong(keys)) for side in self.sides]
        return all(count[key] <= MAX_SEGMENTS for count in self.counts)


def join_crossings(path, total: float, scorer):
    """``path`` ((source start, end, target start, end) per bead) and its ``total`` cost with each
    pair of neighbouring 1-1 beads whose contents cross (``crossed``) made one 2-2 bead
    (``scorer``: a ``dp._Scorer``; its keys and bead costs)."""
    out, k = [], 0
    src, tgt = scorer.src_keys, scorer.tgt_keys
    rarity = _Rarity(src, tgt)
    while k < len(path):
        bead = path[k]
        if k + 1 < len(path) and _one_to_one(bead) and _one_to_one(path[k + 1]):
            (pi, i, pj, j), (_, i2, _, j2) = bead, path[k + 1]
            if any(map(rarity.rare, crossing_keys(src[pi], tgt[pj], src[i], tgt[j]))):
                joined = (pi, i2, pj, j2)
                total += scorer.cost(*joined) - scorer.cost(*bead) - scorer.cost(*path[k + 1])
                out.append(joined)
                k += 2
                continue
        out.append(bead)
        k += 1
    return out, total


def _one_to_one(bead) -> bool:
    pi, i, pj, j = bead
    return i - pi == 1 and j - pj == 1
