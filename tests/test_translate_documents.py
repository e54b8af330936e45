"""Documents translated in place: structure (headings, lists, bold/italic, links) kept in every format."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.errors import FormatError, InputError
from workbench.translate.documents import sentence_translator, translate_document

LEXICON = {"the": "la", "strike": "huelga", "goes": "sigue", "on": "adelante", "miners": "mineros",
           "workers": "obreros", "union": "sindicato", "general": "general", "read": "lea", "more": "más",
           "solidarity": "solidaridad", "wages": "salarios", "rents": "alquileres", "and": "y"}


def _word(word: str) -> str:
    core = word.rstrip(".!?,:")
    return LEXICON.get(core.lower(), core.upper()) + word[len(core):]


def _words(sentences: list[str]) -> list[str]:
    """A stand-in model: word by word through the lexicon, unknown words in capitals."""
    return [" ".join(_word(w) for w in s.split()) for s in sentences]


TRANSLATE = sentence_translator(_words, "en")


def _docx_source() -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("The strike goes on", level=1)
    para = document.add_paragraph("The miners ")
    para.add_run("and the union").bold = True
    para.add_run(" read more.").italic = True
    document.add_paragraph("Wages", style="List Bullet")
    document.add_paragraph("Rents", style="List Bullet")
    linked = document.add_paragraph("Solidarity: ")
    rel = document.part.relate_to("https://example.org/strike", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "the general strike"
    run.append(text)
    link.append(run)
    linked._p.append(link)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "workers"
    table.cell(0, 1).text = "wages"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_keeps_heading_list_bold_italic_link_and_table():
    import docx
    from docx.oxml.ns import qn

    out = docx.Document(io.BytesIO(translate_document(_docx_source(), "strike.docx", TRANSLATE)))
    paras = out.paragraphs
    assert [(p.style.name, p.text) for p in paras] == [
        ("Heading 1", "la huelga sigue adelante"),
        ("Normal", "la mineros y la sindicato lea más."),
        ("List Bullet", "salarios"),
        ("List Bullet", "alquileres"),
        ("Normal", "solidaridad: la general huelga"),
    ]
    # the paragraph's runs are one text (one sentence, not three fragments); none of the runs'
    # texts survives, so all of it takes the format covering most of the original: the bold run's
    runs = [(r.text, r.bold, r.italic) for r in paras[1].runs if r.text]
    assert runs == [("la mineros y la sindicato lea más.", True, None)]
    [link] = paras[4]._p.findall(qn("w:hyperlink"))
    assert "".join(t.text for t in link.iter(qn("w:t"))) == "la general huelga"
    assert out.part.rels[link.get(qn("r:id"))].target_ref == "https://example.org/strike"
    assert [c.text for c in out.tables[0].rows[0].cells] == ["obreros", "salarios"]


def _tracked_docx() -> bytes:
    """An editor's draft with tracked changes: words inserted and words deleted."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:author="ed" w:date="2024-05-01T00:00:00Z"'
    document = docx.Document()
    para = document.add_paragraph("The miners ")
    para._p.append(parse_xml(f'<w:ins {w} w:id="1"><w:r><w:t xml:space="preserve">and the union </w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:del {w} w:id="2"><w:r><w:delText xml:space="preserve">rents </w:delText></w:r></w:del>'))
    para.add_run("read more.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_with_tracked_changes_is_read_and_translated_with_them_accepted(tmp_path):
    import docx
    from docx.oxml.ns import qn

    from workbench.ingest import ingest_file
    from workbench.readers.office import docx_text

    path = tmp_path / "draft.docx"
    path.write_bytes(_tracked_docx())
    assert [p.text for p in ingest_file(path).paragraphs] == ["The miners and the union read more."]
    out = docx.Document(io.BytesIO(translate_document(path.read_bytes(), "draft.docx", TRANSLATE)))
    [para] = out.paragraphs
    assert docx_text(para) == "la mineros y la sindicato lea más."
    assert para._p.find(qn("w:del")) is None


def _odt_list(doc, words: list[str]) -> None:
    """A bulleted list of ``words`` at the end of an odfpy document."""
    from odf import text as odftext

    items = odftext.List()
    for word in words:
        item = odftext.ListItem()
        item.addElement(odftext.P(text=word))
        items.addElement(item)
    doc.text.addElement(items)


def test_odt_keeps_heading_list_span_and_link():
    from odf import opendocument, style, teletype, text as odftext

    doc = opendocument.OpenDocumentText()
    bold = style.Style(name="Bold", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    doc.text.addElement(odftext.H(outlinelevel=1, text="The strike goes on"))
    para = odftext.P(text="The miners ")
    para.addElement(odftext.Span(stylename=bold, text="and the union"))
    para.addElement(odftext.A(href="https://example.org/strike", text=" read more."))
    doc.text.addElement(para)
    _odt_list(doc, ["Wages", "Rents"])
    source = io.BytesIO()
    doc.save(source)

    out = opendocument.load(io.BytesIO(translate_document(source.getvalue(), "strike.odt", TRANSLATE)))
    [heading] = out.getElementsByType(odftext.H)
    assert teletype.extractText(heading) == "la huelga sigue adelante"
    # the paragraph's text and its span are one sentence; the span's style covered most of it
    spans = [(teletype.extractText(s), s.getAttribute("stylename")) for s in out.getElementsByType(odftext.Span)]
    assert spans == [("la mineros y la sindicato", "Bold"), ("", "Bold")]
    [link] = out.getElementsByType(odftext.A)
    assert teletype.extractText(link) == " lea más." and link.getAttribute("href") == "https://example.org/strike"
    assert [teletype.extractText(p) for li in out.getElementsByType(odftext.ListItem)
            for p in li.getElementsByType(odftext.P)] == ["salarios", "alquileres"]


def test_html_keeps_structure_links_and_leaves_code_and_scripts_alone():
    source = ("<!DOCTYPE html><html><head><title>The strike</title><script>var strike = 1;</script></head>"
              "<body><h1>The strike goes on</h1><p>The miners <b>and the union</b> <a href='/more'>read more</a>."
              "</p><ul><li>Wages</li><li><i>Rents</i></li></ul><pre>the strike</pre></body></html>").encode()
    out = translate_document(source, "strike.html", TRANSLATE).decode()
    assert "<h1>la huelga sigue adelante</h1>" in out
    # one sentence, whole; neither the bold words nor the link's words survive: plain, not lost
    assert "<p>la mineros y la sindicato lea más.</p>" in out
    assert "<ul><li>salarios</li><li><i>alquileres</i></li></ul>" in out
    assert "<pre>the strike</pre>" in out and "var strike = 1;" in out and "<title>la huelga</title>" in out
    assert out.startswith("<!DOCTYPE html>")
    bare = translate_document(b"<p>The strike goes on</p>", "bare.html", TRANSLATE).decode()
    assert bare == "<html><body><p>la huelga sigue adelante</p></body></html>"     # no doctype added


def test_markdown_keeps_markup_links_and_code():
    source = ("# The strike goes on\n\nThe miners **and the union** [read more](https://example.org/a_b).\n\n"
              "- Wages\n- *Rents*\n\n```\nthe strike\n```\n\nSolidarity `the union`\n\n"
              "| Workers | Wages |\n|---|---|\n| miners | rents |\n\n![The strike](strike.png) **general** strike\n\n"
              "> The miners\n> read more.\n\n[more]: https://example.org/the_strike\n")
    out = translate_document(source.encode(), "strike.md", TRANSLATE).decode()
    # the sentence went whole; neither the bold words nor the link's words survive: plain, not lost
    assert out == ("# la huelga sigue adelante\n\nla mineros y la sindicato lea más.\n\n"
                   "- salarios\n- *alquileres*\n\n```\nthe strike\n```\n\nsolidaridad `the union`\n\n"
                   "| obreros | salarios |\n|---|---|\n| mineros | alquileres |\n\n"
                   "![la huelga](strike.png) **general** huelga\n\n> la mineros\n> lea más.\n\n"
                   "[more]: https://example.org/the_strike\n")


def test_markdown_front_matter_is_left_as_it_is():
    """A static site's page opens with YAML between two `---` lines: its keys are not text."""
    source = "---\ntitle: The strike\ntags: [strike, union]\n---\n\nThe strike goes on.\n"
    out = translate_document(source.encode(), "page.md", TRANSLATE).decode()
    assert out == "---\ntitle: The strike\ntags: [strike, union]\n---\n\nla huelga sigue adelante.\n"


def test_text_keeps_paragraphs_and_blank_lines():
    out = translate_document(b"The strike goes on.\n\n\nThe miners and the union.\n", "a.txt", TRANSLATE)
    assert out == "la huelga sigue adelante.\n\n\nla mineros y la sindicato.\n".encode()


def test_known_translations_are_used_and_only_the_rest_goes_to_the_engine():
    asked = []

    def engine(sentences):
        asked.extend(sentences)
        return _words(sentences)

    translate = sentence_translator(engine, "en", known={"The strike goes on.": "¡La huelga continúa!"})
    assert translate(["The strike goes on. The miners and the union.", "The strike goes on."]) == [
        "¡La huelga continúa! la mineros y la sindicato.", "¡La huelga continúa!"]
    assert asked == ["The miners and the union."]


@pytest.mark.parametrize("name, data, message", [
    ("junk.docx", b"PK\x03\x04 not really a zip", "junk.docx: not a readable .docx document"),
    ("junk.odt", b"not a zip at all", "junk.odt: not a readable .odt document"),
    ("latin.md", "Huelga ñ".encode("latin-1"), "latin.md: not UTF-8 text (byte 7)"),
    ("slides.pptx", b"x", "slides.pptx: cannot translate .pptx in place"),
])
def test_unreadable_documents_are_one_line_errors(name, data, message):
    with pytest.raises(InputError) as err:
        translate_document(data, name, TRANSLATE)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_cli_translates_a_docx_with_the_argos_model_and_keeps_its_structure(argos_env, tmp_path, capsys):
    import docx

    source = tmp_path / "strike.docx"
    source.write_bytes(_docx_source())
    capsys.readouterr()
    assert main(["translate", str(source), "--from", "en", "--to", "es", "--out", str(tmp_path / "out")]) == 0
    # the document in its own format, no plain-text copy beside it to mistake for another translation
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "strike.en-es.xlf", "strike.es.docx", "strike.es.report.json"]
    assert f"Wrote 3 files to {tmp_path / 'out'}" in capsys.readouterr().out
    written = tmp_path / "out" / "strike.es.docx"
    out = docx.Document(str(written))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]
    # one sentence in three runs went to the model whole; its bold run covered most of it
    assert [bool(r.bold) for r in out.paragraphs[1].runs if r.text] == [True]
    assert out.paragraphs[0].text != "The strike goes on"          # translated by the (random) model
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 junk")
    capsys.readouterr()
    assert main(["translate", str(junk), "--from", "en", "--to", "es", "--out", str(tmp_path / "out2")]) == 2
    assert capsys.readouterr().err.startswith(f"Error: {junk}: not a readable .docx document")
    assert not (tmp_path / "out2").exists()


