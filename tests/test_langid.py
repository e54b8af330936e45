"""Language identification: documents, fragments, foreign spans (issue 4)."""

from __future__ import annotations

import time

import pytest

from workbench import langid
from workbench.langid_tokens import _lower
from workbench.errors import InputError
from workbench.langid import UNDETERMINED, Detection, ForeignSpan, detect, detect_fragment, find_foreign_spans


def spans_of(text: str, main: str = "en", **kw) -> list[tuple[str, str]]:
    return [(s.text, s.lang) for s in find_foreign_spans(text, main, **kw)]


# --- fragments ----------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [
    ("Octubre Rojo", "es"),                       # langdetect: Romanian
    ("Avenir Socialiste", "fr"),                  # langdetect: Catalan
    ("Lotta Comunista", "it"),
    ("Trabajadores Unidos por la Justicia", "es"),
    ("Internaciema Kolektivista Cirklo", "eo"),
    ("Bağımsız Maden İş", "tr"),
    ("Gruppe KLASSENKAMPF", "de"),
    ("KLASSENKAMPF", "de"),                       # all capitals
    ("Erdoğan'ın", "tr"),                         # apostrophe suffix on a name
    ("İstanbul'da", "tr"),
    ("Jean-Luc Mélenchon", "fr"),                 # hyphenated name
    ("huelga", "es"),
    ("Gewerkschaft", "de"),
    ("sindikato", "eo"),
    ("the workers voted to strike", "en"),
])
def test_fragments(text, lang):
    found = detect_fragment(text)
    assert found.lang == lang, found
    assert 0.0 < found.confidence <= 1.0


@pytest.mark.parametrize("text", ["BAĞIMSIZ MADEN İŞ", "İŞÇİ", "IŞIK", "Işçi Birliği", "işçi birliği"])
def test_turkish_dotted_and_dotless_i(text):
    assert detect_fragment(text).lang == "tr"


def test_turkish_lower_case_keeps_dotless_i():
    assert _lower("BAĞIMSIZ") == "bağımsız"
    assert _lower("İŞÇİ") == "işçi"
    assert _lower("ILWU") == "ilwu"       # not a Turkish word: I is i


@pytest.mark.parametrize("text", ["ILWU", "CGIL", "ILWU CGIL", "CGIL 2024", "1917", "12,000 - 3.5%", "", "   \n\t",
                                  "!!!", "a"])
def test_acronyms_numbers_and_empty_are_no_language(text):
    assert detect_fragment(text) == UNDETERMINED
    assert find_foreign_spans(text, "en") == []


def test_candidates_restrict_the_answer():
    assert detect_fragment("Avenir Socialiste", candidates="en,fr,it").lang == "fr"
    assert detect_fragment("Avenir Socialiste", candidates=("en", "it")).lang in ("en", "it")
    found = detect_fragment("huelga general", candidates=["es", "pt"])
    assert found.lang == "es" and {lang for lang, _ in found.alternatives} == {"pt"}


@pytest.mark.parametrize("bad", ["en", "en,xx", "english,spanish", "en,,"])
def test_bad_candidates_are_refused(bad):
    with pytest.raises(InputError, match="candidate"):
        detect_fragment("Lotta Comunista", candidates=bad)


def test_deterministic():
    texts = ["Octubre Rojo", "Sud Rail", "comité de empresa", "scala mobile", "Die Linke"]
    first = [detect_fragment(t) for t in texts]
    assert [detect_fragment(t) for t in texts] == first
    para = "Los trabajadores del puerto votaron la huelga por unanimidad después de la asamblea del lunes."
    assert detect(para) == detect(para)


def test_prior_tips_an_ambiguous_fragment():
    # "general" is English and Spanish: the document's language decides
    assert detect_fragment("general", prior="en").lang == "en"
    assert detect_fragment("general", prior="es").lang == "es"


# --- documents and paragraphs -------------------------------------------------

