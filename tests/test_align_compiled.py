"""The optional C extension (``workbench.align._fastcost``) computes what the Python code computes,
bit for bit: every bead cost, matched weight and exact-cost check, the search's path and total, and
every field of every bead of an alignment. Skipped where the extension is not built (no C compiler
at install); the fallback test runs everywhere."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from workbench.align import bandpass, dp, lexicon, vecsearch
from workbench.align.model1 import learnt_pairs
from workbench.align.aligner import align_segments, params_for
from workbench.align.dp import DPParams, _Scorer
from workbench.align.evidence import _numbered

BASES = ("n:5", "c:marx", "p:q", "l:3", "l:4", "w:streik", "w:berlin", "n:1848")
WORDS = ("Marx Engels Berlin 1848 Paris Kommune capital Arbeiter 12 33 ¿qué? “yes” no Streik Madrid "
         "Ankara solidarity Solidarität huelga grève October Ekim Marx Marx 1848").split()


def _keys(rng: random.Random) -> frozenset:
    """A segment's keys, some repeated (``k``, ``k#2``, …), some segments without any."""
    return frozenset(_numbered([rng.choice(BASES) for _ in range(rng.choice((0, 1, 2, 3, 5, 8)))]))


def _scorers(seed: int, n: int, m: int, params: DPParams):
    """The same alignment's scorer in Python and with the extension, each reading one full band's
    overlap table (as the search's scorers do)."""
    rng = random.Random(seed)
    sk, tk = [_keys(rng) for _ in range(n)], [_keys(rng) for _ in range(m)]
    lens = [rng.randint(0, 120) for _ in range(n)], [rng.randint(0, 120) for _ in range(m)]
    marks = dict(src_heads=[rng.random() < 0.2 for _ in range(n)], tgt_heads=[rng.random() < 0.2 for _ in range(m)],
                 src_joined=[rng.random() < 0.3 for _ in range(n)], tgt_joined=[rng.random() < 0.3 for _ in range(m)],
                 src_junk=[rng.random() < 0.1 for _ in range(n)], tgt_junk=[rng.random() < 0.1 for _ in range(m)])
    out = []
    for compiled in (False, True):
        scorer = _Scorer(*lens, sk, tk, params, **marks, compiled=compiled)
        vecsearch._Band(n, m, [0] * (n + 1), [m] * (n + 1), scorer)
        out.append(scorer)
    return out


PARAMS = [params_for("en", "de", "sentence", [60] * 9, [66] * 9),
          params_for("en", "de", "paragraph", [300] * 9, [330] * 9),
          DPParams(w_head=1.5, w_junk=0.75, orphan=1.25, len_cap=3.0, len_past_cap=0.1, dice_sat=0.6, idf=False,
                   bead_types=dp.SENTENCE_BEADS)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 9), st.integers(1, 9), st.sampled_from(range(len(PARAMS))))
def test_property_every_bead_costs_the_same_in_c_and_in_python(seed, n, m, which):
    pytest.importorskip("workbench.align._fastcost")
    plain, fast = _scorers(seed, n, m, PARAMS[which])
    assert plain.fast is None and fast.fast is not None
    shapes = [(a, b) for a, b in PARAMS[which].priors if a and b] + [(0, 1), (1, 0)]
    for i in range(n + 1):
        for j in range(m + 1):
            for a, b in shapes:
                if a <= i and b <= j:
                    bead = (i - a, i, j - b, j)
                    c = fast.fast.cost(*bead)
                    assert c is not None and c == plain.cost(*bead)   # (==: to the last bit)
                    assert fast.fast.cost(*(np.int64(x) for x in bead)) == c   # (numpy's integers too)
                    for limit in (0.0, 2.5, c):
                        assert fast.cost(*bead, limit) == plain.cost(*bead, limit)
                    if a and b:
                        assert fast.fast.matched(*bead) == plain._matched(*bead)
                        assert fast.parts(*bead) == plain.parts(*bead)
                    if a and b and a + b > 2:
                        twice = plain.repeated(*bead)
                        assert fast.fast.exact(*bead) == (plain.cost(*bead, twice=twice) if twice else False)


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10**6), st.integers(5, 40), st.integers(5, 40), st.sampled_from(range(len(PARAMS))),
       st.sampled_from((None, 3)))
