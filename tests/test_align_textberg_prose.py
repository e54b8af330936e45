"""A whole sentence is rarely left out (``align.insertions``): a translation cut into two
sentences, one of which shares nothing with the source, is one bead, while a caption or
debris that shares nothing stays an insertion."""

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from workbench.align import align_segments, dp
from workbench.align.aligner import params_for
from workbench.align.calibration import SENTENCE_PARAMS
from workbench.align.evidence import EvidenceConfig, all_keys
from workbench.align.insertions import absorb_prose_skips, prose_segments

PARAMS = replace(SENTENCE_PARAMS, ratio=1.05, s2=6.8)


@pytest.mark.parametrize("texts, heads, junk, expected", [
    (["Tenter une voie de ce côté serait un pur suicide ."], [0], [0], [1]),
    (["Photo Archiv Zürich"], [1], [0], [0]),                  # heading-like: a caption
    (["- _- . . . . . . . . . . . . . . ."], [0], [1], [0]),    # debris
    (["Pas du tout ."], [0], [0], [0]),                         # shorter than 20 characters
    (["  Pas de difficultés notables .  "], [0], [0], [1]),
    ([], [], [], []),
])
def test_prose_segments(texts, heads, junk, expected):
    assert prose_segments(texts, heads, junk, 20) == expected


def document(tail_len: int = 50):
    """30 sentence pairs sharing a name and a number each; target sentence 10 is cut into a
    half with the shared words and a second sentence of ``tail_len`` characters sharing nothing."""
    n = 30
    src_lens, tgt_lens = [120] * n, [126] * n
    keys = [frozenset({f"c:w{k}", f"n:{k}"}) for k in range(n)]
    src_keys, tgt_keys = list(keys), list(keys)
    src_lens[10] = 150
    tgt_lens[10:11] = [126, tail_len]
    tgt_keys[10:11] = [keys[10], frozenset({"c:suicide", "c:tenter"})]
    return src_lens, tgt_lens, src_keys, tgt_keys


def wide(result):
    return [(b.source, b.target) for b in result.beads if len(b.source) != 1 or len(b.target) != 1]


def flags(doc, tgt_prose_at=None):
    src = [1] * len(doc[0])
    tgt = [1 if tgt_prose_at is None or k == tgt_prose_at else 0 for k in range(len(doc[1]))]
    return src, tgt


def test_a_prose_sentence_joins_the_bead_beside_it():
    doc = document()
    assert wide(dp.align(*doc, PARAMS)) == [((), (11,))]   # without the rule: an insertion
    src, tgt = flags(doc)
    assert wide(dp.align(*doc, PARAMS, src_prose=src, tgt_prose=tgt)) == [((10,), (10, 11))]


def test_a_caption_or_debris_stays_an_insertion():
    doc = document()
    src, tgt = flags(doc, tgt_prose_at=-1)   # no target segment is prose
    assert wide(dp.align(*doc, PARAMS, src_prose=src, tgt_prose=tgt)) == [((), (11,))]


def test_a_fusion_that_costs_more_than_the_prose_skip_is_not_made():
    doc = document()
    src, tgt = flags(doc)
    no_bonus = replace(PARAMS, prose_skip=0.0)
    assert wide(dp.align(*doc, no_bonus, src_prose=src, tgt_prose=tgt)) == [((), (11,))]
    # a long unrelated sentence: the 1-2 bead's length is far off, the skip stays
    long_doc = document(tail_len=400)
    assert wide(dp.align(*long_doc, PARAMS, src_prose=src, tgt_prose=tgt)) == [((), (11,))]


def test_the_total_cost_is_the_sum_of_the_fused_path():
    doc = document()
    src, tgt = flags(doc)
    result = dp.align(*doc, PARAMS, src_prose=src, tgt_prose=tgt)
    assert math.isclose(result.total_cost, math.fsum(b.cost for b in result.beads), rel_tol=1e-9)


