"""The glossary meets the stored documents: aligned paragraph units and the
term concordance.

Aligned units come from the gold paragraph beads stored with document pairs
(``document_pairs.gold_beads``) and, for pairs without gold beads, from the
aligner's stored alignments (``store.alignments``, reviewed or not). Term
candidates want only what a human confirmed: ``confirmed_only`` keeps the
beads a reviewer accepted and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import FormatError
from workbench.glossary.matcher import TermMatcher
from workbench.glossary.model import Glossary

if TYPE_CHECKING:
    from workbench.store import Store


@dataclass(frozen=True)
class AlignedUnit:
    pair_id: int
    pair_label: str
    src_lang: str
    tgt_lang: str
    source_doc: int
    target_doc: int
    source_paragraphs: tuple[int, ...]
    target_paragraphs: tuple[int, ...]
    source: str
    target: str


@dataclass(frozen=True)
class ConcordanceLine:
    document_id: int
    document_title: str
    lang: str
    paragraph: int
    text: str
    start: int
    end: int
    matched: str
    concept_id: str
    status: str
    translation: str | None = None          # the aligned paragraph(s) in the other document
    translation_lang: str | None = None
    pair_label: str | None = None
    translation_spans: tuple[tuple[int, int], ...] = ()   # where the concept's terms occur in the translation
    # every occurrence in the paragraph with this status (start, end above: the first): a paragraph
    # with the term twice was two lines, the paragraph and its translation shown twice
    spans: tuple[tuple[int, int], ...] = ()


def aligned_units(store: "Store", *, src_lang: str | None = None, tgt_lang: str | None = None,
                  both_directions: bool = True, confirmed_only: bool = False) -> list[AlignedUnit]:
    """Aligned units of every stored pair: the gold paragraph beads where the pair
    has them, else the pair's latest stored alignment (paragraph unit first, then
    sentence); then stored alignments that belong to no pair. 1-many and many-1
    beads join their segments; omissions and additions are left out. With
    ``confirmed_only``, only beads a reviewer accepted (in every stored alignment)."""
    from workbench.formats.beads import parse_beads

    units: list[AlignedUnit] = []
    docs: dict[int, list[str]] = {}

    def paragraphs(doc_id: int) -> list[str]:
        if doc_id not in docs:
            docs[doc_id] = [p.text for p in store.documents.get(doc_id).paragraphs]
        return docs[doc_id]

    def wanted(s_lang: str | None, t_lang: str | None) -> list[tuple[str, str, bool]]:
        if not s_lang or not t_lang:
            return []
        directions = [(s_lang, t_lang, False)] + ([(t_lang, s_lang, True)] if both_directions else [])
        return [(s, t, rev) for s, t, rev in directions
                if (src_lang is None or s == src_lang) and (tgt_lang is None or t == tgt_lang)]

    def add(pair_id, label, s_doc, t_doc, s_idx, t_idx, s_text, t_text, directions, paragraph_unit):
        for s_lang, t_lang, rev in directions:
            si, ti = (s_idx, t_idx) if paragraph_unit else ((), ())
            if rev:
                units.append(AlignedUnit(pair_id, label, s_lang, t_lang, t_doc, s_doc, ti, si, t_text, s_text))
            else:
                units.append(AlignedUnit(pair_id, label, s_lang, t_lang, s_doc, t_doc, si, ti, s_text, t_text))

    repo = getattr(store, "alignments", None)
    for pair in store.documents.pairs():
        directions = wanted(pair.source_lang, pair.target_lang)
        if not directions:
            continue
        if pair.gold_beads and not confirmed_only:
            try:
                beads = parse_beads(pair.gold_beads, name=f"pair {pair.id} ({pair.label}) gold beads")
            except FormatError:
                beads = []
            sp, tp = paragraphs(pair.source_id), paragraphs(pair.target_id)
            for bead in beads:
                if bead.source and bead.target and max(bead.source) < len(sp) and max(bead.target) < len(tp):
                    add(pair.id, pair.label, pair.source_id, pair.target_id, bead.source, bead.target,
                        "\n".join(sp[i] for i in bead.source), "\n".join(tp[i] for i in bead.target),
                        directions, True)
            continue
        for unit in ("paragraph", "sentence"):
            aid = repo.latest(pair.id, unit) if repo is not None else None
            if aid is not None:
                _from_alignment(repo, aid, pair.id, pair.label, directions, add, confirmed_only)
                break
    if repo is not None:
        for summary in repo.list():
            if summary.pair_id is None:
                record = repo.get(summary.id)
                _from_alignment(repo, summary.id, None, record.title or f"alignment {summary.id}",
                                wanted(record.src_lang, record.tgt_lang), add, confirmed_only)
    return units


def _from_alignment(repo, alignment_id: int, pair_id, label: str, directions, add,
                    confirmed_only: bool = False) -> None:
    """Units from a stored alignment (the aligner's output, maybe reviewed)."""
    if not directions:
        return
    record = repo.get(alignment_id)
    src, tgt = record.source_segments, record.target_segments
    for bead in repo.beads(alignment_id):
        if confirmed_only and bead.status != "accepted":
            continue
        if not bead.source or not bead.target or max(bead.source) >= len(src) or max(bead.target) >= len(tgt):
            continue
        target = bead.edited_target if bead.edited_target else "\n".join(tgt[i] for i in bead.target)
        add(pair_id if pair_id is not None else -alignment_id, label, record.source_doc_id or 0,
            record.target_doc_id or 0, bead.source, bead.target, "\n".join(src[i] for i in bead.source), target,
            directions, record.unit == "paragraph")


def concordance(store: "Store", glossary: Glossary, concept_id: str, *, lang: str | None = None,
                limit: int = 200) -> list[ConcordanceLine]:
    """Where a concept's terms occur in stored documents (in ``lang`` or every language
    the concept has terms in), with the aligned translation beside: one line a paragraph (and
    status of the terms found: a forbidden rendering gets its own line)."""
    concept = glossary.concept(concept_id)
    langs = [lang] if lang else list(concept.languages)
    one = Glossary((concept,))
    matchers = {lg: TermMatcher(one, lg, include_names=False) for lg in langs}
    other_side: dict[str, TermMatcher] = {}
    aligned: dict[tuple[int, int], tuple[str, str, str]] = {}
    for unit in aligned_units(store):
        for p in unit.source_paragraphs:
            aligned.setdefault((unit.source_doc, p), (unit.target, unit.tgt_lang, unit.pair_label))
    lines: list[ConcordanceLine] = []
    for summary in store.documents.list():
        doc = store.documents.get(summary.id)
        for para in doc.paragraphs:
            plang = para.lang or doc.lang
            if plang not in matchers:
                continue
            by_status: dict[str, list] = {}
            for m in matchers[plang].find(para.text):
                if m.concept_id == concept_id:
                    by_status.setdefault(m.status, []).append(m)
            if not by_status:
                continue
            tr = aligned.get((doc.id, para.index))
            spans = _term_spans(other_side, one, tr[1], tr[0]) if tr else ()
            for status, found in by_status.items():
                first = found[0]
                lines.append(ConcordanceLine(doc.id, doc.title, plang, para.index, para.text, first.start, first.end,
                                             first.matched, first.concept_id, status,
                                             tr[0] if tr else None, tr[1] if tr else None,
                                             tr[2] if tr else None, spans,
                                             tuple((m.start, m.end) for m in found)))
                if len(lines) >= limit:
                    return lines
    return lines


def _term_spans(matchers: dict[str, TermMatcher], one: Glossary, lang: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the concept's terms in ``lang`` occur in ``text`` (matchers are built once per language)."""
    if lang not in matchers:
        matchers[lang] = TermMatcher(one, lang, include_names=False)
    return tuple((m.start, m.end) for m in matchers[lang].find(text))


def snippet(text: str, spans, width: int = 120) -> list[tuple[str, bool]]:
    """The part of ``text`` around its first span, cut into (piece, is_term) pieces,
    with '…' where it was cut: the term is shown, not the start of a long paragraph."""
    spans = sorted(spans)
    if not spans:
        cut = text[:3 * width]
        return [(cut + ("…" if len(cut) < len(text) else ""), False)]
    start = max(0, spans[0][0] - width)
    end = min(len(text), max(spans[0][1] + width, start + 2 * width))
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for s, e in spans:
        if s < at or e > end:
            continue
        pieces += [(text[at:s], False), (text[s:e], True)]
        at = e
    pieces.append((text[at:end] + ("…" if end < len(text) else ""), False))
    return [p for p in pieces if p[0]]