def test_property_the_search_in_c_finds_the_same_path_and_total(seed, n, m, which, band):
    pytest.importorskip("workbench.align._fastcost")
    plain, fast = _scorers(seed, n, m, PARAMS[which])
    if band is None:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
    else:
        lo = [max(0, round(i * m / n) - band) for i in range(n + 1)]
        hi = [min(m, round(i * m / n) + band) for i in range(n + 1)]
    path, total = vecsearch.search(n, m, lo, hi, plain)
    assert bandpass.search(n, m, lo, hi, fast) == (path, total)
    assert vecsearch.search(n, m, lo, hi, fast) == (path, total)
    assert bandpass.search(n, m, lo, hi, plain) is None   # (no extension: numpy's search)


def _random_path(rng: random.Random, n: int, m: int, types) -> list[tuple[int, int, int, int]]:
    """A path of beads of ``types`` (skips where a type does not fit) from (0, 0) to (n, m)."""
    path, i, j = [], 0, 0
    while i < n or j < m:
        a, b = rng.choice(types)
        if not (a or b) or i + a > n or j + b > m:
            a, b = (1, 0) if i < n else (0, 1)
        path.append((i, i + a, j, j + b))
        i, j = i + a, j + b
    return path


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 12), st.integers(1, 12), st.sampled_from(range(len(PARAMS))))
def test_property_the_margins_in_c_are_pythons(seed, n, m, which):
    """Each bead's margin (``margins.margins``) from the C extension, bit for bit; the C code gives
    them all (no cost it has to leave to Python on these paths)."""
    from workbench.align import margins

    pytest.importorskip("workbench.align._fastcost")
    plain, fast = _scorers(seed, n, m, PARAMS[which])
    path = _random_path(random.Random(seed), n, m, list(PARAMS[which].bead_types))
    expected = margins.margins(path, plain)
    got = margins.margins(path, fast)
    assert [x.hex() for x in got] == [x.hex() for x in expected]
    own = [fast.cost(*b) for b in path]
    cap = min(dp.NO_RIVAL, 2.0 * fast.p.skip)
    assert fast.fast.margins(path, own, list(set(fast.p.bead_types)), fast.p.skip, cap) == got
    # a type wider than the C code's table, a bead wider than its costs go: left to Python
    assert fast.fast.margins(path, own, [(20, 1)], fast.p.skip, cap) is None
    if n >= 9:
        wide = [(0, 9, 0, 1)] + [(i, i + 1, 1, 1) for i in range(9, n)] + [(n, n, j, j + 1) for j in range(1, m)]
        types = [(9, 1), (10, 1), (1, 0), (0, 1), (1, 1)]   # (the first two beads fused: 10-1)
        assert fast.fast.margins(wide, [1.0] * len(wide), types, fast.p.skip, cap) is None


def _text(rng: random.Random, size: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12))) + "." for _ in range(size)]


@pytest.mark.parametrize("unit", ["paragraph", "sentence"])
def test_an_alignment_is_the_same_with_and_without_the_extension(monkeypatch, unit):
    pytest.importorskip("workbench.align._fastcost")
    rng = random.Random(6)
    source = _text(rng, 120)
    target = [s for k, s in enumerate(source) if k % 13] + _text(rng, 6)   # omissions, insertions
    rng.shuffle(target[-20:])
    runs = {}
    for pure in ("1", "0"):   # (with the second pass: the first pass's search, the second's, scores and margins)
        monkeypatch.setenv("WORKBENCH_ALIGN_PURE_PYTHON", pure)
        runs[pure] = repr(align_segments(source, target, "en", "de", unit=unit).beads)
    assert runs["0"] == runs["1"]


def test_without_the_extension_the_costs_are_computed_in_python(monkeypatch):
    """Where it was not built (no C compiler) or is turned off, the scorer has no compiled core and
    the alignment runs all the same."""
    rng = random.Random(9)
    source = _text(rng, 40)
    target = list(source)
    monkeypatch.setattr(dp, "_fastcost", None)
    plain = align_segments(source, target, "en", "de", unit="sentence")
    assert [(b.source, b.target) for b in plain.beads] == [((k,), (k,)) for k in range(40)]
    assert _Scorer([5], [5], [frozenset()], [frozenset()], DPParams()).fast is None
    monkeypatch.undo()
    monkeypatch.setenv("WORKBENCH_ALIGN_PURE_PYTHON", "1")
    assert _Scorer([5], [5], [frozenset()], [frozenset()], DPParams()).fast is None
    assert repr(align_segments(source, target, "en", "de", unit="sentence").beads) == repr(plain.beads)


