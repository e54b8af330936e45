"""Marks on a bead's two texts for the review view: glossary terms with their QA
status, and foreign fragments; rendered as escaped HTML.

Glossary QA comes from ``workbench.glossary.check_pair`` and foreign
fragments from ``workbench.langid.find_foreign_spans``; both are imported
lazily and skipped when missing or failing (they are advice, not the data).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

# CSS class per mark kind (the page supplies the style sheet); "draft" is an "ok"
# finding of a concept no second translator has approved yet
MARK_KINDS = ("ok", "draft", "admitted", "missing", "forbidden", "foreign")
PROBLEM_KINDS = ("missing", "forbidden")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str        # one of MARK_KINDS
    title: str       # tooltip: concept, expected terms, language


@dataclass(frozen=True)
class PairMarks:
    source: tuple[Mark, ...]
    target: tuple[Mark, ...]
    findings: tuple[str, ...]      # QA kinds found, in order

    @property
    def has_problem(self) -> bool:
        return any(k in PROBLEM_KINDS for k in self.findings)


class Annotator:
    """Builds marks for many beads of one language pair with one glossary."""

    def __init__(self, src_lang: str, tgt_lang: str, glossary=None, *, foreign: bool = True):
        self.src_lang, self.tgt_lang, self.glossary = src_lang, tgt_lang, glossary
        self.foreign = foreign
        self._matchers = None
        self._glossary_langs = None   # the glossary's terms by language for the name marks, built once
        if glossary is not None and len(glossary):
            try:
                from workbench.glossary import TermMatcher

                self._matchers = (TermMatcher(glossary, src_lang), TermMatcher(glossary, tgt_lang))
            except ImportError:  # pragma: no cover - glossary package missing
                self._matchers = None

    def marks(self, source: str, target: str) -> PairMarks:
        src: list[Mark] = []
        tgt: list[Mark] = []
        kinds: list[str] = []
        if self._matchers is not None:
            try:
                from workbench.glossary import check_pair

                findings = check_pair(source, target, self.src_lang, self.tgt_lang, self.glossary,
                                      src_matcher=self._matchers[0], tgt_matcher=self._matchers[1])
            except Exception:  # advice only: never break the review page
                findings = []
            for f in findings:
                kinds.append(f.kind)
                kind, title = self._kind_and_title(f)
                if f.source_span:
                    src.append(Mark(f.source_span[0], f.source_span[1], kind, title))
                if f.target_span:
                    tgt.append(Mark(f.target_span[0], f.target_span[1], kind, title))
        if self.foreign:
            src += self._foreign(source, self.src_lang)
            tgt += self._foreign(target, self.tgt_lang)
        return PairMarks(tuple(_tidy(src)), tuple(_tidy(tgt)), tuple(kinds))

    def _kind_and_title(self, finding) -> tuple[str, str]:
        """A finding's mark kind and tooltip; a draft concept's term is never shown as approved."""
        expected = f" (expected: {', '.join(finding.expected)})" if finding.expected else ""
        if not self._is_draft(finding.concept_id):
            return finding.kind, f"{finding.kind}: {finding.concept_id}{expected}"
        kind = "draft" if finding.kind == "ok" else finding.kind
        return kind, f"{kind}: {finding.concept_id} (draft concept, awaiting a second translator){expected}"

    def _is_draft(self, concept_id: str) -> bool:
        from workbench.errors import NotFoundError

        try:
            return self.glossary.concept(concept_id).status == "draft"
        except NotFoundError:  # advice only: an unknown concept is shown as its finding says
            return False

    def _foreign(self, text: str, lang: str) -> list[Mark]:
        try:
            from workbench.langid import find_foreign_spans, glossary_languages

            if self._glossary_langs is None and self.glossary is not None:
                # built from the whole glossary: 0.1 s a call when left to each text
                self._glossary_langs = glossary_languages(self.glossary)
            spans = find_foreign_spans(text, lang, glossary=self._glossary_langs)
        except Exception:  # advice only
            return []
        return [Mark(s.start, s.end, "foreign", f"{s.lang} ({s.confidence:.2f})") for s in spans]


_SEVERITY = {"ok": 0, "draft": 1, "admitted": 2, "missing": 3, "forbidden": 4}


def _tidy(marks: list[Mark]) -> list[Mark]:
    """Sorted, without overlaps (glossary marks win over foreign ones). A glossary mark
    inside another (a concept nested in a longer term) joins it: the outer mark takes
    the worse kind of the two and both titles."""
    out: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, m.kind == "foreign", -(m.end - m.start))):
        if m.end <= m.start:
            continue
        if out and m.start < out[-1].end:
            last = out[-1]
            if m.kind in _SEVERITY and last.kind in _SEVERITY and m.title not in last.title:
                kind = max(last.kind, m.kind, key=_SEVERITY.__getitem__)
                out[-1] = Mark(last.start, last.end, kind, f"{last.title}; {m.title}")
            continue
        out.append(m)
    return out


def marks_html(text: str, marks: tuple[Mark, ...] | list[Mark]) -> str:
    """``text`` as HTML with each mark in a ``<mark class="wb-KIND">``; everything escaped."""
    parts, pos = [], 0
    for m in marks:
        if m.start < pos or m.end > len(text):
            continue
        parts.append(html.escape(text[pos:m.start]))
        parts.append(f'<mark class="wb-{html.escape(m.kind)}" title="{html.escape(m.title, quote=True)}">'
                     f"{html.escape(text[m.start:m.end])}</mark>")
        pos = m.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("\n", "<br>")


def confidence_colour(confidence: float, status: str, flagged: bool = False) -> str:
    """Border colour of a bead: accepted green, unaligned grey, else by confidence; a
    flagged bead is never shown as sure (a machine translation is 1-1 with confidence 1.0
    even when the model lost a name)."""
    if status == "accepted":
        return "#2e7d32"
    if status == "unaligned":
        return "#9e9e9e"
    if confidence >= 0.9 and not flagged:
        return "#66bb6a"
    if confidence >= 0.7:
        return "#ffb300"
    return "#e53935"