def test_after_post_editing_the_docx_and_an_updated_xliff_are_exported(argos_env, tmp_path, capsys):
    import docx

    from workbench import review
    from workbench.formats.xliff import read_xliff, segments_of
    from workbench.store import Store

    source = tmp_path / "strike.docx"
    source.write_bytes(_docx_source())
    assert main(["translate", str(source), "--from", "en", "--to", "es", "--out", str(tmp_path / "mt")]) == 0
    with Store.open(argos_env) as store:
        [job] = store.jobs.list()
        [item] = store.jobs.items(job.id)
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        position = {b.source: b.position for b in beads}
        review.edit_target(store, alignment_id, position["The strike goes on"], "La huelga continúa", "ana")
        review.accept(store, alignment_id, position["The strike goes on"], "ana")
        review.edit_target(store, alignment_id, position["The miners and the union read more."],
                           "Los mineros y el sindicato leen más.", "ana")
    capsys.readouterr()
    assert main(["translate", "--reviewed", str(job.id), "--out", str(tmp_path / "final")]) == 0
    assert "Wrote 2 post-edited files" in capsys.readouterr().out
    out = docx.Document(str(tmp_path / "final" / "strike.es.docx"))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]
    assert out.paragraphs[0].text == "La huelga continúa"
    assert [(r.text, r.bold) for r in out.paragraphs[1].runs if r.text] == [
        ("Los mineros y el sindicato leen más.", True)]
    units = {s.source: (s.target, s.state) for s in segments_of(read_xliff(tmp_path / "final" / "strike.en-es.reviewed.xlf"))}
    assert units["The strike goes on"] == ("La huelga continúa", "final")
    assert units["The miners and the union read more."] == ("Los mineros y el sindicato leen más.", "final")
    assert units["Wages"][1] == "translated"                            # untouched MT
    assert main(["translate", "--reviewed", "99", "--out", str(tmp_path / "none")]) == 2
    assert capsys.readouterr().err == "Error: no translation job with id 99\n"