def _band_arguments(n: int, m: int) -> list:
    """What ``vecsearch.search`` gives ``_fastcost.band`` for a full band of a random alignment."""
    _, fast = _scorers(5, n, m, PARAMS[0])
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    band = vecsearch._Band(n, m, lo, hi, fast)
    types = fast.p.bead_types
    steps = [t for t, (a, _) in enumerate(types) if a > 0]
    start = np.concatenate(([0], np.cumsum(band.hi - band.lo + 1))).astype(np.int64)
    D, B = np.full(start[-1] + 1, dp.INF), np.full(start[-1], -1, np.int8)
    D[0] = 0.0
    return [fast.fast, fast.exact, D, B, steps, [types[t] for t in steps], start, np.asarray(lo, np.int64),
            np.asarray(hi, np.int64), band.wlo.astype(np.int64), band.table, np.array(band.src_twice),
            np.array(band.tgt_twice), types.index((0, 1)), float(fast.skip)]


def test_the_pass_in_c_rejects_arrays_of_the_wrong_type_and_size():
    fastcost = pytest.importorskip("workbench.align._fastcost")
    args = _band_arguments(6, 5)
    assert fastcost.band(*args) is True
    with pytest.raises(TypeError):
        fastcost.band(*args[:2], args[2].astype(np.float32), *args[3:])
    with pytest.raises(ValueError):
        fastcost.band(*args[:6], args[6][:-1], *args[7:])
    with pytest.raises(TypeError):
        fastcost.band(None, *args[1:])


def test_the_pass_in_c_leaves_a_table_too_narrow_for_a_bead_to_python():
    fastcost = pytest.importorskip("workbench.align._fastcost")
    args = _band_arguments(6, 5)
    args[10] = np.ascontiguousarray(args[10][:, :1])
    assert fastcost.band(*args) is None


def test_a_pass_given_up_midway_is_searched_again_in_python(monkeypatch):
    fastcost = pytest.importorskip("workbench.align._fastcost")
    plain, fast = _scorers(8, 30, 28, PARAMS[0])
    lo, hi = [0] * 31, [28] * 31
    expected = vecsearch.search(30, 28, lo, hi, plain)

    def given_up(core, exact, D, B, *rest):   # cells written, then no answer
        for k in range(len(D)):
            D[k] = -1.0
        return None

    monkeypatch.setattr(fastcost, "band", given_up)
    assert bandpass.search(30, 28, lo, hi, fast) is None
    assert dp._best_path(30, 28, lo, hi, fast) == expected


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 30), st.integers(0, 30), st.sampled_from((None, 2, 5)))
def test_property_the_table_of_shared_weights_is_the_same_in_c_and_in_python(seed, n, m, band):
    """``bandpass.overlaps``' table (each source segment's shared weight with the target segments
    its beads can pair it with), bit for bit, on full searches and bands; keys held as plain sets
    (not frozensets) are left to Python, and so is a key without a weight (KeyError)."""
    pytest.importorskip("workbench.align._fastcost")
    rng = random.Random(seed)
    sk, tk = [_keys(rng) for _ in range(n)], [_keys(rng) for _ in range(m)]
    params = PARAMS[seed % len(PARAMS)]
    lens = [rng.randint(1, 120) for _ in range(n)], [rng.randint(1, 120) for _ in range(m)]
    if band is None:
        lo, hi = [0] * (n + 1), [m] * (n + 1)
    else:
        mid = [round(i * m / max(n, 1)) for i in range(n + 1)]
        lo, hi = [max(0, x - band) for x in mid], [min(m, x + band) for x in mid]
    reach = max(max(a, b) for a, b in params.bead_types)
    tables = [bandpass.overlaps(n, m, lo, hi, reach, _Scorer(*lens, sk, tk, params, compiled=compiled))
              for compiled in (False, True)]
    (plo, phi, plain), (clo, chi, fast) = tables
    assert plo == clo and phi == chi
    assert fast == plain and [[x.hex() for x in row] for row in fast] == [[x.hex() for x in row] for row in plain]
    scorer = _Scorer(*lens, sk, tk, params)
    fastcost = pytest.importorskip("workbench.align._fastcost")
    args = plo, phi, max(1, len(plain[0]))
    if n:
        assert fastcost.overlaps([set(k) for k in sk], tk, scorer.weights, *args, math.fsum) is None
    first, last = args[0], args[1]   # (a key shared outside every window is never looked up)
    shared = [k for s in range(n) for q in range(first[s], min(last[s], m - 1) + 1) for k in sk[s] & tk[q]]
    if shared:
        weights = {k: w for k, w in scorer.weights.items() if k != shared[0]}
        with pytest.raises(KeyError):
            fastcost.overlaps(sk, tk, weights, *args, math.fsum)


