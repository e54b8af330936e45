"""Ingest of Markdown, PDF, DOCX and ODT through their parsers, words split at
line ends, titles, and the errors and limits of hostile input."""

from __future__ import annotations

import os
import re
import time

import pytest

from tests.conftest import CORPUS
from tests.makedocs import make_docx, make_odt, make_pdf
from workbench.cli import main
from workbench.errors import InputError
from workbench.ingest import HEADING, ingest_bytes, ingest_file, ingest_text, repair_text

TWO_CANDIDATES = CORPUS / "two-candidates" / "two-candidates.en.md"
REGIME_UNIONS = CORPUS / "regime-unions" / "regime-unions.en.md"


def kinds_and_texts(doc) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in doc.paragraphs]


# ----------------------------------------------------------------- Markdown

@pytest.mark.parametrize("source, expected", [
    ("Read [the appeal](http://example.org/appeal) now.", [("body", "Read the appeal now.")]),
    ("See <https://example.org>.", [("body", "See https://example.org.")]),
    ("- one demand\n- another demand\n", [("body", "one demand"), ("body", "another demand")]),
    ("1. first\n2. second\n", [("body", "first"), ("body", "second")]),
    ("> a quoted\n> sentence", [("body", "a quoted sentence")]),
    ("**Bold** and *slanted* and `code`", [("body", "Bold and slanted and code")]),
    ("## Axis 1\ntext under it", [(HEADING, "Axis 1"), ("body", "text under it")]),
    ("Line one  \nline two", [("body", "Line one line two")]),
    ("The miners of Asturias<br>and the union<BR/>Liman-İş", [("body", "The miners of Asturias and the union Liman-İş")]),
    ("![a banner](x.png) Strike!", [("body", "a banner Strike!")]),
])
def test_markdown_blocks_without_markers(source, expected):
    assert kinds_and_texts(ingest_text(source, "a.md")) == expected


def test_a_txt_file_written_in_markdown_is_read_as_markdown():
    doc = ingest_text("# Strike\n\n- first demand\n- second demand\n", "notes.txt")
    assert doc.fmt == "md"
    assert kinds_and_texts(doc) == [(HEADING, "Strike"), ("body", "first demand"), ("body", "second demand")]


@pytest.mark.parametrize("name", ["post.md", "post.txt"])
def test_a_static_sites_front_matter_is_no_paragraph_and_no_title(name):
    post = ("---\ntitle: \"Dockers walk out\"\ndate: 2024-05-03\ntags: [strikes, ports]\n---\n\n"
            "# Dockers walk out\n\nThe dockers of the northern port stopped work on Monday.\n")
    doc = ingest_text(post, name)
    assert kinds_and_texts(doc) == [("heading", "Dockers walk out"),
                                    ("body", "The dockers of the northern port stopped work on Monday.")]
    assert doc.title == "Dockers walk out"


def test_plain_text_with_a_dash_is_not_taken_for_markdown():
    doc = ingest_text("Miners marched on Ankara.\n- said the union.\n", "a.txt")
    assert doc.fmt == "txt"


def _seed(seeds, prefix):
    return next(p for p in seeds if p.name.startswith(prefix))


def test_seed_003_has_no_markdown_marker_and_one_block_per_list_item(seeds):
    doc = ingest_file(_seed(seeds, "003"))
    texts = [p.text for p in doc.paragraphs]
    marked = [t for t in texts if re.search(r"^#|\]\(|\*\*|^[-*+] |\s[-*] (?=[A-Z])", t)]
    assert marked == []
    assert "End to secret diplomacy;" in texts
    assert "Abolition of all imperialist military alliances;" in texts
    assert doc.title == "PERMANENT REVOLUTION"


# ----------------------------------------------------------------- words split at line ends

@pytest.mark.parametrize("raw, expected", [
    ("the protests are inter\nclassist, not", "the protests are interclassist,\nnot"),
    ("that the “anti\nextremism” drive", "that the “anti-extremism”\ndrive"),
    ("the decades of the so\ncalled “communist”", "the decades of the so-called\n“communist”"),
    ("the strug\ngle goes on", "the struggle\ngoes on"),
    ("a\nround of talks", "a\nround of talks"),
    ("the whole working\nclass", "the whole working\nclass"),
    ("the self-\nreliance of", "the self-reliance\nof"),
    ("the ex-\nchange rate", "the exchange\nrate"),
    ("in Nagorno\nKarabakh", "in Nagorno\nKarabakh"),
])
def test_words_split_at_line_ends(raw, expected):
    assert repair_text(raw)[0] == expected


