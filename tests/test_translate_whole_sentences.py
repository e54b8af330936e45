"""A .docx/.odt sentence with an italic word goes to the engine whole, not as three fragments."""

from __future__ import annotations

import io

import pytest

SENTENCE = "The committee published a statement in Arbeiterstimme and in four languages."
BEFORE, WORD, AFTER = "The committee published a statement in ", "Arbeiterstimme", " and in four languages."
LEXICON = {"the": "el", "committee": "comité", "published": "publicó", "a": "una", "statement": "declaración",
           "in": "en", "and": "y", "four": "cuatro", "languages": "idiomas"}


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("The strike goes on", level=1)
    paragraph = document.add_paragraph(BEFORE)
    paragraph.add_run(WORD).italic = True
    paragraph.add_run(AFTER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _odt() -> bytes:
    from odf import style, text as odftext

    italic = style.Style(name="Italic", family="text")
    italic.addElement(style.TextProperties(fontstyle="italic"))
    return _odt_with(BEFORE, odftext.Span(stylename=italic, text=WORD), AFTER, styles=(italic,))


def _docx_italics(data: bytes) -> tuple[str, list[str]]:
    import docx

    paragraph = docx.Document(io.BytesIO(data)).paragraphs[1]
    return paragraph.text, [r.text for r in paragraph.runs if r.text and r.italic]


def _odt_italics(data: bytes) -> tuple[str, list[str]]:
    from odf import opendocument, teletype, text as odftext

    document = opendocument.load(io.BytesIO(data))
    [paragraph] = document.getElementsByType(odftext.P)
    spans = [teletype.extractText(s) for s in paragraph.getElementsByType(odftext.Span)
             if s.getAttribute("stylename") == "Italic" and teletype.extractText(s)]
    return teletype.extractText(paragraph), spans


FORMATS = [("statement.docx", _docx, _docx_italics), ("statement.odt", _odt, _odt_italics)]


def _post_edited(store, result, source: str, edited: str) -> dict[str, bytes]:
    """The post-edited export of a one-document job after the bead of ``source`` (exactly one)
    was edited to ``edited`` in Review."""
    from workbench import review
    from workbench.translate.reviewed import reviewed_outputs

    [item] = result.items
    alignment_id = review.open_or_align(store, item.pair_id, user="ana")
    beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
    [bead] = [b for b in beads if b.source == source]
    review.edit_target(store, alignment_id, bead.position, edited, "ana")
    return {f.name: f.data for f in reviewed_outputs(store, result.job_id)}


@pytest.fixture(scope="module")
def tiny_engine(tmp_path_factory):
    from tests.tinyargos import build_package
    from workbench.translate.argos import ArgosEngine, ArgosOptions
    from workbench.translate.models import read_package

    root = tmp_path_factory.mktemp("models")
    return ArgosEngine([read_package(build_package(root, "en", "es"))],
                       ArgosOptions(beam_size=2, device="cpu", intra_threads=1, inter_threads=1))


@pytest.mark.parametrize("name, build, italics", FORMATS)
def test_the_tiny_model_gets_the_sentence_whole(tiny_engine, tmp_path, name, build, italics):
    from workbench.store import Store
    from workbench.translate.batch import translate_files

    source = tmp_path / name
    source.write_bytes(build())
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, tiny_engine, [source], ["es"], "en")
        [item] = result.items
        sources = [s.source for s in store.jobs.segments(item.id)]
    assert sorted(sources) == [SENTENCE, "The strike goes on"]    # the .odt lists its headings last
    text, italic = italics({f.name: f.data for f in result.files}[name.replace(".", ".es.")])
    assert text and text != SENTENCE                               # translated by the (random) model
    assert italic == ([WORD] if WORD in text else [])              # italics only where the word survives


