"""No-break spaces: kept where typography binds (French spacing, numbers and units,
abbreviations), spaces elsewhere; the rest of the workbench reads a kept one as a space,
and the exports keep it."""

from __future__ import annotations

import io
import json

import pytest

from workbench.cli import main
from workbench.formats.base import PairsFile
from workbench.ingest import ingest_bytes, ingest_text, repair_text
from workbench.spaces import plain_spaces

N, NN = "\u00a0", "\u202f"

# (raw text, what ingest makes of it)
CASES = [
    # extraction artifacts between ordinary words (web and PDF English): spaces
    (f"the{N}strike{N}of the dockers", "the strike of the dockers"),
    (f"5{N}workers and 1917{N}revolution, 20{NN}billion", "5 workers and 1917 revolution, 20 billion"),
    (f"It ended.{N}Then{N} it began", "It ended. Then it began"),
    (f"the U.S.{N}unions", "the U.S. unions"),
    # French typography: before ; : ! ? », after «
    (f"Ils ont dit{N}: «{N}non{N}»{N}!", f"Ils ont dit{N}: «{N}non{N}»{N}!"),
    (f"la grève{NN}; la lutte{NN}?", f"la grève{NN}; la lutte{NN}?"),
    # a number bound to its group, its unit or its sign
    (f"10{N}000 grévistes, 4{N}% de plus, 20{N}€, €{N}20, 5{N}km, 2{N}millions",
     f"10{N}000 grévistes, 4{N}% de plus, 20{N}€, €{N}20, 5{N}km, 2 millions"),
    (f"12{NN}500{NN}$ et § {N}3", f"12{NN}500{NN}$ et § 3"),
    # an abbreviation and what follows it
    (f"M.{N}Dupont et Mme{N}Martin", f"M.{N}Dupont et Mme{N}Martin"),
    (f"z.{N}B. die Nr.{N}5", f"z.{N}B. die Nr.{N}5"),
]


@pytest.mark.parametrize("raw, expected", CASES)
def test_no_break_spaces_are_kept_only_where_they_bind(raw, expected):
    assert repair_text(raw)[0] == expected
    assert ingest_text(raw + "\n", "a.txt").paragraphs[0].text == expected


@pytest.mark.parametrize("raw, expected", CASES)
def test_markdown_html_docx_and_odt_keep_them_too(raw, expected):
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
    assert ingest_text(text, "a.txt").title == f"Les dockers disent «{N}non{N}» à la direction du port"


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


FRENCH = (f"La grève des dockers\n\nM.{N}Dupont, secrétaire du syndicat, a parlé devant 10{N}000 grévistes{N}: "
          f"«{N}Nous ne reculerons pas{N}!{N}» Les salaires ont baissé de 4{N}% en un an.\n\n"
          f"La direction a proposé 20{N}€ de plus par mois. L'assemblée a refusé{N}; la grève continue.\n")
ENGLISH = ("The dockers' strike\n\nMr Dupont, the union's secretary, spoke before 10,000 strikers: "
           "\"We will not back down!\" Wages have fallen by 4% in a year.\n\n"
           "The management offered 20 euros more a month. The assembly refused; the strike goes on.\n")


def test_segmentation_and_language_id_read_a_kept_one_as_a_space():
    from workbench.langid_paragraphs import detect
    from workbench.segment import sentence_spans

    paragraphs = [p.text for p in ingest_text(FRENCH, "fr.txt").paragraphs]
    assert N in paragraphs[1] and N in paragraphs[2]
    for text in paragraphs:
        assert sentence_spans(text, "fr") == sentence_spans(plain_spaces(text), "fr")
        assert detect(text).lang == detect(plain_spaces(text)).lang == "fr"


def test_glossary_terms_are_found_beside_a_kept_one():
    from workbench.glossary import Concept, Glossary, Term, TermMatcher

    glossary = Glossary((Concept("strike", "struggle", "approved", "", "", 1,
                                 (Term("fr", "grève"), Term("en", "strike"))),
                         Concept("general-strike", "struggle", "approved", "", "", 1,
                                 (Term("fr", "grève générale"), Term("en", "general strike")))))
    matcher = TermMatcher(glossary, "fr")
    text = ingest_text(f"Ils ont voté la «{N}grève générale{N}» et la grève{N}!\n", "a.txt").paragraphs[0].text
    assert N in text
    found = [(m.concept_id, text[m.start:m.end]) for m in matcher.find(text)]
    plain = [(m.concept_id, text[m.start:m.end]) for m in matcher.find(plain_spaces(text))]
    assert found == plain == [("general-strike", "grève générale"), ("strike", "grève")]

    # a term whose words a kept one binds
    glossary = Glossary((Concept("martin", "organisations", "approved", "", "", 1,
                                 (Term("fr", "Mme Martin", pos="properNoun", proper_name=True),)),
                         Concept("week", "struggle", "approved", "", "", 1, (Term("fr", "35 h"),))))
    text = ingest_text(f"Hier, Mme{N}Martin a défendu les 35{N}h.\n", "a.txt").paragraphs[0].text
    assert [(m.concept_id, text[m.start:m.end]) for m in TermMatcher(glossary, "fr").find(text)] == [
        ("martin", f"Mme{N}Martin"), ("week", f"35{N}h")]