def _sides(seed: int) -> tuple[list[list[int]], list[list[int]]]:
    """40 training beads of up to 7 word ids (1-15) a side, some sides empty; every word id of the
    target side is its source word's id plus one (so pairs are learnt), some dropped, some added.
    Odd seeds: some words are the id of the empty word (0), which no pair of the table holds."""
    rng = random.Random(seed)
    low = seed % 2
    sides_s = [[rng.randint(1 - low, 14) for _ in range(rng.choice((0, 1, 3, 5, 7)))] for _ in range(40)]
    sides_t = [[w + 1 for w in side if rng.random() < 0.8] + [rng.randint(1 - low, 15)] * rng.randint(0, 2)
               for side in sides_s]
    return sides_s, sides_t


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 4), st.integers(0, 4), st.sampled_from((0.0, 0.2, 0.5)))
def test_property_the_table_learnt_in_c_is_numpys(seed, min_beads, soft_beads, min_prob):
    """``_fastcost.model1_table`` gives ``model1.learnt_pairs``' pairs and probabilities, bit for bit."""
    from array import array

    fastcost = pytest.importorskip("workbench.align._fastcost")
    sides_s, sides_t = _sides(seed)
    params = lexicon.LexiconParams(min_beads=min_beads, soft_beads=soft_beads, min_prob=min_prob)
    expected = learnt_pairs(sides_s, sides_t, 16, params)
    flat = [array("q", [w for side in sides for w in side]) for sides in (sides_s, sides_t)]
    lengths = [array("q", map(len, sides)) for sides in (sides_s, sides_t)]
    got = fastcost.model1_table(flat[0], lengths[0], flat[1], lengths[1], 16, params.rounds, params.min_prob,
                                params.min_beads, params.soft_prob, params.soft_beads)
    assert got == expected
    assert [p.hex() for *_, p in got[1] + got[2]] == [p.hex() for *_, p in expected[1] + expected[2]]
    if min_prob == 0.2:   # (the table's own threshold) most translations found, few others
        assert sum(t == s + 1 for s, t in got[0]) >= 8 > sum(t != s + 1 for s, t in got[0])


def test_the_table_learnt_in_c_rejects_arrays_that_do_not_fit():
    from array import array

    fastcost = pytest.importorskip("workbench.align._fastcost")
    ids, lengths = array("q", [1, 2, 1]), array("q", [2, 1])
    pairs = fastcost.model1_table(ids, lengths, array("q", [3, 3]), array("q", [1, 1]), 4, 5, 0.2, 2, 0.3, 1)
    assert pairs[0] == [(1, 3)]   # in both beads, as min_beads (2) asks (word 2 is in one)
    with pytest.raises(ValueError):   # a word id beyond size
        fastcost.model1_table(ids, lengths, array("q", [3, 9]), array("q", [1, 1]), 4, 5, 0.2, 1, 0.3, 1)
    with pytest.raises(ValueError):   # lengths that do not add up to the ids
        fastcost.model1_table(ids, array("q", [2, 2]), array("q", [3, 3]), array("q", [1, 1]), 4, 5, 0.2, 1, 0.3, 1)
    with pytest.raises(TypeError):    # 32-bit ids
        fastcost.model1_table(array("i", [1, 2, 1]), lengths, array("q", [3, 3]), array("q", [1, 1]), 4, 5, 0.2, 1,
                              0.3, 1)


