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

EM runs in C where the optional extension was built (``dp.compiled_extension``), else in
numpy (``workbench.align.model1``), the same values bit for bit; training uses at
most ``max_beads`` beads and ``max_pairs`` word pairs inside them, evenly
spread over the document, to keep the cost below that of the search itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field, replace
from itertools import chain, repeat

from workbench.align.bandpass import packed
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
        found = set(chain.from_iterable(map(table.get, folded_words, repeat(()))))   # (the loop in C)
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
    compiled = compiled_extension()
    sides_s = sides_t = None
    if compiled is not None and type(beads) is list and all(type(f) is list for f in folded):
        # (each side's ids of every bead in one call to C: the same ids in the same order)
        sides_s = compiled.bead_ids(folded[0], [s for s, _ in beads], vocab_s, params.min_length)
        sides_t = compiled.bead_ids(folded[1], [t for _, t in beads], vocab_t, params.min_length)
    if sides_s is None or sides_t is None:
        vocab_s, vocab_t = {"": NULL}, {"": NULL}
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
    if compiled is not None:   # (numpy's code, imported only without it, takes longer to import than C to learn)
        kept, soft_forward, soft_backward = compiled.model1_table(
            _int64(chain.from_iterable(sides_s)), _int64(map(len, sides_s)), _int64(chain.from_iterable(sides_t)),
            _int64(map(len, sides_t)), size, params.rounds, params.min_prob, params.min_beads, params.soft_prob,
            params.soft_beads)
    else:
        from workbench.align.model1 import learnt_pairs

        kept, soft_forward, soft_backward = learnt_pairs(sides_s, sides_t, size, params)
    names_s, names_t = list(vocab_s), list(vocab_t)
    soft_source: dict[str, dict[str, float]] = {}
    soft_target: dict[str, dict[str, float]] = {}
    for s, t, p in soft_forward:
        soft_source.setdefault(names_s[s], {})[names_t[t]] = p
    for s, t, p in soft_backward:
        soft_target.setdefault(names_t[t], {})[names_s[s]] = p
    return replace(_as_table(kept, names_s, names_t), soft_source=soft_source, soft_target=soft_target)


def _int64(values) -> memoryview:
    return packed("q", list(values))


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


MIN_TRAINING = 8  # fewer 1-1 beads than this teach nothing reliable


def with_table(table: TranslationTable, texts: Sequence[str], keys: Sequence[frozenset[str]], side: str,
               folded: Sequence[list[str]] | None = None) -> list[frozenset[str]]:
    """Each segment's evidence keys plus those of the learnt table (``folded``: each text's folded
    words, when the caller has them)."""
    folded = folded or [segment_words(t) for t in texts]
    # each word's keys made once (``TranslationTable.keys`` makes them for every segment), and each
    # segment's read by map in C
    ids = table.source if side == "source" else table.target
    of_word = {w: tuple(f"l:{k}" for k in found) for w, found in ids.items()}
    compiled = compiled_extension()
    if compiled is not None and type(keys) is list and type(folded) is list:
        out = compiled.with_words(keys, folded, of_word)   # (the same sets, made in the same order)
        if out is not None:
            return out
    return [k.union(chain.from_iterable(map(of_word.get, f, repeat(())))) for f, k in zip(folded, keys)]
