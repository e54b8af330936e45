"""How long a translation job still takes, from the work it has done and the work it has left.

Work is counted in characters, with a fixed cost a sentence, not in sentences: a job's first
chunk is its shortest sentences (``FIRST_CHUNK``), and their time per sentence said 20-62 s for
jobs that took 11-18 s. ``run_job`` starts the clock once the model is loaded. Until ``SETTLED``
of the work is done, the pace comes from a few sentences, so the estimate is a range ("about
0:10-0:20 left") that narrows as more is done. On the bench's random-weight model
(``bench/translate_eta.py``) a first estimate is still far off when one of the first sentences
is decoded to the length limit (its beams never end: seconds, ten times the others and more),
which neither sentences nor characters foresee: the range says the estimate is rough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

SENTENCE_COST = 20   # a sentence's own cost beyond its characters (start and end tokens): a guess, ~5 tokens
SETTLED = 0.25       # the share of the work done from which the estimate is one number
SPREAD = 1.0         # before any work: "about" estimate / 2 to estimate x 2, narrowing until SETTLED


@dataclass(frozen=True)
class Eta:
    """Seconds left: the estimate, and how far it may be off (``low`` to ``high``, both the
    estimate once it has settled)."""
    seconds: float
    low: float
    high: float


def work_of(sentences: Iterable[str]) -> int:
    """The work of translating ``sentences`` (each once), in characters' worth."""
    return sum(len(s) + SENTENCE_COST for s in sentences)


def estimate_left(elapsed: float, done: float, left: float) -> Eta | None:
    """Seconds left after ``elapsed`` seconds spent on ``done`` work with ``left`` work to go
    (``work_of``); None before any work is done. Until ``SETTLED`` of the work is done the pace
    comes from a few sentences (the first chunk is a job's shortest), so it is a range, the
    wider the less is done."""
    if done <= 0:
        return None
    seconds = elapsed / done * left
    off = 1 + SPREAD * max(0.0, 1 - done / (done + left) / SETTLED)
    return Eta(seconds, seconds / off, seconds * off)


def minutes(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def span(eta: Eta, clock: Callable[[float], str] = minutes) -> str:
    """"0:12", or "about 0:10-0:20" while the estimate is a range (each end as ``clock`` writes it)."""
    low, high = clock(eta.low), clock(eta.high)
    return low if low == high else f"about {low}-{high}"


def eta_text(eta: Eta | None) -> str:
    """"0:12 left", "about 0:10-0:20 left" while the estimate is rough, "estimating…" before any."""
    return "estimating…" if eta is None else f"{span(eta)} left"
