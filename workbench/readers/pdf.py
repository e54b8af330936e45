"""PDF text through PyMuPDF, block by block in the order the page was written.

PyMuPDF keeps columns apart (pdfplumber interleaves the lines of two columns;
pypdf and PyMuPDF's plain text lose paragraph boundaries): see
bench/pdf_readers.py. Each text block becomes a paragraph of hard-wrapped
lines that ingest reflows; a block that fills its column to the bottom with a
full last line continues in the next column or page, so no blank line is put
between the two.
"""

from __future__ import annotations

from workbench.errors import InputError

# Above this many blocks on one page the column test (quadratic) is skipped.
_MAX_BLOCKS_FOR_COLUMNS = 400
_FULL_LINE = 0.85  # a last line this wide (of the block's widest) does not end a paragraph


def read(data: bytes, name: str, fmt: str = "pdf") -> str:
    """Hard-wrapped text of a PDF, blank lines between paragraphs."""
    document = _open(data, name)
    parts: list[str] = []
    with document:
        for page in document:
            for text, continues in _page_blocks(page):
                parts.append(text)
                parts.append("\n" if continues else "\n\n")
    text = "".join(parts).strip()
    if not text:
        raise InputError(f"cannot ingest {name}: the PDF has no text layer (a scanned image?); "
                         "run OCR on it first, e.g. with ocrmypdf")
    return text


def _open(data: bytes, name: str):
    import pymupdf

    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own and RuntimeErrors for broken files
        raise InputError(f"cannot ingest {name}: not a readable PDF ({exc})") from None
    if document.needs_pass:
        document.close()
        raise InputError(f"cannot ingest {name}: the PDF is encrypted with a password; "
                         "save an unprotected copy first")
    return document


def _page_blocks(page) -> list[tuple[str, bool]]:
    """(text, continues in the next block) for each text block of a page."""
    blocks = [b for b in page.get_text("dict", sort=False)["blocks"] if b.get("type") == 0]
    out = []
    for block in blocks:
        lines = [_line_text(line) for line in block["lines"]]
        text = "\n".join(line for line in lines if line.strip())
        if text.strip():
            out.append((text, _continues(block, blocks)))
    return out


def _line_text(line: dict) -> str:
    return "".join(span["text"] for span in line["spans"]).strip()


def _continues(block: dict, blocks: list[dict]) -> bool:
    """True for the last block of a column whose last line is full: the paragraph goes on."""
    lines = block["lines"]
    if len(lines) < 2 or len(blocks) > _MAX_BLOCKS_FOR_COLUMNS:
        return False
    widths = [line["bbox"][2] - line["bbox"][0] for line in lines]
    if widths[-1] < _FULL_LINE * max(widths):
        return False
    x0, _, x1, y1 = block["bbox"]
    return not any(other is not block and other["bbox"][1] >= y1 - 1
                   and other["bbox"][0] < x1 and other["bbox"][2] > x0 for other in blocks)