def test_an_extension_built_from_an_older_source_is_not_used():
    """An editable install updated without building its extension again keeps the old one, which
    lacks what the code now calls: the Python code runs instead of an AttributeError."""
    import types

    old = types.ModuleType("_fastcost")
    for name in dp.EXTENSION_NAMES[:-1]:
        setattr(old, name, object())
    assert dp.usable_extension(old) is None
    assert dp.usable_extension(None) is None
    setattr(old, dp.EXTENSION_NAMES[-1], object())
    old.Core = type("Core", (), {name: None for name in dp.CORE_METHODS[:-1]})   # a Core without margins
    assert dp.usable_extension(old) is None
    old.Core = type("Core", (), {name: None for name in dp.CORE_METHODS})
    assert dp.usable_extension(old) is old


# segments with what the cheap keys read: month names, long and capitalised words, digits (other
# scripts' too), Roman numerals, every punctuation mark the keys name, apostrophes
_SEGMENT_PARTS = st.sampled_from(["Marzo", "ekim", "Dezember", "solidarity", "Kampf", "ÇALIŞMA", "ölçü", "IX", "XIV",
                                  "CLX", "I", "٣", "2024", "8,5", "?", "¿", "!", "¡", "(", "[", ":", "\"", "“", "”",
                                  "„", "«", "»", "‘", "‹", "l'homme", "d’Italia", "ǅemal", "-", " ", "\n"])
_SEGMENTS = st.lists(_SEGMENT_PARTS | st.text(max_size=6), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SEGMENTS, st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_property_compiled_segment_keys_are_the_python_ones(text, numbers, months, cognates, punctuation):
    """``segment_keys`` with the extension's ``text_marks`` and ``word_keys`` gives the keys, in the
    same order, that the regular expressions and comprehensions give."""
    from workbench.align import evidence

    fastcost = pytest.importorskip("workbench.align._fastcost")
    config = evidence.EvidenceConfig(numbers=numbers, months=months, cognates=cognates, punctuation=punctuation)
    assert (evidence.segment_keys(text, config, "source", compiled=fastcost)
            == evidence.segment_keys(text, config, "source"))
    digit, roman, marks = fastcost.text_marks(text, evidence._PUNCT_KEYS)
    assert digit == bool(evidence.pattern("digit").search(text)) and roman == bool(evidence.pattern("roman_pair").search(text))
    assert marks == [evidence._PUNCT_KEYS[ch] for ch in evidence.pattern("punct").findall(text)]
    words, folded = evidence.read_words(text)
    month_table = evidence._month_table()
    assert fastcost.word_keys(words, folded, evidence._month_keys(), True) == (
        [f"m:{month_table[f]}" for f in folded if f in month_table]
        + ["c:" + f[:5] for w, f in zip(words, folded) if len(f) >= 6 or (w[:1].isupper() and len(f) >= 3)])


def test_the_cheap_keys_refuse_what_they_cannot_read():
    fastcost = pytest.importorskip("workbench.align._fastcost")
    with pytest.raises(TypeError):
        fastcost.word_keys(["a"], [], None, True)
    with pytest.raises(TypeError):
        fastcost.word_keys([1], [1], None, True)
    with pytest.raises(TypeError):
        fastcost.text_marks("a?", {"??": "p:?"})
    with pytest.raises(TypeError):
        fastcost.text_marks("a?", {chr(0x41 + k): "k" for k in range(65)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["n:5", "c:marx", "p:q", "g:x", "l:3", "a#7", "#", "b##2", "q\x00#1", "n:#",
                                          "#n:", "ç#"]), max_size=10), max_size=6))
def test_property_the_key_tables_in_c_are_pythons(segments):
    """``_fastcost.key_tables`` gives each segment's repeats (in the set's order), counts and bases
    as ``dp._repeats``, ``_counts`` and ``_bases`` do, and the scorer built on them is the same."""
    fastcost = pytest.importorskip("workbench.align._fastcost")
    keys = [_numbered(ks) for ks in segments]
    repeats, counts, bases = fastcost.key_tables(keys, dp._NO_REPEATS)
    assert repeats == [dp._repeats(ks) for ks in keys]
    assert counts == [dp._counts(ks, r) for ks, r in zip(keys, repeats)]
    assert [list(b) for b in bases] == [list(dp._bases(ks, r)) for ks, r in zip(keys, repeats)]   # (in order)
    assert all(c is dp._NO_REPEATS for c, r in zip(counts, repeats) if not r)
    assert fastcost.key_tables([set(ks) for ks in keys], {}) is None or not keys
    assert fastcost.key_tables([frozenset({1})], {}) is None


