"""PDF text through PyMuPDF, block by block in the order the page was written.

PyMuPDF keeps columns apart (pdfplumber interleaves the lines of two columns;
pypdf and PyMuPDF's plain text lose paragraph boundaries): see
bench/pdf_readers.py. Each text block is a paragraph of hard-wrapped lines
(ingest rejoins words split at their ends); a block set larger than the body
text, or all in bold, is a heading. A block that fills its column to the
bottom with a full last line continues in the next column or page.
"""

from __future__ import annotations

from collections import Counter

from workbench.errors import InputError
from workbench.readers import BODY, HEADING, Block

# Above this many blocks on one page the column test (quadratic) is skipped.
_MAX_BLOCKS_FOR_COLUMNS = 400
_FULL_LINE = 0.85  # a last line this wide (of the block's widest) does not end a paragraph
_HEADING_SIZE = 1.15  # a block this much larger than the body text is a heading
_MAX_HEADING_CHARS = 200
_BOLD = 16  # PyMuPDF span flag


def read(data: bytes, name: str, fmt: str = "pdf") -> list[Block]:
    """The PDF's paragraphs and headings, in reading order."""
    document = _open(data, name)
    with document:
        try:
            raw = [block for page in document for block in _page_blocks(page)]
        except Exception as exc:  # a damaged page: MuPDF raises its own errors
            raise InputError(f"cannot ingest {name}: not a readable PDF ({exc})") from None
    if not raw:
        raise InputError(f"cannot ingest {name}: the PDF has no text layer (a scanned image?); "
                         "run OCR on it first, e.g. with ocrmypdf")
    body_size = _body_size(raw)
    out: list[Block] = []
    continued = False
    for text, spans, continues in raw:
        if continued:
            out[-1] = out[-1]._replace(text=out[-1].text + "\n" + text)
        else:
            out.append(Block(text, HEADING, 2) if _is_heading(text, spans, body_size) else Block(text, BODY))
        continued = continues
    return out


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


def _page_blocks(page) -> list[tuple[str, list[dict], bool]]:
    """(text, spans, continues in the next block) for each text block of a page."""
    blocks = [b for b in page.get_text("dict", sort=False)["blocks"] if b.get("type") == 0]
    out = []
    for block in blocks:
        lines = ["".join(span["text"] for span in line["spans"]).strip() for line in block["lines"]]
        text = "\n".join(line for line in lines if line)
        if text:
            spans = [span for line in block["lines"] for span in line["spans"] if span["text"].strip()]
            out.append((text, spans, _continues(block, blocks)))
    return out


def _body_size(raw: list[tuple[str, list[dict], bool]]) -> float:
    sizes = Counter()
    for _, spans, _ in raw:
        for span in spans:
            sizes[round(span["size"], 1)] += len(span["text"])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_heading(text: str, spans: list[dict], body_size: float) -> bool:
    if not spans or len(text) > _MAX_HEADING_CHARS:
        return False
    larger = min(span["size"] for span in spans) >= body_size * _HEADING_SIZE
    bold = all(span["flags"] & _BOLD for span in spans)
    return larger or bold


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
