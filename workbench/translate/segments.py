"""Cut a document into translation segments and put translations back exactly.

Body paragraphs are cut into sentences with ``workbench.segment``; a heading
is one segment; separators are copied. A translated paragraph keeps the
source's text between and around its sentences (spaces, line breaks), so the
paragraph and heading structure of the output is the source's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from workbench.ingest import HEADING, SEPARATOR


@dataclass(frozen=True)
class Segment:
    index: int        # in the document
    para_index: int
    start: int        # in the paragraph's text
    end: int
    source: str


@dataclass(frozen=True)
class ParagraphLike:
    index: int
    text: str
    kind: str
    level: int = 0


def plan_segments(paragraphs: Sequence, lang: str | None) -> list[Segment]:
    from workbench.segment import sentence_spans

    segments: list[Segment] = []
    for para in paragraphs:
        text = para.text
        if para.kind == SEPARATOR or not text.strip():
            continue
        if para.kind == HEADING:
            stripped = text.strip()
            start = text.index(stripped)
            spans = [(start, start + len(stripped))]
        else:
            spans = sentence_spans(text, lang)
        for start, end in spans:
            segments.append(Segment(len(segments), para.index, start, end, text[start:end]))
    return segments


def rebuild_paragraphs(paragraphs: Sequence, segments: Sequence[Segment],
                       targets: Sequence[str]) -> list[str]:
    """Each paragraph with its sentences replaced by their translations."""
    by_para: dict[int, list[tuple[Segment, str]]] = {}
    for seg, target in zip(segments, targets):
        by_para.setdefault(seg.para_index, []).append((seg, target))
    out = []
    for para in paragraphs:
        parts, pos = [], 0
        for seg, target in sorted(by_para.get(para.index, []), key=lambda st: st[0].start):
            parts += [para.text[pos:seg.start], target]
            pos = seg.end
        parts.append(para.text[pos:])
        out.append("".join(parts))
    return out


def render_text(paragraphs: Sequence, texts: Sequence[str], fmt: str) -> str:
    """The translated document as text: markdown headings for .md sources, plain otherwise."""
    blocks = []
    for para, text in zip(paragraphs, texts):
        if para.kind == HEADING and fmt in ("md", "markdown", "html"):
            blocks.append(f"{'#' * max(1, min(para.level or 1, 6))} {text}")
        else:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"