def test_the_key_tables_refuse_what_they_cannot_read():
    fastcost = pytest.importorskip("workbench.align._fastcost")
    with pytest.raises(TypeError):
        fastcost.key_tables((frozenset(),), {})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from(["n:5", "c:marx", "m:3", "p:q", "g:x", "l:3", "n", "c", "", "m:", "ñ:1",
                                               "c:ölçü"]) | st.text(max_size=4)), max_size=6))
def test_property_the_strong_keys_in_c_are_pythons(sets):
    """``_fastcost.prefixed`` gives each set's strong keys as the filter does, made in the same order."""
    from workbench.align import crossings

    fastcost = pytest.importorskip("workbench.align._fastcost")
    strong = fastcost.prefixed(sets, crossings.STRONG_KINDS)
    assert [list(s) for s in strong] == [list(frozenset(filter(crossings._IS_STRONG, s))) for s in sets]
    assert fastcost.prefixed([set()], ("n:",)) is None and fastcost.prefixed([frozenset({1})], ("n:",)) is None
    with pytest.raises(TypeError):
        fastcost.prefixed(sets, (1,))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.frozensets(st.sampled_from(["n:5", "c:marx", "l:1", "l:2", "p:q"])),
                          st.lists(st.sampled_from(["marx", "streik", "und", "kampf", "x"]), max_size=8)), max_size=6),
       st.dictionaries(st.sampled_from(["marx", "streik", "kampf", "y"]),
                       st.lists(st.integers(0, 4), max_size=3).map(lambda ks: tuple(f"l:{k}" for k in ks))))
def test_property_the_learnt_tables_keys_in_c_are_pythons(segments, of_word):
    """``_fastcost.with_words`` gives each segment's keys with the learnt table's as the union in
    Python does, the same sets made in the same order."""
    fastcost = pytest.importorskip("workbench.align._fastcost")
    from itertools import chain, repeat

    keys, words = [k for k, _ in segments], [w for _, w in segments]
    out = fastcost.with_words(keys, words, of_word)
    assert [list(s) for s in out] == [list(k.union(chain.from_iterable(map(of_word.get, f, repeat(())))))
                                      for f, k in zip(words, keys)]
    assert fastcost.with_words(keys, words[:-1], of_word) is None or not keys
    assert fastcost.with_words([set()], [[]], {}) is None
    assert fastcost.with_words([frozenset()], [["a"]], {"a": ["l:1"]}) is None


_TEXT_PARTS = st.sampled_from(["a", "Z", "-", "'", "’", " ", "_", "9", "²", "٣", "ß", "İ", "l'", "d’", "--", "x-", "ǅ",
                               "Ölçü", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_TEXT_PARTS | st.characters(), max_size=20).map("".join), max_size=5))
def test_property_a_segments_words_read_in_c_are_pythons(texts):
    """``_fastcost.read_words`` finds the words ``evidence.words``' pattern finds and folds them as
    ``folded_words`` does (a word with an apostrophe by its part before it)."""
    from workbench.align import evidence

    fastcost = pytest.importorskip("workbench.align._fastcost")
    assert fastcost.read_words(texts, evidence.fold) == [
        (evidence.words(t), evidence.folded_words(evidence.words(t))) for t in texts]
    with pytest.raises(TypeError):
        fastcost.read_words([b"bytes"], evidence.fold)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_TEXT_PARTS | st.characters(), max_size=20).map("".join), max_size=5))
def test_property_the_term_searchs_words_read_in_c_are_its_patterns(texts):
    """``_fastcost.term_words`` finds the words the glossary matcher's pattern finds, and a search
    given them finds what it finds reading them itself."""
    from workbench.glossary.matcher import WORD

    fastcost = pytest.importorskip("workbench.align._fastcost")
    assert fastcost.term_words(texts) == [WORD.findall(t) for t in texts]
    with pytest.raises(TypeError):
        fastcost.term_words([None])


