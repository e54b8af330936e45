"""Paragraph language made faster must give the same answers as before.

langid_langdetect computes langdetect's probabilities on numpy rows; it must
agree with langdetect itself to the last bit, on texts of every kind the
paragraph path sends it (several languages, names, options, no letters).
"""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory
from langdetect import detect_langs as langdetect_detect_langs
from langdetect.lang_detect_exception import LangDetectException

from workbench import langid_langdetect

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