def test_a_docx_ingested_first_translates_to_a_docx_and_exports_its_review_as_a_docx(argos_env, tmp_path, capsys):
    """A file added with `workbench ingest` (or the Documents page) keeps its original, so a job
    on the stored document writes it in its format; ingest joins the runs of a paragraph, so
    the post-edited export writes each reviewed paragraph into its paragraph of the original."""
    import docx

    from workbench import review
    from workbench.store import Store

    source = tmp_path / "strike.docx"
    source.write_bytes(_docx_source())
    assert main(["ingest", str(source), "--lang", "en"]) == 0
    with Store.open(argos_env) as store:
        [stored] = [d for d in store.documents.list() if d.source_name == "strike.docx"]
        assert store.jobs.original(stored.id) == ("strike.docx", source.read_bytes())
    assert main(["translate", "--doc", str(stored.id), "--from", "en", "--to", "es", "--out", str(tmp_path / "mt")]) == 0
    out = docx.Document(str(tmp_path / "mt" / "strike.es.docx"))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]
    assert [r.bold for r in out.paragraphs[1].runs if r.text.strip()] == [True]     # one text, its main format
    assert out.paragraphs[0].text != "The strike goes on"        # translated, by the tiny random model

    with Store.open(argos_env) as store:
        [job] = store.jobs.list()
        [item] = store.jobs.items(job.id)
        alignment_id = review.open_or_align(store, item.pair_id, user="ana")
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        heading = next(b for b in beads if b.source == "The strike goes on")
        review.edit_target(store, alignment_id, heading.position, "La huelga continúa", "ana")
    capsys.readouterr()
    assert main(["translate", "--reviewed", str(job.id), "--out", str(tmp_path / "final")]) == 0
    names = sorted(p.name for p in (tmp_path / "final").iterdir())
    assert names == ["strike.en-es.reviewed.xlf", "strike.es.docx"]
    final = docx.Document(str(tmp_path / "final" / "strike.es.docx"))
    assert [p.style.name for p in final.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]
    assert final.paragraphs[0].text == "La huelga continúa"


