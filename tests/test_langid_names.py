"""Places and first names as evidence of a name's language (langid_names),
through the gazetteers the packages ship, and their effect on spans."""

import pytest

from workbench import langid
from workbench.langid_names import (ascii_turkish, first_name_languages, foreign_place, name_evidence,
                                    place_languages)

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")


@pytest.mark.parametrize("word, lang", [("Ermenek", "tr"), ("Karaman", "tr"), ("Magdeburg", "de"),
                                        ("Brescia", "it"), ("Cadiz", "es")])
def test_towns_have_the_language_of_their_country(word, lang):
    assert lang in place_languages(word)


def test_a_word_no_town_is_called_has_no_place_language():
    assert place_languages("Werkzeugkasten") == frozenset()


@pytest.mark.parametrize("word, expected", [
    ("Ermenek", ("tr",)),      # a small Turkish town, unknown to English
    ("Ankara", ()),            # a large city English writes often: English's own name
    ("Paris", ()),             # towns of that name in English-speaking countries too
    ("Sol", ()),               # an ordinary word of other languages (French, Turkish)
    ("Batman", ()),            # a Turkish city, but a frequent English word
    ("ermenek", ()),           # not written as a name
])
def test_foreign_place_in_an_english_text(word, expected):
    assert foreign_place(word, SEVEN, "en") == expected


def test_first_names_share_their_use_among_languages():
    gerhard = first_name_languages("Gerhard")
    assert max(gerhard, key=gerhard.get) == "de"
    javier = first_name_languages("Javier")
    assert max(javier, key=javier.get) == "es"
    assert first_name_languages("Werkzeugkasten") == {}


def test_a_first_name_counts_only_before_another_capitalised_word():
    cands = SEVEN
    de = cands.index("de")
    assert name_evidence(["Gerhard", "Schroeder"], cands, "en")[de] > 1.5
    assert name_evidence(["Gerhard", "spoke"], cands, "en")[de] == 0.0
    assert name_evidence(["Gerhard"], cands, "en")[de] == 0.0


@pytest.mark.parametrize("text, spans", [
    ("Protesters marched from Ermenek to the capital on Monday.", [("Ermenek", "tr")]),
    ("Yesterday Chancellor Gerhard Schroeder spoke to the delegates.", [("Gerhard Schroeder", "de")]),
    ("The Memur-Sen confederation stayed away from the rally.", [("Memur-Sen", "tr")]),
    ("A union in Ankara called a strike for Friday.", []),
    ("The Sol party and the Nice group met in Paris.", []),
])
def test_spans_of_places_and_people(text, spans):
    found = langid.find_foreign_spans(text, "en", candidates=SEVEN)
    assert [(s.text, s.lang) for s in found] == spans


@pytest.mark.parametrize("name, lang", [("Gerhard Appel", "de"), ("Dolores Bianchi", "es")])
def test_a_person_name_takes_the_language_of_the_first_name(name, lang):
    # the surname alone reads as French (appel) or Italian: the first name
    # says where the person is from (without it both were wrong)
    assert langid.detect_fragment(name, SEVEN).lang == lang


@pytest.mark.parametrize("word, expected", [
    ("Birlesik", True),    # birleşik written without its letters
    ("Iscilerin", True),   # işçilerin
    ("Birleşik", False),   # written right: its letters speak for themselves
    ("Blender", False),    # no Turkish word however its letters are read
    ("Kasse", False),      # a word of another language as it is
])
def test_turkish_written_without_its_letters(word, expected):
    assert ascii_turkish(word, SEVEN) is expected


@pytest.mark.parametrize("text, spans", [
    ("Delegates of the Birlesik union walked out.", [("Birlesik", "tr")]),
    ("The FICA-UGT federation called the strike.", []),
    ("The strike was called by the Unione Sindacale di Base on Friday.", [("Unione Sindacale di Base", "it")]),
])
def test_spans_of_names_without_letters_acronyms_and_connectors(text, spans):
    found = langid.find_foreign_spans(text, "en", candidates=SEVEN)
    assert [(s.text, s.lang) for s in found] == spans


@pytest.mark.parametrize("name, lang", [
    ("Reno Saka", "tr"),         # the analyser reads ren-o, sak-a: Turkish writes both as they are
    ("Pri Muziko", "eo"),        # an Esperanto title in capitals stays Esperanto
    ("Nova Konferenco", "eo"),
])
def test_an_esperanto_reading_of_a_name_counts_less(name, lang):
    assert langid.detect_fragment(name, SEVEN).lang == lang


@pytest.mark.parametrize("text, spans", [
    # Turkish would write Kurtuluş Parkı: the bare Park is the English text's
    ("The rally ended in Kurtuluş Park late at night.", [("Kurtuluş", "tr")]),
    ("Both unions struck at Deutsche Post on Monday.", [("Deutsche Post", "de")]),
])
def test_a_bare_noun_after_a_turkish_name_stays_english(text, spans):
    found = langid.find_foreign_spans(text, "en", candidates=SEVEN)
    assert [(s.text, s.lang) for s in found] == spans
