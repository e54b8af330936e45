"""Build real PDF, DOCX and ODT files from paragraphs, as other programs write them.

Used by the ingest tests and the PDF reader bench (reportlab, python-docx and
odfpy write the files; nothing is faked)."""

from __future__ import annotations

import io
from pathlib import Path

# Debian's fonts-dejavu-core: Helvetica, reportlab's default, has no ğ, ş or İ.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def make_pdf(paragraphs: list[tuple[str, str]], columns: int = 2, running_head: str | None = None) -> bytes:
    """A PDF of (kind, text) paragraphs, 'heading' or 'body', set in `columns` columns;
    with `running_head`, that line over every page and its number under it, as papers print."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    out = io.BytesIO()
    margin, gap = 50, 20
    width, height = A4
    column_width = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + k * (column_width + gap), margin, column_width, height - 2 * margin,
                    id=f"column{k}") for k in range(columns)]
    def furniture(canvas, document):
        if running_head:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(margin, height - 30, running_head)
            canvas.drawCentredString(width / 2, 25, f"- {document.page} -")

    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=[PageTemplate(frames=frames, onPage=furniture)])
    styles = getSampleStyleSheet()
    body, heading = styles["BodyText"], styles["Heading2"]
    if UNICODE_FONT.is_file():
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("DejaVuSans", str(UNICODE_FONT)))
        body.fontName = heading.fontName = "DejaVuSans"
    doc.build([Paragraph(_escape(text), heading if kind == "heading" else body)
               for kind, text in paragraphs])
    return out.getvalue()


def make_docx(paragraphs: list[tuple[str, str]], path: Path) -> Path:
    """A .docx with headings, body paragraphs and 'item' paragraphs as a bulleted list."""
    import docx

    document = docx.Document()
    for kind, text in paragraphs:
        if kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "item":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(path)
    return path


def make_odt(paragraphs: list[tuple[str, str]], path: Path) -> Path:
    """An .odt with headings, paragraphs and 'item' paragraphs as a list."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, List, ListItem, P

    document = OpenDocumentText()
    current_list = None
    for kind, text in paragraphs:
        if kind == "item":
            if current_list is None:
                current_list = List()
                document.text.addElement(current_list)
            item = ListItem()
            item.addElement(P(text=text))
            current_list.addElement(item)
            continue
        current_list = None
        document.text.addElement(H(outlinelevel=2, text=text) if kind == "heading" else P(text=text))
    document.save(str(path))
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
