"""Align two documents: paragraphs first, then sentences inside each paragraph bead.

``align_segments`` aligns two lists of segments at one level;
``align_documents`` does the two-level alignment of paragraphs (and, with
``unit="sentence"``, of the sentences within each paragraph bead, numbered
through the whole document). Every result carries its provenance: the
aligner version, the scoring parameters, the evidence used and the segmenter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import field, replace

from workbench.align import calibration, confidence, lexicon
from workbench.align.dp import DPParams, align as dp_align, compiled_extension
from workbench.align.evidence import EvidenceConfig, all_keys, fold, read_words
from workbench.align.insertions import prose_segments
from workbench.align.soft import SoftOverlap
from workbench.errors import InputError
from workbench.records import frozen_dataclass

ALIGNER_VERSION = "workbench-align 1.14"  # 1.14: a second pass uses the text's own length variance
# where its 1-1 beads (of a first pass at Gale and Church's variance) show it freer than the table;
# 1.13: one-word labels ("Literatur :") are headings; a 1-1
# beside a 1-2, 2-1 or 2-2 whose contents cross is a 2-3, 3-2 or 3-3; a joined bead's border is chosen again;
# 1.12: neighbouring sentence beads whose contents cross are a 2-2;
# 1.11: a sentence left out of a paragraph bead is flagged;
# 1.10: Roman numerals are number evidence;
# 1.9: soft translation overlap re-cuts sentence stretches;
# 1.8: closer lengths win at the length cap; 1.7: running text rarely left out
MAX_SEGMENTS = 2_000_000
UNITS = ("paragraph", "sentence")


@frozen_dataclass
class AlignedBead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    needs_review: bool
    length_z: float = 0.0
    dice: float = 0.0
    reliability: float = 0.0
    cost: float = 0.0
    margin: float = 0.0   # extra cost of the best local alternative (see align.margins)
    reasons: tuple[str, ...] = ()  # why it is flagged beyond its scores (align.leftout)

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@frozen_dataclass
class AlignmentResult:
    unit: str
    src_lang: str
    tgt_lang: str
    source_segments: tuple[str, ...]
    target_segments: tuple[str, ...]
    beads: tuple[AlignedBead, ...]
    provenance: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    table: "lexicon.TranslationTable | None" = field(default=None, compare=False, repr=False)

    @property
    def mean_confidence(self) -> float:
        return sum(b.confidence for b in self.beads) / len(self.beads) if self.beads else 1.0


def params_for(src_lang: str, tgt_lang: str, unit: str, source_lens: Sequence[int] = (),
               target_lens: Sequence[int] = ()) -> DPParams:
    """Scoring parameters for a language pair and unit (see ``calibration``)."""
    ratio, s2 = calibration.length_model(src_lang, tgt_lang, source_lens, target_lens)
    base = calibration.SENTENCE_PARAMS if unit == "sentence" else calibration.PARAGRAPH_PARAMS
    return replace(base, ratio=ratio, s2=s2)


def align_segments(source: Sequence[str], target: Sequence[str], src_lang: str, tgt_lang: str, *,
                   unit: str = "paragraph", evidence: EvidenceConfig | None = None,
                   params: DPParams | None = None,
                   review_threshold: float = confidence.REVIEW_THRESHOLD, learn: bool = True) -> AlignmentResult:
    """Align two lists of segments (paragraphs or sentences) at one level. ``learn``: learn a
    translation table from the first pass's 1-1 beads and align again with it (``lexicon``)."""
    if unit not in UNITS:
        raise InputError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if len(source) + len(target) > MAX_SEGMENTS:
        raise InputError(f"too many segments to align at once ({len(source)} + {len(target)}; "
                         f"the limit is {MAX_SEGMENTS})")
    evidence = evidence or EvidenceConfig()
    src_lens = [len(s) for s in source]
    tgt_lens = [len(t) for t in target]
    refine = params is None
    learning = learn and evidence.table is None
    own_s2 = refine and learning  # the second pass uses the text's own variance (below)
    params = params or params_for(src_lang, tgt_lang, unit, src_lens, tgt_lens)
    table_s2 = params.s2
    if own_s2:
        params = replace(params, s2=calibration.first_pass_s2(table_s2, params.ratio))
    # each segment's words read once, for its keys and (folded) for learning the table
    read = _words_of(source), _words_of(target)
    src_keys = all_keys(source, evidence, "source", read[0])
    tgt_keys = all_keys(target, evidence, "target", read[1])
    heads = [heading_like(s) for s in source], [heading_like(t) for t in target]
    marks = {"src_joined": continuations(source), "tgt_joined": continuations(target),
             "src_junk": [debris(s) for s in source], "tgt_junk": [debris(t) for t in target]}
    marks["src_prose"] = prose_segments(source, heads[0], marks["src_junk"], params.prose_chars)
    marks["tgt_prose"] = prose_segments(target, heads[1], marks["tgt_junk"], params.prose_chars)
    # a first pass that a second will replace needs no bead scores or margins
    result = dp_align(src_lens, tgt_lens, src_keys, tgt_keys, params, *heads, scored=not learning, **marks)
    ratio_from = "document"
    if refine:
        # The document's length ratio counts omitted and inserted paragraphs too, which can
        # move it by the whole 20% the length model allows. Measured again without the
        # omissions and insertions found with it, and aligned again when that moves the
        # ratio by more than 2%. Only for inputs searched in full (a few hundred segments a
        # side, every paragraph-level document we have seen), where a second search is
        # cheap; long banded inputs keep one pass to stay within their time budget.
        both = [b for b in result.beads if b.source and b.target]
        if len(both) >= 3 and result.band_used is None:
            second = params_for(src_lang, tgt_lang, unit, [src_lens[i] for b in both for i in b.source],
                                [tgt_lens[j] for b in both for j in b.target])
            if abs(math.log(second.ratio / params.ratio)) > math.log(1.02):
                table_s2 = second.s2
                if own_s2:
                    second = replace(second, s2=calibration.first_pass_s2(table_s2, second.ratio))
                params, ratio_from = second, "aligned beads"
                result = dp_align(src_lens, tgt_lens, src_keys, tgt_keys, params, *heads, scored=not learning, **marks)
    s2_from = "table"
    if own_s2:
        # the text's own length variance, where its 1-1 beads show it freer than the table
        ones = [(src_lens[b.source[0]], tgt_lens[b.target[0]]) for b in result.beads
                if len(b.source) == 1 and len(b.target) == 1]
        s2 = calibration.text_s2(table_s2, calibration.text_variance(ones, params.ratio), params.ratio)
        params, s2_from = replace(params, s2=s2), ("aligned beads" if s2 != table_s2 else "table")
    folded = [f for _, f in read[0]], [f for _, f in read[1]]
    table = _learnt_table(result.beads, source, target, folded) if learning else None
    if table is not None:
        src_keys = lexicon.with_table(table, source, src_keys, "source", folded[0])
        tgt_keys = lexicon.with_table(table, target, tgt_keys, "target", folded[1])
    if learning:
        # the second pass searches a band around the first pass's path (the table moves beads
        # locally): on inputs small enough to be searched in full it costs far less than the first
        near = _bead_ends(result.beads)
        result = dp_align(src_lens, tgt_lens, src_keys, tgt_keys, params, *heads, near=near,
                          soft=_soft_overlap(table, folded, params), **marks)
    review_margin = confidence.REVIEW_MARGIN * params.skip
    beads = tuple(_bead(b, review_threshold, review_margin) for b in result.beads)
    provenance = {"aligner": ALIGNER_VERSION, "unit": unit, "src_lang": src_lang, "tgt_lang": tgt_lang,
                  "params": params.describe(), "ratio_from": ratio_from, "s2_from": s2_from,
                  "evidence": evidence.describe(),
                  "band": result.band_used, "band_widened": result.widened,
                  "review_threshold": review_threshold, "review_margin": review_margin,
                  "learnt_table": len(table) if table is not None else None}
    return AlignmentResult(unit, src_lang, tgt_lang, tuple(source), tuple(target), beads, provenance,
                           table=table or evidence.table)