def test_a_resumed_job_still_writes_its_docx(tmp_path):
    """Continuing a job by its id (the Translate page after a reload) renders the documents kept
    with their originals in their format, as the first run did."""
    import docx

    from tests.tinyargos import build_package
    from workbench.store import Store
    from workbench.translate.argos import ArgosEngine, ArgosOptions
    from workbench.translate.batch import resume_job, translate_files
    from workbench.translate.models import read_package

    engine = ArgosEngine([read_package(build_package(tmp_path / "models", "en", "es"))],
                         ArgosOptions(beam_size=2, device="cpu", intra_threads=1, inter_threads=1))
    source = tmp_path / "strike.docx"
    source.write_bytes(_docx_source())
    with Store.open(tmp_path / "w.sqlite3") as store:
        first = translate_files(store, engine, [source], ["es"], "en")
        again = resume_job(store, first.job_id, engine, out_dir=tmp_path / "again")
    def texts(data: bytes) -> list[tuple[str, str]]:   # (the zip's file times differ from second to second)
        return [(p.style.name, p.text) for p in docx.Document(io.BytesIO(data)).paragraphs]

    assert "strike.es.docx" in {f.name for f in first.files}
    assert not any(f.name.endswith(".es.txt") for f in first.files + again.files)
    from workbench.translate.batch import job_result

    with Store.open(tmp_path / "w.sqlite3") as store:        # a finished job shown again
        assert sorted(f.name for f in job_result(store, first.job_id).files) == [
            "strike.en-es.xlf", "strike.es.report.json"]     # its .docx is written when asked for
    assert texts({f.name: f.data for f in again.files}["strike.es.docx"]) == texts(
        {f.name: f.data for f in first.files}["strike.es.docx"])
    # as the Translate page's download of a finished job writes it, on a store of its own
    from workbench.translate.batch import in_place_bytes

    [item] = first.items
    assert texts(in_place_bytes(tmp_path / "w.sqlite3", engine, first.job_id, item.id)) == texts(
        {f.name: f.data for f in first.files}["strike.es.docx"])
    out = docx.Document(str(tmp_path / "again" / "strike.es.docx"))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]


