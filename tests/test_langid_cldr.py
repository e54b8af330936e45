"""Names of languages, countries, months, units … as each language writes
them (CLDR through babel; issue 13, ninth round) as evidence for short
strings."""

from __future__ import annotations

import pytest

from workbench import langid_cldr, langid_evidence
from workbench.langid import detect_fragment, find_foreign_spans, load_models
from workbench.langid_tokens import _lexicon

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")


@pytest.mark.parametrize("word, lang", [
    ("Uzbeco", "it"), ("Sloveno", "it"), ("Persan", "fr"), ("Bretonca", "tr"), ("Laosiano", "es"),
])
def test_a_name_of_a_language_or_unit_takes_the_language_that_writes_it_so(word, lang, monkeypatch):
    assert detect_fragment(word, SEVEN).lang == lang
    monkeypatch.setattr(langid_evidence, "W_DISPLAY_NAME", 0.0)
    assert detect_fragment(word, SEVEN).lang != lang   # the other evidence alone had it wrong


def test_a_unit_cldr_names_stays_german_when_the_analyser_also_reads_it():
    # kilo.kalori.en: CLDR's German unit name and, since the tenth round, the
    # cost of so many Esperanto morphemes each make it German
    assert detect_fragment("Kilokalorien", SEVEN).lang == "de"


@pytest.mark.parametrize("key, langs", [
    ("deutschland", ("de",)), ("estados unidos", ("es",)), ("çarşamba", ("tr",)), ("mercredi", ("fr",)),
    ("uzbeco", ("it",)), ("paketname", ()),
])
def test_naming_languages_are_the_candidates_that_write_the_whole_name(key, langs):
    assert tuple(SEVEN[i] for i in langid_cldr.naming_languages(key, SEVEN)) == langs


def test_a_language_cldr_does_not_know_has_no_names():
    assert langid_cldr.display_names("xx") == frozenset()
    assert langid_cldr.naming_languages("deutschland", ("xx", "de")) == (1,)


def test_a_heading_longer_fragments_and_spans_do_not_use_the_names(monkeypatch):
    sentence = "Workers from Deutschland and Türkiye met in Estados Unidos."
    cases = [detect_fragment("Uzbeco", SEVEN, prior="en"), detect_fragment("Uzbeco e Sloveno e Persan", SEVEN),
             find_foreign_spans(sentence, "en", candidates=SEVEN)]
    monkeypatch.setattr(langid_evidence, "W_DISPLAY_NAME", 0.0)
    assert [detect_fragment("Uzbeco", SEVEN, prior="en"), detect_fragment("Uzbeco e Sloveno e Persan", SEVEN),
            find_foreign_spans(sentence, "en", candidates=SEVEN)] == cases


@pytest.mark.parametrize("word", ["Marzo", "Agosto"])
def test_a_month_alone_is_told_by_cldr_not_by_one_languages_list(word):
    # the hand-written lists name months in English and Spanish only, while
    # CLDR names marzo and agosto in Spanish and Italian alike: the Spanish
    # list made the Italian labels Spanish (fourteenth round)
    assert word.lower() in _lexicon("es") and word.lower() not in _lexicon("it")
    assert {SEVEN[i] for i in langid_cldr.naming_languages(word.lower(), SEVEN)} == {"es", "it"}
    found = detect_fragment(word, SEVEN)
    assert found.lang == "it" and dict(found.alternatives)["es"] > 0.3   # both write it: a close call


def test_the_lists_still_count_for_a_month_in_running_text_or_a_heading():
    assert detect_fragment("huelga de marzo", SEVEN).lang == "es"
    assert detect_fragment("Marzo", SEVEN, prior="es").lang == "es"
    assert detect_fragment("Luglio", SEVEN).lang == "it" and detect_fragment("Enero", SEVEN).lang == "es"


def test_load_models_reads_the_names_up_front():
    langid_cldr.display_names.cache_clear()
    load_models(SEVEN)
    assert langid_cldr.display_names.cache_info().currsize == len(SEVEN)
