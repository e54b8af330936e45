"""Write new paragraph texts into a .docx or .odt, paragraph by paragraph.

A .docx or .odt added with ingest (or the Documents page) is stored as its
paragraphs, each the joined text of its runs, so a reviewed translation exists
for a whole paragraph, not for each run. ``rewrite_paragraphs`` puts each
paragraph's new text into new runs at the place of the paragraph's first run
(so the paragraph keeps its style, heading level and list numbering) and
empties the original runs; tables, images and every paragraph property stay as
they were. Inline formatting is kept where it can be kept honestly: a run (a
span in an .odt) whose text is still in the new text verbatim, as a whole word
or words (a name, a term, a bold lead-in), keeps its formatting for that text;
the rest takes the formatting that covered most of the original paragraph
(its body, not a bold lead-in). A run inside a link is never copied out of it.

The original's paragraphs are matched to the stored ones by reading them the
way ingest does (same order, same cleaning); a paragraph ingest joined with the
next (cut by a page break) takes the text, the next one is emptied. When the
original does not read as the stored paragraphs, nothing is written (None).
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import NamedTuple, Sequence

from workbench.errors import FormatError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# what a Word run holds as text: emptied in every run, the new text goes into new runs
_DOCX_TEXT = {f"{_W}{tag}" for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "sym", "ptab")}
_ODT_TEXT_ELEMENTS = ("s", "tab", "line-break", "soft-page-break")
_ODT_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def rewrite_paragraphs(data: bytes, name: str, stored: Sequence[str], texts: Sequence[str]) -> bytes | None:
    """The document with ``texts[i]`` in place of the stored paragraph ``stored[i]``; None when
    the original's paragraphs are not the stored ones."""
    suffix = Path(name).suffix.lower()
    if suffix not in (".docx", ".odt"):
        raise FormatError(f"{name}: only a .docx or .odt is written paragraph by paragraph")
    document, blocks = (_docx_blocks if suffix == ".docx" else _odt_blocks)(data, name)
    groups = match_paragraphs([text for _, text in blocks], stored)
    if groups is None:
        return None
    write = _write_docx if suffix == ".docx" else _write_odt
    for group, text in zip(groups, texts):
        first, *rest = group
        write(blocks[first][0], text)
        for index in rest:
            write(blocks[index][0], "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def match_paragraphs(blocks: Sequence[str], stored: Sequence[str]) -> list[list[int]] | None:
    """For each stored paragraph, the indexes of the original's non-empty blocks it was made of
    (one, or several that ingest joined with a space); None when they do not add up."""
    from workbench.ingest import repair_text
    from workbench.spaces import collapse_spaces

    cleaned = [(i, collapse_spaces(repair_text(text)[0])) for i, text in enumerate(blocks)]
    cleaned = [(i, text) for i, text in cleaned if text]
    groups, k = [], 0
    for paragraph in stored:
        if k >= len(cleaned):
            return None
        group, joined = [cleaned[k][0]], cleaned[k][1]
        k += 1
        while joined != paragraph and k < len(cleaned) and paragraph.startswith(joined + " "):
            group.append(cleaned[k][0])
            joined += " " + cleaned[k][1]
            k += 1
        if joined != paragraph:
            return None
        groups.append(group)
    return groups if k == len(cleaned) else None


def _docx_blocks(data: bytes, name: str):
    import docx

    from workbench.readers.office import (accept_tracked_changes, docx_note_paragraphs, docx_note_parts,
                                          docx_paragraphs, docx_text)

    try:
        document = docx.Document(io.BytesIO(data))
        notes = docx_note_parts(document)
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds for a broken file
        raise FormatError(f"{name}: not a readable .docx document ({type(exc).__name__}: {exc})") from None
    accept_tracked_changes(document.element.body)
    blocks = [(p._p, docx_text(p)) for p in docx_paragraphs(document)]
    for _, root in notes:  # read after the body, as ingest reads them
        accept_tracked_changes(root)
        blocks += [(p, docx_text(p)) for p in docx_note_paragraphs(root)]
    return _DocxWithNotes(document, notes), blocks


class _DocxWithNotes(NamedTuple):
    """A python-docx document and its parsed notes parts, saved together."""
    document: object
    notes: list

    def save(self, out) -> None:
        from workbench.readers.office import keep_docx_notes

        keep_docx_notes(self.notes)
        self.document.save(out)


class FormattedRun(NamedTuple):
    """A run of the original paragraph: its formatting (any comparable key), its text, whether
    its formatting may be given to the same text in the new paragraph, and whether it may cover
    the text no run keeps (a link may not: its target belongs to its own words)."""
    key: object
    text: str
    keepable: bool
    covers: bool = True


def formatted_pieces(runs: Sequence[FormattedRun], text: str) -> list[tuple[int, str]]:
    """``text`` cut into (index of the run whose formatting it takes, piece), in order: a run
    whose text is in ``text`` as whole words gives its formatting to it (longest first, each
    once); the rest takes the formatting of the covering runs that covered most characters."""
    if not runs:
        return [(0, text)] if text else []
    weight: dict[object, int] = {}
    for run in runs:
        if run.covers:
            weight[run.key] = weight.get(run.key, 0) + len(run.text)
    if not weight:
        raise ValueError("formatted_pieces needs a run that may cover the rest of the text")
    body = next(i for i, run in enumerate(runs) if run.covers and weight[run.key] == max(weight.values()))
    claimed: list[tuple[int, int, int]] = []
    candidates = [i for i, run in enumerate(runs) if run.keepable and run.key != runs[body].key
                  and _worth_keeping(run.text.strip())]
    for i in sorted(candidates, key=lambda i: -len(runs[i].text.strip())):
        for found in re.finditer(_whole(runs[i].text.strip()), text):
            if all(found.end() <= start or found.start() >= end for start, end, _ in claimed):
                claimed.append((found.start(), found.end(), i))
                break
    pieces, at = [], 0
    for start, end, i in sorted(claimed):
        pieces += [(body, text[at:start]), (i, text[start:end])]
        at = end
    pieces.append((body, text[at:]))
    return [(i, piece) for i, piece in pieces if piece]


def _worth_keeping(word: str) -> bool:
    # a lone letter or punctuation mark found anywhere would be a coincidence, not the same text
    return len(word) >= 2 and any(c.isalnum() for c in word)


def _whole(word: str) -> str:
    """A pattern for ``word`` not inside a longer word ('Berlin' not in 'Berliner')."""
    before = r"(?<!\w)" if word[0].isalnum() else ""
    after = r"(?!\w)" if word[-1].isalnum() else ""
    return before + r"\s+".join(map(re.escape, word.split())) + after     # a line break is a space


def _write_docx(paragraph, text: str) -> None:
    """``text`` into new runs before the paragraph's first run with text, each with the
    formatting ``formatted_pieces`` gives it; the text of the original runs is removed."""
    runs = [run for run in paragraph.iter(f"{_W}r") if _nearest(run, f"{_W}p") is paragraph]
    with_text = [run for run in runs if run.find(f"{_W}t") is not None]
    formats = [FormattedRun(_docx_format(run), "".join(t.text or "" for t in run.iter(f"{_W}t")),
                            _nearest(run, f"{_W}hyperlink") is None) for run in with_text]
    for run in runs:
        for child in [child for child in run if child.tag in _DOCX_TEXT]:
            run.remove(child)
    anchor = _child_of(paragraph, with_text[0]) if with_text else None
    for index, piece in formatted_pieces(formats, text):
        new = docx_run(with_text[index] if with_text else paragraph, piece)
        if anchor is not None:
            anchor.addprevious(new)
        else:
            paragraph.append(new)


def docx_run(like, text: str):
    """A new w:r of ``text`` with the formatting of the run ``like`` (none when ``like`` is no run)."""
    new = like.makeelement(f"{_W}r", {})
    if like.tag == f"{_W}r" and like.find(f"{_W}rPr") is not None:
        new.append(copy.deepcopy(like.find(f"{_W}rPr")))
    written = new.makeelement(f"{_W}t", {_XML_SPACE: "preserve"})
    written.text = text
    new.append(written)
    return new


def _docx_format(run) -> bytes:
    from lxml import etree

    properties = run.find(f"{_W}rPr")
    return b"" if properties is None else etree.tostring(properties)


def _child_of(paragraph, element):
    """The child of ``paragraph`` that holds ``element`` (a run may sit in a link or a field)."""
    while element.getparent() is not paragraph:
        element = element.getparent()
    return element


def _nearest(element, tag: str):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _odt_blocks(data: bytes, name: str):
    from odf import opendocument

    from workbench.readers.office import odt_paragraphs, odt_text

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises zip, XML and key errors alike
        raise FormatError(f"{name}: not a readable .odt document ({type(exc).__name__}: {exc})") from None
    return document, [(el, odt_text(el)) for el, _ in odt_paragraphs(document.text)]


def _write_odt(paragraph, text: str) -> None:
    """``text`` into new text nodes (in copies of the spans ``formatted_pieces`` gives them)
    before the paragraph's first text; the original text nodes are emptied and the space,
    tab and line-break elements removed (their spaces are in ``text``)."""
    nodes, spacers = [], []

    def walk(element) -> None:
        for child in list(element.childNodes):
            if child.nodeType == child.TEXT_NODE:
                nodes.append(child)
            elif child.qname[1] in _ODT_TEXT_ELEMENTS:
                spacers.append(child)
            elif child.qname[1] != "note":   # a note's paragraphs are written on their own
                walk(child)

    walk(paragraph)
    runs = odt_runs(paragraph, nodes)
    anchor = odt_child_of(paragraph, nodes[0]) if nodes else None
    for spacer in spacers:
        spacer.parentNode.removeChild(spacer)
    for node in nodes:
        node.data = ""
    for index, piece in formatted_pieces(runs, text):
        new = odt_wrapped(runs[index].key if runs else (), piece)
        if anchor is not None:
            paragraph.insertBefore(new, anchor)
        else:
            paragraph.appendChild(new)


def odt_runs(paragraph, nodes) -> list[FormattedRun]:
    """Text nodes of ``paragraph`` (or of one link) as runs: the style names of the spans around
    each (outermost first) are its formatting; text in a link is not copied out of it."""
    runs = []
    for node in nodes:
        names, in_link, parent = [], False, node.parentNode
        while parent is not None and parent is not paragraph:
            if parent.qname[1] == "span":
                names.insert(0, parent.getAttrNS(_ODT_TEXT_NS, "style-name"))
            in_link = in_link or parent.qname[1] == "a"
            parent = parent.parentNode
        runs.append(FormattedRun(tuple(names), node.data, not in_link))
    return runs


def odt_wrapped(style_names: Sequence[str], piece: str):
    """A new text node with ``piece``, inside new spans of ``style_names`` (outermost first)."""
    from odf.element import Text

    new = Text(piece)
    for name in reversed([name for name in style_names if name]):   # a span may have no style
        new = _odt_span(name, new)
    return new


def _odt_span(style_name: str, content):
    from odf.text import Span

    span = Span()
    span.setAttrNS(_ODT_TEXT_NS, "style-name", style_name)
    span.appendChild(content)
    return span


def odt_child_of(paragraph, node):
    """The child of ``paragraph`` (or of a link) that holds ``node``."""
    while node.parentNode is not paragraph:
        node = node.parentNode
    return node