def test_two_prose_skips_side_by_side_become_a_pair():
    scorer = dp._Scorer([100, 100, 100], [105, 105, 105],
                        [frozenset({"n:1"}), frozenset({"c:a"}), frozenset({"n:3"})],
                        [frozenset({"n:1"}), frozenset({"c:b"}), frozenset({"n:3"})], PARAMS)
    path = [(0, 1, 0, 1), (1, 2, 1, 1), (2, 2, 1, 2), (2, 3, 2, 3)]
    total = math.fsum(scorer.cost(*b) for b in path)
    fused, new_total = absorb_prose_skips(path, total, scorer, [1, 1, 1], [1, 1, 1])
    assert fused == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)]
    assert math.isclose(new_total, math.fsum(scorer.cost(*b) for b in fused))
    assert absorb_prose_skips(path, total, scorer, [1, 0, 1], [1, 0, 1]) == (path, total)


def test_aligning_text_keeps_a_split_sentence_together_and_a_caption_apart():
    source = [f"Am {d}. Juli erreichte Larch mit {d + 3} Trägern das Lager {r} unter dem Gipfel ."
              for d, r in zip(range(1, 13), ("I", "II", "III", "IV", "V", "VI") * 2)]
    target = [f"Le {d} juillet , Larch atteignit avec {d + 3} porteurs le camp {r} sous le sommet ."
              for d, r in zip(range(1, 13), ("I", "II", "III", "IV", "V", "VI") * 2)]
    source[5] = source[5][:-2] + ", der Wind war eisig ."
    target[5:6] = [target[5], "Le vent glacial empêchait toute personne de dormir ."]
    target.insert(9, "Photo Archiv Zürich")
    result = align_segments(source, target, "de", "fr", unit="sentence")
    beads = [(b.source, b.target) for b in result.beads]
    assert ((5,), (5, 6)) in beads
    assert ((), (9,)) in beads
    plain = replace(params_for("de", "fr", "sentence", [len(s) for s in source], [len(t) for t in target]),
                    prose_skip=0.0)
    without = align_segments(source, target, "de", "fr", unit="sentence", params=plain)
    assert ((), (6,)) in [(b.source, b.target) for b in without.beads]



WORDS = "Marx Engels Berlin 1848 Paris Kommune Arbeiter 12 33 Streik grève Madrid huelga Oktober".split()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 25), st.integers(1, 25))
def test_fused_paths_cover_both_sides_in_order_at_their_own_cost(seed, n, m):
    rng = random.Random(seed)
    source, target = ([" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) + " ." for _ in range(k)]
                      for k in (n, m))
    params = params_for("de", "fr", "sentence", [len(x) for x in source], [len(x) for x in target])
    sk, tk = all_keys(source, EvidenceConfig(), "source"), all_keys(target, EvidenceConfig(), "target")
    lens = [len(x) for x in source], [len(x) for x in target]
    prose = [rng.randint(0, 1) for _ in range(n)], [rng.randint(0, 1) for _ in range(m)]
    result = dp.align(*lens, sk, tk, params, src_prose=prose[0], tgt_prose=prose[1])
    assert [i for b in result.beads for i in b.source] == list(range(n))
    assert [j for b in result.beads for j in b.target] == list(range(m))
    assert {(len(b.source), len(b.target)) for b in result.beads} <= set(params.bead_types)
    assert math.isclose(result.total_cost, math.fsum(b.cost for b in result.beads), abs_tol=1e-9)
    plain = dp.align(*lens, sk, tk, params)
    assert result.total_cost <= plain.total_cost + params.prose_skip * (n + m) + 1e-9
    unfused = dp.align(*lens, sk, tk, replace(params, prose_skip=0.0), src_prose=prose[0], tgt_prose=prose[1])
    assert [(b.source, b.target) for b in unfused.beads] == [(b.source, b.target) for b in plain.beads]
