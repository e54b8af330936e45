"""The numpy search (``vecsearch``) against the cell-by-cell reference search of ``dp``."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings, strategies as st

from workbench.align import dp, vecsearch
from workbench.align.aligner import params_for
from workbench.align.band import band_around, guide
from workbench.align.dp import neg_log_erfc
from workbench.align.evidence import EvidenceConfig, all_keys

WORDS = ("Marx Engels Berlin 1848 Paris Kommune capital Arbeiter 12 33 ¿qué? “yes” no Streik Madrid "
         "Ankara solidarity Solidarität huelga grève October Ekim").split()


def _both(source, target, unit: str, band: int | None):
    params = params_for("en", "de", unit, [len(x) for x in source], [len(x) for x in target])
    cfg = EvidenceConfig()
    sk, tk = all_keys(source, cfg, "source"), all_keys(target, cfg, "target")
    scorer = dp._Scorer([len(x) for x in source], [len(x) for x in target], sk, tk, params)
    n, m = len(source), len(target)
    if band is None:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
    else:
        lo, hi = band_around(n, m, guide(n, m, sk, tk), band)
    return dp._search(n, m, lo, hi, scorer), vecsearch.search(n, m, lo, hi, scorer), scorer


def _text(rng: random.Random, size: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9))) + "." for _ in range(size)]


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 22), st.integers(1, 22), st.sampled_from(("paragraph", "sentence")),
       st.sampled_from((None, 2, 3)))
def test_property_the_numpy_search_finds_a_path_as_cheap_as_the_reference(seed, n, m, unit, band):
    rng = random.Random(seed)
    (ref_path, ref_cost), (path, cost), scorer = _both(_text(rng, n), _text(rng, m), unit, band)
    assert cost == pytest.approx(ref_cost, abs=1e-9)
    # the path is a real cover of both sides and costs what the search says (ties may differ)
    assert path[0][0] == path[0][2] == 0 and path[-1][1] == n and path[-1][3] == m
    assert all(b[0] == a[1] and b[2] == a[3] for a, b in zip(path, path[1:]))
    assert sum(scorer.cost(*bead) for bead in path) == pytest.approx(cost, abs=1e-9)


@pytest.mark.parametrize("chunk", [vecsearch.CHUNK, 7])  # 7: rows' costs computed in many pieces
def test_the_numpy_search_reproduces_the_reference_on_long_text(monkeypatch, chunk):
    monkeypatch.setattr(vecsearch, "CHUNK", chunk)
    rng = random.Random(14)
    source = _text(rng, 300)
    target = [s for k, s in enumerate(source) if k % 17] + _text(rng, 12)  # omissions, insertions
    rng.shuffle(target[-40:])
    for band in (None, 6):
        (ref_path, ref_cost), (path, cost), _ = _both(source, target, "sentence", band)
        assert path == ref_path and cost == pytest.approx(ref_cost, abs=1e-9)


def test_neg_log_erfc_matches_the_library_erfc_and_never_underflows():
    import numpy as np

    for x in (0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0):
        assert neg_log_erfc(x) == pytest.approx(-math.log(math.erfc(x)), rel=1e-6, abs=1e-7)
    big = neg_log_erfc(np.array([30.0, 300.0]), np.log)  # erfc underflows to 0 there
    assert np.all(np.isfinite(big)) and big[1] > big[0] > 800
