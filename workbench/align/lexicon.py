"""A word translation table learnt from the text being aligned (no dictionary needed).

Hunalign's ``-realign`` and Bleualign's second pass show the idea: the first
alignment pass is mostly right, so its confident 1-1 beads are a small
parallel corpus of the very text, its own words and spelling (OCR noise
included). From them IBM Model 1 (Brown et al. 1993) learns, in a few EM
rounds, how likely each target word is the translation of each source word,
in both directions; a word pair is kept when each direction gives it at least
``min_prob`` and it was seen in at least ``min_beads`` beads (a pair seen in
one bead only would just repeat that bead's reading). The second pass gives
each kept pair as an evidence key (kind ``l``) to both sides.

EM runs on flat numpy arrays of the (source word, target word) pairs inside
each training bead, so a round is a few ``bincount`` calls (the same sums in C where
the optional extension was built: ``dp.compiled_extension``); training uses at
most ``max_beads`` beads and ``max_pairs`` word pairs inside them, evenly
spread over the document, to keep the cost below that of the search itself.
"""

from __future__ import annotations

from dataclasses import field, replace
from typing import Sequence

import numpy as np

from workbench.align.dp import compiled_extension
from workbench.align.evidence import folded_words, words
from workbench.records import frozen_dataclass

NULL = 0  # the empty word every source side has (absorbs target words with no counterpart)


@frozen_dataclass
class LexiconParams:
    rounds: int = 5            # EM rounds of IBM Model 1 in each direction
    min_prob: float = 0.2      # both p(t|s) and p(s|t) must reach this
    min_beads: int = 3         # a pair must co-occur in at least this many training beads
    max_beads: int = 5000      # training beads at most (spread over the document)
    max_pairs: int = 3_000_000  # word pairs inside the training beads at most (memory and time)
    min_length: int = 2        # shorter (folded) words are left out
    soft_prob: float = 0.3     # the soft table keeps translations this likely in one direction ...
    soft_beads: int = 3        # ... seen in at least this many training beads (see ``align.soft``)