@pytest.mark.parametrize("name, build, italics", FORMATS)
def test_a_surviving_word_keeps_its_italics_and_the_post_edit_keeps_them_too(tmp_path, name, build, italics):
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    engine = StandInEngine({("en", "es"): LEXICON})
    source = tmp_path / name
    source.write_bytes(build())
    output = name.replace(".", ".es.")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, engine, [source], ["es"], "en")
        assert engine.calls == [2]                                 # the heading and the whole sentence
        text, italic = italics({f.name: f.data for f in result.files}[output])
        assert text == "El comité publicó una declaración en Arbeiterstimme y en cuatro idiomas."
        assert italic == [WORD]
        edited = "El comité publicó una declaración en cuatro idiomas en la Arbeiterstimme."
        final = _post_edited(store, result, SENTENCE, edited)[output]     # one bead, not three
    assert italics(final) == (edited, [WORD])


def test_a_job_planned_on_the_old_runs_still_writes_its_docx_and_its_post_edit(tmp_path):
    """A job planned before (its document stored as the formatting runs, its segments and beads
    the fragments) finishes: a paragraph made of known runs is their translations one after the
    other, in the document and in its post-edited export."""
    from workbench import review
    from workbench.ingest import Document, Paragraph
    from workbench.library import store_document
    from workbench.store import Store
    from workbench.translate.batch import translate_documents
    from workbench.translate.engine import StandInEngine
    from workbench.translate.reviewed import reviewed_outputs

    old_runs = ("The strike goes on", BEFORE.strip(), WORD, AFTER.strip())
    document = Document(old_runs[0], tuple(Paragraph(n, r) for n, r in enumerate(old_runs)),
                        "statement.docx", "txt", "utf-8")
    engine = StandInEngine({("en", "es"): {**LEXICON, "Arbeiterstimme": "Voz Obrera"}})
    with Store.open(tmp_path / "w.sqlite3") as store:
        doc_id = store_document(store, document, "en", original=_docx()).document_id
        result = translate_documents(store, engine, [doc_id], ["es"], "en")
        assert engine.calls == [4]                # the job's four fragments, nothing more for the document
        text, italic = _docx_italics({f.name: f.data for f in result.files}["statement.es.docx"])
        assert text == "El comité publicó una declaración en Voz Obrera y en cuatro idiomas." and italic == []
        [item] = result.items
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        [bead] = [b for b in beads if b.source == WORD]
        review.edit_target(store, alignment_id, bead.position, WORD, "ana")     # the name kept after all
        final = {f.name: f.data for f in reviewed_outputs(store, result.job_id)}
    assert _docx_italics(final["statement.es.docx"]) == (
        "El comité publicó una declaración en Arbeiterstimme y en cuatro idiomas.", [WORD])


def test_a_page_break_and_a_field_stay_where_they_were_in_a_joined_paragraph():
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    from workbench.translate.documents import sentence_translator, translate_document

    document = docx.Document()
    paragraph = document.add_paragraph("The committee ")
    paragraph.add_run("published").bold = True
    paragraph.add_run(" a statement.").add_break(WD_BREAK.PAGE)
    paragraph.add_run("Four languages, page ")
    paragraph._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    data = io.BytesIO()
    document.save(data)
    sent: list[str] = []

    def words(sentences: list[str]) -> list[str]:
        sent.extend(sentences)
        return [" ".join(LEXICON.get(w.strip(".,").lower(), w) for w in s.split()) for s in sentences]

    out = docx.Document(io.BytesIO(translate_document(data.getvalue(), "s.docx", sentence_translator(words, "en"))))
    assert sorted(sent) == ["1", "Four languages, page", "The committee published a statement."]
    body = out.paragraphs[0]._p
    shown = [("break" if el.tag == qn("w:br") else el.text) for el in body.iter(qn("w:t"), qn("w:br")) if
             el.tag == qn("w:br") or el.text]
    assert shown == ["el comité publicó una declaración", "break", "cuatro idiomas page ", "1"]
    assert [f.get(qn("w:instr")) for f in body.iter(qn("w:fldSimple"))] == ["PAGE"]


# ------------------------------------------------------------------ .md and .html: a block's sentences whole

LINKED = "The committee published a statement in Arbeiterstimme and in Rote Fahne."
READ = "Read the statement in four languages."
MARKDOWN = ("# The strike goes on\n\nThe committee published a statement in *Arbeiterstimme* and in\n"
            "[Rote Fahne](https://example.org/rf).\n\nRead [the statement](https://example.org/s) in four languages.\n")
