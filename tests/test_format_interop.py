"""Our files read by another tool (translate-toolkit, as OmegaT/Weblate users meet it) with
every entry, and our TBX checked against TBX-Basic's rules (tests/schemas/tbx-basic-dca.sch,
an XPath 1 Schematron of the dialect's constraints; bench/tbx_basic.py runs the official
RNG and Schematron)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formats.base import PairsFile, format_for
from workbench.formats.glossary_csv import dumps_omegat
from workbench.formats.tbx import dumps_tbx
from workbench.formats.tmx import TmxUnit
from workbench.glossary import Concept, Glossary, Term, load_glossary

pytest.importorskip("translate.storage.tbx")
lxml_etree = pytest.importorskip("lxml.etree")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT / "glossaries" / "political-terms.toml"
UNITS = [TmxUnit({"en": f"Strike {i}: «ü» {{1}}now{{/1}} & <b>", "tr": f"Grev {i}: ş"}, props={"x-note": f"note {i}"})
         for i in range(7)] + [TmxUnit({"en": "Not translated yet.", "tr": ""})]


def _draft_name_glossary() -> Glossary:
    return Glossary(tuple(c.normalized() for c in (
        Concept("cgt-argentina", "organisations", "draft", "", "", 1, (
            Term("es", "CGT", pos="properNoun", proper_name=True), Term("en", "CGT", pos="properNoun"))),
        Concept("general-strike", "struggle", "approved", "", "", 1, (
            Term("en", "general strike"), Term("tr", "genel grev"), Term("es", "paro general", "admitted"))),
    )))


def test_tbx_v2_is_read_by_translate_toolkit_with_every_entry():
    from translate.storage.tbx import tbxfile

    glossary = load_glossary(SHARED)
    store = tbxfile.parsestring(dumps_tbx(glossary, dialect="v2").encode("utf-8"))
    assert len(store.units) == len(glossary.concepts)
    assert [u.source for u in store.units] == [c.label("en") if c.terms_in("en") else c.label(c.languages[0])
                                               for c in glossary.concepts]



@pytest.mark.parametrize("src,tgt", [("en", "tr"), ("es", "en"), ("tr", "es")])
def test_tbx_v2_says_the_languages_translate_toolkit_reads_as_source_and_target(src, tgt):
    """translate-toolkit reads a v2 entry's first langSet as the source and its second as the
    target: every entry was English then German (alphabetical), so a Turkish colleague's tool
    showed German as the translation. The source and target asked for are first and second,
    and the file's language (the root's xml:lang) is the source."""
    from lxml import etree as lxml_etree
    from translate.storage.tbx import tbxfile

    from workbench.glossary.termbase import export_bytes

    glossary = _draft_name_glossary()
    text = export_bytes(glossary, "tbx", src_lang=src, tgt_lang=tgt, dialect="v2").decode("utf-8")
    store = tbxfile.parsestring(text.encode("utf-8"))
    [entry] = [c for c in glossary.concepts if c.id == "general-strike"]
    [unit] = [u for u in store.units if u.getid() == "general-strike"]
    assert (unit.source, unit.target) == (entry.label(src), entry.label(tgt))
    root = lxml_etree.fromstring(text.encode("utf-8"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == src

def _pairs_bytes(name: str, **options) -> bytes:
    return format_for(name, "pairs").write(PairsFile(UNITS, src_lang="en", tgt_lang="tr"), **options).encode()


@pytest.mark.parametrize("name,options,reader", [
    ("tm.tmx", {}, "translate.storage.tmx:tmxfile"),
    ("tm.xlf", {"version": "1.2"}, "translate.storage.xliff:xlifffile"),
    ("tm.xlf", {"version": "2.0"}, "translate.storage.xliff2:Xliff2File"),
    ("tm.csv", {}, "translate.storage.csvl10n:csvfile"),
])
def test_pairs_files_are_read_by_translate_toolkit_with_every_entry(name, options, reader):
    import importlib

    module, cls = reader.split(":")
    store = getattr(importlib.import_module(module), cls).parsestring(_pairs_bytes(name, **options))
    units = [u for u in store.units if not u.isheader()]
    assert [(u.source, u.target or "") for u in units] == [(u.segments["en"], u.segments["tr"]) for u in UNITS]


def test_xliff_12_notes_are_where_translate_toolkit_reads_them():
    from translate.storage.xliff import xlifffile

    store = xlifffile.parsestring(_pairs_bytes("tm.xlf", version="1.2"))
    assert [u.getnotes() for u in store.units][:2] == ["note 0", "note 1"]
    assert len({u.getid() for u in store.units}) == len(UNITS)          # trans-unit ids are unique


def test_omegat_tsv_has_no_line_translate_toolkit_misreads():
    from translate.storage.omegat import OmegaTFileTab

    text = dumps_omegat(load_glossary(SHARED), "en", "es")
    store = OmegaTFileTab.parsestring(text.encode("utf-8"))
    assert len(store.units) == len(text.splitlines()) > 300
    assert not [u.source for u in store.units if u.source.startswith("#")]


def _schematron():
    from lxml import isoschematron

    return isoschematron.Schematron(lxml_etree.parse(str(ROOT / "tests" / "schemas" / "tbx-basic-dca.sch")),
                                    store_report=True)


def _failures(sch, text: str) -> list[str]:
    sch.validate(lxml_etree.fromstring(text.encode("utf-8")))
    ns = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    return sch.validation_report.xpath("//svrl:failed-assert/svrl:text/text()", namespaces=ns)


def test_our_tbx_passes_the_tbx_basic_rules():
    sch = _schematron()
    assert _failures(sch, dumps_tbx(load_glossary(SHARED))) == []
    assert _failures(sch, dumps_tbx(_draft_name_glossary())) == []


def test_the_rules_catch_what_tbx_basic_forbids():
    """The check can fail: the old exporter's properNoun, a DCT element, a termNote at the wrong level."""
    sch = _schematron()
    good = dumps_tbx(_draft_name_glossary())
    proper = good.replace('<termNote type="partOfSpeech">noun</termNote>\n            <termNote type="administrativeStatus">'
                          'admittedTerm-admn-sts</termNote>\n            <note>workbench:status=preferred</note>\n'
                          '            <note>workbench:pos=properNoun</note>',
                          '<termNote type="partOfSpeech">properNoun</termNote>', 1)
    assert proper != good
    assert _failures(sch, proper) == ["partOfSpeech is noun, verb, adjective, adverb or other."]
    misplaced = good.replace('<descrip type="subjectField">struggle</descrip>',
                             '<termNote type="termType">phrase</termNote>')
    assert "termNote only at the termSec level." in _failures(sch, misplaced)


def test_draft_terms_are_admitted_and_names_are_nouns_with_a_note():
    text = dumps_tbx(_draft_name_glossary())
    entry = text[text.index('<conceptEntry id="cgt-argentina">'):text.index("</conceptEntry>")]
    assert "preferredTerm-admn-sts" not in entry and entry.count("admittedTerm-admn-sts") == 2
    assert entry.count("<note>workbench:pos=properNoun</note>") == 2
    from workbench.formats.tbx import loads_tbx

    assert loads_tbx(text) == _draft_name_glossary()
