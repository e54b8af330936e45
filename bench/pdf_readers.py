"""Which PDF library keeps columns and reading order: pdfplumber, pypdf, PyMuPDF.

For each article (the English originals of the demo corpus, plus any text or
Markdown files named on the command line), the bench sets the ingested
paragraphs in a one-column and a two-column PDF (reportlab), extracts the text
with each library, and reports per layout:

- order: share of the article's paragraphs found whole, in one piece, in the
  ingested text (whitespace ignored): columns kept apart, reading order right;
- paragraphs: share of paragraphs that come out of ingest exactly (the
  libraries' plain text goes through the workbench's reflow of hard-wrapped
  lines; the workbench row is its PDF reader);
- exact docs: articles whose whole paragraph list comes out identical.

Baseline: pdfplumber's `extract_text` (the usual first choice).
Needs the optional libraries: pip install pdfplumber pypdf pymupdf reportlab.

    python bench/pdf_readers.py [extra.md ...]
"""

from __future__ import annotations

import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.makedocs import make_pdf  # noqa: E402
from workbench.demo import read_manifest  # noqa: E402
from workbench.ingest import Document, ingest_bytes, ingest_file, ingest_text  # noqa: E402


def pdfplumber_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n\n".join(page.extract_text() or "" for page in pdf.pages)


def pypdf_text(data: bytes) -> str:
    import pypdf

    return "\n\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def pymupdf_text(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n\n".join(page.get_text() for page in doc)


def pymupdf_sorted_text(data: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n\n".join(page.get_text(sort=True) for page in doc)


def reflowed(extract_text):
    """A library's plain text through the workbench's reflow of hard-wrapped text."""
    return lambda data: ingest_text(extract_text(data), "bench.pdf", fmt="pdf")


EXTRACTORS = {
    "pdfplumber extract_text (baseline)": reflowed(pdfplumber_text),
    "pypdf extract_text": reflowed(pypdf_text),
    "PyMuPDF get_text": reflowed(pymupdf_text),
    "PyMuPDF get_text sort=True": reflowed(pymupdf_sorted_text),
    "PyMuPDF blocks, sizes, column joins (workbench)": lambda data: ingest_bytes(data, "bench.pdf"),
}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def articles(extra: list[str]) -> list[tuple[str, list[tuple[str, str]]]]:
    manifest = read_manifest(ROOT / "corpus")
    paths = [d.path for d in manifest.documents if d.original and d.lang == "en"] + [Path(p) for p in extra]
    out = []
    for path in paths:
        doc = ingest_file(path)
        out.append((path.name, [(p.kind, p.text) for p in doc.paragraphs if p.kind != "separator"]))
    return out


def score(extract, docs, columns: int) -> tuple[float, float, int, float]:
    found = exact = total = exact_docs = 0
    seconds = 0.0
    for name, paragraphs in docs:
        data = make_pdf(paragraphs, columns)
        start = time.perf_counter()
        doc: Document = extract(data)
        seconds += time.perf_counter() - start
        flat = squash(doc.text)
        got = [p.text for p in doc.paragraphs]
        want = [t for _, t in paragraphs]
        found += sum(squash(t) in flat for t in want)
        exact += sum(t in set(got) for t in want)
        exact_docs += got == want
        total += len(want)
    return found / total, exact / total, exact_docs, seconds


def main(argv: list[str]) -> None:
    docs = articles(argv)
    print(f"{len(docs)} articles, {sum(len(p) for _, p in docs)} paragraphs")
    print(f"{'extractor, then ingest':48} {'cols':>4} {'order':>6} {'paras':>6} {'exact docs':>10} {'seconds':>8}")
    for label, extract in EXTRACTORS.items():
        for columns in (1, 2):
            order, paras, exact_docs, seconds = score(extract, docs, columns)
            print(f"{label:48} {columns:>4} {order:6.3f} {paras:6.3f} {exact_docs:>6}/{len(docs):<3} {seconds:8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
