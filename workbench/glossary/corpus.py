"""The glossary meets the stored documents: aligned paragraph units and the
term concordance.

Aligned units come from the gold paragraph beads stored with document pairs
(``document_pairs.gold_beads``); later alignments are used when the store has
a repository that gives beads for a pair (``store.alignments``), preferring
the gold beads where both exist.
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


def aligned_units(store: "Store", *, src_lang: str | None = None, tgt_lang: str | None = None,
                  both_directions: bool = True) -> list[AlignedUnit]:
    """Aligned paragraph units of every stored pair with beads (1-many and many-1 units
    join their paragraphs; omissions and additions are left out)."""
    from workbench.formats.beads import parse_beads

    units = []
    docs: dict[int, list[str]] = {}

    def paragraphs(doc_id: int) -> list[str]:
        if doc_id not in docs:
            docs[doc_id] = [p.text for p in store.documents.get(doc_id).paragraphs]
        return docs[doc_id]

    for pair in store.documents.pairs():
        beads_text = pair.gold_beads or _later_beads(store, pair.id)
        if not beads_text or not pair.source_lang or not pair.target_lang:
            continue
        directions = [(pair.source_lang, pair.target_lang, False)]
        if both_directions:
            directions.append((pair.target_lang, pair.source_lang, True))
        wanted = [(s, t, rev) for s, t, rev in directions
                  if (src_lang is None or s == src_lang) and (tgt_lang is None or t == tgt_lang)]
        if not wanted:
            continue
        try:
            beads = parse_beads(beads_text, name=f"pair {pair.id} ({pair.label}) beads")
        except FormatError:
            continue
        sp, tp = paragraphs(pair.source_id), paragraphs(pair.target_id)
        for bead in beads:
            if not bead.source or not bead.target:
                continue
            if max(bead.source) >= len(sp) or max(bead.target) >= len(tp):
                continue
            s_text = "\n".join(sp[i] for i in bead.source)
            t_text = "\n".join(tp[i] for i in bead.target)
            for s_lang, t_lang, rev in wanted:
                if rev:
                    units.append(AlignedUnit(pair.id, pair.label, s_lang, t_lang, pair.target_id, pair.source_id,
                                             bead.target, bead.source, t_text, s_text))
                else:
                    units.append(AlignedUnit(pair.id, pair.label, s_lang, t_lang, pair.source_id, pair.target_id,
                                             bead.source, bead.target, s_text, t_text))
    return units


def _later_beads(store: "Store", pair_id: int) -> str | None:
    """Beads from the aligner's stored output, when that repository exists and has them."""
    repo = getattr(store, "alignments", None)
    for name in ("beads_for_pair", "latest_beads"):
        fn = getattr(repo, name, None) if repo is not None else None
        if fn is not None:
            try:
                result = fn(pair_id)
            except Exception:   # another area's repository: absent data must not break the glossary
                return None
            if isinstance(result, str):
                return result
            if result:
                from workbench.formats.beads import format_beads

                return format_beads(list(result))
    return None


def concordance(store: "Store", glossary: Glossary, concept_id: str, *, lang: str | None = None,
                limit: int = 200) -> list[ConcordanceLine]:
    """Where a concept's terms occur in stored documents (in ``lang`` or every language
    the concept has terms in), with the aligned translation beside each occurrence."""
    concept = glossary.concept(concept_id)
    langs = [lang] if lang else list(concept.languages)
    one = Glossary((concept,))
    matchers = {lg: TermMatcher(one, lg, include_names=False) for lg in langs}
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
            for m in matchers[plang].find(para.text):
                if m.concept_id != concept_id:
                    continue
                tr = aligned.get((doc.id, para.index))
                lines.append(ConcordanceLine(doc.id, doc.title, plang, para.index, para.text, m.start, m.end,
                                             m.matched, m.concept_id, m.status,
                                             tr[0] if tr else None, tr[1] if tr else None,
                                             tr[2] if tr else None))
                if len(lines) >= limit:
                    return lines
    return lines
