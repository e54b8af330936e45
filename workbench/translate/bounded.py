"""Beam search with a length bound whose answers are those of the unbounded search.

With a length penalty, CTranslate2's beam search ends a sentence only once
``beam_size`` hypotheses have ended (or at ``max_decoding_length``, 256 by
default): one beam that never ends keeps the sentence, and with it one model
replica, decoding to 256 tokens even when the best translation ended after a
few. A bound of a few times the source length (Marian's max-length-factor)
avoids that, but a bound alone could change a translation: the beams alive at
the bound are returned as if they had ended, and a hypothesis that would have
ended later is never seen.

``proven_best`` decides from the bounded search's hypotheses and scores
whether its n best are the unbounded search's n best, exactly:

* Up to the bound both searches make the same steps. A hypothesis of the
  bound's length was cut there (one ending at the last step with ``</s>`` is one
  token shorter and ended on its own).
* Every hypothesis the unbounded search ends after the bound continues a beam
  alive at the last step. Its cumulative log-probability is at most that
  beam's (log-probabilities are never positive), and its score, divided by
  length ** penalty, is at most that cumulative value over
  ``max_decoding_length ** penalty``: ``ceiling`` below.
* So when the n best hypotheses that ended on their own all score above that
  ceiling, and above any hypothesis not returned, they are the unbounded
  search's n best. Otherwise the caller translates the sentence again without
  the bound.
"""

from __future__ import annotations

from typing import Sequence

# scores are float32: a proof needs a clear margin, not a tie
_MARGIN = 1e-4


def decoding_bound(longest_source: int, factor: float, margin: int, full: int) -> int:
    """The bound for a batch whose longest source has ``longest_source`` tokens."""
    if factor <= 0:
        return full
    return max(2, min(full, int(factor * longest_source) + margin))


def proven_best(hypotheses: Sequence[Sequence[str]], scores: Sequence[float], *, bound: int, full: int,
                n: int, beam_size: int, length_penalty: float) -> list[list[str]] | None:
    """The n best hypotheses of the unbounded search (up to ``full`` tokens), from a search
    bounded at ``bound`` that returned its ``beam_size`` best with their scores; None when
    they are not proven (then translate again with ``full``)."""
    ranked = list(zip(hypotheses, scores))   # best first, as CTranslate2 returns them
    if bound >= full or all(len(h) < bound - 1 for h, _ in ranked):
        # the search ended before its last step: nothing was cut
        return [list(h) for h, _ in ranked[:n]]
    ended = [(h, s) for h, s in ranked if len(h) < bound]
    if len(ended) < n:
        return None
    ceiling = _ceiling(ranked, bound, full, beam_size, length_penalty)
    lowest_seen = ranked[-1][1] if len(ranked) >= beam_size else None   # others may be hidden below it
    for _, score in ended[:n]:
        if not _above(score, ceiling) or (lowest_seen is not None and not _above(score, lowest_seen)):
            return None
    return [list(h) for h, _ in ended[:n]]


def _ceiling(ranked: list, bound: int, full: int, beam_size: int, length_penalty: float) -> float:
    """The highest score any hypothesis ending after the bound could reach.

    The beams alive after the last step are, at most, as probable as the hypotheses registered
    at that step (those of length ``bound - 1`` or ``bound``); ``beam_size`` of them were
    registered, and those not returned score below the lowest returned one."""
    last = [(h, s) for h, s in ranked if len(h) >= bound - 1]
    cumulative = [s * len(h) ** length_penalty for h, s in last]
    if len(last) < beam_size:
        cumulative.append(ranked[-1][1] * (bound - 1) ** length_penalty)
    return max(cumulative) / full ** length_penalty


def _above(score: float, limit: float) -> bool:
    return score > limit + _MARGIN * max(1.0, abs(limit))