def test_seed_000_joins_split_words_and_takes_its_first_line_as_title(seeds):
    doc = ingest_file(_seed(seeds, "000"))
    for word in ("interclassist", "anti-extremism", "so-called"):
        assert word in doc.text
    for split in ("inter classist", "anti extremism", "so called"):
        assert split not in doc.text
    assert doc.title == "Four years ago, we observed that “the"


def test_title_is_the_opening_heading_not_a_later_one():
    body = "A first paragraph that opens the article and goes on for a while.\n\n"
    assert ingest_text(body + "# Late heading\n\nMore.", "a.md").title.startswith("A first paragraph")
    assert ingest_text("# Opening\n\n" + body + "# Much Longer Later Heading\n", "a.md").title == "Opening"


# ----------------------------------------------------------------- PDF, DOCX, ODT

@pytest.mark.parametrize("columns", [1, 2])
def test_a_pdf_of_a_corpus_article_ingests_to_its_paragraphs(tmp_path, columns):
    article = ingest_file(TWO_CANDIDATES)
    expected = [(p.kind, p.text) for p in article.paragraphs]
    path = tmp_path / "article.pdf"
    path.write_bytes(make_pdf(expected, columns=columns))
    doc = ingest_file(path)
    assert kinds_and_texts(doc) == expected
    assert doc.fmt == "pdf" and doc.title == article.title


@pytest.mark.parametrize("columns", [1, 2])
def test_running_heads_and_page_numbers_of_a_printed_paper_are_left_out(tmp_path, columns):
    import pymupdf

    article = ingest_file(TWO_CANDIDATES)
    expected = [(p.kind, p.text) for p in article.paragraphs]
    data = make_pdf(expected, columns=columns, running_head="THE RED TRIBUNE · No. 412 · 3 May 2024")
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        assert pdf.page_count >= 2  # the head comes back, and a paragraph goes on over a page break
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    doc = ingest_file(path)
    assert kinds_and_texts(doc) == expected
    assert doc.title == article.title


def test_an_odt_with_tracked_changes_leaves_the_deleted_text_out(tmp_path):
    from odf import text as odftext
    from odf.element import Element
    from odf.namespaces import TEXTNS
    from odf.opendocument import OpenDocumentText

    doc = OpenDocumentText()
    changes = odftext.TrackedChanges()
    region = Element(qname=(TEXTNS, "changed-region"), check_grammar=False)
    region.setAttrNS(TEXTNS, "id", "ct1")
    deletion = odftext.Deletion()
    deletion.addElement(odftext.P(text="The night shift was cancelled."))
    region.addElement(deletion)
    changes.addElement(region)
    doc.text.addElement(changes)
    doc.text.addElement(odftext.P(text="The dockers met at the gate."))
    path = tmp_path / "draft.odt"
    doc.save(str(path))
    assert [p.text for p in ingest_file(path).paragraphs] == ["The dockers met at the gate."]


@pytest.mark.parametrize("make, suffix", [(make_docx, ".docx"), (make_odt, ".odt")])
def test_office_documents_ingest_to_the_article_paragraphs(tmp_path, make, suffix):
    article = ingest_file(REGIME_UNIONS)
    paragraphs = [(p.kind, p.text) for p in article.paragraphs]
    items = [("item", "no contract signed behind our backs"), ("item", "assemblies decide")]
    doc = ingest_file(make(paragraphs[:3] + items + paragraphs[3:], tmp_path / f"article{suffix}"))
    assert kinds_and_texts(doc) == paragraphs[:3] + [("body", t) for _, t in items] + paragraphs[3:]
    assert [p.level for p in doc.paragraphs if p.kind == HEADING][0] == 2


def _encrypted_pdf() -> bytes:
    import io

    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt=pdfencrypt.StandardEncryption("secret", "owner"))
    page.drawString(72, 720, "Strike committee minutes")
    page.save()
    return out.getvalue()


