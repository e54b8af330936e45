"""The one-word probe of the langid bench (bench/data/langid/probe_one_word.py,
issue 13, thirteenth round) takes a word's evidence apart as detect_fragment
adds it up; these checks keep the two in step on strings written for the test."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest

from workbench.langid import detect_fragment

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")
PROBE_DIR = Path(__file__).resolve().parent.parent / "bench" / "data" / "langid"
# a compound no list knows, a hyphen before a German noun, an Esperanto word
# and one in -en, a Turkish suffix after an apostrophe, a town, a French
# elision, accents, words two languages write alike, a language name
WORDS = ["Tastenname", "Desktop-Widgets", "dosiero", "Kalorien", "Ayarlar", "Ankara'da", "Manisa",
         "l'arbre", "Configuración", "Impostazioni", "Storage", "Sistema", "Grupo", "Tipo", "Uzbeco",
         "Kurdo", "Notifications", "Font", "Son", "Paketname", "Esperanto", "Marzo", "Mai"]


@pytest.fixture
def probe(monkeypatch):
    monkeypatch.syspath_prepend(str(PROBE_DIR))
    return importlib.import_module("probe_one_word")


@pytest.mark.parametrize("text", WORDS)
def test_the_parts_give_detect_fragments_answer(probe, text):
    item = probe.one_word(text)
    assert item["word"] == text.lower()
    assert probe.decide(item, {}) == detect_fragment(text, SEVEN).lang


def test_the_weights_change_the_answer(probe):
    # Spanish and Italian write both alike: the one-word shift and lingua decide
    # (`Persona` since the sixteenth round's larger lexicon, whose labels now tell
    # `Sistema` Spanish without lingua)
    assert probe.decide(probe.one_word("Tipo"), {}) == "it"
    assert probe.decide(probe.one_word("Tipo"), {"shift": 0.0}) == "es"
    assert probe.decide(probe.one_word("Persona"), {}) == "es"
    assert probe.decide(probe.one_word("Persona"), {"lingua": 0.0}) == "it"
    assert probe.decide(probe.one_word("Persona"), {}, [0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0]) == "it"


def test_only_a_word_alone_is_taken_apart(probe):
    assert probe.one_word("Open file") is None
    assert probe.one_word("dlg") is None   # no word: und


def test_the_family_of_a_form_is_read_in_each_list(probe):
    lituano = dict(zip(SEVEN, probe.family("lituano")))
    assert lituano["es"] > -6.5 and lituano["en"] < lituano["es"]   # lituanos, lituana
    assert probe.accented("configuracion")[SEVEN.index("es")] > -6.0   # configuración
    assert probe.accented("configuración") is None


@pytest.fixture
def refit(monkeypatch):
    monkeypatch.syspath_prepend(str(PROBE_DIR))
    return importlib.import_module("refit_one_word")


def _items(probe, texts):
    """Items as probe.load_items makes them, from strings written for the test."""
    items = []
    for text in texts:
        item = probe.one_word(text) or {"parts": None}
        items.append({"gold": "es", "catalogue": text, "held": False, "text": text,
                      "answer": detect_fragment(text, SEVEN).lang, **item})
    return items


def test_the_refit_arrays_give_detect_fragments_answer(probe, refit):
    # fifteenth round: the one-word parameters refitted on the dev catalogues
    # are read from arrays of the parts; as shipped, they answer as detect_fragment
    data = refit.Items(_items(probe, WORDS + ["Open file", "dlg"]))
    assert len(data.fixed) == 2   # several words, no word: answered as shipped
    answers = [SEVEN[k] for k in data.answers(refit.shipped())]
    assert answers == [detect_fragment(text, SEVEN).lang for text in WORDS]


def test_the_refit_parameters_change_the_answer(probe, refit):
    data = refit.Items(_items(probe, ["Tipo", "Persona"]))
    assert data.right(refit.shipped()) == 1   # gold es: Tipo is read Italian, Persona Spanish
    assert data.right(dict(refit.shipped(), shift_es=0.0)) == 2   # Spanish's one-word shift off
    assert data.right(dict(refit.shipped(), lingua=0.0)) == 0   # Persona Italian without lingua
    # the search keeps a value only when more strings are right
    found = refit.search(data, np.arange(2))
    assert data.right(found) == 2 and found != refit.shipped()
    assert refit.search(data, np.arange(1, 2)) == refit.shipped()   # Persona alone: right as shipped


def test_the_search_moves_only_the_parameters_it_is_given(probe, refit):
    # sixteenth round: `--only label` refits the labels' weight alone
    data = refit.Items(_items(probe, ["Tipo", "Persona"]))
    found = refit.search(data, np.arange(2), only=("shift_es",))
    assert data.right(found) == 2
    assert {name for name in found if found[name] != refit.shipped()[name]} == {"shift_es"}
    assert refit.search(data, np.arange(2), only=("names",)) == refit.shipped()   # no name weight helps Tipo
