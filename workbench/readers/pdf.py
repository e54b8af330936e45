"""PDF text through PyMuPDF, block by block in the order the page was written.

PyMuPDF keeps columns apart (pdfplumber interleaves the lines of two columns;
pypdf and PyMuPDF's plain text lose paragraph boundaries): see
bench/pdf_readers.py. Each text block is a paragraph of hard-wrapped lines
(ingest rejoins words split at their ends); a block set larger than the body
text, or all in bold, is a heading. A block that fills its column to the
bottom with a full last line continues in the next column or page.

Running heads and feet are left out: a block in a page's top or bottom
margin whose text (digits aside) comes back in the margins of other pages
(the paper's name and issue, an article title over every page), or that is a
bare page number there ("3", "- 3 -", "Page 3 of 8", "Seite 3").  They would
otherwise be paragraphs, the document's title, and cut in two a paragraph
that goes on over a page break.
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.errors import InputError
from workbench.readers import BODY, HEADING, Block

# Above this many blocks on one page the column test (quadratic) is skipped.
_MAX_BLOCKS_FOR_COLUMNS = 400
_FULL_LINE = 0.85  # a last line this wide (of the block's widest) does not end a paragraph
_HEADING_SIZE = 1.15  # a block this much larger than the body text is a heading
_MAX_HEADING_CHARS = 200
_BOLD = 16  # PyMuPDF span flag
_MARGIN = 0.1  # top and bottom share of a page where running heads and feet stand
# a running head comes back on at least this many pages, and this share of them
_RUNNING_PAGES = 2
_RUNNING_SHARE = 0.25
_PAGE_NUMBER = re.compile(
    r"[-–—\s]*(?:(?:page|p\.|pp\.|seite|s\.|sayfa|página|pág\.|pagina|pag\.|paĝo)\s*)?"
    # a Roman numeral as written (xiv, not any word of those letters: "civil")
    r"(?:\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"(?:\s*(?:/|of|von|de|di|sur)\s*\d{1,4})?[-–—\s]*", re.IGNORECASE)


def read(data: bytes, name: str, fmt: str = "pdf") -> list[Block]:
    """The PDF's paragraphs and headings, in reading order."""
    document = _open(data, name)
    with document:
        try:
            pages = [(page.rect.height, _text_blocks(page)) for page in document]
        except Exception as exc:  # a damaged page: MuPDF raises its own errors
            raise InputError(f"cannot ingest {name}: not a readable PDF ({exc})") from None
    running = _running_texts(pages)
    raw = [block for height, blocks in pages for block in _page_blocks(
        [b for b in blocks if not _is_running(b, height, running)])]
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


def _text_blocks(page) -> list[dict]:
    """The page's text blocks with text, each with its "text" added."""
    out = []
    for block in page.get_text("dict", sort=False)["blocks"]:
        if block.get("type") != 0:
            continue
        lines = ["".join(span["text"] for span in line["spans"]).strip() for line in block["lines"]]
        block["text"] = "\n".join(line for line in lines if line)
        if block["text"]:
            out.append(block)
    return out


def _page_blocks(blocks: list[dict]) -> list[tuple[str, list[dict], bool]]:
    """(text, spans, continues in the next block) for each text block of a page."""
    return [(block["text"], [span for line in block["lines"] for span in line["spans"] if span["text"].strip()],
             _continues(block, blocks)) for block in blocks]


def _in_margin(block: dict, height: float) -> bool:
    _, y0, _, y1 = block["bbox"]
    return y1 <= height * _MARGIN or y0 >= height * (1 - _MARGIN)


def _running_key(text: str) -> str:
    # page numbers and dates change from page to page; the rest of a running head does not
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_texts(pages: list[tuple[float, list[dict]]]) -> set[str]:
    """Keys of margin texts that come back on enough pages to be running heads or feet."""
    pages_with = Counter()
    for height, blocks in pages:
        pages_with.update({_running_key(b["text"]) for b in blocks if _in_margin(b, height)})
    needed = max(_RUNNING_PAGES, _RUNNING_SHARE * len(pages))
    return {key for key, count in pages_with.items() if count >= needed}


def _is_running(block: dict, height: float, running: set[str]) -> bool:
    if not _in_margin(block, height):
        return False
    return _running_key(block["text"]) in running or bool(_PAGE_NUMBER.fullmatch(block["text"]))


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
