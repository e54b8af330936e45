"""TBX and CSV/TSV glossary files: round trips, hostile XML, errors that name the row or element."""

from functools import lru_cache
from pathlib import Path

import pytest

from workbench.errors import FormatError, InputError
from workbench.formats.glossary_csv import dumps_multi, dumps_omegat, loads_multi, loads_omegat, read_csv
from workbench.formats.tbx import dumps_tbx, loads_tbx, read_tbx, write_tbx
from workbench.glossary import Concept, Glossary, Term, load_glossary

SHARED = Path(__file__).resolve().parent.parent / "glossaries" / "political-terms.toml"


@lru_cache(maxsize=1)
def shared() -> Glossary:
    return load_glossary(SHARED)


def sample() -> Glossary:
    return Glossary(tuple(c.normalized() for c in (
        Concept("regime-union", "unions", "approved", "A union tied to the state & employers.", "Contested <term>.", 3, (
            Term("en", "regime union"), Term("de", "Regimegewerkschaft", gender="feminine"),
            Term("tr", "sarı sendika", "forbidden", note="Another concept."),
            Term("es", "sindicato oficialista", "admitted", gender="masculine", variants=("sindicatos oficiales",)))),
        Concept("cgt-argentina", "organisations", "draft", "", "", 1, (
            Term("es", "CGT", pos="properNoun", case_sensitive=True, proper_name=True,
                 gloss="General Confederation of Labour (Argentina)"),)),
        Concept("1905-revolution", "history", "approved", "", "", 1, (Term("en", "1905 Revolution"),)),
        Concept("last-instance", "history", "draft", "", "", 1, (
            Term("en", "in the last instance", "deprecated", pos="phrase"),)),
    )))


def test_tbx_export_import_export_is_identical_on_the_shared_glossary(tmp_path):
    first = write_tbx(shared(), tmp_path / "a.tbx")
    again = write_tbx(read_tbx(first), tmp_path / "b.tbx")
    assert first.read_bytes() == again.read_bytes()
    assert read_tbx(first) == shared()


def test_tbx_keeps_everything_the_model_holds():
    text = dumps_tbx(sample())
    assert loads_tbx(text) == sample()
    assert "properNoun</termNote>" not in text                    # not a TBX-Basic value: a noun + a note
    assert '<term>CGT</term>\n            <termNote type="partOfSpeech">noun</termNote>' in text
    assert "<note>workbench:pos=properNoun</note>" in text
    assert "<tbx " in text and 'type="TBX-Basic"' in text and "&amp; employers" in text
    assert '<conceptEntry id="_1905-revolution">' in text          # an XML id starts with a letter or _


