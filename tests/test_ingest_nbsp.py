"""No-break and narrow no-break spaces become spaces in every reader (issue 2's cleaning
rule), so that the same article reads the same from a text file, a web page, Markdown,
DOCX or ODT."""

from __future__ import annotations

import io

import pytest

from workbench.ingest import ingest_bytes, ingest_text

N, NN = "\u00a0", "\u202f"

# (raw text, what ingest makes of it)
CASES = [
    (f"the{N}strike{N}of the dockers", "the strike of the dockers"),
    (f"5{N}workers and 1917{N}revolution, 20{NN}billion", "5 workers and 1917 revolution, 20 billion"),
    (f"It ended.{N}Then{N} it began", "It ended. Then it began"),
    (f"Ils ont dit{N}: «{N}non{N}»{N}!", "Ils ont dit : « non » !"),
    (f"10{N}000 grévistes, 4{N}% de plus, M.{N}Dupont{NN};", "10 000 grévistes, 4 % de plus, M. Dupont ;"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_no_break_spaces_become_spaces(raw, expected):
    assert ingest_text(raw + "\n", "a.txt").paragraphs[0].text == expected


@pytest.mark.parametrize("raw, expected", CASES)
def test_markdown_html_docx_and_odt_read_them_as_spaces_too(raw, expected):
    html = "<p>" + raw.replace(N, "&nbsp;") + "</p>"
    assert ingest_text(html, "page.html").paragraphs[0].text == expected
    assert ingest_text("# Title\n\n" + raw + "\n", "a.md").paragraphs[1].text == expected
    assert ingest_bytes(_docx([raw]), "a.docx").paragraphs[0].text == expected
    assert ingest_bytes(_odt([raw]), "a.odt").paragraphs[0].text == expected


def _odt(paragraphs: list[str]) -> bytes:
    from odf import text as odftext
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    for text in paragraphs:
        document.text.addElement(odftext.P(text=text))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_headline_over_two_lines_with_one_is_the_title():
    text = (f"Les dockers disent «{N}non{N}»\nà la direction du port\n\nLes dockers du port ont voté la grève "
            "lundi. Ils demandent le retour du tarif de nuit et la réintégration des licenciés.\n")
    assert ingest_text(text, "a.txt").title == "Les dockers disent « non » à la direction du port"


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