PARAGRAPHS = {
    "en": "The dockers voted to stay out until the company restored the night bonus and took back the sacked men.",
    "es": "Los estibadores votaron seguir en huelga hasta que la empresa devuelva el plus nocturno a toda la plantilla.",
    "de": "Die Hafenarbeiter stimmten dafür, den Streik fortzusetzen, bis die Firma die Nachtzulage wieder zahlt.",
    "tr": "Liman işçileri, şirket gece primini geri verene kadar greve devam etme kararı aldı.",
    "fr": "Les dockers ont voté la poursuite de la grève jusqu'au rétablissement de la prime de nuit.",
    "it": "I portuali hanno votato di continuare lo sciopero finché l'azienda non ripristina il premio notturno.",
    "eo": "La havenaj laboristoj voĉdonis daŭrigi la strikon ĝis la entrepreno redonos la noktan premion.",
    "nl": "De havenarbeiders stemden om de staking voort te zetten totdat het bedrijf de nachtpremie weer betaalt.",
    "ca": "Els treballadors del port van votar ahir continuar la vaga fins que l'empresa torni a pagar el plus de "
          "nit a tota la plantilla, i el sindicat va dir que no cediria.",
    "pl": "Dokerzy zagłosowali za kontynuowaniem strajku, dopóki firma nie przywróci dodatku nocnego dla wszystkich.",
}


@pytest.mark.parametrize("lang", sorted(PARAGRAPHS))
def test_document_languages_beyond_the_candidates(lang):
    found = detect(PARAGRAPHS[lang])
    assert found.lang == lang, found
    assert found.confidence > 0.5
    assert all(alt != lang for alt, _ in found.alternatives)


def test_detection_keeps_its_shape():
    found = detect(PARAGRAPHS["en"])
    assert isinstance(found, Detection)
    assert found.alternatives == tuple(sorted(found.alternatives, key=lambda a: -a[1]))
    assert found.confidence >= max((c for _, c in found.alternatives), default=0.0)


@pytest.mark.parametrize("text", ["", " ", "\n\n\t ", "0123456789", "2024-05-01 12:00", "ILWU CGIL"])
def test_edge_inputs_have_a_clear_answer(text):
    assert detect(text) == UNDETERMINED


