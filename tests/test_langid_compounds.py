"""Compounds no frequency list knows, read as two known words of a language
(issue 13, tenth round)."""

from __future__ import annotations

import importlib
import math
from pathlib import Path

import pytest

from workbench import langid_compounds, langid_evidence
from workbench.langid_lexicon import _WORDFREQ_LISTS
from workbench.langid import detect_fragment, find_foreign_spans
from workbench.langid_lexicon import log_frequency

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")


@pytest.mark.parametrize("word", ["Tastenname", "Kanalname", "Spurname", "Fokusname", "Karteneditor",
                                  "Textmaske", "Albumname"])
def test_a_german_compound_no_list_knows_is_german(word, monkeypatch):
    assert detect_fragment(word, SEVEN).lang == "de"
    monkeypatch.setattr(langid_evidence, "compound_gains", lambda word, cands: None)
    assert detect_fragment(word, SEVEN).lang != "de"   # the other evidence alone had it wrong


@pytest.mark.parametrize("word, lang, parts", [
    ("gewerkschaftsbüro", "de", ("gewerkschaft", "s", "büro")),
    ("tastenname", "de", ("tasten", "", "name")),
    ("fensterknopf", "de", ("fenster", "", "knopf")),
])
def test_a_compound_splits_into_known_parts_and_a_linking_element(word, lang, parts):
    assert parts in set(langid_compounds.splits(word, lang))


def test_a_word_without_two_known_parts_does_not_split():
    assert list(langid_compounds.splits("xqzvbnmkwpl", "de")) == []
    assert list(langid_compounds.splits("name", "de")) == []   # parts of four letters at least
    assert langid_compounds.compound_frequency("tastenname", "eo") is None   # left to the analyser


def test_how_freely_a_language_compounds_is_measured_on_its_own_lexicon():
    share = {lang: langid_compounds.compound_share(lang) for lang in ("de", "en", "es")}
    assert share["de"] > 2 * share["en"] > 2 * share["es"] > 0.0
    assert langid_compounds.compound_share("xx") == 0.0


def test_the_estimate_is_the_best_splits_rarer_part_less_what_the_language_rarely_compounds():
    # tasten + name and taste -n- name: Taste is the more frequent rarer part
    assert ("taste", "n", "name") in set(langid_compounds.splits("tastenname", "de"))
    rarer = min(log_frequency("taste", "de"), log_frequency("name", "de"))
    assert log_frequency("tasten", "de") < rarer
    assert langid_compounds.compound_frequency("tastenname", "de") == pytest.approx(
        rarer + math.log10(langid_compounds.compound_share("de")))


def test_listed_words_and_words_no_language_splits_gain_nothing():
    assert langid_compounds.compound_gains("arbeitsplatz", SEVEN) is None   # wordfreq lists it
    assert langid_compounds.compound_gains("xqzvbnmkwpl", SEVEN) is None
    gains = langid_compounds.compound_gains("tastenname", SEVEN)
    assert gains[SEVEN.index("de")] > 2.0 and gains[SEVEN.index("eo")] == 0.0


def test_longer_fragments_headings_and_spans_do_not_use_compounds(monkeypatch):
    sentence = "The Tastenname and Kanalname settings were renamed by the union."
    cases = [detect_fragment("Tastenname", SEVEN, prior="en"),
             detect_fragment("Tastenname Kanalname Spurname Fokusname", SEVEN),
             find_foreign_spans(sentence, "en", candidates=SEVEN)]
    monkeypatch.setattr(langid_evidence, "compound_gains", lambda word, cands: None)
    assert cases == [detect_fragment("Tastenname", SEVEN, prior="en"),
                     detect_fragment("Tastenname Kanalname Spurname Fokusname", SEVEN),
                     find_foreign_spans(sentence, "en", candidates=SEVEN)]


def test_the_shipped_shares_are_read_not_measured(monkeypatch):
    def measuring(lang):
        raise AssertionError(f"{lang} measured")
    langid_compounds._stored_shares.cache_clear()
    monkeypatch.setattr(langid_compounds, "measure_compound_share", measuring)
    assert {lang: langid_compounds.compound_share(lang) for lang in _WORDFREQ_LISTS} == \
        langid_compounds._stored_shares()
    assert set(langid_compounds._stored_shares()) == set(_WORDFREQ_LISTS)


@pytest.mark.parametrize("lang", ["de", "tr", "en"])
def test_the_shipped_share_is_the_one_measured_on_the_installed_lists(lang):
    # a new wordfreq would change the lists: rebuild with build_labels.py --only-compound-shares
    assert langid_compounds._stored_shares()[lang] == langid_compounds.measure_compound_share(lang)


def test_the_builder_writes_the_shares_exactly(tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "bench" / "data" / "langid"))
    builder = importlib.import_module("build_labels")
    builder.write_compound_shares(tmp_path / "shares.tsv")
    written = langid_compounds.read_shares((tmp_path / "shares.tsv").read_text(encoding="utf-8"))
    assert written == langid_compounds._stored_shares()
    assert not list(tmp_path.glob("*.tmp"))
