"""The contract every registered format keeps (translate-toolkit's model): round trip,
non-ASCII, inline markup, empty targets, entity refusal and errors that name the line.

Each format of the registry is a parameter: a new format is tested by being registered.
"""

from __future__ import annotations

import pytest

from workbench.errors import FormatError, InputError
from workbench.formats.base import PairsFile, ReadLog, format_for, registry
from workbench.formats.tmx import TmxUnit
from workbench.glossary import Concept, Glossary, Term

PAIRS = [f for f in registry() if f.family == "pairs"]
GLOSSARIES = [f for f in registry() if f.family == "glossary"]
NON_ASCII = "Dayanışma — «huelga» ĉu Ünal's 𝄞 grève"
MARKUP = 'Click {1}Centre{/1} & <b>"bold"</b> here{2/}'


def _name(fmt) -> str:
    return f"file{fmt.extensions[0]}"


def _pairs_round_trip(fmt, texts: list[tuple[str, str]], log: ReadLog | None = None) -> list[tuple[str, str]]:
    units = [TmxUnit({"en": s, "tr": t}) for s, t in texts]
    data = fmt.write(PairsFile(units, src_lang="en", tgt_lang="tr")).encode("utf-8")
    back = fmt.read(data, _name(fmt), log, src_lang="en", tgt_lang="tr")
    return [(u.text("en"), u.text("tr")) for u in back.units]


@pytest.mark.parametrize("fmt", PAIRS, ids=lambda f: f.name)
@pytest.mark.parametrize("text", ["The strike goes on.", NON_ASCII, MARKUP], ids=["plain", "non-ascii", "markup"])
def test_pairs_round_trip(fmt, text):
    assert _pairs_round_trip(fmt, [(text, text[::-1]), ("Second unit.", "İkinci birim.")]) == [
        (text, text[::-1]), ("Second unit.", "İkinci birim.")]


@pytest.mark.parametrize("fmt", PAIRS, ids=lambda f: f.name)
def test_pairs_empty_target_is_kept_or_counted_never_silently_lost(fmt):
    log = ReadLog()
    back = _pairs_round_trip(fmt, [("Only a source.", ""), ("Both.", "İkisi.")], log)
    assert ("Both.", "İkisi.") in back
    assert ("Only a source.", "") in back or any(word in line for line in log.lines() for word in ("empty", "translation"))


def _glossary() -> Glossary:
    return Glossary((
        Concept("regime-union", "unions", "approved", "A union tied to the state.", "", 2, (
            Term("en", "regime union"), Term("tr", "sarı sendika", gender=None, note=NON_ASCII))),
        Concept("markup", "press", "approved", "", "", 1, (
            Term("en", "<b>bold</b> & co"), Term("tr", MARKUP))),
    ))


def _comparable(fmt, glossary: Glossary):
    """What the format can hold: everything, or for OmegaT's TSV the term pairs."""
    if fmt.name == "tsv":
        return sorted((c.terms_in("en")[0].text, t.text) for c in glossary.concepts for t in c.terms_in("tr"))
    return glossary


@pytest.mark.parametrize("fmt", GLOSSARIES, ids=lambda f: f.name)
def test_glossary_round_trip_with_non_ascii_and_markup(fmt):
    data = fmt.write(_glossary(), name=_name(fmt), src_lang="en", tgt_lang="tr").encode("utf-8")
    back = fmt.read(data, _name(fmt), ReadLog(), src_lang="en", tgt_lang="tr")
    assert _comparable(fmt, back) == _comparable(fmt, _glossary())


@pytest.mark.parametrize("fmt", GLOSSARIES, ids=lambda f: f.name)
def test_glossary_concept_without_a_target_term(fmt):
    """An 'empty target': the concept has no term in the target language."""
    glossary = Glossary((Concept("alone", "history", "approved", "", "", 1, (Term("en", "alone"),)),))
    data = fmt.write(glossary, name=_name(fmt), src_lang="en", tgt_lang="tr").encode("utf-8")
    if fmt.name == "tsv":
        assert data == b""          # nothing to pair: no line (a '#' line would be read as an entry)
        return
    assert fmt.read(data, _name(fmt), ReadLog()) == glossary


XML_BOMB = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            "<{root}>&b;</{root}>")


@pytest.mark.parametrize("fmt", [f for f in registry() if f.name in ("tmx", "xliff", "tbx")],
                         ids=lambda f: f"{f.family}-{f.name}")
def test_xml_formats_refuse_entities_with_one_message(fmt):
    with pytest.raises(FormatError, match=r"^f\S+: refused: the file declares XML entities"):
        fmt.read(XML_BOMB.format(root="x").encode(), _name(fmt), ReadLog())


