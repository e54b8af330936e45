"""The length model's variance read from the text being aligned (issue 14): a translation freer in
its lengths than the table's pairs gets a larger variance in the second pass, so that two verse
pairs of uneven lengths stay two 1-1 beads instead of one 2-2."""

from __future__ import annotations

import random

import pytest

from workbench.align import align_segments
from workbench.align.calibration import (LENGTH_MODEL, MIN_S2, TEXT_S2_MIN_BEADS, length_model, text_s2,
                                         text_variance)


def _lengths(s2: float, ratio: float, n: int, seed: int) -> list[tuple[int, int]]:
    """``n`` (source, target) lengths whose target side varies with variance ``s2`` per character."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        ls = rng.randint(60, 200)
        out.append((ls, max(1, round(ratio * ls + rng.gauss(0.0, (s2 * ratio * ls) ** 0.5)))))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_text_with_freer_lengths_gets_a_larger_variance(seed):
    close = text_variance(_lengths(1.0, 1.1, 200, seed), 1.1)
    free = text_variance(_lengths(6.0, 1.1, 200, seed), 1.1)
    assert close is not None and free is not None
    assert 0.5 < close < 2.0 < 4.0 < free < 9.0


def test_too_few_beads_keep_the_table():
    few = _lengths(6.0, 1.1, TEXT_S2_MIN_BEADS - 1, 4)
    assert text_variance(few, 1.1) is None
    assert text_s2(2.0, text_variance(few, 1.1), 1.1) == 2.0
    assert text_variance(few + [(100, 110)], 1.1) is not None


def test_a_text_closer_than_the_table_keeps_the_table_and_a_freer_one_stops_at_gale_church():
    assert text_s2(2.0, 0.5, 1.0) == 2.0
    assert text_s2(2.0, 2.0, 1.0) == 3.0
    assert text_s2(2.0, 50.0, 1.0) == pytest.approx(6.8)


@pytest.mark.parametrize("seed,s2,ratio", [(5, 1.0, 1.128), (6, 6.0, 0.9), (7, 3.0, 1.3)])
def test_variance_is_symmetric_when_the_sides_swap(seed, s2, ratio):
    lengths = _lengths(s2, ratio, 60, seed)
    forward = text_variance(lengths, ratio)
    backward = text_variance([(lt, ls) for ls, lt in lengths], 1 / ratio)
    assert backward == pytest.approx(forward / ratio)
    # and so is the variance the second pass uses (the table's turns round the same way)
    table = max(LENGTH_MODEL[("en", "de")][1], MIN_S2)
    assert text_s2(table / ratio, backward, 1 / ratio) == pytest.approx(text_s2(table, forward, ratio) / ratio)
    assert length_model("de", "en")[1] == pytest.approx(length_model("en", "de")[1] / length_model("en", "de")[0])


# Made-up words: the two sides share no letter, so no word, name or number is evidence and only
# lengths decide (as between verses whose shared words the first pass has not learnt yet).
def _text(length: int, rng: random.Random, consonants: str, vowels: str) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length - 1:
        words.append("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(1, 3))))
    text = " ".join(words)
    return text[: length - 1].rstrip() + "."


def _verses(seed: int = 11):
    """Forty verse pairs, en-de lengths as free as Gale and Church's (s2 4.5 against the table's 2.0),
    with two neighbours uneven in opposite directions (verses 20 and 21): one 2-2 of the two fits
    their lengths better than two 1-1 beads do at the table's variance."""
    ratio, s2 = LENGTH_MODEL[("en", "de")][0], 4.5
    rng = random.Random(seed)
    lengths = _lengths(s2, ratio, 40, seed)
    sd = (s2 * ratio * 150) ** 0.5
    lengths[20] = (150, round(ratio * 150 - 1.8 * sd))
    lengths[21] = (150, round(ratio * 150 + 1.8 * sd))
    source = [_text(ls, rng, "klmnrst", "aeio") for ls, _ in lengths]
    target = [_text(lt, rng, "bdfgpvz", "uy") for _, lt in lengths]
    return source, target


def test_two_uneven_verse_pairs_stay_two_one_to_one_beads_with_the_texts_variance():
    source, target = _verses()
    result = align_segments(source, target, "en", "de", unit="sentence")
    beads = {(b.source, b.target) for b in result.beads}
    assert ((20,), (20,)) in beads and ((21,), (21,)) in beads
    assert result.provenance["s2_from"] == "aligned beads"
    assert result.provenance["params"]["s2"] > 4.0
    # the other way round the same
    swapped = align_segments(target, source, "de", "en", unit="sentence")
    assert {(b.target, b.source) for b in swapped.beads} == beads


@pytest.mark.parametrize("n", [20, 21, 57, 58])
def test_the_estimate_is_the_median_of_the_beads_terms(n):
    """(The median is the module's own, without importing statistics: the same value.)"""
    import statistics

    from workbench.align.calibration import _CHI2_MEDIAN

    lengths = _lengths(3.0, 0.9, n, seed=n)
    terms = [(lt - 0.9 * ls) ** 2 / (0.9 * (ls + lt / 0.9) / 2.0) for ls, lt in lengths]
    assert text_variance(lengths, 0.9) == statistics.median(terms) / _CHI2_MEDIAN
