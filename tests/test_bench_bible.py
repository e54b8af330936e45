"""The Bible set builder of the alignment bench (bench/data/align/bible.py, issue 14) reads files
of its sources' shapes into lines and gold; the verses here are written for the test."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ALIGN_DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "align"

XML = """<?xml version="1.0" ?>
<cesDoc version="4"><cesHeader version="2"><fileDesc><titleStmt><h.title>Test</h.title></titleStmt>
</fileDesc></cesHeader><text><body id="Bible" lang="xx">
<div id="b.RUT" type="book"><div id="b.RUT.1" type="chapter">
  <seg id="b.RUT.1.1" type="verse">
     {v1}
  </seg>
  <seg id="b.RUT.1.2" type="verse">{v2}</seg>
  <seg id="b.RUT.1.3" type="verse">{v3}</seg>
</div><div id="b.RUT.2" type="chapter">
  <seg id="b.RUT.2.1" type="verse">{v4}</seg>
  {extra}
</div></div>
<div id="b.JON" type="book"><div id="b.JON.1" type="chapter">
  <seg id="b.JON.1.1" type="verse">{v1}</seg>
</div></div>
</body></text></cesDoc>
"""
SOURCE = XML.format(v1="A lamp was lit   in the hall.", v2="The guests came late.", v3="They sat down.",
                    v4="Then the rain began.", extra="")
# the target translates 1:2 and 1:3 as one verse (1:3 empty) and has a verse 2:2 the source lacks
TARGET = XML.format(v1="Una lámpara ardía en la sala.", v2="Los invitados llegaron tarde y se sentaron.", v3="",
                    v4="Entonces empezó la lluvia.", extra='<seg id="b.RUT.2.2" type="verse">Y no paró.</seg>')


@pytest.fixture
def bible(monkeypatch):
    monkeypatch.syspath_prepend(str(ALIGN_DATA))
    return importlib.import_module("bible")


def test_the_corpus_xml_is_read_into_books_of_verses(bible):
    books = bible.read_corpus_xml(SOURCE)
    assert sorted(books) == ["JON", "RUT"]
    verses, joins = books["RUT"]
    assert verses[(1, 1)] == "A lamp was lit in the hall."
    assert list(verses) == [(1, 1), (1, 2), (1, 3), (2, 1)] and joins == {}
    assert bible.read_corpus_xml(TARGET)["RUT"][0][(1, 3)] == ""


def test_an_empty_verse_joins_the_one_before_and_a_one_sided_verse_is_its_own_bead(bible):
    made = bible.book_pair(bible.read_corpus_xml(SOURCE)["RUT"], bible.read_corpus_xml(TARGET)["RUT"],
                           max_one_sided=1)
    assert made["lines"][0] == ["A lamp was lit in the hall.", "The guests came late.", "They sat down.",
                                "Then the rain began."]
    assert made["lines"][1] == ["Una lámpara ardía en la sala.", "Los invitados llegaron tarde y se sentaron.",
                                "Entonces empezó la lluvia.", "Y no paró."]
    assert made["ids"][1] == ["1.1", "1.2+1.3", "2.1", "2.2"]
    assert made["gold"] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((), (3,))]
    # by default a verse on one side only means another versification: the book is left out
    assert bible.book_pair(bible.read_corpus_xml(SOURCE)["RUT"], bible.read_corpus_xml(TARGET)["RUT"]) is None


BOOK_JS = """var book = {
\t"name": "Test",
\t"numChapters": 1,
\t"chapters": {
\t\t"1": {
\t\t\t"1": "<span class=\\"chapternum\\">1 </span>The boat left at dawn with the \
<span class=\\"small-caps\\">Lord</span>.",
\t\t\t"2": "<sup class=\\"versenum\\">2 </sup>{v2}",
\t\t\t"3": "<span>3</span> The sea was calm."
\t\t}
\t}
};
module.exports = book;
"""


def test_book_files_lose_their_markup_and_a_marked_verse_joins_the_one_it_names(bible):
    source = bible.read_book_js(BOOK_JS.replace("{v2}", "Nobody spoke."))
    assert source[0] == {(1, 1): "The boat left at dawn with the Lord.", (1, 2): "Nobody spoke.",
                         (1, 3): "The sea was calm."}
    target = bible.read_book_js(BOOK_JS.replace("{v2}", "(SEE 1:1)"))
    assert target[1] == {(1, 2): (1, 1)}
    assert bible.book_pair(source, target)["gold"] == [((0, 1), (0,)), ((2,), (1,))]
    # an empty verse without the marker is another versification: left out
    assert bible.book_pair(source, bible.read_book_js(BOOK_JS.replace("{v2}", ""))) is None


def test_build_writes_what_read_pair_gives_back(bible, tmp_path, monkeypatch):
    monkeypatch.setattr(bible, "PAIRS", (("en", "es"),))
    monkeypatch.setattr(bible, "DEV_BOOKS", ("RUT",))
    monkeypatch.setattr(bible, "TEST_BOOKS", ("JON", "OBA"))
    texts = {"bibles/English.xml": SOURCE, "bibles/Spanish.xml": TARGET.replace(
        '<seg id="b.RUT.2.2" type="verse">Y no paró.</seg>', "")}
    bible.build(tmp_path, lambda repo, path, clones: texts[path], {})
    pair = bible.read_pair(tmp_path / "bible" / "en-es", "RUT", "en", "es")
    assert pair["source"][0] == "A lamp was lit in the hall." and len(pair["target"]) == 3
    assert pair["gold"] == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]
    assert bible.read_pair(tmp_path / "bible" / "en-es", "JON", "en", "es")["gold"] == [((0,), (0,))]
    assert bible.read_pair(tmp_path / "bible" / "en-es", "OBA", "en", "es") is None  # in neither file


def test_dev_and_test_books_do_not_overlap(bible):
    assert not set(bible.DEV_BOOKS) & set(bible.TEST_BOOKS)
    assert set(bible.DEV_BOOKS) | set(bible.TEST_BOOKS) <= set(bible.BOOKS) and len(bible.BOOKS) == 66
