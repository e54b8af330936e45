"""Paragraph language made faster must give the same answers as before.

langid_langdetect computes langdetect's probabilities on numpy rows; it must
agree with langdetect itself to the last bit, on texts of every kind the
paragraph path sends it (several languages, names, options, no letters).
The faster word, letter and frequency code is checked against the previous
implementations, written out here as oracles.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st
from langdetect import DetectorFactory
from langdetect import detect_langs as langdetect_detect_langs
from langdetect.lang_detect_exception import LangDetectException

from workbench import langid_evidence, langid_langdetect, langid_lexicon, langid_paragraphs, langid_tokens
from workbench.langid import detect

TEXTS = [
    "The union called a strike at the port after the company refused to negotiate the new contract.",
    "El sindicato convocó una huelga en el puerto porque la empresa se negó a negociar el convenio.",
    "O sindicato convocou uma greve no porto porque a empresa recusou negociar o novo contrato.",
    "Die Gewerkschaft rief zum Streik im Hafen auf, weil die Firma nicht verhandeln wollte.",
    "Sendika, şirket yeni sözleşmeyi görüşmeyi reddedince limanda grev çağrısı yaptı.",
    "Le syndicat a appelé à la grève au port car l'entreprise refusait de négocier.",
    "Il sindacato ha proclamato uno sciopero al porto perché l'azienda rifiutava di trattare.",
    "La sindikato alvokis strikon en la haveno ĉar la firmao rifuzis intertrakti.",
    "Use dpkg -b, --build, -c, --contents, -e, --control, -I, --info, -f, --field to inspect archives.",
    "Maria Rossi Hans Müller Ayşe Yılmaz Jean Dupont Ana García Launchpad Contributions",
    "De vakbond riep op tot een staking in de haven omdat het bedrijf weigerde te onderhandelen.",
]


def _ranked(detect, text):
    try:
        return [(found.lang, found.prob) for found in detect(text)]
    except LangDetectException as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("text", TEXTS)
def test_the_fast_path_gives_langdetects_probabilities_exactly(monkeypatch, text):
    monkeypatch.setattr(DetectorFactory, "seed", 0)
    ours = _ranked(langid_langdetect.detect_langs, text)
    assert isinstance(ours, list) and ours
    assert ours == _ranked(langdetect_detect_langs, text)   # equal floats, not close ones


def test_text_without_known_ngrams_raises_like_langdetect(monkeypatch):
    monkeypatch.setattr(DetectorFactory, "seed", 0)
    with pytest.raises(LangDetectException):
        langid_langdetect.detect_langs("1234 5678 ---")
    with pytest.raises(LangDetectException):
        langdetect_detect_langs("1234 5678 ---")


def test_a_prior_map_is_honoured_like_langdetect(monkeypatch):
    """The walk starts from the detector's prior when one is set."""
    from langdetect import detector_factory

    monkeypatch.setattr(DetectorFactory, "seed", 0)
    detector_factory.init_factory()
    factory = detector_factory._factory
    text = TEXTS[2]
    expected_detector = factory.create()
    expected_detector.set_prior_map({"es": 0.7, "pt": 0.3})
    expected_detector.append(text)
    expected = [(x.lang, x.prob) for x in expected_detector.get_probabilities()]
    ours = factory.create()
    ours.set_prior_map({"es": 0.7, "pt": 0.3})
    ours.append(text)
    ours.cleaning_text()
    probabilities = langid_langdetect._trials(factory, ours, ours._extract_ngrams()).tolist()
    assert [(x.lang, x.prob) for x in ours._sort_probability(probabilities)] == expected


# --- the faster paragraph path against the way it was computed before -------

SEVEN = ("en", "es", "de", "tr", "fr", "it", "eo")
# letters that lower-case oddly (İ, Σ, ẞ), Turkish and accented letters,
# word joiners, digits, spaces and punctuation
TRICKY = st.text(alphabet="aAbIiİıŞşΣσςΑΒßẞéÉñçĉŭüÜwW'’-_1 .,\n", max_size=60)


def _lowered_before(text: str) -> list[str]:
    words = langid_tokens.WORD_RE.findall(text)
    lowered = langid_tokens.WORD_RE.findall(text.lower()) if langid_tokens._TURKISH_LETTERS.isdisjoint(text) else []
    return lowered if len(lowered) == len(words) else [langid_tokens._lower(w) for w in words]


@settings(max_examples=400, deadline=None)
@given(TRICKY)
def test_paragraph_words_are_lower_cased_as_before(text):
    assert langid_tokens._words(text).lowered == _lowered_before(text)


