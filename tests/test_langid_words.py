"""Language ID evidence from how words are written (issue 13, third round):
text whose accents are separate combining marks, Esperanto's uninflected
core words, words joined by hyphens."""

from __future__ import annotations

import unicodedata

import pytest

from workbench import langid_lexicon
from workbench.langid import detect, detect_fragment

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")


@pytest.mark.parametrize("text, lang", [
    ("Añadir", "es"), ("Menú", "es"), ("Música", "es"), ("Álbum", "es"),
    ("Größe ändern", "de"), ("Kaydı değiştir", "tr"), ("Paŭzi", "eo"),
])
def test_accents_written_as_combining_marks_count_like_composed_letters(text, lang):
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert detect_fragment(decomposed, SEVEN) == detect_fragment(text, SEVEN)
    assert detect_fragment(decomposed, SEVEN).lang == lang


def test_a_decomposed_paragraph_gets_the_language_of_the_composed_one():
    text = ("La canción que añadió el músico a la lista de reproducción no se encuentra en la "
            "biblioteca; búsquela de nuevo o añádala a mano desde el menú de la aplicación.")
    assert detect(unicodedata.normalize("NFD", text), SEVEN) == detect(text, SEVEN)
    assert detect(text, SEVEN).lang == "es"


def test_esperanto_core_words_are_frequent_and_inflected_words_ordinary():
    core = [langid_lexicon.log_frequency(w, "eo") for w in ("la", "de", "kaj", "tie", "nun")]
    inflected = [langid_lexicon.log_frequency(w, "eo") for w in ("dosiero", "traktilo", "estas")]
    assert min(core) > max(inflected) > langid_lexicon.FLOOR
    assert langid_lexicon.log_frequency("xq", "eo") == langid_lexicon.FLOOR


@pytest.mark.parametrize("text", ["Mi ne trovis la dosieron", "Panelo de la sistemo", "Kopii al la tondujo",
                                  "ne plu montri tion"])
def test_short_esperanto_phrases_with_function_words(text):
    assert detect_fragment(text, SEVEN).lang == "eo"
