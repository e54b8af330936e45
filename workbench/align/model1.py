"""IBM Model 1 (Brown et al. 1993) in numpy: the word pairs of the translation table that
``workbench.align.lexicon`` learns from a first pass, where the optional C extension is not built
(it computes the same, bit for bit: ``_fastcost.model1_table``; imported only then, so that an
alignment with the extension does not import numpy, a tenth of its time).

EM runs on flat arrays of the (source word, target word) pairs inside each training bead, so a
round is a few ``bincount`` calls.
"""

from __future__ import annotations

import numpy as np

from workbench.align.lexicon import NULL
from workbench.records import frozen_dataclass

Pair = tuple[int, int]
ScoredPair = tuple[int, int, float]


def learnt_pairs(sides_s: list[list[int]], sides_t: list[list[int]], size: int, params
                 ) -> tuple[list[Pair], list[ScoredPair], list[ScoredPair]]:
    """From the training beads' word ids (below ``size``) of each side, with ``params``
    (``lexicon.LexiconParams``): the (s, t) pairs kept for the table (each direction at least
    ``min_prob``, seen in at least ``min_beads`` beads), and the (s, t, p) of the soft table in
    each direction (p(t | s), p(s | t) at least ``soft_prob``, ``soft_beads`` beads), in the
    order of the pair codes s * size + t."""
    flat_s, flat_t = _Flat.of(sides_s), _Flat.of(sides_t)
    forward_pairs = _pairs(flat_s, flat_t)
    codes, forward = _model1(forward_pairs, size, params.rounds)
    back_codes, backward = _model1(_pairs(flat_t, flat_s), size, params.rounds)
    back = _turned(codes, back_codes, backward, size)
    support = _support(forward_pairs, size, codes)
    words = (codes // size != NULL) & (codes % size != NULL)
    keep = (forward >= params.min_prob) & (back >= params.min_prob) & words & (support >= params.min_beads)
    seen = words & (support >= params.soft_beads)
    kept = [(c // size, c % size) for c in codes[keep].tolist()]
    soft = params.soft_prob
    return kept, _scored(codes, forward, seen, soft, size), _scored(codes, back, seen, soft, size)


def _scored(codes, prob, seen, floor: float, size: int) -> list[ScoredPair]:
    at = np.flatnonzero(seen & (prob >= floor))
    return [(c // size, c % size, p) for c, p in zip(codes[at].tolist(), prob[at].tolist())]


def _turned(codes: np.ndarray, back_codes: np.ndarray, backward: np.ndarray, size: int) -> np.ndarray:
    """For each pair of ``codes`` (s * size + t), its probability in the other direction's
    model, whose codes are t * size + s (0 where that model never saw it)."""
    back = np.zeros(len(codes))
    turned = (back_codes % size) * size + back_codes // size
    order = np.argsort(turned)
    at = np.searchsorted(turned[order], codes)
    found = at < len(turned)
    found[found] &= turned[order][at[found]] == codes[found]
    back[found] = backward[order][at[found]]
    return back


def _unique(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(codes, return_inverse=True)`` of pair codes below ``size * size``, as int64.
    (Sorted: a table of every possible code, 8 MB of flags and 64 MB of positions, took 0.05-0.30 s
    of a command where sorting takes 0.06, the time of the kernel handing out fresh pages.)"""
    unique, link = np.unique(_narrow(codes, size), return_inverse=True)
    return unique.astype(np.int64), link


@frozen_dataclass
class _Flat:
    """Word ids of the training beads' sides, bead after bead, and how many each bead has."""

    ids: np.ndarray
    lengths: np.ndarray

    @classmethod
    def of(cls, sides: list[list[int]]) -> "_Flat":
        return cls(np.fromiter((w for side in sides for w in side), np.int64),
                   np.fromiter((len(side) for side in sides), np.int64, len(sides)))


@frozen_dataclass
class _Pairs:
    """Every (e word or the empty word, f word) pair inside each bead, in the order of the
    beads, f word after f word: the e word, the f word, the f token and the bead of each."""

    e: np.ndarray
    f: np.ndarray
    token: np.ndarray
    bead: np.ndarray
    n_tokens: int


def _pairs(e: _Flat, f: _Flat) -> _Pairs:
    with_null = e.lengths + 1
    e_start = np.cumsum(with_null) - with_null
    e_words = np.full(int(with_null.sum()), NULL, np.int64)   # the empty word first in each bead
    words_at = np.ones(len(e_words), bool)
    words_at[e_start] = False
    e_words[words_at] = e.ids
    f_bead = np.repeat(np.arange(len(f.lengths)), f.lengths)   # the bead of each f token
    per_token = with_null[f_bead]
    token = np.repeat(np.arange(len(f.ids)), per_token)
    offset = np.arange(len(token)) - (np.cumsum(per_token) - per_token)[token]
    return _Pairs(e_words[e_start[f_bead][token] + offset], f.ids[token], token, f_bead[token], len(f.ids))


def _model1(pairs: _Pairs, size: int, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """IBM Model 1, p(f | e) with the empty word on the e side: the pairs seen (as codes
    ``e * size + f``, sorted) and their probabilities."""
    if not len(pairs.token):
        return np.zeros(0, np.int64), np.zeros(0)
    codes, link = _unique(pairs.e * size + pairs.f, size)
    code_e = codes // size
    prob = np.ones(len(codes))
    tok, n_tokens = pairs.token, pairs.n_tokens
    for _ in range(rounds):
        w = prob[link]
        posterior = w / np.bincount(tok, w, n_tokens)[tok]
        counts = np.bincount(link, posterior, len(codes))
        prob = counts / np.bincount(code_e, counts)[code_e]
    return codes, prob


def _narrow(codes: np.ndarray, size: int) -> np.ndarray:
    """Pair codes (below ``size * size``) as 32-bit integers when they fit (sorting them takes
    about half the time)."""
    return codes.astype(np.int32) if size * size < 2**31 else codes


def _support(pairs: _Pairs, size: int, codes: np.ndarray) -> np.ndarray:
    """In how many beads each pair of ``codes`` (sorted) occurs together (the empty word aside)."""
    words = pairs.e != NULL
    if not words.any():
        return np.zeros(len(codes), np.int64)
    seen = np.sort(pairs.bead[words] * (size * size) + pairs.e[words] * size + pairs.f[words])
    in_bead = seen[np.concatenate(([True], seen[1:] != seen[:-1]))] % (size * size)   # each once a bead
    return np.bincount(np.searchsorted(codes, in_bead), minlength=len(codes))[:len(codes)]