HTML = ("<!DOCTYPE html><html><body><h1>The strike goes on</h1><p>The committee published a statement in "
        "<em>Arbeiterstimme</em> and in\n<a href=\"https://example.org/rf\">Rote Fahne</a>.</p>"
        "<p>Read <a href=\"https://example.org/s\">the statement</a> in four languages.</p></body></html>")
MARKED = [("strike.md", MARKDOWN), ("strike.html", HTML)]


class RecordingEngine:
    """An engine that records every sentence it is asked to translate."""

    def __init__(self, engine):
        self.engine, self.sentences = engine, []

    def supports(self, src, tgt):
        return self.engine.supports(src, tgt)

    def describe(self, src, tgt):
        return self.engine.describe(src, tgt)

    def translate(self, sentences, src, tgt, **kwargs):
        self.sentences += list(sentences)
        return self.engine.translate(sentences, src, tgt, **kwargs)


@pytest.mark.parametrize("name, source", MARKED)
def test_the_tiny_model_gets_a_marked_up_sentence_whole(tiny_engine, tmp_path, name, source):
    from workbench.store import Store
    from workbench.translate.batch import translate_files

    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    engine = RecordingEngine(tiny_engine)
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, engine, [path], ["es"], "en")
        [item] = result.items
        sources = [s.source for s in store.jobs.segments(item.id)]
    assert sorted(sources) == sorted([LINKED, READ, "The strike goes on"])
    assert sorted(engine.sentences) == sorted(sources)           # no fragment of a sentence went alone
    out = {f.name: f.data for f in result.files}[name.replace(".", ".es.")].decode()
    assert "Arbeiterstimme" not in out or ("*Arbeiterstimme*" in out or "<em>Arbeiterstimme</em>" in out)
    assert "example.org/s" not in out or "the statement" in out        # a link only on its surviving text
    assert "The committee" not in out                                   # translated by the (random) model


@pytest.mark.parametrize("name, source", MARKED)
def test_marked_up_words_that_survive_keep_their_markup_and_the_post_edit_keeps_it(tmp_path, name, source):
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    engine = StandInEngine({("en", "es"): LEXICON})
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    output = name.replace(".", ".es.")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, engine, [path], ["es"], "en")
        assert engine.calls == [3]                                 # the heading and two whole sentences
        out = {f.name: f.data for f in result.files}[output].decode()
        edited = "En Rote Fahne y en Arbeiterstimme el comité publicó una declaración."
        final = _post_edited(store, result, LINKED, edited)[output].decode()    # one bead, not five
    if name.endswith(".md"):
        # wrapped again at the width of the source's paragraph (64 characters)
        assert out == ("# El strike goes on\n\nEl comité publicó una declaración en *Arbeiterstimme* y en\n"
                       "[Rote Fahne](https://example.org/rf).\n\nRead el declaración en cuatro idiomas.\n")
        assert final == ("# El strike goes on\n\nEn [Rote Fahne](https://example.org/rf) y en *Arbeiterstimme*\n"
                         "el comité publicó una declaración.\n\nRead el declaración en cuatro idiomas.\n")
    else:
        assert ("<p>El comité publicó una declaración en <em>Arbeiterstimme</em> y en "
                "<a href=\"https://example.org/rf\">Rote Fahne</a>.</p>") in out
        assert "<p>Read el declaración en cuatro idiomas.</p>" in out          # the link's text is not lost
        assert ("<p>En <a href=\"https://example.org/rf\">Rote Fahne</a> y en <em>Arbeiterstimme</em> "
                "el comité publicó una declaración.</p>") in final
        assert out.startswith("<!DOCTYPE html>") and final.startswith("<!DOCTYPE html>")


