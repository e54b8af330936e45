"""Word-processor documents: DOCX through python-docx, ODT through odfpy.

Each paragraph, heading, list item and table cell paragraph is one block, in
document order; heading levels come from the paragraph style (DOCX) or the
outline level (ODT).  Footnotes and then endnotes follow the body, each of
their paragraphs a block of its own (never joined with a neighbour); the mark
that refers to a note is left out of the sentence it stands in."""

from __future__ import annotations

import io
import re
from typing import Iterator

from workbench.errors import InputError
from workbench.readers import BODY, HEADING, Block

_HEADING_STYLE = re.compile(r"^(?:Heading|Überschrift|Titre|Título|Başlık)\s*(\d)$", re.IGNORECASE)
_FORMAT_NAMES = {"docx": "DOCX", "odt": "ODT"}


def read(data: bytes, name: str, fmt: str) -> list[Block]:
    try:
        blocks = _docx_blocks(data) if fmt == "docx" else _odt_blocks(data)
    except InputError:
        raise
    except Exception as exc:  # zipfile, lxml and the libraries raise many kinds for a broken file
        raise InputError(f"cannot ingest {name}: not a readable {_FORMAT_NAMES[fmt]} file "
                         f"({type(exc).__name__}: {exc})") from None
    return blocks


# --------------------------------------------------------------------------- DOCX

def _docx_blocks(data: bytes) -> list[Block]:
    import docx

    out: list[Block] = []
    document = docx.Document(io.BytesIO(data))
    for paragraph in docx_paragraphs(document):
        _add_docx_paragraph(out, paragraph)
    for _, root in docx_note_parts(document):
        for p in docx_note_paragraphs(root):
            text = docx_text(p)
            if text.strip():
                out.append(Block(text, BODY, 0, list_item=True))
    return out


_NOTE_KINDS = ("footnotes", "endnotes")


def docx_note_parts(document) -> list[tuple[object, object]]:
    """(part, root element) of the document's footnotes and then its endnotes, those it has.
    A writer that changes a root calls ``keep_docx_notes`` before saving the document."""
    from docx.oxml import parse_xml

    parts = {rel.reltype.rsplit("/", 1)[-1]: rel.target_part for rel in document.part.rels.values()
             if not rel.is_external}
    return [(parts[kind], _root(parts[kind], parse_xml)) for kind in _NOTE_KINDS if kind in parts]


def _root(part, parse_xml):
    element = getattr(part, "_element", None)
    return parse_xml(part.blob) if element is None else element


def keep_docx_notes(notes: list[tuple[object, object]]) -> None:
    """Put changed notes roots back into their parts: python-docx keeps these parts as bytes
    (a part it parses itself saves its element)."""
    from lxml import etree

    for part, root in notes:
        if getattr(part, "_element", None) is None:
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def docx_note_paragraphs(root) -> Iterator:
    """The w:p elements of a notes part's notes, in order (the separator lines Word keeps
    there as notes of their own left out)."""
    for note in root:
        if note.get(_W + "type") in (None, "normal"):
            yield from note.iter(_W + "p")