@frozen_dataclass
class TranslationTable:
    """Learnt word pairs: folded source word -> ids of its pairs, folded target word -> ids."""

    source: dict[str, tuple[int, ...]]
    target: dict[str, tuple[int, ...]]
    # soft translations: folded source word -> {target word: p(t | s)}, and the other way
    # round (``soft.SoftOverlap`` scores beads with them, beside the shared keys)
    soft_source: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)
    soft_target: dict[str, dict[str, float]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def name(self) -> str:
        return f"learnt ({len(self)} pairs)"

    def __len__(self) -> int:
        return len({k for ids in self.source.values() for k in ids})

    def keys(self, folded_words: list[str], side: str) -> list[str]:
        table = self.source if side == "source" else self.target
        found: set[int] = set()
        for w in folded_words:
            found.update(table.get(w, ()))
        return [f"l:{k}" for k in sorted(found)]


def training_beads(beads, min_dice: float = 0.0) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The 1-1 beads of a first pass (with ``dice`` at least ``min_dice``) as (source, target)."""
    return [(b.source, b.target) for b in beads
            if len(b.source) == 1 and len(b.target) == 1 and b.dice >= min_dice]


def learn_table(source: Sequence[str], target: Sequence[str], beads, params: LexiconParams = LexiconParams(),
                folded: "tuple[Sequence[list[str]], Sequence[list[str]]] | None" = None) -> TranslationTable:
    """Learn a translation table from ``beads`` ((source ids, target ids) pairs) of two texts.
    ``folded``: each segment's folded words (``evidence.folded_words``), when the caller has them."""
    if len(beads) > params.max_beads:
        step = len(beads) / params.max_beads
        beads = [beads[int(k * step)] for k in range(params.max_beads)]
    folded = folded or ([segment_words(t) for t in source], [segment_words(t) for t in target])
    vocab_s: dict[str, int] = {"": NULL}
    vocab_t: dict[str, int] = {"": NULL}
    sides_s, sides_t = [], []
    for s, t in beads:
        sides_s.append(_ids([w for i in s for w in folded[0][i]], vocab_s, params.min_length))
        sides_t.append(_ids([w for j in t for w in folded[1][j]], vocab_t, params.min_length))
    if not beads or len(vocab_s) < 2 or len(vocab_t) < 2:
        return TranslationTable({}, {})
    pairs = sum((len(s) + 1) * len(t) for s, t in zip(sides_s, sides_t))
    if pairs > params.max_pairs:  # long paragraphs: every k-th bead
        step = -(-pairs // params.max_pairs)
        sides_s, sides_t = sides_s[::step], sides_t[::step]
    size = max(len(vocab_s), len(vocab_t))
    flat_s, flat_t = _Flat.of(sides_s), _Flat.of(sides_t)
    forward_pairs = _pairs(flat_s, flat_t)
    codes, forward = _model1(forward_pairs, size, params.rounds)
    back_codes, backward = _model1(_pairs(flat_t, flat_s), size, params.rounds)
    back = _turned(codes, back_codes, backward, size)
    support = _support(forward_pairs, size, codes)
    words = (codes // size != NULL) & (codes % size != NULL)
    keep = (forward >= params.min_prob) & (back >= params.min_prob) & words & (support >= params.min_beads)
    names_s, names_t = list(vocab_s), list(vocab_t)
    table = _as_table([(int(c // size), int(c % size)) for c in codes[keep]], names_s, names_t)
    seen = words & (support >= params.soft_beads)
    return replace(table, soft_source=_soft(codes, forward, seen, params.soft_prob, size, names_s, names_t),
                   soft_target=_soft(codes, back, seen, params.soft_prob, size, names_s, names_t, turned=True))


def _soft(codes, prob, seen, floor: float, size: int, names_s, names_t, turned: bool = False) -> dict:
    """{word: {its translation: probability}} of the pairs ``seen`` whose ``prob`` reaches
    ``floor`` (``turned``: keyed by the target word)."""
    out: dict[str, dict[str, float]] = {}
    at = np.flatnonzero(seen & (prob >= floor))
    for c, p in zip(codes[at].tolist(), prob[at].tolist()):
        s, t = names_s[c // size], names_t[c % size]
        if turned:
            s, t = t, s
        out.setdefault(s, {})[t] = p
    return out


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


def _as_table(kept: list[tuple[int, int]], names_s: list[str], names_t: list[str]) -> TranslationTable:
    src: dict[str, list[int]] = {}
    tgt: dict[str, list[int]] = {}
    for k, (s, t) in enumerate(sorted(kept)):
        src.setdefault(names_s[s], []).append(k)
        tgt.setdefault(names_t[t], []).append(k)
    return TranslationTable({w: tuple(v) for w, v in src.items()}, {w: tuple(v) for w, v in tgt.items()})


def segment_words(text: str) -> list[str]:
    """A segment's folded words: what the table's keys are read from."""
    return folded_words(words(text))


def _ids(folded: list[str], vocab: dict[str, int], min_length: int) -> list[int]:
    return [vocab.setdefault(f, len(vocab)) for f in folded if len(f) >= min_length]


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
    compiled = compiled_extension()
    if compiled is not None:   # the same rounds in C, the same values (numpy's took a third of learning, C half that)
        compiled.model1_rounds(prob, np.ascontiguousarray(link, np.int64), tok, code_e, n_tokens, size, rounds)
        return codes, prob
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


MIN_TRAINING = 8  # fewer 1-1 beads than this teach nothing reliable


def with_table(table: TranslationTable, texts: Sequence[str], keys: Sequence[frozenset[str]], side: str,
               folded: Sequence[list[str]] | None = None) -> list[frozenset[str]]:
    """Each segment's evidence keys plus those of the learnt table (``folded``: each text's folded
    words, when the caller has them)."""
    folded = folded or [segment_words(t) for t in texts]
    return [k | frozenset(table.keys(f, side)) for f, k in zip(folded, keys)]
