"""The one-word probe of the langid bench (bench/data/langid/probe_one_word.py,
issue 13, thirteenth round) takes a word's evidence apart as detect_fragment
adds it up; these checks keep the two in step on strings written for the test."""

from __future__ import annotations

import importlib
from pathlib import Path

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
    assert probe.decide(probe.one_word("Tipo"), {}) == "it"
    assert probe.decide(probe.one_word("Tipo"), {"shift": 0.0}) == "es"
    assert probe.decide(probe.one_word("Sistema"), {}) == "es"
    assert probe.decide(probe.one_word("Sistema"), {"lingua": 0.0}) == "it"
    assert probe.decide(probe.one_word("Sistema"), {}, [0.0, 0.0, 0.0, 0.0, 0.0, 2.0, 0.0]) == "it"


def test_only_a_word_alone_is_taken_apart(probe):
    assert probe.one_word("Open file") is None
    assert probe.one_word("dlg") is None   # no word: und


def test_the_family_of_a_form_is_read_in_each_list(probe):
    lituano = dict(zip(SEVEN, probe.family("lituano")))
    assert lituano["es"] > -6.5 and lituano["en"] < lituano["es"]   # lituanos, lituana
    assert probe.accented("configuracion")[SEVEN.index("es")] > -6.0   # configuración
    assert probe.accented("configuración") is None
