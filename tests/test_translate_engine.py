"""Engines: the Argos/CTranslate2 engine on a tiny real package, the stand-in, pivoting, glossary enforcement."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tinyargos import build_package
from workbench.errors import NotFoundError
from workbench.glossary import Concept, Glossary, Term
from workbench.ingest import ingest_text
from workbench.translate.argos import ArgosEngine, ArgosOptions
from workbench.translate.engine import Engine, PivotEngine, StandInEngine
from workbench.translate.glossary import GlossaryEnforcer, Masked, Mask, restore
from workbench.translate.models import read_package
from workbench.translate.segments import plan_segments, rebuild_paragraphs, render_text

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "The workers of the shipyard met on Monday.",
    "Rents rose again this year while wages stayed where they were.",
    "Who decides?",
    "",
    "A delegation travelled to the capital to meet the miners of the north and the south.",
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("models")
    return [read_package(build_package(folder, "en", "es")), read_package(build_package(folder, "es", "en", seed=1)),
            read_package(build_package(folder, "en", "tr", seed=2))]


@pytest.fixture(scope="module")
def argos(tiny):
    return ArgosEngine(tiny, ArgosOptions(beam_size=2, device="cpu", intra_threads=1))


def test_argos_engine_translates_a_batch_deterministically(argos):
    assert isinstance(argos, Engine)
    out = argos.translate(SENTENCES, "en", "es")
    assert len(out) == len(SENTENCES) and all(len(h) == 1 for h in out)
    assert out[3] == [""]                                     # empty input, empty output, no model call
    assert all(h[0].strip() for i, h in enumerate(out) if i != 3)
    assert argos.translate(SENTENCES, "en", "es") == out       # same model, same input: same output
    # one sentence alone gets the same translation as inside the sorted batch
    assert argos.translate([SENTENCES[1]], "en", "es")[0] == out[1]
    nbest = argos.translate(SENTENCES[:2], "en", "es", n_best=3)
    assert all(1 <= len(h) <= 3 for h in nbest)


def test_with_two_replicas_a_call_is_cut_into_one_batch_per_replica(tiny, argos):
    two = ArgosEngine(tiny, ArgosOptions(beam_size=2, device="cpu", intra_threads=1, inter_threads=2,
                                         max_batch_size=64))
    assert [two._batch_size(n) for n in (1, 2, 5, 64, 200)] == [1, 1, 3, 32, 64]
    assert [argos._batch_size(n) for n in (1, 64, 200)] == [1, 64, 64]   # one replica: one batch up to the cap
    assert two.translate(SENTENCES, "en", "es") == argos.translate(SENTENCES, "en", "es")


def test_argos_engine_loads_each_model_once_and_describes_it(argos):
    argos.translate(["One."], "en", "es")
    first = argos.load("en", "es")
    argos.translate(["Two."], "en", "es")
    assert argos.load("en", "es") is first
    assert argos.describe("en", "es") == "argos en->es 1.0 (translate-en_es-1_0) beam=2"
    assert argos.supports("en", "tr") and not argos.supports("tr", "en")
    with pytest.raises(NotFoundError, match="no translation model for tr->en"):
        argos.translate(["x"], "tr", "en")


def test_suppressed_sequences_are_passed_to_ctranslate2(argos):
    plain = argos.translate(SENTENCES[:3], "en", "es")
    banned = plain[0][0].split()[0]
    out = argos.translate(SENTENCES[:3], "en", "es", suppress=[banned])
    assert all(banned not in h[0].split() for h in out)


def test_pivot_through_english(argos):
    pivot = PivotEngine(argos)
    assert pivot.supports("es", "tr") and not pivot.supports("tr", "es")
    assert pivot.describe("es", "tr") == (f"{argos.describe('es', 'en')} + {argos.describe('en', 'tr')}")
    middle = [h[0] for h in argos.translate(["Los trabajadores votaron."], "es", "en")]
    assert pivot.translate(["Los trabajadores votaron."], "es", "tr") == argos.translate(middle, "en", "tr")
    with pytest.raises(NotFoundError, match="directly or through en"):
        pivot.translate(["x"], "tr", "de")


def test_no_torch_in_the_process_of_a_translation(tiny):
    code = ("import sys; from workbench.translate.argos import ArgosEngine; "
            "from workbench.translate.models import read_package; from pathlib import Path; "
            f"e = ArgosEngine([read_package(Path({str(tiny[0].path)!r}))]); "
            "print(e.translate(['The committee met.'], 'en', 'es')[0][0] != '', 'torch' in sys.modules, "
            "'argostranslate' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False", "False"]


# --------------------------------------------------------------------------- segments back into paragraphs

ARTICLE = """# A heading line

