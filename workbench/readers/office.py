"""Word-processor documents: DOCX through python-docx, ODT through odfpy.

Each paragraph, heading, list item and table cell paragraph is one block, in
document order; heading levels come from the paragraph style (DOCX) or the
outline level (ODT)."""

from __future__ import annotations

import io
import re

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
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    out: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            _add_docx_paragraph(out, item)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in _unique_cells(row.cells):
                    for paragraph in cell.paragraphs:
                        _add_docx_paragraph(out, paragraph)
    return out


def _add_docx_paragraph(out: list[Block], paragraph) -> None:
    text = paragraph.text
    if not text.strip():
        return
    style = paragraph.style.name if paragraph.style is not None else ""
    level = _docx_heading_level(style)
    if level:
        out.append(Block(text, HEADING, level))
    else:
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        out.append(Block(text, BODY, 0, list_item=numbered or style.startswith("List")))


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

    document = load(io.BytesIO(data))
    out: list[Block] = []
    _walk_odt(document.text, out)
    return out


def _walk_odt(element, out: list[Block], in_list: bool = False) -> None:
    from odf import teletype

    for child in element.childNodes:
        tag = getattr(child, "qname", (None, None))[1]
        if tag in ("h", "p"):
            text = teletype.extractText(child)
            if text.strip():
                out.append(Block(text, HEADING, _odt_level(child)) if tag == "h"
                           else Block(text, BODY, 0, in_list))
        elif getattr(child, "childNodes", None):
            _walk_odt(child, out, in_list or tag == "list-item")


def _odt_level(element) -> int:
    from odf.namespaces import TEXTNS

    level = element.attributes.get((TEXTNS, "outline-level"), "1")
    return int(level) if str(level).isdigit() else 1