def test_a_job_planned_on_markdown_paragraphs_still_writes_its_markdown(tmp_path):
    """A job planned before (its .md stored as ingest's paragraphs) finishes in its format, and
    its post-edited export is a .md too."""
    from workbench.ingest import ingest_bytes
    from workbench.library import store_document
    from workbench.store import Store
    from workbench.translate.batch import translate_documents
    from workbench.translate.engine import StandInEngine

    engine = StandInEngine({("en", "es"): LEXICON})
    data = MARKDOWN.encode()
    with Store.open(tmp_path / "w.sqlite3") as store:
        doc_id = store_document(store, ingest_bytes(data, "strike.md"), "en", original=data).document_id
        result = translate_documents(store, engine, [doc_id], ["es"], "en")
        assert engine.calls == [3]                 # the job's sentences, nothing more for the document
        assert "*Arbeiterstimme*" in {f.name: f.data for f in result.files}["strike.es.md"].decode()
        edited = "Arbeiterstimme y Rote Fahne lo publicaron."
        final = _post_edited(store, result, LINKED, edited)["strike.es.md"].decode()
    assert "*Arbeiterstimme* y [Rote Fahne](https://example.org/rf) lo\npublicaron." in final    # wrapped at 64


# ------------------------------------------------------------------ .odt: space elements inside a sentence

def _odt_with(*parts, styles=()) -> bytes:
    """An .odt of a heading and one paragraph made of texts and elements (spans, ``text:s``,
    ``text:tab``, ``text:line-break``), with ``styles`` among its automatic styles."""
    from odf import opendocument, text as odftext

    doc = opendocument.OpenDocumentText()
    for style in styles:
        doc.automaticstyles.addElement(style)
    doc.text.addElement(odftext.H(outlinelevel=1, text="The strike goes on"))
    paragraph = odftext.P()
    for part in parts:
        if isinstance(part, str):
            paragraph.addText(part)
        else:
            paragraph.addElement(part)
    doc.text.addElement(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _odt_paragraph(data: bytes) -> tuple[str, list[str]]:
    """The paragraph's text (a line break as a newline, a tab as a tab) and its elements in order."""
    from odf import opendocument, teletype, text as odftext

    [paragraph] = opendocument.load(io.BytesIO(data)).getElementsByType(odftext.P)
    return teletype.extractText(paragraph), [n.qname[1] for n in paragraph.childNodes if n.nodeType == n.ELEMENT_NODE]


def _odt_job(tmp_path, data: bytes) -> tuple[list[str], bytes]:
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    source = tmp_path / "spaced.odt"
    source.write_bytes(data)
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, StandInEngine({("en", "es"): LEXICON}), [source], ["es"], "en")
        [item] = result.items
        segments = sorted(s.source for s in store.jobs.segments(item.id))
    return segments, {f.name: f.data for f in result.files}["spaced.es.odt"]


def test_an_odt_space_element_inside_a_sentence_does_not_split_it(tmp_path):
    from odf import text as odftext

    segments, out = _odt_job(tmp_path, _odt_with("The committee published a statement", odftext.S(c=3),
                                                 "in four languages."))
    assert segments == ["The committee published a statement in four languages.", "The strike goes on"]
    assert _odt_paragraph(out) == ("El comité publicó una declaración en cuatro idiomas.", [])


def test_an_odt_line_break_inside_a_sentence_stays_between_the_words_around_it(tmp_path):
    from odf import text as odftext

    segments, out = _odt_job(tmp_path, _odt_with("The committee published a statement in Arbeiterstimme",
                                                 odftext.LineBreak(), "and in four languages."))
    assert segments == [SENTENCE, "The strike goes on"]
    assert _odt_paragraph(out) == ("El comité publicó una declaración en Arbeiterstimme\ny en cuatro idiomas.",
                                   ["line-break"])


def test_an_odt_line_break_or_tab_between_sentences_or_lines_still_ends_a_segment(tmp_path):
    from odf import text as odftext

    segments, out = _odt_job(tmp_path, _odt_with("The committee published a statement.", odftext.LineBreak(),
                                                 "Rosa Luxemburg", odftext.Tab(), "Berlin"))
    assert segments == ["Berlin", "Rosa Luxemburg", "The committee published a statement.", "The strike goes on"]
    assert _odt_paragraph(out) == ("El comité publicó una declaración.\nRosa Luxemburg\tBerlin", ["line-break", "tab"])