# --------------------------------------------------------------------------- reviewed paragraphs into the original

def _reviewed_export(store, data: bytes, name: str, edits: dict[str, str], merge: str = "") -> bytes:
    """Store a file as ingest does (its original kept), translate it with the stand-in engine,
    post-edit it in Review (``edits``: source paragraph -> new target; ``merge``: a source
    paragraph merged with the next), and return the post-edited export of the file."""
    from workbench import review
    from workbench.ingest import ingest_bytes
    from workbench.library import store_document
    from workbench.translate.batch import translate_documents
    from workbench.translate.engine import StandInEngine
    from workbench.translate.reviewed import reviewed_outputs

    doc_id = store_document(store, ingest_bytes(data, name), "en", original=data).document_id
    job = translate_documents(store, StandInEngine({("en", "es"): LEXICON}), [doc_id], ["es"], "en")
    [item] = job.items
    alignment_id = review.open_or_align(store, item.pair_id, user="ana")

    def position(source: str) -> int:
        beads = review.bead_texts(store.alignments.get(alignment_id), store.alignments.beads(alignment_id))
        return next(b.position for b in beads if b.source == source)

    if merge:
        review.merge_next(store, alignment_id, position(merge), "ana")
    for source, target in edits.items():
        review.edit_target(store, alignment_id, position(source), target, "ana")
    files = {f.name: f.data for f in reviewed_outputs(store, job.job_id)}
    assert sorted(files) == [f"strike.en-es.reviewed.xlf", f"strike.es{name[name.rindex('.'):]}"]
    return files[f"strike.es{name[name.rindex('.'):]}"]


