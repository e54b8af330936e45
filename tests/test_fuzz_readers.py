"""Fuzzing ingest and every file reader: whatever the bytes, a reader returns a
result or raises the workbench's own error (one ``Error:`` line in the CLI),
never another exception. Time-boxed: a fixed number of derandomized examples
per reader (about 10-20 s in all)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from workbench.errors import WorkbenchError

FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of the formats the readers expect, so examples reach past the first check.
XML_PIECES = ['<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="x-unknown"?>',
              "<tmx version='1.4'>", "</tmx>", "<header srclang='en'/>", "<body>", "</body>", "<tu>", "</tu>",
              "<tuv xml:lang='en'>", "<tuv lang='es'>", "</tuv>", "<seg>", "</seg>", "<bpt i='1'>", "</bpt>",
              "<martif type='TBX'>", "</martif>", "<termEntry id='c1'>", "</termEntry>", "<langSet xml:lang='de'>",
              "</langSet>", "<term>", "</term>", "<termNote type='administrativeStatus'>", "</termNote>",
              "<xliff version='2.0' srcLang='en' trgLang='es'>", "</xliff>", "<file id='f'>", "</file>",
              "<unit id='u'>", "</unit>", "<segment>", "</segment>", "<source>", "</source>", "<target>",
              "</target>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;", "&amp;", "&#0;", "<![CDATA[x]]>", "<", ">",
              "huelga", "Streik", "grev", "ı", "\x00", "\ufffd"]
TEXT_PIECES = ["concept_id,lang,text,status\n", "strike,en,strike,preferred\n", "strike,es,huelga,forbidden\n",
               "id,subject\n", "\r", "\n", ",", '"', '""', "\t", "strike\thuelga\n", "[[concept]]\n",
               'id = "strike"\n', 'subject = "struggle"\n', "[[concept.term]]\n", 'lang = "en"\n',
               'text = "strike"\n', "version = 0\n", "[", "]", "{", "}", "=", "0-0 1-1\n", "0,1-2\n", "x-y\n",
               "Streik :: strike\n", "Streik {m} | Streiks :: strike | strikes\n", "#", "ß", "İ", "\ufeff"]


def _pieces(pieces):
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=8)), max_size=60).map("".join)


BYTES = st.one_of(st.binary(max_size=1500), _pieces(XML_PIECES).map(lambda s: s.encode("utf-8", "surrogatepass")))
TEXT = st.one_of(st.text(max_size=1500), _pieces(TEXT_PIECES))


def _through_file(data: bytes, suffix: str, read):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        return read(path)


def _readers():
    """Every reader of the formats registry (pairs and glossary families), ingest and the
    dictionary reader: (name, suffix, read(path))."""
    from workbench.align.dictionary import load_dictionary
    from workbench.formats.base import registry
    from workbench.ingest import ingest_file

    def from_bytes(fmt, suffix):
        return lambda path: fmt.read(path.read_bytes(), f"fuzz{suffix}", src_lang="en", tgt_lang="es")

    readers = [(f"{f.family} {f.name}", f.extensions[0], from_bytes(f, f.extensions[0])) for f in registry()]
    return readers + [
        ("ding dictionary", ".txt", lambda p: load_dictionary(p, "de", "en")),
        ("ingest txt", ".txt", ingest_file),
        ("ingest html", ".html", ingest_file),
    ]


READERS = _readers()


@pytest.mark.parametrize("name, suffix, read", READERS, ids=[r[0] for r in READERS])
@FUZZ
@given(data=st.one_of(BYTES, TEXT.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_a_reader_returns_or_raises_its_own_error(name, suffix, read, data):
    try:
        _through_file(data, suffix, read)
    except WorkbenchError as exc:
        assert str(exc).strip()   # a message, never an empty one


@FUZZ
@given(text=TEXT)
def test_beads_parser_returns_or_raises_its_own_error(text):
    from workbench.formats.beads import parse_beads

    try:
        parse_beads(text)
    except WorkbenchError as exc:
        assert str(exc).strip()