def test_one_megabyte_in_bounded_time():
    text = (PARAGRAPHS["en"] + " ") * (1_000_000 // (len(PARAGRAPHS["en"]) + 1) + 1)
    assert len(text) >= 1_000_000
    start = time.perf_counter()
    assert detect(text).lang == "en"
    assert detect_fragment(text).lang == "en"
    assert find_foreign_spans(text[:200_000], "en") == []
    assert time.perf_counter() - start < 20


def test_analyse_paragraphs_uses_the_document_as_prior():
    report = langid.analyse_paragraphs([PARAGRAPHS["en"], "Solidarity!", PARAGRAPHS["es"], "12 May 2024",
                                        "Bağımsız Maden İş"])
    assert report.lang == "en"
    assert [p.lang for p in report.paragraphs] == ["en", "en", "es", "en", "tr"]
    # a short paragraph that is a foreign name is a span of the English document
    assert [(i, s.text, s.lang) for i, s in report.spans] == [(4, "Bağımsız Maden İş", "tr")]


def test_lines_languages():
    lines = ["Octubre Rojo\n", "\n", "ILWU\n", "Lotta Comunista\r\n", "1234\n", "Gruppe KLASSENKAMPF\n"]
    assert list(langid.lines_languages(lines)) == ["es", "und", "und", "it", "und", "de"]
    assert list(langid.lines_languages(["Sud Rail"], min_confidence=1.01)) == ["und"]


# --- foreign spans ------------------------------------------------------------

def test_spans_with_offsets_and_whole_names():
    text = "The dockers in Valencia were backed by Coordinadora Estatal de Estibadores, which called a stoppage."
    spans = find_foreign_spans(text, "en")
    assert len(spans) == 1
    span = spans[0]
    assert isinstance(span, ForeignSpan)
    assert (span.text, span.lang) == ("Coordinadora Estatal de Estibadores", "es")
    assert text[span.start:span.end] == span.text
    assert 0.5 < span.confidence <= 1.0


@pytest.mark.parametrize("text, expected", [
    ("Members of Birleşik Taşımacılık Sendikası blocked the depot.", [("Birleşik Taşımacılık Sendikası", "tr")]),
    ("The union leader shook hands with Erdoğan'ın labour minister.", [("Erdoğan'ın", "tr")]),
    ("Our readers can find the paper at the Biblioteca Obrera Juan B. Justo every Saturday.",
     [("Biblioteca Obrera Juan B. Justo", "es")]),
    ("The Sindicato Unitario de Trabajadores-Sección Norte joined the strike.",
     [("Sindicato Unitario de Trabajadores-Sección Norte", "es")]),
    ("She described the huelga general of that spring as the largest in decades.", [("huelga general", "es")]),
    # a lone upper-case word is an acronym (no language), whatever its letters
    ("Their slogan was İŞÇİ BİRLİĞİ and DİSK sent a message.", [("İŞÇİ BİRLİĞİ", "tr")]),
    ("At the congress the motion of Gewerkschaftliche Linke Hamburg was defeated.",
     [("Gewerkschaftliche Linke Hamburg", "de")]),
    ("Copies of La Laborista Bulteno were sold at the gate.", [("La Laborista Bulteno", "eo")]),
])
def test_spans(text, expected):
    assert spans_of(text) == expected


@pytest.mark.parametrize("text", [
    "The ILWU and the CGIL both sent delegates to the conference in Athens.",
    "The bourgeoisie celebrated while the proletariat paid for the crisis.",
    "He went to the café after the shift, then back to the régime's courts.",
    "Giovanni and Helga drove the van with the food parcels through the night.",
    "The delegates from Berlin, Madrid and Istanbul spoke about the same problems.",
    "The basis of the agreement was a popular demand for shorter hours.",
    "The Bank of England raised rates again while wages fell for the third year.",
])
def test_quiet_on_ordinary_sentences(text):
    assert find_foreign_spans(text, "en") == []


def test_spans_against_another_main_language():
    text = "Los mineros de Soma recibieron un mensaje de solidaridad de la National Union of Mineworkers."
    assert spans_of(text, "es") == [("National Union of Mineworkers", "en")]


def test_glossary_names_have_their_language():
    from workbench.glossary import Concept, Glossary, Term

    glossary = Glossary((Concept("scala-mobile", "economy", terms=(
        Term("it", "scala mobile"), Term("en", "sliding scale of wages"))),
        Concept("sud-rail", "organisations", terms=(Term("fr", "Sud Rail", proper_name=True),))))
    text = "The Sud Rail union defended the scala mobile long after it was gone."
    assert spans_of(text) == []  # no letter, word or ending gives them away...
    assert spans_of(text, glossary=glossary) == [("Sud Rail", "fr"), ("scala mobile", "it")]
    assert detect_fragment("Sud Rail", glossary=glossary).lang == "fr"


def test_name_concept_for_the_glossary():
    concept = langid.name_concept("  Bağımsız   Maden İş ", "tr")
    assert concept.id == "bagimsiz-maden-is"
    assert concept.is_name and concept.status == "draft"
    assert [(t.lang, t.text, t.gloss) for t in concept.terms] == [("tr", "Bağımsız Maden İş", "")]
    glossed = langid.name_concept("Bağımsız Maden İş", "tr", gloss=" Independent  Miners' Union ")
    assert glossed.terms[0].gloss == "Independent Miners' Union"
    with pytest.raises(InputError):
        langid.name_concept("   ", "tr")
    with pytest.raises(InputError):
        langid.name_concept("Sud Rail", "french")


def test_glossary_terms_that_are_english_too_are_no_span():
    from workbench.glossary import Concept, Glossary, Term

    glossary = Glossary((
        Concept("bourgeoisie", "classes", terms=(Term("de", "Bourgeoisie"), Term("fr", "bourgeoisie"))),
        Concept("profit", "economy", terms=(Term("de", "Profit"),)),
        Concept("cgil", "organisations", terms=(Term("it", "CGIL", proper_name=True),)),
        Concept("soma", "places", terms=(Term("tr", "Soma", proper_name=True),)),
    ))
    text = "The bourgeoisie took its profit while the CGIL bargained, and the miners of Soma buried their dead."
    assert spans_of(text, glossary=glossary) == [("Soma", "tr")]


def test_web_and_mail_addresses_have_no_language():
    text = "Write to Gruppe KLASSENKAMPF <https://klassenkampf.net/arbeiterbewegung> or kollektiv@beispiel.de."
    assert spans_of(text) == [("Gruppe KLASSENKAMPF", "de")]


def test_languages_only_without_spans():
    report = langid.analyse_paragraphs([PARAGRAPHS["de"], "Bağımsız Maden İş", PARAGRAPHS["tr"]], with_spans=False)
    assert [p.lang for p in report.paragraphs] == ["de", "tr", "tr"]
    assert report.spans == []


@pytest.mark.parametrize("text, expected", [
    ("They shouted ¡No pasarán! at the police lines.", [("¡No pasarán!", "es")]),
    ("She asked ¿Dónde están los desaparecidos? and nobody answered.", [("¿Dónde están los desaparecidos?", "es")]),
])
def test_spanish_exclamations_and_questions_are_whole(text, expected):
    assert spans_of(text) == expected


def test_foreign_names_do_not_make_a_paragraph_foreign():
    report = langid.analyse_paragraphs([
        PARAGRAPHS["en"],
        "The strike committee thanked Bağımsız Maden İş and Kiracılar Meclisi for the collection.",
        PARAGRAPHS["es"],
    ])
    assert [p.lang for p in report.paragraphs] == ["en", "en", "es"]
    assert [(s.text, s.lang) for s in report.paragraphs[1].spans] == [("Bağımsız Maden İş", "tr"),
                                                                       ("Kiracılar Meclisi", "tr")]
    assert report.paragraphs[2].spans == ()


@pytest.mark.parametrize("text, lang", [
    ("The strike committee thanked Bağımsız Maden İş and Kiracılar Meclisi for the collection.", "en"),
    ("Members of Birleşik Taşımacılık Sendikası blocked the depot for two days.", "en"),
    ("Das Komitee dankte Bağımsız Maden İş für die Spende der Kollegen aus Soma.", "de"),
    ("Liman işçileri, şirket gece primini geri verene kadar greve devam etme kararı aldı.", "tr"),
])
def test_sentences_with_foreign_names_keep_their_language(text, lang):
    assert detect(text).lang == lang


def test_a_span_inside_a_glossary_name_is_widened_to_the_name():
    """"IG Metall" (kept as it is in every language) was found as "Metall" alone, the acronym
    being no language: the Fragments page offered "Metall" as a missing name to add."""
    from workbench.glossary import Concept, Glossary, Term

    glossary = Glossary((Concept("ig-metall", "unions", terms=tuple(
        Term(lang, "IG Metall", proper_name=True) for lang in ("de", "en", "es", "tr"))),))
    for text in ("The IG Metall leadership said nothing.", "IG Metall called a warning strike in Stuttgart."):
        assert spans_of(text) == [("Metall", "de")]
        assert spans_of(text, glossary=glossary) == [("IG Metall", "de")]
    # only across spaces, never across a sentence's end
    assert spans_of("It was signed by the IG. Metall workers were angry.", glossary=glossary) == [("Metall", "de")]