def docx_paragraphs(document) -> Iterator:
    """The python-docx paragraphs of a document in reading order, table cells' included: the
    order of the blocks read here, so a writer can put each paragraph back where it was."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in _unique_cells(row.cells):
                    yield from cell.paragraphs


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_REMOVED = {_W + "del", _W + "moveFrom"}


def docx_text(paragraph) -> str:
    """A paragraph's text (a python-docx paragraph or its w:p element) as Word shows it with
    its tracked changes accepted: insertions in, deletions out (python-docx's `text` drops the
    runs of a tracked insertion: an editor's added words were lost), text boxes anchored
    in it left to their own paragraphs."""
    p = getattr(paragraph, "_p", paragraph)
    parts = []
    for element in p.iter(*_RUN_TEXT):
        if element.getparent().tag != _W + "r":
            continue  # a tab stop of the paragraph's properties, not text
        ancestor = element.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in _REMOVED or ancestor.tag == _W + "p":
                break
            ancestor = ancestor.getparent()
        if ancestor is p:
            fixed = _RUN_TEXT[element.tag]
            parts.append((element.text or "") if fixed is None else fixed)
    return "".join(parts)


def accept_tracked_changes(body) -> None:
    """Accept a document's tracked changes in place, as Word's "Accept All" does: deleted
    and moved-away text removed, inserted and moved-here runs kept as ordinary runs.  A
    translation is of the text docx_text reads; the source language's deleted words have
    no place in it, and an insertion would otherwise be a fragment translated on its own."""
    for removed in list(body.iter(_W + "del", _W + "moveFrom")):
        if removed.getparent() is not None and removed.getparent().tag != _W + "rPr":
            removed.getparent().remove(removed)
    for kept in list(body.iter(_W + "ins", _W + "moveTo")):
        parent = kept.getparent()
        if parent is None or parent.tag == _W + "rPr":
            continue  # a run's formatting marked as inserted, not content
        for child in list(kept):
            kept.addprevious(child)
        parent.remove(kept)


def _add_docx_paragraph(out: list[Block], paragraph) -> None:
    text = docx_text(paragraph)
    if not text.strip():
        return
    style = paragraph.style.name if paragraph.style is not None else ""
    level = _docx_heading_level(style)
    if level:
        out.append(Block(text, HEADING, level))
    else:
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        # a table cell is never a paragraph cut by a page break either: a cell's lower-case text
        # was joined to the paragraph before the table (and its translation written there)
        in_cell = paragraph._p.getparent().tag.endswith("}tc")
        out.append(Block(text, BODY, 0, list_item=numbered or style.startswith("List") or in_cell))


def _docx_heading_level(style: str) -> int:
    if style == "Title":
        return 1
    match = _HEADING_STYLE.match(style.strip())
    return int(match.group(1)) if match else 0


def _unique_cells(cells):
    """A merged cell is returned once per grid column it spans; keep it once."""
    seen = set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


# --------------------------------------------------------------------------- ODT

def _odt_blocks(data: bytes) -> list[Block]:
    from odf.opendocument import load

    out: list[Block] = []
    for element, in_list in odt_paragraphs(load(io.BytesIO(data)).text):
        text = odt_text(element)
        if text.strip():
            out.append(Block(text, HEADING, _odt_level(element)) if element.qname[1] == "h"
                       else Block(text, BODY, 0, in_list))
    return out


def odt_paragraphs(element) -> Iterator[tuple[object, bool]]:
    """(text:p or text:h element, never to be joined with its neighbours?) in reading order:
    the body's paragraphs (True inside a list item or a table cell), then the paragraphs of its
    footnotes and then of its endnotes (True). The tracked-changes region is left out: it holds
    the text of tracked deletions."""
    notes: list = []
    yield from _odt_body_paragraphs(element, False, notes)
    for kind in ("footnote", "endnote"):
        for note in notes:
            if (note.getAttribute("noteclass") or "footnote") == kind:
                for body in note.childNodes:
                    if getattr(body, "qname", (None, None))[1] == "note-body":
                        yield from ((p, True) for p, _ in _odt_body_paragraphs(body, True, []))


def _odt_body_paragraphs(element, in_list: bool, notes: list) -> Iterator[tuple[object, bool]]:
    for child in element.childNodes:
        tag = getattr(child, "qname", (None, None))[1]
        if tag == "tracked-changes":
            continue
        if tag in ("h", "p"):
            yield child, in_list
            notes.extend(_odt_notes(child))
        elif tag == "note":
            notes.append(child)
        elif getattr(child, "childNodes", None):
            yield from _odt_body_paragraphs(child, in_list or tag in ("list-item", "table-cell"), notes)


def _odt_notes(element) -> list:
    found = []
    for child in element.childNodes:
        tag = getattr(child, "qname", (None, None))[1]
        if tag == "note":
            found.append(child)
        elif getattr(child, "childNodes", None):
            found.extend(_odt_notes(child))
    return found


def odt_text(element) -> str:
    """A paragraph's text as odfpy's ``teletype.extractText`` reads it (spaces, tabs and line
    breaks unwrapped), its notes (citation and body) left out: they are paragraphs of their own."""
    parts = []
    for child in element.childNodes:
        if child.nodeType == child.TEXT_NODE:
            parts.append(child.data)
            continue
        tag = getattr(child, "qname", (None, None))[1]
        if tag == "line-break":
            parts.append("\n")
        elif tag == "tab":
            parts.append("\t")
        elif tag == "s":
            count = child.getAttribute("c")
            parts.append(" " * (int(count) if count else 1))
        elif tag != "note":
            parts.append(odt_text(child))
    return "".join(parts)


def _odt_level(element) -> int:
    from odf.namespaces import TEXTNS

    level = element.attributes.get((TEXTNS, "outline-level"), "1")
    return int(level) if str(level).isdigit() else 1
