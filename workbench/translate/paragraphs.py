"""Write new paragraph texts into a .docx or .odt, paragraph by paragraph.

A .docx or .odt added with ingest (or the Documents page) is stored as its
paragraphs, each the joined text of its runs, so a reviewed translation exists
for a whole paragraph, not for each run. ``rewrite_paragraphs`` puts each
paragraph's new text into the first run of that paragraph in the original (so
the paragraph keeps its style, heading level, list numbering and the first
run's character formatting) and empties its other runs; tables, images and
every paragraph property stay as they were.

The original's paragraphs are matched to the stored ones by reading them the
way ingest does (same order, same cleaning); a paragraph ingest joined with the
next (cut by a page break) takes the text, the next one is emptied. When the
original does not read as the stored paragraphs, nothing is written (None).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from workbench.errors import FormatError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# what a Word run holds as text: emptied in every run but the first run's new w:t
_DOCX_TEXT = {f"{_W}{tag}" for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "sym", "ptab")}
_ODT_TEXT_ELEMENTS = ("s", "tab", "line-break", "soft-page-break")


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

    cleaned = [(i, " ".join(repair_text(text)[0].split())) for i, text in enumerate(blocks)]
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

    from workbench.readers.office import docx_paragraphs

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds for a broken file
        raise FormatError(f"{name}: not a readable .docx document ({type(exc).__name__}: {exc})") from None
    return document, [(p._p, p.text) for p in docx_paragraphs(document)]


def _write_docx(paragraph, text: str) -> None:
    """``text`` into the paragraph's first run with text (its formatting kept); the others emptied."""
    first = None
    for run in paragraph.iter(f"{_W}r"):
        if _nearest(run, f"{_W}p") is not paragraph:
            continue   # a text box's own paragraphs are blocks of their own
        held = [child for child in run if child.tag in _DOCX_TEXT]
        if first is None and any(child.tag == f"{_W}t" for child in held):
            first = held[0]
            held = held[1:]
            first.tag = f"{_W}t"
            first.attrib.clear()
            first.set(_XML_SPACE, "preserve")
            first.text = text
        for child in held:
            run.remove(child)


def _nearest(element, tag: str):
    parent = element.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _odt_blocks(data: bytes, name: str):
    from odf import opendocument, teletype

    from workbench.readers.office import odt_paragraphs

    try:
        document = opendocument.load(io.BytesIO(data))
    except Exception as exc:  # odfpy raises zip, XML and key errors alike
        raise FormatError(f"{name}: not a readable .odt document ({type(exc).__name__}: {exc})") from None
    return document, [(el, teletype.extractText(el)) for el, _ in odt_paragraphs(document.text)]


def _write_odt(paragraph, text: str) -> None:
    """``text`` into the paragraph's first text node (inside its span, if any); the others emptied,
    and the space, tab and line-break elements removed (their spaces are in ``text``)."""
    nodes, spacers = [], []

    def walk(element) -> None:
        for child in list(element.childNodes):
            if child.nodeType == child.TEXT_NODE:
                nodes.append(child)
            elif child.qname[1] in _ODT_TEXT_ELEMENTS:
                spacers.append(child)
            else:
                walk(child)

    walk(paragraph)
    for spacer in spacers:
        spacer.parentNode.removeChild(spacer)
    if nodes:
        nodes[0].data = text
        for node in nodes[1:]:
            node.data = ""
    elif text:
        paragraph.addText(text)
