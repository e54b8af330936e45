"""A translation job's ETA: counted in characters, not sentences, the model's load left out, a
range while little is done (the first chunk is a job's shortest sentences). No real time is
measured: the estimator is a pure function, and run_job runs on a clock the engine moves."""

from __future__ import annotations

import pytest

from workbench.store import Store
from workbench.translate.engine import StandInEngine
from workbench.translate.eta import SENTENCE_COST, SETTLED, Eta, estimate_left, eta_text, span, work_of

from tests.test_translate_jobs import LEXICON, MANY, _add


def test_work_counts_characters_and_a_cost_a_sentence():
    assert work_of([]) == 0
    assert work_of(["Who decides?", "The strike goes on, said 12 miners!"]) == 12 + 35 + 2 * SENTENCE_COST


@pytest.mark.parametrize("elapsed, done, left, seconds", [
    (2.0, 100, 100, 2.0),        # half done in 2 s: 2 s left
    (1.0, 100, 900, 9.0),
    (3.0, 300, 0, 0.0),          # all done
])
def test_the_estimate_is_the_pace_of_the_work_done_times_the_work_left(elapsed, done, left, seconds):
    assert estimate_left(elapsed, done, left).seconds == pytest.approx(seconds)


def test_nothing_is_estimated_before_any_work_is_done():
    assert estimate_left(5.0, 0, 1000) is None
    assert eta_text(None) == "estimating…"


def test_four_short_sentences_do_not_set_the_pace_of_long_ones():
    """The first chunk is a job's 4 shortest sentences: 1 s for them, with 28 sentences almost five
    times as long left, is not 7 s left (time per sentence) but 7 s times the ratio of their work."""
    short, long = ["Who decides?"] * 4, ["The strike committee of the miners met on Monday in Soma."] * 28
    by_sentences = 1.0 / 4 * 28
    eta = estimate_left(1.0, work_of(short), work_of(long))
    assert eta.seconds == pytest.approx(by_sentences * (57 + SENTENCE_COST) / (12 + SENTENCE_COST))


@pytest.mark.parametrize("share", [0.01, 0.05, 0.1, 0.2])
def test_a_range_while_little_is_done_narrowing_as_more_is(share):
    rough = estimate_left(10.0, share, 1 - share)
    rougher = estimate_left(10.0, share / 2, 1 - share / 2)
    assert rough.low < rough.seconds < rough.high
    assert rougher.high / rougher.low > rough.high / rough.low


@pytest.mark.parametrize("share", [SETTLED, 0.5, 0.9])
def test_one_number_once_a_quarter_of_the_work_is_done(share):
    eta = estimate_left(10.0, share, 1 - share)
    assert eta.low == eta.seconds == eta.high


@pytest.mark.parametrize("eta, text", [
    (Eta(12.0, 12.0, 12.0), "0:12 left"),
    (Eta(75.4, 75.4, 75.4), "1:15 left"),
    (Eta(12.0, 6.2, 24.0), "about 0:06-0:24 left"),
    (Eta(0.3, 0.2, 0.4), "0:00 left"),          # a range that rounds to one number is one number
])
def test_the_bar_says_about_and_a_range_while_the_estimate_is_rough(eta, text):
    assert eta_text(eta) == text


def test_the_command_line_writes_the_range_with_its_own_clock():
    from workbench.cli.translate import _clock

    assert span(Eta(4000.0, 3000.0, 5000.0), _clock) == "about 0:50:00-1:23:20"
    assert span(Eta(61.0, 61.0, 61.0), _clock) == "0:01:01"


class Clocked(StandInEngine):
    """The stand-in engine on a clock of its own: loading its model takes ``load`` seconds (when
    the first chunk starts, as the Argos engine's does), each chunk the seconds its work says."""

    def __init__(self, lexicon, clock: list[float], load: float, pace: float):
        super().__init__(lexicon)
        self.clock, self.load, self.pace = clock, load, pace

    def translate_later(self, sentences, src, tgt, **kw):
        if self.load:
            self.clock[0] += self.load
            self.load = 0

        def answer():
            self.clock[0] += self.pace * work_of(sentences)
            return self.translate(sentences, src, tgt, **kw)
        return answer


def test_run_job_s_eta_is_the_time_really_left_when_the_pace_is_the_characters(tmp_path, monkeypatch):
    """A job whose engine takes 30 s to load its model and then a time set by each sentence's
    characters: its first ETA (after the 4 shortest sentences) said 442 s for 32 s left, the load
    counted as work and the pace per sentence, the second 39 s for 20 s; now every ETA is the time
    left, a range around it while rough."""
    from workbench.translate import jobs
    from workbench.translate.jobs import JobRequest, prepare_job, run_job

    clock = [0.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: clock[0])
    engine, ticks = Clocked(LEXICON, clock, load=30.0, pace=0.01), []
    with Store.open(tmp_path / "eta.sqlite3") as store:
        doc_id = _add(store, MANY + "\n\n" + "\n\n".join(
            f"Delegates from the {n} pits of the basin voted to go on with the strike." for n in range(12)), "pits.md")
        job = prepare_job(store, JobRequest((doc_id,), ("es",), "en"), engine)
        run_job(store, job.id, engine, lambda p, eta: ticks.append((clock[0], eta)))
    end = clock[0]
    estimates = [(at, eta) for at, eta in ticks if eta is not None]
    assert len(estimates) >= 3
    for at, eta in estimates:
        assert eta.seconds == pytest.approx(end - at)
    first = estimates[0][1]
    assert first.low < first.seconds < first.high and eta_text(first).startswith("about ")
    assert estimates[-2][1].low == estimates[-2][1].high