def test_a_reviewed_docx_keeps_styles_lists_tables_and_the_body_format(store):
    import docx

    source = docx.Document(io.BytesIO(_docx_source()))
    source.paragraphs[1].runs[0].italic = True          # italic now covers most of the paragraph
    data = io.BytesIO()
    source.save(data)
    out = docx.Document(io.BytesIO(_reviewed_export(store, data.getvalue(), "strike.docx", {
        "The strike goes on": "La huelga continúa",
        "The miners and the union read more.": "Los mineros y el sindicato leen más.",
        "Solidarity: the general strike": "Solidaridad: la huelga general"})))
    assert [p.style.name for p in out.paragraphs] == ["Heading 1", "Normal", "List Bullet", "List Bullet", "Normal"]
    assert [p.text for p in out.paragraphs] == ["La huelga continúa", "Los mineros y el sindicato leen más.",
                                                "Salarios", "Alquileres", "Solidaridad: la huelga general"]
    first, *others = out.paragraphs[1].runs
    assert first.italic is True and first.text == "Los mineros y el sindicato leen más."
    assert [r.text for r in others] == ["", "", ""] and others[1].bold is True   # emptied, not removed
    assert [c.text for c in out.tables[0].rows[0].cells] == ["obreros", "salarios"]    # MT as it came
    [link] = out.paragraphs[4].hyperlinks
    assert link.address == "https://example.org/strike" and link.text == ""


