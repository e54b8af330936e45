"""TMX 1.4b: round trips, escaping, dates, props, inline codes, bad input."""

from __future__ import annotations

import io

import pytest
from defusedxml import ElementTree
from hypothesis import given, settings, strategies as st

from workbench.errors import FormatError, InputError
from workbench.formats.tmx import TmxUnit, read_tmx, write_tmx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_round_trip_keeps_text_props_and_dates(tmp_path):
    units = [
        TmxUnit({"en": "The strike <won> & ended.", "es": "La huelga «ganó» y terminó."},
                props={"confidence": "0.93", "status": "accepted"}, tuid="7",
                creationdate="2026-03-01T10:20:30+00:00", creationid="ana"),
        TmxUnit({"en": "Empty target follows.", "tr": ""}, tuid="8"),
    ]
    path = tmp_path / "out.tmx"
    assert write_tmx(units, path, "en") == 2
    back = read_tmx(path)
    assert [u.segments for u in back] == [u.segments for u in units]
    assert back[0].props == {"confidence": "0.93", "status": "accepted"}
    assert back[0].tuid == "7" and back[0].creationid == "ana"
    assert back[0].creationdate == "2026-03-01T10:20:30+00:00"
    assert back[1].creationdate is not None  # a date is always written


def test_written_file_has_tmx14_structure(tmp_path):
    path = tmp_path / "out.tmx"
    write_tmx([TmxUnit({"de": "Streik", "en": "strike"}, tuid="1")], path, "de")
    root = ElementTree.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("srclang") == "de"
    tu = root.find("body/tu")
    assert tu.get("tuid") == "1" and len(tu.get("creationdate")) == 16
    assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["de", "en"]


def test_inline_codes_become_placeholders_and_go_back_out_as_codes(tmp_path):
    path = tmp_path / "in.tmx"
    path.write_text("""<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>A <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> <hi>word</hi>.</seg></tuv>
<tuv lang="es"><seg>Una palabra <ph>&lt;br/&gt;</ph>fuerte.</seg></tuv></tu></body></tmx>""", encoding="utf-8")
    [unit] = read_tmx(path)
    assert unit.segments == {"en": "A {1}bold{/1} word.", "es": "Una palabra {1/}fuerte."}
    assert unit.text("en-GB") == "A {1}bold{/1} word."
    out = io.StringIO()
    write_tmx([unit], out, "en")
    assert '<seg>A <bpt i="1">{1}</bpt>bold<ept i="1">{/1}</ept> word.</seg>' in out.getvalue()
    assert '<ph x="1">{1/}</ph>fuerte.' in out.getvalue()
    assert read_tmx(io.BytesIO(out.getvalue().encode()))[0].segments == unit.segments


def test_malformed_xml_names_the_line(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_text('<tmx version="1.4">\n<body>\n<tu><tuv xml:lang="en"><seg>x</tuv></tu>\n</body></tmx>')
    with pytest.raises(FormatError, match=r"bad.tmx: line 3"):
        read_tmx(path)


def test_entity_expansion_is_refused(tmp_path):
    path = tmp_path / "bomb.tmx"
    path.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                    '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>')
    with pytest.raises(FormatError, match="refused: the file declares XML entities"):
        read_tmx(path)


def test_not_tmx_and_missing_lang(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text("<xliff/>")
    with pytest.raises(FormatError, match="not <tmx>"):
        read_tmx(path)
    path.write_text('<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>')
    with pytest.raises(FormatError, match="tu 1: <tuv> without xml:lang"):
        read_tmx(path)


def test_control_characters_and_bad_srclang_are_refused(tmp_path):
    with pytest.raises(InputError, match="unit 3: segment en contains the control character U\\+0007"):
        write_tmx([TmxUnit({"en": "bell\x07"}, tuid="3")], tmp_path / "a.tmx", "en")
    assert not (tmp_path / "a.tmx").exists()
    with pytest.raises(InputError, match="srclang"):
        write_tmx([], tmp_path / "b.tmx", "english language")


def test_creationdate_dates_the_header_and_undated_units_only():
    units = [TmxUnit({"en": "a", "es": "b"}, tuid="1"),
             TmxUnit({"en": "c", "es": "d"}, tuid="2", creationdate="2025-01-02T03:04:05+00:00")]
    first, second = io.StringIO(), io.StringIO()
    write_tmx(units, first, "en", creationdate="2026-03-01T10:20:30+01:00")
    write_tmx(units, second, "en", creationdate="20260301T092030Z")  # TMX's own form, same moment
    assert first.getvalue() == second.getvalue()
    root = ElementTree.fromstring(first.getvalue().encode("utf-8"))
    assert root.find("header").get("creationdate") == "20260301T092030Z"
    assert [tu.get("creationdate") for tu in root.iter("tu")] == ["20260301T092030Z", "20250102T030405Z"]
    with pytest.raises(InputError, match="header"):
        write_tmx(units, io.StringIO(), "en", creationdate="yesterday")


def test_writes_to_open_file():
    buf = io.StringIO()
    write_tmx([TmxUnit({"en": "a", "eo": "ĉu"})], buf, "en")
    assert "<seg>ĉu</seg>" in buf.getvalue()


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_text, _text), max_size=5))
def test_round_trip_property(pairs):
    units = [TmxUnit({"en": a, "tr": b}, tuid=str(i)) for i, (a, b) in enumerate(pairs)]
    buf = io.StringIO()
    write_tmx(units, buf, "en")
    back = read_tmx(io.BytesIO(buf.getvalue().encode("utf-8")))
    # XML normalises CR and CRLF line ends to LF
    norm = lambda s: s.replace("\r\n", "\n").replace("\r", "\n")  # noqa: E731
    assert [(u.segments["en"], u.segments["tr"]) for u in back] == [(norm(a), norm(b)) for a, b in pairs]
