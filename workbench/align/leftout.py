"""A sentence left out (or added) inside a paragraph bead.

A published translation may leave one sentence of a paragraph untranslated: the
paragraph bead is still a confident 1-1, so nothing else shows it. Here each
paragraph bead with text on both sides and at least two sentences on its longer
side is aligned again sentence by sentence (as ``unit="sentence"`` does, with the
paragraphs' learnt table). A candidate is a sentence its inner path leaves alone, or
the first or last sentence of an inner merge (an inserted sentence the search read
as part of a 1-2); it is reported when the evidence agrees that it has no counterpart:

* it is running text (not a heading, not debris);
* the inner path does not leave sentences alone on both sides (a re-cut the sentence
  bead types cannot express, such as one long sentence rendered as six);
* a lone sentence: ``min_chars`` characters or more, or, shorter (``short_chars``),
  reading it as part of a neighbour's bead costs ``short_margin`` more (the inner
  search's own rival readings) and without it the paragraph bead's Gale-Church ``|z|``
  (the paragraph length model) is ``short_gain`` smaller;
* a merge's edge sentence: the merge is barely preferred (margin at most
  ``merged_margin``) and without the sentence the paragraph's ``|z|`` is at least
  ``merged_gain`` smaller.

Only flags, reasons and scores change; the beads stay as the paragraph search found them.
A flagged bead's confidence is capped at ``FLAGGED_CONFIDENCE``: its pairing may be right,
but as a translation unit it is not, and a score of 0.98 or 1.00 beside "Look: …" would
read as sure (below the review threshold it is drawn doubtful, and the `l` key stops at it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence


REASON = "a sentence seems to have no translation"
REASON_ADDED = "a sentence seems to be added in the translation"
QUOTE_WORDS = 8
# at most this sure: below the review threshold (0.80, ``confidence.REVIEW_THRESHOLD``), above
# "probably wrong" (0.70, ``annotate.confidence_colour``): doubtful, never a bulk confirm's sure bead
FLAGGED_CONFIDENCE = 0.75


@dataclass(frozen=True)
class LeftOutParams:
    """Thresholds of the decision, tuned on third-party dev texts (``bench/align_leftout.py
    --part dev --tune``: the most right-sentence recall at <= 2% false flags). There a long
    lone sentence's margin and the lengths' gain did not separate left-out sentences from
    free translations; its length and the crossed rule did."""
    min_chars: int = 40          # a lone sentence this long is enough
    short_chars: int = 15        # a shorter one needs a clear margin and lengths that fit better
    short_margin: float = 3.0
    short_gain: float = 2.5
    merged_chars: int = 20       # a merge's edge sentence: a merge barely preferred, lengths far better
    merged_margin: float = 0.0
    merged_gain: float = 3.0


@dataclass(frozen=True)
class Candidate:
    """A sentence the inner sentence path of paragraph bead ``bead`` leaves alone, or the first
    or last sentence of one of its merges."""
    bead: int           # index of the paragraph bead
    side: str           # "source" (left out of the translation) or "target" (added)
    sentence: int       # index among the bead's sentences on that side
    text: str
    margin: float       # the inner search's margin of the sentence's inner bead
    z_before: float     # |z| of the paragraph bead's lengths
    z_after: float      # |z| without the sentence
    prose: bool         # running text (not a heading, not debris)
    merged: bool = False    # an edge sentence of a merge, not a lone sentence
    crossed: bool = False   # the bead's inner path leaves sentences alone on both sides (a re-cut)

    @property
    def gain(self) -> float:
        return self.z_before - self.z_after

    def accepted(self, p: LeftOutParams) -> bool:
        if not self.prose or self.crossed:   # running text, and not a re-cut
            return False
        if self.merged:  # the search joined it: only lengths that fit far better without it say otherwise
            return len(self.text) >= p.merged_chars and self.margin <= p.merged_margin and self.gain >= p.merged_gain
        return len(self.text) >= p.min_chars or (len(self.text) >= p.short_chars and self.margin >= p.short_margin
                                                  and self.gain >= p.short_gain)

    def reason(self) -> str:
        what = REASON if self.side == "source" else REASON_ADDED
        return f"{what}: «{quote(self.text)}»"


def quote(text: str, words: int = QUOTE_WORDS) -> str:
    """The first ``words`` words of a sentence, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def signed_z(ls: float, lt: float, ratio: float, s2: float) -> float:
    """Gale-Church z of a bead's lengths (``dp.length_cost`` without the absolute value)."""
    mean = (ls + lt / ratio) / 2.0
    return (lt - ratio * ls) / math.sqrt(s2 * ratio * mean) if mean > 0 else 0.0