def test_alignment_and_its_exports_keep_them(env, tmp_path, capsys):
    from workbench.formats import tmx, xliff

    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(plain_spaces(FRENCH), encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    beads = {}
    for name in ("fr", "plain"):
        assert main(["align", str(tmp_path / f"{name}.txt"), str(tmp_path / "en.txt"), "--src-lang", "fr",
                     "--tgt-lang", "en", "--format", "json"]) == 0
        beads[name] = {k: v for k, v in json.loads(capsys.readouterr().out).items() if not k.endswith("id")}
    kept = json.dumps(beads["fr"], ensure_ascii=False)
    assert f"10{N}000" in kept and f"«{N}Nous" in kept
    assert json.loads(plain_spaces(kept)) == beads["plain"]      # the same beads, scores and all

    for fmt in ("tmx", "csv"):
        out = tmp_path / f"out.{fmt}"
        assert main(["align", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"), "--src-lang", "fr",
                     "--tgt-lang", "en", "--format", fmt, "--output", str(out)]) == 0
        written = out.read_text(encoding="utf-8")
        assert f"M.{N}Dupont" in written and f"4{N}%" in written and f"refusé{N};" in written, fmt
    pairs = tmx.read_pairs((tmp_path / "out.tmx").read_bytes(), "out.tmx")
    again = xliff.read_pairs(xliff.write_pairs(pairs).encode("utf-8"), "out.xlf")
    assert isinstance(again, PairsFile)
    assert [u.segments for u in again.units] == [u.segments for u in pairs.units]
    assert any(f"4{N}%" in u.text("fr") for u in again.units)


def test_a_post_edited_docx_is_written_with_them():
    import docx

    from workbench.translate.paragraphs import rewrite_paragraphs

    original = _docx([f"Les{N}dockers ont dit{N}: «{N}non{N}»", f"Les salaires ont baissé de 4{N}%."])
    stored = [p.text for p in ingest_bytes(original, "a.docx").paragraphs]
    assert stored == [f"Les dockers ont dit{N}: «{N}non{N}»", f"Les salaires ont baissé de 4{N}%."]
    edited = [f"The dockers said{N}: «{N}no{N}»", f"Wages fell by 4{N}%."]
    written = rewrite_paragraphs(original, "a.docx", stored, edited)
    assert written is not None     # the original reads as the stored paragraphs
    assert [p.text for p in docx.Document(io.BytesIO(written)).paragraphs] == edited


def test_a_docx_translated_in_place_keeps_them_from_the_post_edited_segments():
    import docx

    from workbench.translate.documents import sentence_translator, translate_document

    original = _docx([f"Les salaires ont baissé de 4{N}%. La grève continue{N}!"])
    known = {"Les salaires ont baissé de 4 %.": f"Wages fell by 4{N}%.",
             "La grève continue !": f"The strike goes on{N}!"}
    translate = sentence_translator(lambda texts: ["?" for _ in texts], "fr", known)
    written = docx.Document(io.BytesIO(translate_document(original, "a.docx", translate)))
    assert [p.text for p in written.paragraphs] == [f"Wages fell by 4{N}%. The strike goes on{N}!"]


def test_a_job_reads_a_docx_with_them_kept(store, tmp_path):
    from workbench.translate.batch import translate_files
    from workbench.translate.engine import StandInEngine

    path = tmp_path / "grève.docx"
    path.write_bytes(_docx([f"Les{N}salaires ont baissé de 4{N}%{N}!"]))
    result = translate_files(store, StandInEngine({("fr", "en"): {"salaires": "wages"}}), [path], ["en"], "fr")
    [item] = result.items
    assert [p.text for p in store.documents.get(item.document_id).paragraphs] == [
        f"Les salaires ont baissé de 4{N}%{N}!"]
