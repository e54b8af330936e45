"""Language ID on real short strings (issue 13): frequency lexicons, abstention
only on tokens that are no word, names with Turkish endings, `detect` with the
store's glossary, and no demo corpus behind a CLI command's back."""

from __future__ import annotations

import json

import pytest

from workbench import langid_lexicon
from workbench.cli import main
from workbench.langid import detect_fragment, find_foreign_spans, lines_languages


@pytest.mark.parametrize("word", ["automatic", "Storage", "Idle", "Buffer", "Hinting", "Anonymize"])
def test_ordinary_english_ui_words_get_english(word):
    found = detect_fragment(word)
    assert found.lang == "en", found


@pytest.mark.parametrize("text, lang", [
    ("Speichern unter", "de"), ("Guardar el archivo", "es"), ("Farklı kaydet", "tr"),
    ("Enregistrer sous", "fr"), ("Salva come", "it"), ("Konservi kiel", "eo"),
    ("Dosiero", "eo"), ("Einstellungen", "de"), ("Preferenze", "it"),
])
def test_short_ui_strings_of_each_language(text, lang):
    assert detect_fragment(text).lang == lang


@pytest.mark.parametrize("token", ["Xft", "dlg", "ILWU", "2024", "--"])
def test_only_tokens_that_are_no_word_abstain(token):
    assert detect_fragment(token).lang == "und"


@pytest.mark.parametrize("text", ["Manisa", "Ankara", "Adana", "UmutSen", "WSWS’yi", "PCInt'in"])
def test_turkish_places_names_and_acronyms_with_case_endings(text):
    assert detect_fragment(text).lang == "tr"


def test_french_elision_is_not_a_turkish_ending():
    assert detect_fragment("l'intersyndicale").lang == "fr"
    assert detect_fragment("dell'assemblea").lang == "it"


def test_acronym_with_turkish_ending_is_a_turkish_span():
    text = "The statement was reported by WSWS’yi and PCInt'in readers in Manisa."
    spans = {(s.text, s.lang) for s in find_foreign_spans(text, "en")}
    assert ("WSWS’yi", "tr") in spans and ("PCInt'in", "tr") in spans


def test_lines_answer_the_best_language_unless_no_word():
    assert list(lines_languages(["Storage", "Xft", "Guardar el archivo", ""])) == ["en", "und", "es", "und"]


def test_frequency_lexicon_knows_each_language():
    langs = ("en", "es", "de", "tr", "fr", "it", "pt", "eo")
    assert all(langid_lexicon.covered(lang) for lang in langs)
    for word, lang in [("storage", "en"), ("huelga", "es"), ("streik", "de"), ("grev", "tr"),
                       ("grève", "fr"), ("sciopero", "it"), ("greve", "pt"), ("striko", "eo")]:
        freqs = langid_lexicon.frequencies(word, langs)
        assert max(freqs) == freqs[langs.index(lang)] > langid_lexicon.FLOOR, (word, freqs)
    assert langid_lexicon.log_frequency("storage", "xx") == langid_lexicon.FLOOR


def test_detect_uses_the_store_glossary_by_default(env, tmp_path, capsys):
    from workbench.glossary import Concept, Term
    from workbench.store import Store

    with Store.open(env) as store:
        store.glossary.save(Concept("sud-rail", "organisations", terms=(
            Term("fr", "Sud Rail", proper_name=True),)), expected_version=None, user="tester")
    path = tmp_path / "article.txt"
    path.write_text("The Sud Rail union called the strike on Monday morning, and the drivers followed it.\n",
                    encoding="utf-8")
    assert main(["detect", str(path), "--json"]) == 0
    spans = [(s["text"], s["lang"]) for s in json.loads(capsys.readouterr().out)["spans"]]
    assert spans == [("Sud Rail", "fr")]
    assert main(["detect", str(path), "--json", "--no-glossary"]) == 0
    assert json.loads(capsys.readouterr().out)["spans"] == []  # the glossary decided, not the words' look


def test_detect_glossary_options_exclude_each_other(env, tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Some text here.\n", encoding="utf-8")
    assert main(["detect", str(path), "--glossary", "g.toml", "--no-glossary"]) == 2
    assert capsys.readouterr().err.startswith("Error: detect: give --glossary or --no-glossary")


def test_a_given_language_means_no_detection(env, tmp_path, monkeypatch):
    """1,000 lines a side with the language given: not one call to the detectors."""
    from workbench import langid, langid_paragraphs
    from workbench.library import ingest_files
    from workbench.store import Store

    def refuse(*args, **kwargs):
        raise AssertionError("language detection ran although the language was given")

    for name in ("detect", "detect_fragment", "analyse_paragraphs"):
        monkeypatch.setattr(langid, name, refuse)
    for name in ("detect", "analyse_paragraphs", "_langdetect"):
        monkeypatch.setattr(langid_paragraphs, name, refuse)
    path = tmp_path / "a.txt"
    path.write_text("\n\n".join(f"Line {i} of the strike bulletin." for i in range(1000)), encoding="utf-8")
    with Store.open(env) as store:
        [result] = ingest_files(store, [path], lang="en")
        doc = store.documents.get(result.document_id)
    assert result.lang == "en" and doc.lang == "en" and len(doc.paragraphs) == 1000


PORTUGUESE = ("Os estivadores votaram para continuar a greve até que a empresa volte a pagar o adicional noturno "
              "a todos os trabalhadores do porto, e o sindicato disse que não vai ceder.")
ENGLISH = ("The dockers voted to stay out until the company restored the night bonus and took back every one of "
           "the men it had sacked during the first week of the dispute.")


def _counting_langdetect(monkeypatch) -> list[str]:
    from workbench import langid_paragraphs

    asked: list[str] = []
    original = langid_paragraphs._langdetect

    def counted(text):
        asked.append(text)
        return original(text)
    monkeypatch.setattr(langid_paragraphs, "_langdetect", counted)
    return asked


def test_a_sure_paragraph_is_decided_without_langdetect(monkeypatch):
    from workbench.langid import detect

    asked = _counting_langdetect(monkeypatch)
    assert detect(ENGLISH, "en,es,de,tr,fr,it,eo").lang == "en"
    assert asked == []


def test_a_close_language_outside_the_candidates_goes_to_langdetect(monkeypatch):
    """Portuguese reads as Spanish to the candidates' evidence; its words
    read better as Portuguese (wordfreq), so langdetect is asked and names it."""
    from workbench.langid import detect

    asked = _counting_langdetect(monkeypatch)
    assert detect(PORTUGUESE, "en,es,de,tr,fr,it,eo").lang == "pt"
    assert len(asked) == 1


def test_a_name_keeps_a_capitalised_english_word_between_its_words():
    text = "The dockers of Unión General de Trabajadores joined the march on Friday."
    spans = find_foreign_spans(text, "en", candidates=("en", "es", "de", "tr", "fr", "it", "eo"))
    assert [(s.text, s.lang) for s in spans] == [("Unión General de Trabajadores", "es")]