@pytest.mark.parametrize("fmt", [f for f in registry() if f.name not in ("tmx", "xliff", "tbx")],
                         ids=lambda f: f"{f.family}-{f.name}")
def test_text_formats_keep_entity_references_as_text(fmt):
    if fmt.family == "pairs":
        assert _pairs_round_trip(fmt, [("&xxe; <!ENTITY a 'b'>", "&a;")]) == [("&xxe; <!ENTITY a 'b'>", "&a;")]
    else:
        g = Glossary((Concept("xxe", "history", "approved", "", "", 1,
                              (Term("en", "&xxe;"), Term("tr", "&a;"))),))
        data = fmt.write(g, name=_name(fmt), src_lang="en", tgt_lang="tr").encode()
        assert _comparable(fmt, fmt.read(data, _name(fmt), ReadLog(), src_lang="en", tgt_lang="tr")) == \
            _comparable(fmt, g)


BROKEN = {  # (family, name): bytes whose third line is bad
    ("pairs", "tmx"): b'<tmx version="1.4"><header srclang="en"/><body>\n<tu><tuv xml:lang="en"><seg>a</seg></tuv>\n'
                      b"<tu><tuv><seg>b</tuv></tu></body></tmx>",
    ("pairs", "xliff"): b'<xliff version="2.0" srcLang="en" trgLang="tr">\n<file id="f">\n<unit id="u"><segment>'
                        b"<source>a</target></segment></unit></file></xliff>",
    ("pairs", "csv"): b"source,target\nok,tamam\n\"unclosed,quote\n",
    ("pairs", "tsv"): b"ok\ttamam\nfine\tiyi\nonly one column\n",
    ("glossary", "tbx"): b"<tbx><text><body>\n<conceptEntry id='a'>\n<langSec><termSec><term>x</term></termSec>"
                         b"</langSec></conceptEntry></body></text></tbx>",
    ("glossary", "csv"): b"concept_id,lang,text\nstrike,en,strike\nstrike,en,\n",
    ("glossary", "tsv"): b"strike\tgrev\nlockout\tlokavt\nonly a source\n",
    ("glossary", "toml"): b'[[concept]]\nid = "a"\nsubject = \n',
}


@pytest.mark.parametrize("key", list(BROKEN), ids=lambda k: f"{k[0]}-{k[1]}")
def test_errors_name_the_file_and_line(key):
    fmt = next(f for f in registry() if (f.family, f.name) == key)
    with pytest.raises((FormatError, InputError), match=rf"^file\{fmt.extensions[0]}: (.*\b)?(line|row) 3\b"):
        fmt.read(BROKEN[key], _name(fmt), ReadLog(), src_lang="en", tgt_lang="tr")


def test_every_format_has_a_broken_case_and_the_registry_finds_formats_by_extension():
    assert {(f.family, f.name) for f in registry()} == set(BROKEN)
    assert format_for("a.XLIFF", "pairs").name == "xliff"
    assert format_for("terms.tsv", "glossary").name == "tsv"
    with pytest.raises(InputError, match=r"x\.doc: unknown glossary format '\.doc'; use \.tbx"):
        format_for("x.doc", "glossary")


@pytest.mark.parametrize("data,message", [
    (b"<a>" * 300 + b"</a>" * 300, r"line 1: elements nested more than 200 deep"),
    (b'<?xml version="1.0" encoding="x-martian"?><tmx/>', r"line 1: unknown encoding: x-martian"),
    (b"\xff\xfe<\x00t\x00m\x00x\x00", r"line 1, column \d+: not well-formed XML"),
])
def test_hostile_xml_is_an_error_naming_the_line(data, message):
    for fmt in (f for f in registry() if f.name in ("tmx", "xliff", "tbx")):
        with pytest.raises(FormatError, match=rf"^file{fmt.extensions[0]}: {message}"):
            fmt.read(data, _name(fmt), ReadLog())


def test_deeply_nested_toml_is_an_error_naming_the_line():
    fmt = format_for("g.toml", "glossary")
    data = b'[[concept]]\nid = "a"\nterms = ' + b"[" * 5000 + b"]" * 5000 + b"\n"
    with pytest.raises(FormatError, match=r"^g\.toml: line 3: arrays or inline tables nested too deeply"):
        fmt.read(data, "g.toml", ReadLog())


def test_xliff_without_a_version_attribute_takes_it_from_the_namespace():
    fmt = format_for("a.xlf", "pairs")
    data = (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1"><file source-language="en" '
            b'target-language="de"><body><trans-unit id="1"><source>strike</source><target>Streik</target>'
            b"</trans-unit></body></file></xliff>")
    assert [u.segments for u in fmt.read(data, "a.xlf", ReadLog()).units] == [{"en": "strike", "de": "Streik"}]