_LETTER_WORD_BEFORE = re.compile("[^\\s]*[" + re.escape("".join(langid_tokens._LETTERS)) + "][^\\s]*")


def _letter_votes_before(model, text: str) -> list[int]:
    against = [0] * len(model.cands)
    for word in _LETTER_WORD_BEFORE.findall(text):
        excluded = {i for ch in model.letters.keys() & set(word) for i in model.letters[ch]}
        for i in excluded:
            against[i] += 1
    return against


@settings(max_examples=300, deadline=None)
@given(TRICKY)
def test_letters_are_counted_per_word_as_before(text):
    model = langid_evidence._model(SEVEN)
    n_words = langid_evidence.LETTER_VOTE_WORDS   # the per-word branch
    expected = [0.0] * len(SEVEN)
    share = langid_evidence.LETTER_VOTE_SHARE * n_words
    for i, n in enumerate(_letter_votes_before(model, text)):
        if n:
            expected[i] -= langid_evidence.W_LETTER * min(1.0, n / share)
    assert langid_evidence._letter_scores(model, n_words, text) == expected


def _profile_before(words: list[str], lang: str) -> tuple[float, float]:
    values = [langid_lexicon.log_frequency(w, lang) for w in words]
    threshold = langid_evidence.ORDINARY_WORD_FREQUENCY
    return sum(v >= threshold for v in values) / len(values), sum(values) / len(values)


@pytest.mark.parametrize("text, lang", [
    ("Os estivadores votaram para continuar a greve até que a empresa volte a pagar o adicional", "es"),
    ("Die Arbeiter im Hafen haben heute beschlossen, den Streik bis zum nächsten Montag fortzusetzen", "de"),
    ("Gli operai del porto hanno deciso di continuare lo sciopero fino a lunedì prossimo", "it"),
    ("L'assemblée des dockers a voté la poursuite de la grève jusqu'à lundi prochain", "fr"),
])
def test_the_neighbour_check_sums_as_before(text, lang):
    """The close-language check reads cached rows; its means must be the
    per-language means of before, to the bit (the gap test compares them)."""
    from workbench.langid_tokens import Detection

    plain = langid_tokens._words(text).plain
    words = [max(langid_tokens._APOSTROPHE.split(w), key=len) if "'" in w or "’" in w else w for w in plain]
    share, ours = _profile_before(words, lang)
    others = [o for o in langid_paragraphs._NEIGHBOURS[lang] if o not in SEVEN]
    expected = share >= langid_paragraphs.SURE_WORD_SHARE and all(
        ours - _profile_before(words, o)[1] >= langid_paragraphs.NEIGHBOUR_GAP for o in others)
    assert langid_paragraphs._frequency_backs(Detection(lang, 1.0), plain, SEVEN) == expected


def test_a_greek_final_sigma_and_turkish_capitals_keep_the_paragraph_language():
    text = ("Los estibadores del puerto votaron seguir en huelga hasta el lunes, dijo el sindicato "
            "ΟΔΟΣ.ΑΘΗΝΑ y también BAĞIMSIZ MADEN İŞ en su comunicado de prensa de ayer.")
    assert detect(text, SEVEN).lang == "es"


def test_frequency_tables_hold_the_log_of_wordfreqs_frequencies():
    """Built a bucket at a time, a table must hold for every word exactly
    log10 of the frequency wordfreq's get_frequency_dict gives it."""
    import math

    import wordfreq

    table = langid_lexicon._table("ca")
    expected = {word: math.log10(f) for word, f in wordfreq.get_frequency_dict("ca", "small").items()}
    assert len(table) > 10_000 and table == expected


def test_the_letters_that_tell_a_language_are_all_outside_ascii():
    """An ASCII text carries none of them: the letter evidence skips it."""
    assert not any(ch.isascii() for ch in langid_tokens._LETTERS)
    model = langid_evidence._model(SEVEN)
    assert langid_evidence._letter_scores(model, 8, "plain ascii words only here, nothing else at all") == [0.0] * 7
    assert min(langid_evidence._letter_scores(model, 8, "una niña y un niño en la calle de la ciudad")) < 0


@pytest.mark.parametrize("text, found", [
    ("die dpkg-Datenbank ist gesperrt", True), ("KI-Modelle", True), ("Desktop-Widgets", True),
    ("use --build or -Bx to build it", False), ("a well-known man", False),
])
def test_a_quick_test_keeps_the_german_hyphen_compounds(text, found):
    scores = [0.0] * 7
    langid_evidence._hyphen_compounds(langid_evidence._model(SEVEN), text, scores)
    assert (scores[SEVEN.index("de")] > 0) == found
    assert (langid_evidence._HYPHEN_NOUN.search(text) is not None) == found