First sentence here. Second one follows!  Third, after two spaces?
Still the same paragraph after a line break.

Another paragraph (with brackets). The end."""


def test_sentences_go_back_into_their_paragraphs_exactly():
    doc = ingest_text(ARTICLE, source_name="a.md")
    segments = plan_segments(doc.paragraphs, "en")
    assert [s.source for s in segments][:2] == ["A heading line", "First sentence here."]
    identity = rebuild_paragraphs(doc.paragraphs, segments, [s.source for s in segments])
    assert identity == [p.text for p in doc.paragraphs]
    upper = rebuild_paragraphs(doc.paragraphs, segments, [s.source.upper() for s in segments])
    assert upper[1] == doc.paragraphs[1].text.upper()          # spaces between sentences kept
    assert render_text(doc.paragraphs, upper, "md").startswith("# A HEADING LINE\n\nFIRST SENTENCE HERE.")


# --------------------------------------------------------------------------- glossary enforcement

def _glossary() -> Glossary:
    return Glossary((
        Concept("bagimsiz-maden-is", "organisations", "approved", terms=(
            Term("tr", "Bağımsız Maden İş", proper_name=True, pos="properNoun"),)),
        Concept("regime-union", "unions", "approved", terms=(
            Term("en", "regime union"),
            Term("es", "sindicato del régimen"),
            Term("es", "sindicato oficial", status="forbidden"),
            Term("de", "Regimegewerkschaft"))),
        Concept("workers-party", "parties", "approved", terms=(
            Term("en", "Workers' Party", proper_name=True, pos="properNoun"),
            Term("es", "Partido de los Trabajadores", proper_name=True, pos="properNoun"))),
    ))


LEXICON = {("en", "es"): {"the": "el", "miners": "mineros", "of": "de", "joined": "se unieron a", "strike": "huelga",
                          "official": "oficial", "union": "sindicato", "called": "convocó", "a": "una",
                          "and": "y"}}


def test_a_name_comes_out_unchanged_and_a_term_as_the_preferred_target_term():
    enforcer = GlossaryEnforcer(StandInEngine(LEXICON), _glossary())
    source = "The miners of Bağımsız Maden İş joined the strike and the regime union called a strike."
    [checked] = enforcer.translate_checked([source], "en", "es")
    assert "Bağımsız Maden İş" in checked.text
    assert "sindicato del régimen" in checked.text and "QX" not in checked.text
    assert checked.reinserted == () and checked.flags == ()
    assert {m.kind for m in checked.masks} == {"name", "term"}
    kinds = {f["concept_id"]: f["kind"] for f in checked.findings}
    assert kinds == {"bagimsiz-maden-is": "ok", "regime-union": "ok"}


def test_a_name_with_a_target_form_is_restored_as_that_form():
    enforcer = GlossaryEnforcer(StandInEngine(LEXICON), _glossary())
    [checked] = enforcer.translate_checked(["The Workers' Party called a strike."], "en", "es")
    assert checked.text.startswith("El Partido de los Trabajadores convocó")


def test_forbidden_target_terms_are_suppressed():
    glossary = _glossary()
    enforcer = GlossaryEnforcer(StandInEngine({("en", "es"): {**LEXICON[("en", "es")],
                                                              "regime": "oficial"}}), glossary)
    masked = enforcer.mask("The regime union called a strike.", "en", "es")
    assert masked.suppress == ("sindicato oficial",)
    assert masked.text == "The QX0Z called a strike."


def test_without_a_glossary_sentences_pass_straight_through():
    engine = StandInEngine(LEXICON)
    enforcer = GlossaryEnforcer(engine, None)
    assert enforcer.translate(["The miners."], "en", "es") == [["El mineros."]]
    assert enforcer.describe("en", "es") == "stand-in en->es"


def test_a_dropped_placeholder_is_reinserted_and_flagged():
    masked = Masked("Solidarity with Bağımsız Maden İş today.", "Solidarity with QX0Z today.",
                    (Mask("QX0Z", "Bağımsız Maden İş", "Bağımsız Maden İş", "bagimsiz-maden-is", 16, "name"),), ())
    checked = restore(masked, "Solidaridad hoy.")
    assert "Bağımsız Maden İş" in checked.text
    assert checked.reinserted == ("Bağımsız Maden İş",)
    assert checked.flags and "re-inserted" in checked.flags[0]
    spaced = restore(masked, "Solidaridad con Q X 0 Z hoy.")        # SentencePiece may split it
    assert spaced.text == "Solidaridad con Bağımsız Maden İş hoy." and not spaced.flags


def test_the_best_of_n_keeps_most_placeholders():
    class Dropping(StandInEngine):
        def translate(self, sentences, src, tgt, *, n_best=1, suppress=()):
            return [["nothing kept", s.replace("Solidarity", "Solidaridad")][:max(1, n_best)] for s in sentences]

    enforcer = GlossaryEnforcer(Dropping(LEXICON), _glossary())
    [checked] = enforcer.translate_checked(["Solidarity with Bağımsız Maden İş."], "en", "es")
    assert checked.text == "Solidaridad with Bağımsız Maden İş." and not checked.flags


def test_with_the_tiny_model_every_masked_name_survives(argos):
    names = ["Bağımsız Maden İş", "Workers' Party"]
    enforcer = GlossaryEnforcer(argos, _glossary())
    sentences = [f"The miners of {names[0]} met the {names[1]} on Monday.",
                 f"{names[0]} called a strike.", "Nothing to mask here.", f"Long live the {names[1]}!"]
    results = enforcer.translate_checked(sentences, "en", "es")
    for sentence, checked in zip(sentences, results):
        assert "QX" not in checked.text.upper().replace(" ", "")
        for mask in checked.masks:
            assert mask.replacement in checked.text
            if mask.replacement in checked.reinserted:
                assert any(mask.source in f for f in checked.flags)
    assert sum(len(c.masks) for c in results) == 4


@pytest.mark.parametrize("hypothesis", ["", "Hoy.", "Una frase bastante larga sin marcas de ningún tipo.",
                                        "Con QX0Z pero sin la otra."])
def test_several_dropped_placeholders_are_each_reinserted_whole(hypothesis):
    masks = (Mask("QX0Z", "Bağımsız Maden İş", "Bağımsız Maden İş", "a", 0, "name"),
             Mask("QX1Z", "Workers' Party", "Partido de los Trabajadores", "b", 30, "name"),
             Mask("QX2Z", "regime union", "sindicato del régimen", "c", 45, "term"))
    masked = Masked("Bağımsız Maden İş and the Workers' Party and the regime union.", "…", masks, ())
    checked = restore(masked, hypothesis)
    for mask in masks:
        assert checked.text.count(mask.replacement) == 1
    assert len(checked.reinserted) == (3 if "QX0Z" not in hypothesis else 2) == len(checked.flags)


def test_an_inflected_term_is_not_masked_but_hypotheses_are_reranked():
    class Fixed(StandInEngine):
        def translate(self, sentences, src, tgt, *, n_best=1, suppress=()):
            hyps = ["Los sindicatos oficiales convocaron una huelga.",
                    "Los sindicatos del régimen convocaron una huelga."]
            return [hyps[:max(1, n_best)] for _ in sentences]

    enforcer = GlossaryEnforcer(Fixed(LEXICON), _glossary())
    masked = enforcer.mask("The regime unions called a strike.", "en", "es")
    assert masked.masks == () and masked.wanted == ("regime-union",)
    [checked] = enforcer.translate_checked(["The regime unions called a strike."], "en", "es")
    assert checked.text == "Los sindicatos del régimen convocaron una huelga."
    assert [f["kind"] for f in checked.findings] == ["ok"]


def test_translate_later_gives_translate_s_answer(tiny, argos):
    two = ArgosEngine(tiny, ArgosOptions(beam_size=2, device="cpu", intra_threads=1, inter_threads=2))
    for engine in (argos, two):
        waits = [engine.translate_later(SENTENCES, "en", "es"),
                 engine.translate_later(SENTENCES[:2], "en", "es", n_best=3),
                 engine.translate_later(["", " "], "en", "es")]
        assert [w() for w in waits] == [engine.translate(SENTENCES, "en", "es"),
                                        engine.translate(SENTENCES[:2], "en", "es", n_best=3), [[""], [""]]]
    pivot = PivotEngine(two)
    assert pivot.translate_later(SENTENCES[:2], "es", "tr")() == pivot.translate(SENTENCES[:2], "es", "tr")
    glossary = Glossary((Concept("miners-union", "organisations", "approved", terms=(
        Term("tr", "Bağımsız Maden İş", proper_name=True, pos="properNoun"),)),))
    enforcer = GlossaryEnforcer(PivotEngine(two), glossary)
    sentences = ["Solidarity with Bağımsız Maden İş.", *SENTENCES]
    assert enforcer.translate_checked_later(sentences, "en", "es")() == enforcer.translate_checked(sentences, "en",
                                                                                                   "es")


def test_thread_split_defaults_and_given_values():
    from workbench.translate.argos import ArgosOptions

    assert ArgosOptions().thread_split(2) == (2, 1) and ArgosOptions().thread_split(16) == (4, 4)
    assert ArgosOptions(intra_threads=3).thread_split(16) == (1, 3)
    assert ArgosOptions(inter_threads=2, intra_threads=1).thread_split(16) == (2, 1)


def test_a_remembered_checksum_serves_until_a_model_file_changes(tmp_path, monkeypatch):
    import json

    from workbench.translate import models

    package = build_package(tmp_path / "packages", "en", "es")
    model = read_package(package)
    cache = tmp_path / "cache" / "model-checksums.json"
    first = model.checksum(cache)
    assert first == model.checksum() and not cache.exists()   # files written just now: not remembered
    monkeypatch.setattr(models, "RACY_NS", 0)                # as if they had been written long ago
    assert model.checksum(cache) == first and cache.exists()
    entries = json.loads(cache.read_text(encoding="utf-8"))
    [key] = entries
    entries[key]["sha256"] = "remembered"          # proves the next answer comes from the cache
    cache.write_text(json.dumps(entries), encoding="utf-8")
    assert model.checksum(cache) == "remembered"
    # the weights rewritten in place, same size, modification time set back: the change time moved
    weights = package / "model" / "model.bin"
    before = weights.stat()
    time.sleep(0.05)   # past the file system's clock tick, so the rewrite gets another change time
    data = bytearray(weights.read_bytes())
    data[-1] ^= 1
    weights.write_bytes(bytes(data))
    os.utime(weights, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert model.checksum(cache) == model.checksum() not in (first, "remembered")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")   # a cache that cannot be written: hashed anyway
    assert model.checksum(tmp_path / "a-file" / "sums.json") == model.checksum()
