"""The length-bounded beam search gives the unbounded search's answers (workbench.translate.bounded)."""

from __future__ import annotations

import pytest

from tests.tinyargos import build_package
from workbench.segment import split_sentences
from workbench.translate.argos import ArgosEngine, ArgosOptions
from workbench.translate.bounded import decoding_bound, proven_best
from workbench.translate.models import read_package

LP = 0.2   # length penalty: score = cumulative log-probability / length ** LP
FULL = 256


def scored(*pairs: tuple[int, float]) -> tuple[list[list[str]], list[float]]:
    """Hypotheses of the given lengths with the given (normalised) scores, best first."""
    return [[f"t{i}"] * length for i, (length, _) in enumerate(pairs)], [s for _, s in pairs]


def test_the_bound_grows_with_the_longest_source_and_stays_within_the_full_length():
    assert decoding_bound(10, 2.0, 10, FULL) == 30
    assert decoding_bound(200, 2.0, 10, FULL) == FULL
    assert decoding_bound(10, 0, 10, FULL) == FULL           # factor 0: no bound
    assert decoding_bound(0, 0.01, 0, FULL) == 2             # never below two steps


def test_a_search_that_ended_before_the_bound_is_taken_as_it_is():
    hyps, scores = scored((3, -1.0), (4, -1.5), (2, -2.0), (5, -3.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=2, beam_size=4, length_penalty=LP) == hyps[:2]


def test_the_ended_best_stands_when_no_beam_cut_at_the_bound_could_reach_it():
    # the bound (10) cut two beams; the best of them, -4.0 * 10 ** LP = -6.3 cumulative, could
    # score -6.3 / 256 ** LP = -2.1 at most however long it went on: below -1.0
    hyps, scores = scored((2, -1.0), (10, -4.0), (10, -5.0), (9, -6.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=1, beam_size=4, length_penalty=LP) == [hyps[0]]
    # a cut beam ranked first could end one step later with about its score
    hyps, scores = scored((10, -0.9), (2, -1.0), (10, -4.0), (9, -5.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=1, beam_size=4, length_penalty=LP) is None


def test_no_answer_when_a_beam_alive_at_the_bound_could_still_win():
    # cut beam: cumulative -0.9 * 10 ** 0.2 = -1.43, over 256 ** 0.2 = -0.47: could beat -1.0
    hyps, scores = scored((10, -0.9), (2, -1.0), (1, -6.0), (10, -7.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=1, beam_size=4, length_penalty=LP) is None


def test_no_answer_when_too_few_hypotheses_ended_or_one_may_hide_below_the_list():
    hyps, scores = scored((10, -9.0), (10, -9.5), (2, -10.0), (10, -80.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=2, beam_size=4, length_penalty=LP) is None
    # the second ended one is the lowest returned: an unreturned one could score the same
    hyps, scores = scored((2, -1.0), (10, -9.0), (10, -9.5), (3, -10.0))
    assert proven_best(hyps, scores, bound=10, full=FULL, n=2, beam_size=4, length_penalty=LP) is None
    assert proven_best(hyps, scores, bound=10, full=FULL, n=1, beam_size=4, length_penalty=LP) == [hyps[0]]


class RecordingTranslator:
    """Passes calls on to a CTranslate2 translator and records each batch's size and bound."""

    def __init__(self, translator):
        self.translator, self.calls = translator, []

    def translate_batch(self, batch, **kwargs):
        self.calls.append((len(batch), kwargs["max_decoding_length"]))
        return self.translator.translate_batch(batch, **kwargs)


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    return read_package(build_package(tmp_path_factory.mktemp("models"), "en", "es"))


SENTENCES = [s for p in (
    "The workers voted to strike on Monday, said 12 delegates. The union met in the square!",
    "A delegation travelled to the capital in the year 1917. Who decides? The assembly refused the offer.",
    "The miners occupied the factory despite the police. The tenants called for solidarity while rents kept "
    "rising. The committee published a statement in four languages.",
    "Yes.", "1917", "No!") for s in split_sentences(p, "en")]


def engine_with(model, **options) -> tuple[ArgosEngine, RecordingTranslator]:
    engine = ArgosEngine([model], ArgosOptions(beam_size=2, device="cpu", intra_threads=1, **options))
    loaded = engine.load("en", "es")
    loaded.translator = RecordingTranslator(loaded.translator)
    return engine, loaded.translator


@pytest.mark.parametrize("n_best", [1, 3])
@pytest.mark.parametrize("factor, margin", [(2.0, 10), (0.01, 2), (0.01, 5), (0.1, 2)])
def test_bounded_translations_equal_the_unbounded_ones(model, n_best, factor, margin):
    unbounded, plain = engine_with(model, max_length_factor=0)
    expected = unbounded.translate(SENTENCES, "en", "es", n_best=n_best, suppress=["la"])
    assert {bound for _, bound in plain.calls} == {FULL}
    bounded, recorder = engine_with(model, max_length_factor=factor, max_length_margin=margin)
    assert bounded.translate(SENTENCES, "en", "es", n_best=n_best, suppress=["la"]) == expected
    first = recorder.calls[0]
    assert first == (len(SENTENCES), decoding_bound(max(len(s) for s in bounded.load("en", "es").sp.encode(
        SENTENCES)), factor, margin, FULL))


def test_answers_the_bound_may_have_changed_are_searched_again_and_the_others_are_not(model):
    bounded, recorder = engine_with(model, max_length_factor=0.01, max_length_margin=5)
    bounded.translate(SENTENCES, "en", "es")
    (first, bound), *again = recorder.calls
    assert first == len(SENTENCES) and bound == 5
    assert [b for _, b in again] == [FULL] and 0 < again[0][0] < len(SENTENCES)