def test_a_term_search_given_the_words_finds_what_it_finds_alone():
    from workbench.glossary import TermMatcher, load_glossary
    from workbench.glossary.matcher import WORD

    glossary = load_glossary(Path(__file__).resolve().parent.parent / "glossaries" / "political-terms.toml")
    texts = ["Der Generalstreik der Arbeiterklasse gegen die Bourgeoisie.", "The general strike of the working class.",
             "La huelga general del proletariado.", "Emek Partisi'nin genel grevi."]
    for lang in ("de", "en", "es", "tr"):
        given, alone = TermMatcher(glossary, lang), TermMatcher(glossary, lang)
        for text in texts:
            for opts in ({}, {"nested": True}):
                assert given.find(text, text_words=WORD.findall(text), **opts) == alone.find(text, **opts)


_WEIGHTS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.1, 1e-16, -0.0, 1e308, 2.0 ** -1074])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WEIGHTS, max_size=12), max_size=6))
def test_property_the_weight_sums_in_c_are_fsums(segments):
    """``_fastcost.weight_sums`` sums each segment's key weights as ``math.fsum`` does, to the last
    bit (sign of zero included); None where fsum would overflow or a weight is no finite float."""
    fastcost = pytest.importorskip("workbench.align._fastcost")
    weights, keys = {}, []
    for values in segments:
        names = [f"k{len(weights) + k}" for k in range(len(values))]
        weights.update(zip(names, values))
        keys.append(frozenset(names))
    try:
        expected = [math.fsum(map(weights.__getitem__, ks)) for ks in keys]
    except OverflowError:
        assert fastcost.weight_sums(keys, weights) is None
        return
    got = fastcost.weight_sums(keys, weights)
    assert [(x, math.copysign(1, x)) for x in got] == [(x, math.copysign(1, x)) for x in expected]
    assert fastcost.weight_sums([frozenset({"a"})], {"a": 1}) is None and fastcost.weight_sums([{"a"}], {}) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", "a", "ab", "kampf", "streik", "ölçü", "x"]), max_size=8), min_size=1,
                max_size=8), st.data(), st.integers(1, 3))
def test_property_a_sides_word_ids_in_c_are_pythons(words, data, min_length):
    """``_fastcost.bead_ids`` gives each bead's word ids, and the vocabulary, that
    ``lexicon.learn_table``'s loop gives."""
    fastcost = pytest.importorskip("workbench.align._fastcost")
    beads = data.draw(st.lists(st.lists(st.integers(0, len(words) - 1), min_size=1, max_size=3).map(tuple),
                               max_size=10))
    vocab, expected_vocab = {"": 0}, {"": 0}
    expected = [lexicon._ids([w for i in b for w in words[i]], expected_vocab, min_length) for b in beads]
    assert fastcost.bead_ids(words, beads, vocab, min_length) == expected
    assert list(vocab.items()) == list(expected_vocab.items())
    assert fastcost.bead_ids(words, [(len(words),)], {}, 1) is None
    assert fastcost.bead_ids(words, [[0]], {}, 1) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["n:5", "c:marx", "p:q", "g:x", "l:3", "a#7", "#", "q\x00", "ölçü", "x"]), max_size=12),
       st.booleans())
def test_property_numbered_keys_and_key_weights_in_c_are_pythons(keys, idf):
    """``_fastcost.numbered`` gives ``evidence._numbered``'s set (made in the same order), and
    ``key_weights`` the scorer's weights (the same values in the same order)."""
    from collections import Counter

    from workbench.align import evidence

    fastcost = pytest.importorskip("workbench.align._fastcost")
    assert list(fastcost.numbered(keys)) == list(evidence._numbered(keys))
    df = Counter(keys)
    scale = {c: (1.0 / c if idf else 1.0) for c in set(df.values())}
    expected = {k: evidence.KIND_WEIGHTS.get(k[0], 1.0) * scale[c] for k, c in df.items()}
    got = fastcost.key_weights(df, evidence.KIND_WEIGHTS, scale)
    assert list(got.items()) == list(expected.items())
    assert fastcost.numbered([1]) is None and fastcost.key_weights({"": 1}, {}, {1: 1.0}) is None
    assert fastcost.key_weights({"a": 1}, {}, {1: 1}) is None
