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
    from odf import opendocument, style, text as odftext

    doc = opendocument.OpenDocumentText()
    italic = style.Style(name="Italic", family="text")
    italic.addElement(style.TextProperties(fontstyle="italic"))
    doc.automaticstyles.addElement(italic)
    doc.text.addElement(odftext.H(outlinelevel=1, text="The strike goes on"))
    paragraph = odftext.P(text=BEFORE)
    paragraph.addElement(odftext.Span(stylename=italic, text=WORD))
    paragraph.addText(AFTER)
    doc.text.addElement(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
    from workbench import review
    from workbench.store import Store
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine
    from workbench.translate.reviewed import reviewed_outputs

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
        [item] = result.items
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        [bead] = [b for b in beads if b.source == SENTENCE]        # one bead to post-edit, not three
        edited = "El comité publicó una declaración en cuatro idiomas en la Arbeiterstimme."
        review.edit_target(store, alignment_id, bead.position, edited, "ana")
        final = {f.name: f.data for f in reviewed_outputs(store, result.job_id)}[output]
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