def candidates(paragraphs, evidence=None) -> list[Candidate]:
    """Every sentence left alone by the inner sentence path of a paragraph bead of
    ``paragraphs`` (a paragraph-level ``AlignmentResult``), with its evidence."""
    from workbench.align.aligner import align_segments, params_for
    from workbench.align.evidence import EvidenceConfig
    from workbench.segment import split_sentences

    src_sents = [split_sentences(p, paragraphs.src_lang) or [p] for p in paragraphs.source_segments]
    tgt_sents = [split_sentences(p, paragraphs.tgt_lang) or [p] for p in paragraphs.target_segments]
    params = params_for(paragraphs.src_lang, paragraphs.tgt_lang, "sentence",
                        [len(s) for ss in src_sents for s in ss], [len(t) for ts in tgt_sents for t in ts])
    evidence = replace(evidence or EvidenceConfig(), table=paragraphs.table)
    lengths = paragraphs.provenance["params"]
    out: list[Candidate] = []
    for k, pb in enumerate(paragraphs.beads):
        src = [s for p in pb.source for s in src_sents[p]]
        tgt = [t for p in pb.target for t in tgt_sents[p]]
        if not src or not tgt or max(len(src), len(tgt)) < 2:
            continue
        inner = align_segments(src, tgt, paragraphs.src_lang, paragraphs.tgt_lang, unit="sentence",
                               evidence=evidence, params=params, learn=False)
        out += _lone(k, src, tgt, inner.beads, (lengths["ratio"], lengths["s2"]))
    return out


def _lone(k: int, src: Sequence[str], tgt: Sequence[str], inner, lengths) -> list[Candidate]:
    """The lone sentences of one paragraph bead's inner path, and the edge sentences of its
    merges (an insertion the search read as part of a 1-2), with their evidence."""
    ls, lt = _chars(src), _chars(tgt)
    before = abs(signed_z(ls, lt, *lengths))
    lone_sides = {bool(b.source) for b in inner if not (b.source and b.target)}
    out = []
    for b in inner:
        for side, idx, texts in (("source", b.source, src), ("target", b.target, tgt)):
            other = b.target if side == "source" else b.source
            if other and len(idx) < 2:
                continue
            for i in (idx[:1] if not other else (idx[0], idx[-1])):
                cut = len(texts[i]) + 1
                after = abs(signed_z(ls - cut, lt, *lengths) if side == "source" else signed_z(ls, lt - cut, *lengths))
                out.append(Candidate(k, side, i, texts[i], b.margin, before, after, _running(texts[i]),
                                     merged=bool(other), crossed=len(lone_sides) > 1))
    return out


def _running(text: str) -> bool:
    """Running text: not heading-like, not debris (``aligner.heading_like``, ``aligner.debris``)."""
    from workbench.align.aligner import debris, heading_like

    return not heading_like(text) and not debris(text)


def _chars(sentences: Sequence[str]) -> int:
    """A paragraph's length rebuilt from its sentences (joined with single spaces)."""
    return sum(len(s) for s in sentences) + len(sentences) - 1


def findings(found: Sequence[Candidate], params: LeftOutParams) -> dict[int, list[Candidate]]:
    """The accepted candidates of each paragraph bead, in text order."""
    out: dict[int, list[Candidate]] = {}
    for c in found:
        if c.accepted(params):
            out.setdefault(c.bead, []).append(c)
    return out


def flag_left_out(paragraphs, evidence=None, params: LeftOutParams = LeftOutParams()):
    """``paragraphs`` with each paragraph bead that seems to leave out (or add) a sentence
    flagged for review, the sentence quoted in its reasons. Beads are not changed."""
    found = findings(candidates(paragraphs, evidence), params)
    beads = tuple(_flagged(b, found[k]) if k in found else b for k, b in enumerate(paragraphs.beads))
    return replace(paragraphs, beads=beads, provenance=dict(paragraphs.provenance, left_out=params.__dict__))


def _flagged(bead, found: Sequence[Candidate]):
    """The bead flagged for review, each sentence found quoted in its reasons, its confidence
    capped at ``FLAGGED_CONFIDENCE``."""
    return replace(bead, needs_review=True, confidence=min(bead.confidence, FLAGGED_CONFIDENCE),
                   reasons=bead.reasons + tuple(c.reason() for c in found))
