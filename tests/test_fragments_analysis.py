"""The Fragments page's kept analyses: after a glossary change, analysing again only the
paragraphs where a changed term may occur gives exactly what analysing the whole text gives."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from workbench import langid
from workbench.app.fragments_analysis import AnalysisCache, changed_terms, may_hold, reanalysed
from workbench.glossary.model import Glossary

# Written for this test: English paragraphs with Turkish, Spanish and German names, a heading,
# a short line, names written in capitals and with decomposed accents.
PARAGRAPHS = (
    "Solidarity across borders",
    "Dockers of the Coordinadora Estatal de Estibadores stopped work in Algeciras on Monday.",
    "The strike committee thanked Bağımsız Maden İş and Kiracılar Meclisi for the collection.",
    "In Hamburg the Gewerkschaftliche Linke sent greetings, and KIRACILAR MECLİSİ sent a second message.",
    "Tüm Bel-Sen",
    "The workers of the Policía Bonaerense district met Marta Ledesma in La Matanza.",
    unicodedata.normalize("NFD", "A delegate from Solidaridad Obrera spoke after the Tarifkommission."),
    "The workers will march on Friday, and the union has called a meeting for Saturday.",
)
NAMES = [("Kiracılar Meclisi", "tr"), ("Algeciras", "es"), ("Gewerkschaftliche Linke", "de"), ("Tüm Bel-Sen", "tr"),
         ("La Matanza", "es"), ("Marta Ledesma", "es"), ("Solidaridad Obrera", "es"), ("Tarifkommission", "de"),
         ("Hamburg", "de"), ("Friday", "en")]
CANDIDATES = langid.DEFAULT_CANDIDATES


def _glossary(names) -> langid.GlossaryLanguages:
    return langid.glossary_languages(Glossary(tuple(langid.name_concept(text, lang) for text, lang in names)))


@pytest.fixture(scope="module")
def before():
    glossary = _glossary(NAMES[:1])
    return glossary, langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES, glossary)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.sampled_from(NAMES), max_size=4), st.sampled_from([None, "en"]))
def test_reanalysed_is_a_fresh_analysis(before, names, main_lang):
    """Names added (or the one there taken away): the same languages, confidences and spans."""
    old = before[0]
    report = langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES, old, main_lang) if main_lang else before[1]
    new = _glossary(names)
    changed = changed_terms(old, new)
    assert reanalysed(report, CANDIDATES, new, changed) == \
        langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES, new, main_lang)


def test_only_the_paragraphs_of_a_changed_term_are_analysed_again(before):
    old, report = before
    new = _glossary(NAMES[:2])
    assert changed_terms(old, new) == {"algeciras"}
    again = reanalysed(report, CANDIDATES, new, {"algeciras"})
    assert [p is q for p, q in zip(again.paragraphs, report.paragraphs)] == \
        ["Algeciras" not in p for p in PARAGRAPHS]
    assert again.spans != report.spans       # the name in the glossary changed its span: not the old answer
    assert again == langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES, new)


@pytest.mark.parametrize("paragraph, term, held", [
    ("KIRACILAR MECLİSİ sent a message", "kiracılar meclisi", True),       # capitals, Turkish I
    ("Kiracilar Meclisi sent a message", "kiracılar meclisi", True),       # loose: a superset is safe
    (unicodedata.normalize("NFD", "Policía Bonaerense"), "policía bonaerense", True),
    ("Straße und Strasse", "straße", True),
    ("Meclisi Kiracılar", "kiracılar meclisi", True),                      # words apart: still analysed
    ("The tenants' assembly met", "kiracılar meclisi", False),
    ("Algeciras", "algeciras port", False),
])
def test_may_hold(paragraph, term, held):
    assert may_hold(paragraph, {term}) is held


def test_the_cache_follows_the_glossary(before):
    cache = AnalysisCache(most=1)
    old = before[0]
    first = cache.analysis(PARAGRAPHS, CANDIDATES, None, old)
    assert first == before[1]
    assert cache.analysis(PARAGRAPHS, CANDIDATES, None, _glossary(NAMES[:1])) is first    # the same glossary
    new = _glossary(NAMES[:3])
    assert cache.analysis(PARAGRAPHS, CANDIDATES, None, new) == langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES, new)
    other = PARAGRAPHS[:2]
    assert cache.analysis(other, CANDIDATES, None, new) == langid.analyse_paragraphs(other, CANDIDATES, new)
    assert cache.analysis(PARAGRAPHS, CANDIDATES, None, None) == langid.analyse_paragraphs(PARAGRAPHS, CANDIDATES)