def test_tbx_v2_martif_is_read():
    v2 = """<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><text><body>
      <termEntry id="strike"><descrip type="subjectField">struggle</descrip>
        <langSet xml:lang="en"><tig><term>strike</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
        <langSet xml:lang="de"><tig><term>Ausstand</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
      </termEntry></body></text></martif>"""
    [c] = loads_tbx(v2).concepts
    assert (c.id, [(t.lang, t.text, t.status) for t in c.terms]) == (
        "strike", [("de", "Ausstand", "admitted"), ("en", "strike", "preferred")])


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tbx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tbx type="TBX-Basic"><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&lol3;</term></termSec></langSec></conceptEntry></body></text></tbx>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx type="TBX-Basic"><text><body><conceptEntry id="x"><langSec xml:lang="en">
<termSec><term>&secret;</term></termSec></langSec></conceptEntry></body></text></tbx>"""


def test_billion_laughs_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "laughs.tbx"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(FormatError, match=r"laughs\.tbx: refused: .*entit"):
        read_tbx(path)


def test_external_entity_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "external.tbx"
    path.write_text(EXTERNAL, encoding="utf-8")
    with pytest.raises(FormatError, match=r"external\.tbx: refused: .*external (documents|references)"):
        read_tbx(path)


@pytest.mark.parametrize("xml,where", [
    ("<tbx><text><body>\n<conceptEntry id='a'>\n<langSec>\n<termSec><term>x</term></termSec></langSec>"
     "</conceptEntry></body></text></tbx>", r"g.tbx: line 3: <langSec> without xml:lang"),
    ("<tbx><text><body><conceptEntry id='b'><langSec xml:lang='en'>\n\n<termSec><term/>"
     "</termSec></langSec></conceptEntry></body></text></tbx>", r"g.tbx: line 3: <termSec> without <term> text"),
    ("<tbx><text><body><conceptEntry id='b'><langSec xml:lang='english language'><termSec><term>x</term>"
     "</termSec></langSec></conceptEntry></body></text></tbx>", r"g.tbx: line 1: <conceptEntry> 1: term 1 .*"
                                                                 r"language code 'english language'"),
    ("<tbx><text>", r"line 1, column \d+: not well-formed"),
    ("<html/>", r"root element <html>"),
])
def test_tbx_errors_name_the_element(xml, where):
    with pytest.raises(FormatError, match=where):
        loads_tbx(xml, name="g.tbx")


def test_multi_language_csv_round_trip_is_lossless():
    text = dumps_multi(shared())
    assert loads_multi(text) == shared()
    assert dumps_multi(loads_multi(dumps_multi(sample()))) == dumps_multi(sample())


@pytest.mark.parametrize("csv_text,where", [
    ("concept_id,lang,text\nx,en,\n", "line 2: concept_id, lang and text must not be empty"),
    ("concept_id,lang,text,proper_name\nx,en,a\ny,en,b,perhaps\n", "line 3: proper_name 'perhaps'"),
    ("concept_id,lang,text,status\nx,en,a\nx,de,b,sometimes\n", r"line 3 \(de 'b'\): status 'sometimes'"),
    ("lang,text\nen,a\n", "line 1: missing column"),
    ("", "empty"),
])
def test_csv_errors_name_the_row(csv_text, where):
    with pytest.raises(FormatError, match=where):
        loads_multi(csv_text, name="g.csv")


def test_omegat_tsv_for_one_pair(tmp_path):
    text = dumps_omegat(sample(), "en", "es")
    lines = text.splitlines()
    assert lines[0] == "regime union\tsindicato oficialista\tadmitted — [regime-union]"   # no '#' line
    assert all(len(line.split("\t")) == 3 for line in lines)
    assert "sarı sendika" not in dumps_omegat(sample(), "en", "tr")        # forbidden targets are left out
    with pytest.raises(InputError, match="give the source and target"):
        loads_omegat(text, None, None)
    assert loads_omegat("# workbench glossary en → es\n" + text, None, None) == loads_omegat(text, "en", "es")
    back = loads_omegat(text, "en", "es")
    [c] = back.concepts
    assert (c.id, [(t.lang, t.text, t.status) for t in c.terms]) == (
        "regime-union", [("en", "regime union", "preferred"), ("es", "sindicato oficialista", "admitted")])


def test_omegat_file_without_header_needs_languages_and_errors_name_the_line(tmp_path):
    path = tmp_path / "omegat.tsv"
    path.write_text("# my glossary\nhuelga\tstrike\tcommon\nlockout\n", encoding="utf-8")
    with pytest.raises(InputError, match="give the source and target"):
        read_csv(path)
    with pytest.raises(FormatError, match="omegat.tsv: line 3"):
        read_csv(path, src_lang="es", tgt_lang="en")
    path.write_text("huelga\tstrike\tcommon\nhuelga\twalkout\n", encoding="utf-8")
    [c] = read_csv(path, src_lang="es", tgt_lang="en").concepts
    assert [(t.text, t.status, t.note) for t in c.terms_in("en")] == [
        ("strike", "preferred", "common"), ("walkout", "admitted", "")]


@pytest.mark.parametrize("name, data, message", [
    ("colleague.tbx", b"<tbx><text>", "colleague.tbx: "),
    ("terms.csv", "concept_id,lang,text\nstrike,de,Stre\xefk\n".encode("latin-1"),
     "terms.csv: not UTF-8 text (byte 35)"),
    ("terms.toml", b"[[concept]]\nid = 3\n", "terms.toml"),
])
def test_an_uploaded_glossary_error_names_the_upload_and_writes_nothing(store, name, data, message):
    from workbench.errors import FormatError
    from workbench.glossary.termbase import import_bytes

    with pytest.raises(FormatError) as err:
        import_bytes(store, data, name, user="ana")
    assert str(err.value).startswith(message) and "tmp" not in str(err.value)
    assert store.glossary.count() == 0