def _soft_overlap(table, folded, params: DPParams) -> "SoftOverlap | None":
    """The soft overlap of the table's soft part (None: no table, or the unit's weight is 0)."""
    if table is None or params.soft.weight <= 0.0 or not table.soft_source:
        return None
    return SoftOverlap(table.soft_source, table.soft_target, folded[0], folded[1], params.soft)


def _words_of(texts: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """Each text's words and folded words (``evidence.read_words``; in C where built)."""
    compiled = compiled_extension()
    if compiled is not None:
        return compiled.read_words(list(texts), fold)
    return [read_words(t) for t in texts]


def _bead_ends(beads) -> list[tuple[float, float]]:
    """(0, 0) and the (source, target) position after each bead."""
    points, i, j = [(0.0, 0.0)], 0, 0
    for b in beads:
        i, j = i + len(b.source), j + len(b.target)
        points.append((float(i), float(j)))
    return points


def _learnt_table(beads, source, target, folded) -> "lexicon.TranslationTable | None":
    """A translation table learnt from a first pass's 1-1 beads (None: too few of them)."""
    training = lexicon.training_beads(beads)
    if len(training) < lexicon.MIN_TRAINING:
        return None
    return lexicon.learn_table(source, target, training, folded=folded)



_CLOSING = tuple(".!?:;…»«\"”“’)]*")
_QUOTES = "»«\"”“’)]"


def heading_like(text: str) -> int:
    """1 for a short segment without closing punctuation (a title or sub-heading), or for a
    label: one word and a colon (``Literatur :``, ``Note:``), which heads what follows.
    Closing quotes and brackets are looked through: a title may end in a quotation
    (Taraf tutan “sol”), a sentence ends with its stop inside or before them."""
    text = text.strip()
    bare = text.rstrip(_QUOTES).rstrip()
    return int(0 < len(text) <= 100 and bool(bare) and not bare.endswith(_CLOSING) or label(text))


_LABEL = re.compile(r"[^\W\d_]+ ?:")


def label(text: str) -> bool:
    """Whether the segment is one word and a colon (``Literatur :``): a label over a list or a
    bibliography, not the end of a sentence that a segmenter cut at a colon."""
    return _LABEL.fullmatch(text.strip()) is not None


_CONTENT = re.compile(r"[^\W\d_]{2}|\d")


def debris(text: str) -> int:
    """1 for a segment without a word of two letters or a digit: nothing to translate
    (OCR debris, a row of dots, a rule), so nothing a merge could gain by holding it."""
    return int(_CONTENT.search(text) is None)


# what opens a quotation or a list item ("« …", "- …", "a ) …", "2. …")
_OPENING = re.compile(r"[«»\"„“”‹›'‘’—–\-•*.…]|\w{1,2} ?[).]\s")


def continuations(segments: Sequence[str]) -> list[int]:
    """1 for a segment that continues the one before it: that one ends in a colon and this
    one opens no quotation or list item and is no label (a segmenter that cuts at colons cuts
    one sentence in two; its translation may not)."""
    return [0] + [int(prev.rstrip().endswith(":") and not _OPENING.match(seg.lstrip()) and not label(seg))
                  for prev, seg in zip(segments, segments[1:])] if segments else []


def _bead(b, threshold: float, margin: float) -> AlignedBead:
    x = confidence.features((len(b.source), len(b.target)), b.length_z, b.dice, b.reliability, b.cost)
    p = round(confidence.probability(x), 4)
    # a bead is looked at when it is unlikely, or when another reading of its stretch is nearly as good
    flag = p < threshold or b.margin < margin
    return AlignedBead(b.source, b.target, p, flag, round(b.length_z, 3),
                       round(b.dice, 3), round(b.reliability, 3), round(b.cost, 3), round(b.margin, 3))


def align_documents(source: Sequence[str], target: Sequence[str], src_lang: str, tgt_lang: str, *,
                    unit: str = "paragraph", evidence: EvidenceConfig | None = None,
                    review_threshold: float = confidence.REVIEW_THRESHOLD,
                    check_languages: bool = True, presegmented: bool = False, learn: bool = True) -> AlignmentResult:
    """Align two documents given as paragraphs; ``unit="sentence"`` goes on inside each bead.
    ``presegmented``: the inputs are already the segments to align at ``unit`` level. ``learn``:
    a second pass with a translation table learnt from the first (``align_segments``); the
    sentences inside paragraph beads use the table learnt from the paragraphs (one paragraph
    bead holds too few sentences to learn from)."""
    if unit not in UNITS:
        raise InputError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    warnings = list(_language_warnings(source, target, src_lang, tgt_lang) if check_languages else [])
    if not source and not target:
        raise InputError("both documents are empty: nothing to align")
    for side, segs in (("source", source), ("target", target)):
        if not segs:
            warnings.append(f"the {side} document is empty: every segment of the other side is unaligned")
    if source and target:
        longer = max(len(source), len(target)) / max(1, min(len(source), len(target)))
        if longer >= 3:
            warnings.append(f"one side has {longer:.0f} times as many segments as the other: "
                            "expect many omissions or insertions")
    if presegmented:
        result = align_segments(source, target, src_lang, tgt_lang, unit=unit, evidence=evidence,
                                review_threshold=review_threshold, learn=learn)
        return replace(result, warnings=tuple(warnings))
    paragraphs = align_segments(source, target, src_lang, tgt_lang, unit="paragraph", evidence=evidence,
                                review_threshold=review_threshold, learn=learn)
    if unit == "paragraph":
        from workbench.align.leftout import flag_left_out  # it aligns sentences with this module

        return replace(flag_left_out(paragraphs, evidence), warnings=tuple(warnings))
    return replace(_sentences(paragraphs, evidence, review_threshold), warnings=tuple(warnings))


def _sentences(paragraphs: AlignmentResult, evidence, review_threshold: float) -> AlignmentResult:
    from workbench.segment import SEGMENTER_VERSION, split_sentences

    src_lang, tgt_lang = paragraphs.src_lang, paragraphs.tgt_lang
    evidence = replace(evidence or EvidenceConfig(), table=paragraphs.table)
    src_sents = [split_sentences(p, src_lang) or [p] for p in paragraphs.source_segments]
    tgt_sents = [split_sentences(p, tgt_lang) or [p] for p in paragraphs.target_segments]
    src_start = _starts(src_sents)
    tgt_start = _starts(tgt_sents)
    params = params_for(src_lang, tgt_lang, "sentence",
                        [len(s) for ss in src_sents for s in ss], [len(t) for ts in tgt_sents for t in ts])
    beads: list[AlignedBead] = []
    for pb in paragraphs.beads:
        src = [s for p in pb.source for s in src_sents[p]]
        tgt = [t for p in pb.target for t in tgt_sents[p]]
        s0 = src_start[pb.source[0]] if pb.source else None
        t0 = tgt_start[pb.target[0]] if pb.target else None
        if not src or not tgt:
            beads += [AlignedBead((s0 + k,), (), pb.confidence, pb.needs_review) for k in range(len(src))]
            beads += [AlignedBead((), (t0 + k,), pb.confidence, pb.needs_review) for k in range(len(tgt))]
            continue
        inner = align_segments(src, tgt, src_lang, tgt_lang, unit="sentence", evidence=evidence,
                               params=params, review_threshold=review_threshold, learn=False)
        for b in inner.beads:
            conf = round(min(b.confidence, max(pb.confidence, 0.5)), 4) if len(inner.beads) > 1 else \
                round(min(b.confidence, pb.confidence), 4)
            beads.append(replace(b, source=tuple(s0 + k for k in b.source),
                                 target=tuple(t0 + k for k in b.target),
                                 confidence=conf, needs_review=b.needs_review or conf < review_threshold))
    provenance = dict(paragraphs.provenance, unit="sentence", segmenter=SEGMENTER_VERSION,
                      sentence_params=params.describe())
    return AlignmentResult("sentence", src_lang, tgt_lang,
                           tuple(s for ss in src_sents for s in ss), tuple(t for ts in tgt_sents for t in ts),
                           tuple(beads), provenance, table=evidence.table)


def _starts(groups: list[list[str]]) -> list[int]:
    out, n = [], 0
    for g in groups:
        out.append(n)
        n += len(g)
    return out


def _language_warnings(source, target, src_lang, tgt_lang) -> list[str]:
    """Warn (do not refuse) when a side does not look like its declared language."""
    try:
        from workbench.langid import detect
    except ImportError:  # pragma: no cover - langid is part of the package
        return []
    out = []
    for side, segs, lang in (("source", source, src_lang), ("target", target, tgt_lang)):
        sample = " ".join(segs[:40])[:4000]
        if len(sample) < 80 or not lang:
            continue
        try:
            found = detect(sample)
        except Exception:  # language detection is advice only; never block alignment
            continue
        if found.lang and found.lang not in ("und", lang.split("-")[0]) and found.confidence >= 0.8:
            out.append(f"the {side} text looks like '{found.lang}', not '{lang}' "
                       f"(confidence {found.confidence:.2f}); aligned anyway")
    return out
