"""Word-processor documents: DOCX through python-docx, ODT through odfpy.

Each paragraph, heading, list item and table cell paragraph is one block, in
document order; heading levels come from the paragraph style (DOCX) or the
outline level (ODT)."""

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
    for paragraph in docx_paragraphs(docx.Document(io.BytesIO(data))):
        _add_docx_paragraph(out, paragraph)
    return out


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
    """A paragraph's text as Word shows it with its tracked changes accepted:
    insertions in, deletions out (python-docx's `text` drops the runs of a
    tracked insertion: an editor's added words were lost), text boxes anchored
    in it left to their own paragraphs."""
    parts = []
    for element in paragraph._p.iter(*_RUN_TEXT):
        if element.getparent().tag != _W + "r":
            continue  # a tab stop of the paragraph's properties, not text
        ancestor = element.getparent()
        while ancestor is not None and ancestor is not paragraph._p:
            if ancestor.tag in _REMOVED or ancestor.tag == _W + "p":
                break
            ancestor = ancestor.getparent()
        if ancestor is paragraph._p:
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
    from odf import teletype
    from odf.opendocument import load

    out: list[Block] = []
    for element, in_list in odt_paragraphs(load(io.BytesIO(data)).text):
        text = teletype.extractText(element)
        if text.strip():
            out.append(Block(text, HEADING, _odt_level(element)) if element.qname[1] == "h"
                       else Block(text, BODY, 0, in_list))
    return out


def odt_paragraphs(element, in_list: bool = False) -> Iterator[tuple[object, bool]]:
    """(text:p or text:h element, inside a list item or a table cell?) in reading order (such a
    paragraph is never joined with its neighbours); a paragraph's inner paragraphs (notes) belong to it.
    The tracked-changes region is left out: it holds the text of tracked deletions."""
    for child in element.childNodes:
        tag = getattr(child, "qname", (None, None))[1]
        if tag == "tracked-changes":
            continue
        if tag in ("h", "p"):
            yield child, in_list
        elif getattr(child, "childNodes", None):
            yield from odt_paragraphs(child, in_list or tag in ("list-item", "table-cell"))


def _odt_level(element) -> int:
    from odf.namespaces import TEXTNS

    level = element.attributes.get((TEXTNS, "outline-level"), "1")
    return int(level) if str(level).isdigit() else 1