def test_two_files_of_one_name_in_a_job_come_back_under_two_names(tmp_path):
    """Two uploads with one stem (strike.md and strike.html, or index.html from two folders):
    each document's outputs carry the same numbered stem, nothing is overwritten, and no plain
    copy of a document that comes back in its format is left beside it."""
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine
    from workbench.translate.reviewed import reviewed_outputs

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    paths = [tmp_path / "strike.md", tmp_path / "strike.html", tmp_path / "a" / "index.html",
             tmp_path / "b" / "index.html"]
    paths[0].write_text(MARKDOWN)
    paths[1].write_text(HTML.replace("</body>", "<p>The union asked for patience.</p></body>"))
    paths[2].write_text("<p>The committee published a statement.</p>")
    paths[3].write_text("<p>Read the statement in four languages.</p>")
    with Store.open(tmp_path / "w.sqlite3") as store:
        result = translate_files(store, StandInEngine({("en", "es"): LEXICON}), paths, ["es"], "en",
                                 out_dir=tmp_path / "out")
        reviewed = [f.name for f in reviewed_outputs(store, result.job_id)]
    assert sorted(reviewed) == sorted(f"{stem}{end}" for stem, fmt in (
        ("strike", "md"), ("strike-2", "html"), ("index", "html"), ("index-2", "html"))
        for end in (".en-es.reviewed.xlf", f".es.{fmt}"))
    names = [f.name for f in result.files]
    assert sorted(names) == sorted(
        f"{stem}{end}" for stem, fmt in (("strike", "md"), ("strike-2", "html"), ("index", "html"), ("index-2", "html"))
        for end in (".en-es.xlf", ".es.report.json", f".es.{fmt}"))
    assert "declaración" in (tmp_path / "out" / "index.es.html").read_text()
    assert "cuatro idiomas" in (tmp_path / "out" / "index-2.es.html").read_text()


def test_the_same_text_as_md_and_html_is_refused_before_anything_is_stored(tmp_path):
    """One document keeps one original: the second format would silently not come back."""
    from workbench.errors import InputError
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    paths = [tmp_path / "strike.md", tmp_path / "strike.html"]
    paths[0].write_text(MARKDOWN)
    paths[1].write_text(HTML)
    with Store.open(tmp_path / "w.sqlite3") as store:
        with pytest.raises(InputError) as err:
            translate_files(store, StandInEngine({("en", "es"): LEXICON}), paths, ["es"], "en")
        assert store.documents.list() == [] and store.jobs.list() == []
    assert str(err.value) == (f"{paths[1]}: the same text as {paths[0]}; a text is stored once, with one "
                              "file's format, so only strike.md would come back: leave one of them out")


def test_an_odt_job_planned_with_a_space_element_splitting_its_sentence_still_finishes(tmp_path):
    """A job planned before (the sentence stored as two runs, cut at its ``text:s``) writes the
    sentence from its two known halves, asking the engine nothing more."""
    from odf import text as odftext

    from workbench.ingest import Document, Paragraph
    from workbench.library import store_document
    from workbench.store import Store
    from workbench.translate.batch import translate_documents
    from workbench.translate.engine import StandInEngine

    data = _odt_with("The committee published a statement", odftext.S(c=3), "in four languages.")
    old_runs = ("The strike goes on", "The committee published a statement", "in four languages.")
    document = Document(old_runs[0], tuple(Paragraph(n, r) for n, r in enumerate(old_runs)), "spaced.odt", "txt", "utf-8")
    engine = StandInEngine({("en", "es"): LEXICON})
    with Store.open(tmp_path / "w.sqlite3") as store:
        doc_id = store_document(store, document, "en", original=data).document_id
        result = translate_documents(store, engine, [doc_id], ["es"], "en")
    assert engine.calls == [3]
    text, elements = _odt_paragraph({f.name: f.data for f in result.files}["spaced.es.odt"])
    # the halves' gap is kept as it was, in the text node (where ODF shows spaces as one)
    assert (" ".join(text.split()), elements) == ("El comité publicó una declaración en cuatro idiomas.", [])