def _image_only_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for row in range(40):  # a "scan": ink without a text layer
        page.rect(72, 72 + row * 15, 400, 8, fill=1)
    page.save()
    return out.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("scan.pdf", _image_only_pdf, "cannot ingest {p}: the PDF has no text layer (a scanned image?); "
                                  "run OCR on it first, e.g. with ocrmypdf"),
    ("locked.pdf", _encrypted_pdf, "cannot ingest {p}: the PDF is encrypted with a password; "
                                   "save an unprotected copy first"),
    ("broken.docx", lambda: b"PK\x03\x04 not really a zip", "cannot ingest {p}: not a readable DOCX file"),
    ("broken.odt", lambda: b"<office:document/>", "cannot ingest {p}: not a readable ODT file"),
    ("broken.pdf", lambda: b"%PDF-1.4\nnonsense", "cannot ingest {p}: not a readable PDF"),
])
def test_unreadable_documents_give_one_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data())
    with pytest.raises(InputError) as info:
        ingest_file(path)
    assert str(info.value).startswith(message.format(p=path))


def test_cli_ingests_a_pdf_and_refuses_a_scan(env, tmp_path, capsys):
    article = ingest_file(TWO_CANDIDATES)
    good = tmp_path / "article.pdf"
    good.write_bytes(make_pdf([(p.kind, p.text) for p in article.paragraphs]))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_image_only_pdf())
    assert main(["ingest", str(good), "--lang", "en"]) == 0
    assert "article.pdf" in capsys.readouterr().out
    assert main(["ingest", str(scan), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err == f"Error: cannot ingest {scan}: the PDF has no text layer (a scanned image?); " \
                  "run OCR on it first, e.g. with ocrmypdf\n"


# ----------------------------------------------------------------- bytes, encodings, size

@pytest.mark.parametrize("data, message", [
    (b"\xff\xfeS\x00t\x00r\x00e\x00i\x00k\x00!",
     "cannot ingest odd.txt: it starts with a UTF-16 byte order mark but is not valid UTF-16 (byte 14)"),
    (b"\xef\xbb\xbfStreik \xff\xfe in Hamburg",
     "cannot ingest odd.txt: it starts with a UTF-8 byte order mark but is not valid UTF-8 (byte 10)"),
])
def test_bad_bytes_after_a_byte_order_mark(data, message):
    with pytest.raises(InputError) as info:
        ingest_bytes(data, "odd.txt")
    assert str(info.value) == message


def test_an_encoding_python_does_not_know_is_an_error(monkeypatch):
    import charset_normalizer

    class Unknown:
        encoding = "x-mac-klingon"

    class Matches:
        def best(self):
            return Unknown()

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: Matches())
    with pytest.raises(InputError) as info:
        ingest_bytes(b"Streik \xe4\xf6 in Hamburg", "odd.txt")
    assert str(info.value) == "cannot ingest odd.txt: the text encoding cannot be recognised"


def test_files_above_the_limit_are_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # 50 MB, sparse: nothing is written or read
        fh.truncate(50_000_000)
    with pytest.raises(InputError) as info:
        ingest_file(big)
    assert str(info.value) == (f"cannot ingest {big}: the file has 50,000,000 bytes, more than the "
                               "limit of 10,000,000 bytes (split it into smaller files)")
    small = tmp_path / "small.txt"
    small.write_text("A strike. " * 20)
    with pytest.raises(InputError, match="the file has 200 bytes, more than the limit of 100 bytes"):
        ingest_file(small, max_bytes=100)
    with pytest.raises(InputError, match="the file has 200 bytes, more than the limit of 100 bytes"):
        ingest_bytes(small.read_bytes(), "small.txt", max_bytes=100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_instead_of_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as info:
        ingest_file(fifo)
    assert str(info.value) == (f"{fifo}: not a regular file (a pipe, device or socket); "
                               "give a text file saved on disk")


@pytest.mark.parametrize("unit", [b"a", b"a-", b"\xc3\xa4\xe2\x80\x9c"])
def test_a_megabyte_long_word_does_not_hang(unit):
    start = time.perf_counter()
    doc = ingest_bytes(unit * (1_000_000 // len(unit)), "word.txt")
    assert len(doc.paragraphs) == 1
    assert time.perf_counter() - start < 20  # quadratic paths took minutes on 40 kB


def test_a_title_case_line_ending_in_a_colon_is_a_heading_a_sentence_is_not():
    text = ("The strike went on for weeks and weeks and the bosses lost.\nAmong other things:\n"
            "the workers won the right to strike again and again.\nLetter From Turkey:\n"
            "Miners from Soma marched on and on to the capital city.\n")
    assert [p.kind for p in ingest_text(text, "a.txt").paragraphs] == ["body", HEADING, "body"]
    assert ingest_text(text, "a.txt").paragraphs[1].text == "Letter From Turkey:"


# ----------------------------------------------------------------- fuzz: readers never crash

def _sample_files() -> dict[str, bytes]:
    import tempfile
    from pathlib import Path

    paragraphs = [("heading", "Strike at the port"), ("body", "The dockers walked out. " * 8),
                  ("item", "higher wages"), ("body", "Bağımsız Maden İş marched on Ankara.")]
    with tempfile.TemporaryDirectory() as folder:
        return {".pdf": make_pdf([(k if k != "item" else "body", t) for k, t in paragraphs]),
                ".docx": make_docx(paragraphs, Path(folder) / "a.docx").read_bytes(),
                ".odt": make_odt(paragraphs, Path(folder) / "a.odt").read_bytes(),
                ".md": b"# Strike\n\n- [higher](http://x) wages\n> quote\n",
                ".html": b"<h1>Strike</h1><p>The dockers <b>walked</b> out.</p><li>wages</li>",
                ".txt": "Four years ago, we observed that “the\nelection of 2016”.\n".encode()}


@pytest.mark.timeout(60)
def test_fuzzed_files_of_every_format_give_a_document_or_one_clear_error():
    from hypothesis import HealthCheck, given, settings, strategies as st

    samples = _sample_files()

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
    @given(suffix=st.sampled_from(sorted(samples)), cuts=st.lists(
        st.tuples(st.integers(0, 10**6), st.binary(min_size=0, max_size=8)), min_size=1, max_size=4),
        truncate=st.booleans())
    def check(suffix, cuts, truncate):
        data = bytearray(samples[suffix])
        for position, replacement in cuts:  # overwrite a few bytes somewhere in the real file
            at = position % max(1, len(data))
            data[at:at + len(replacement)] = replacement
        if truncate:
            data = data[: len(data) // 2]
        try:
            doc = ingest_bytes(bytes(data), f"fuzz{suffix}")
        except InputError as exc:
            assert str(exc).startswith(("cannot ingest fuzz", "cannot read fuzz")) and "\n" not in str(exc)
        else:
            assert doc.paragraphs and all(p.text.strip() for p in doc.paragraphs)

    start = time.perf_counter()
    check()
    assert time.perf_counter() - start < 50


def test_a_stored_document_keeps_its_file_only_where_a_job_writes_that_format(store):
    from workbench.ingest import ingest_bytes
    from workbench.library import store_document

    markdown = b"# Strike\n\nThe miners and the union.\n"
    md = store_document(store, ingest_bytes(markdown, "strike.md"), "en", original=markdown)
    text = store_document(store, ingest_bytes(b"The miners and the union.\n", "strike.txt"), "en",
                          original=b"The miners and the union.\n")
    assert store.jobs.original(md.document_id) == ("strike.md", markdown)
    assert store.jobs.original(text.document_id) is None     # a .txt job output is the text itself


def test_table_cells_are_never_joined_to_the_paragraph_before_the_table():
    """A paragraph without a final stop before a table of lower-case cells: ingest's rejoining of
    paragraphs cut by a page break took the cells into that paragraph (DOCX, ODT and HTML)."""
    import io

    import docx
    from odf import opendocument, table, text as odftext

    document = docx.Document()
    document.add_paragraph("Solidarity with the general strike")
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text, cells[1].text = "workers", "wages"
    data = io.BytesIO()
    document.save(data)
    expected = ["Solidarity with the general strike", "workers", "wages"]
    assert [p.text for p in ingest_bytes(data.getvalue(), "t.docx").paragraphs] == expected

    doc = opendocument.OpenDocumentText()
    doc.text.addElement(odftext.P(text="Solidarity with the general strike"))
    grid = table.Table()
    row = table.TableRow()
    for word in ("workers", "wages"):
        cell = table.TableCell()
        cell.addElement(odftext.P(text=word))
        row.addElement(cell)
    grid.addElement(row)
    doc.text.addElement(grid)
    data = io.BytesIO()
    doc.save(data)
    assert [p.text for p in ingest_bytes(data.getvalue(), "t.odt").paragraphs] == expected
    html = ("<html><body><p>Solidarity with the general strike</p><table><tr><td>workers</td><th>wages</th>"
            "</tr></table></body></html>")
    assert [p.text for p in ingest_text(html, source_name="t.html").paragraphs] == expected