def test_a_reviewed_odt_keeps_headings_spans_lists_and_a_paragraph_cut_in_two(store):
    from odf import opendocument, style, teletype, text as odftext

    doc = opendocument.OpenDocumentText()
    bold = style.Style(name="Bold", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    doc.text.addElement(odftext.H(outlinelevel=2, text="The strike goes on"))
    para = odftext.P()
    para.addElement(odftext.Span(stylename=bold, text="The miners"))
    para.addText(" and the union")
    para.addElement(odftext.S(c=2))
    para.addText("read more.")
    doc.text.addElement(para)
    doc.text.addElement(odftext.P(text="Wages and rents rise for the"))    # cut by a page break:
    doc.text.addElement(odftext.P(text="miners and the workers."))         # ingest joins the two
    _odt_list(doc, ["Wages", "Rents"])
    doc.text.addElement(odftext.P(text="Solidarity."))
    doc.text.addElement(odftext.P(text="The general strike."))
    source = io.BytesIO()
    doc.save(source)

    out = opendocument.load(io.BytesIO(_reviewed_export(store, source.getvalue(), "strike.odt", {
        "The miners and the union read more.": "Los mineros y el sindicato leen más.",
        "Wages and rents rise for the miners and the workers.": "Suben salarios y alquileres.",
        "Solidarity. The general strike.": "¡Solidaridad y huelga general!"}, merge="Solidarity.")))
    [heading] = out.getElementsByType(odftext.H)
    assert teletype.extractText(heading) == "La huelga sigue adelante" and heading.getAttribute("outlinelevel") == "2"
    [span] = out.getElementsByType(odftext.Span)     # its text did not survive: emptied, not removed
    assert teletype.extractText(span) == "" and span.getAttribute("stylename") == "Bold"
    paragraphs = [teletype.extractText(p) for p in out.getElementsByType(odftext.P)]
    assert paragraphs == ["Los mineros y el sindicato leen más.", "Suben salarios y alquileres.", "",
                          "Salarios", "Alquileres", "¡Solidaridad y huelga general!", ""]
    assert len(out.getElementsByType(odftext.ListItem)) == 2


def test_paragraphs_that_do_not_add_up_are_not_matched():
    from workbench.translate.paragraphs import match_paragraphs

    assert match_paragraphs(["A b", "", "c d", "e"], ["A b c d", "e"]) == [[0, 2], [3]]
    assert match_paragraphs(["A  b\u00ad", "c"], ["A b", "c"]) == [[0], [1]]     # cleaned as ingest cleans
    assert match_paragraphs(["A b", "c"], ["A b"]) is None                         # a block left over
    assert match_paragraphs(["A b"], ["A b", "c"]) is None
    assert match_paragraphs(["A b", "x"], ["A b c"]) is None


# ------------------------------------------------------- inline formatting of a post-edited paragraph

NAMED = ("Rosa Luxemburg spoke to the editors of Vorwärts.", "Berlin: the strike went on.",
         "Hamburg: the dockers struck.")
NAMED_EDITS = {NAMED[0]: "Rosa Luxemburg habló a los redactores del Vorwärts.",
               NAMED[1]: "Berlín: la huelga siguió.", NAMED[2]: "Hamburg: los estibadores hicieron huelga."}


def test_a_reviewed_docx_keeps_a_runs_bold_or_italic_where_its_text_survives(store):
    import docx

    document = docx.Document()
    first = document.add_paragraph()
    first.add_run("Rosa Luxemburg").bold = True
    first.add_run(" spoke to the editors of ")
    first.add_run("Vorwärts").italic = True
    first.add_run(".")
    for lead, rest in (("Berlin:", " the strike went on."), ("Hamburg:", " the dockers struck.")):
        paragraph = document.add_paragraph()
        paragraph.add_run(lead).bold = True       # a bold lead-in, then the body of the paragraph
        paragraph.add_run(rest)
    data = io.BytesIO()
    document.save(data)
    out = docx.Document(io.BytesIO(_reviewed_export(store, data.getvalue(), "strike.docx", NAMED_EDITS)))
    shown = [[(r.text, bool(r.bold), bool(r.italic)) for r in p.runs if r.text] for p in out.paragraphs]
    assert shown == [
        [("Rosa Luxemburg", True, False), (" habló a los redactores del ", False, False),
         ("Vorwärts", False, True), (".", False, False)],
        [("Berlín: la huelga siguió.", False, False)],    # the lead-in was translated: the body's format
        [("Hamburg:", True, False), (" los estibadores hicieron huelga.", False, False)]]


def test_a_reviewed_odt_keeps_a_spans_style_where_its_text_survives(store):
    from odf import opendocument, style, teletype, text as odftext

    doc = opendocument.OpenDocumentText()
    bold = style.Style(name="Bold", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    para = odftext.P()
    para.addElement(odftext.Span(stylename=bold, text="Rosa Luxemburg"))
    para.addText(" spoke to the editors of Vorwärts.")
    doc.text.addElement(para)
    for lead, rest in (("Berlin:", " the strike went on."), ("Hamburg:", " the dockers struck.")):
        para = odftext.P()
        para.addElement(odftext.Span(stylename=bold, text=lead))
        para.addText(rest)
        doc.text.addElement(para)
    source = io.BytesIO()
    doc.save(source)
    out = opendocument.load(io.BytesIO(_reviewed_export(store, source.getvalue(), "strike.odt", NAMED_EDITS)))
    spans = [teletype.extractText(s) for s in out.getElementsByType(odftext.Span)
             if s.getAttribute("stylename") == "Bold" and teletype.extractText(s)]
    assert spans == ["Rosa Luxemburg", "Hamburg:"]
    assert [teletype.extractText(p) for p in out.getElementsByType(odftext.P)] == list(NAMED_EDITS.values())


@pytest.mark.parametrize("runs, text, expected", [
    ([("b", "Berlin"), ("", " is a city of workers.")], "Die Berliner streiken.",       # not inside a word
     [(1, "Die Berliner streiken.")]),
    ([("b", "union"), ("", " and all of the "), ("b", "union")], "the union, the union!",  # each run once
     [(1, "the "), (0, "union"), (1, ", the "), (2, "union"), (1, "!")]),
    ([("i", "Rosa"), ("b", "Rosa Luxemburg"), ("", " wrote and wrote")], "Rosa Luxemburg schrieb",
     [(1, "Rosa Luxemburg"), (2, " schrieb")]),                                          # the longest first
    ([("b", "a"), ("", " strike in "), ("b", ".")], "a huelga en Madrid.", [(1, "a huelga en Madrid.")]),
    ([], "text of a paragraph without runs", [(0, "text of a paragraph without runs")]),
])
def test_formatted_pieces_give_a_runs_format_only_to_its_whole_words(runs, text, expected):
    from workbench.translate.paragraphs import FormattedRun, formatted_pieces

    pieces = formatted_pieces([FormattedRun(key, words, True) for key, words in runs], text)
    assert pieces == expected and "".join(piece for _, piece in pieces) == text
