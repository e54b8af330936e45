"""langdetect's answer for a paragraph, computed faster with the same result.

langdetect (55 languages) is asked about the paragraphs our own evidence
leaves split.  Its detector draws n-grams of the text at random and
multiplies 55 probabilities per draw in a Python loop, which made a call
cost ~5 ms, the largest part of paragraph language at ingest.  Here the
same draws (the same seeded random stream, the same order) update the 55
probabilities as one numpy row: every product, sum and quotient is the same
IEEE operation in the same order as langdetect's, so the probabilities are
identical to the last bit (tests compare them with ``langdetect.detect_langs``);
the text is prepared and the n-grams extracted by langdetect itself.
"""

from __future__ import annotations

import functools

import numpy as np


def detect_langs(text: str) -> list:
    """langdetect's ranked ``Language(lang, prob)`` list for `text`, as
    ``langdetect.detect_langs`` gives it with the factory's current seed;
    raises ``LangDetectException`` when the text has no n-gram it knows."""
    from langdetect import detector_factory
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    detector_factory.init_factory()
    factory = detector_factory._factory
    detector = factory.create()
    detector.append(text)
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    if not ngrams:
        raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
    detector.langprob = _trials(factory, detector, ngrams).tolist()
    return detector.get_probabilities()


def _trials(factory, detector, ngrams: list[str]) -> np.ndarray:
    """langdetect's Detector._detect_block on numpy rows: n_trial random
    walks over the text's n-grams, their probabilities averaged."""
    rows = {gram: i for i, gram in enumerate(dict.fromkeys(ngrams))}
    picks = [rows[gram] for gram in ngrams]   # same length: random.choice draws the same index
    table = np.stack([_row(factory, gram) for gram in rows])
    size = len(detector.langlist)
    if detector.prior_map is not None:
        start = np.array(detector.prior_map, dtype=float)
    else:
        start = np.full(size, 1.0 / size)
    langprob = np.zeros(size)
    rnd = detector.random
    rnd.seed(detector.seed)
    for _ in range(detector.n_trial):
        alpha = detector.alpha + rnd.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        langprob += _walk(detector, start.copy(), alpha / detector.BASE_FREQ + table, picks) / detector.n_trial
    return langprob


@functools.lru_cache(maxsize=30_000)   # ~16 MB; the same n-grams come back in every text
def _row(factory, gram: str) -> np.ndarray:
    """An n-gram's probabilities in the 55 languages as a numpy row
    (built once: converting langdetect's lists per call cost more than the walk)."""
    return np.array(factory.word_lang_prob_map[gram])


def _walk(detector, prob: np.ndarray, factors: np.ndarray, picks: list[int]) -> np.ndarray:
    """One trial: multiply by the factors of random n-grams, normalising
    every fifth draw, until one language is sure or the draws run out."""
    choice = detector.random.choice
    draw = 0
    while True:
        prob *= factors[choice(picks)]
        if draw % 5 == 0:
            values = prob.tolist()
            total = sum(values)   # Python's sum, not numpy's pairwise one: langdetect's rounding
            prob /= total
            # division by a positive number keeps the order: the largest
            # quotient is the quotient of the largest value
            if max(values) / total > detector.CONV_THRESHOLD or draw >= detector.ITERATION_LIMIT:
                return prob
        draw += 1
