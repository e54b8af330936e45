"""Footnotes and endnotes of word-processor files: read as paragraphs of their own after the
body (footnotes, then endnotes), never inside the sentence they are attached to; a post-edited
export writes them back in their place."""

from __future__ import annotations

import io
import zipfile

from workbench.ingest import ingest_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
BODY = ["The dockers of the port stayed out for three weeks.", "The bosses gave in on the night rate."]
FOOTNOTE = "The night rate had been cut twice since the spring."
ENDNOTE = "Figures from the strike committee's own count."


def _note_xml(kind: str, text: str) -> bytes:
    separators = "".join(f'<w:{kind} w:type="{t}" w:id="{i}"><w:p><w:r><w:{s}/></w:r></w:p></w:{kind}>'
                         for i, t, s in ((-1, "separator", "separator"),
                                         (0, "continuationSeparator", "continuationSeparator")))
    ref = "footnoteRef" if kind == "footnote" else "endnoteRef"
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s xmlns:w="{W}">{separators}'
            f'<w:{kind} w:id="1"><w:p><w:r><w:{ref}/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
            f'</w:p></w:{kind}></w:{kind}s>').encode()


def docx_with_notes() -> bytes:
    """A DOCX whose first paragraph has a footnote after 'port' and the second an endnote."""
    import docx

    document = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    first, second = document.paragraphs
    for paragraph, kind, after in ((first, "footnote", "port"), (second, "endnote", "rate")):
        run = paragraph.runs[0]
        head, tail = run.text.split(after, 1)
        run.text = head + after
        ref = docx.oxml.parse_xml(f'<w:r xmlns:w="{W}"><w:{kind}Reference w:id="1"/></w:r>')
        run._r.addnext(ref)
        rest = docx.oxml.parse_xml(f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">{tail}</w:t></w:r>')
        ref.addnext(rest)
    out = io.BytesIO()
    document.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b"".join(
                    b'<Override PartName="/word/%ss.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.%ss+xml"/>' % (k, k) for k in (b"footnote", b"endnote"))
                    + b"</Types>")
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b"".join(
                    b'<Relationship Id="rIdN%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/%ss" Target="%ss.xml"/>' % (k, k, k) for k in (b"footnote", b"endnote"))
                    + b"</Relationships>")
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", _note_xml("footnote", FOOTNOTE))
        target.writestr("word/endnotes.xml", _note_xml("endnote", ENDNOTE))
    return result.getvalue()


def odt_with_notes() -> bytes:
    from odf import text as odftext
    from odf.opendocument import OpenDocumentText

    doc = OpenDocumentText()
    for text, kind, after, note_text in ((BODY[0], "footnote", "port", FOOTNOTE),
                                         (BODY[1], "endnote", "rate", ENDNOTE)):
        head, tail = text.split(after, 1)
        paragraph = odftext.P(text=head + after)
        note = odftext.Note(noteclass=kind, id=f"n-{kind}")
        note.addElement(odftext.NoteCitation(text="1" if kind == "footnote" else "i"))
        body = odftext.NoteBody()
        body.addElement(odftext.P(text=note_text))
        note.addElement(body)
        paragraph.addElement(note)
        paragraph.addText(tail)
        doc.text.addElement(paragraph)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_docx_footnotes_and_endnotes_are_paragraphs_after_the_body():
    doc = ingest_bytes(docx_with_notes(), "notes.docx")
    assert [p.text for p in doc.paragraphs] == BODY + [FOOTNOTE, ENDNOTE]


def test_odt_notes_are_paragraphs_after_the_body_not_inside_the_sentence():
    doc = ingest_bytes(odt_with_notes(), "notes.odt")
    assert [p.text for p in doc.paragraphs] == BODY + [FOOTNOTE, ENDNOTE]


def test_a_post_edited_export_writes_the_notes_in_their_place():
    import docx
    from odf import teletype
    from odf.opendocument import load

    from workbench.translate.paragraphs import rewrite_paragraphs

    stored = BODY + [FOOTNOTE, ENDNOTE]
    edited = [text.upper() for text in stored]
    for name, data in (("notes.docx", docx_with_notes()), ("notes.odt", odt_with_notes())):
        assert [p.text for p in ingest_bytes(data, name).paragraphs] == stored, name
        written = rewrite_paragraphs(data, name, stored, edited)
        assert written is not None, name
        assert [p.text for p in ingest_bytes(written, name).paragraphs] == edited, name
    document = docx.Document(io.BytesIO(rewrite_paragraphs(docx_with_notes(), "n.docx", stored, edited)))
    assert [p.text for p in document.paragraphs] == [text.upper() for text in BODY]
    assert "footnoteReference" in document.element.xml     # the reference mark stays in the sentence
    odt = load(io.BytesIO(rewrite_paragraphs(odt_with_notes(), "n.odt", stored, edited)))
    assert teletype.extractText(odt.text).count("1") == 1  # the note's citation stays


def test_a_docx_translated_in_place_has_its_notes_translated():
    from workbench.translate.documents import document_runs, sentence_translator, translate_document

    data = docx_with_notes()
    assert document_runs(data, "notes.docx")[-2:] == [" " + FOOTNOTE, " " + ENDNOTE]
    translate = sentence_translator(lambda texts: [text.upper() for text in texts], "en")
    written = translate_document(data, "notes.docx", translate)
    assert [p.text for p in ingest_bytes(written, "notes.docx").paragraphs] == [
        text.upper() for text in BODY + [FOOTNOTE, ENDNOTE]]
