"""The faster alignment code computes exactly what the straightforward code computes.

Each fast path (the translation table's EM on flat arrays, the band's overlap
windows, which windows hold a key twice, a merge's repeated keys counted from
occurrence counts) is checked against a plain re-statement of its definition.
"""

from __future__ import annotations

import math
import random
import struct

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from workbench.align import bandpass, dp, evidence, lexicon, model1, vecsearch
from workbench.align.band import band_around, corridor
from workbench.align.dp import DPParams, _Scorer
from workbench.align.evidence import _numbered

WORDS = "rot blau grün haus stadt fluss berg wald feld weg brot wein salz".split()
TARGETS = "red blue green house town river hill wood field way bread wine salt".split()


def model1_per_bead(sides_e, sides_f, size, rounds):
    """IBM Model 1 written bead by bead (as it was before the flat arrays)."""
    pair_e, pair_f, token, n_tokens = [], [], [], 0
    for e, f in zip(sides_e, sides_f):
        if not len(f):
            continue
        e = np.concatenate(([lexicon.NULL], e))
        pair_e.append(np.tile(e, len(f)))
        pair_f.append(np.repeat(f, len(e)))
        token.append(np.repeat(np.arange(n_tokens, n_tokens + len(f)), len(e)))
        n_tokens += len(f)
    codes, link = np.unique(np.concatenate(pair_e) * size + np.concatenate(pair_f), return_inverse=True)
    tok = np.concatenate(token)
    prob = np.ones(len(codes))
    for _ in range(rounds):
        w = prob[link]
        posterior = w / np.bincount(tok, w, n_tokens)[tok]
        counts = np.bincount(link, posterior, len(codes))
        prob = counts / np.bincount(codes // size, counts)[codes // size]
    return codes, prob


def support_per_bead(sides_s, sides_t, size, codes):
    per_bead = [np.unique(np.add.outer(np.unique(s) * size, np.unique(t)).ravel())
                for s, t in zip(sides_s, sides_t) if len(s) and len(t)]
    return np.bincount(np.searchsorted(codes, np.concatenate(per_bead)), minlength=len(codes))[:len(codes)]


def random_beads(seed: int, shortest_target: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """30 beads of up to 6 word ids (1-12) a side."""
    rng = random.Random(seed)
    return [(np.array([rng.randint(1, 12) for _ in range(rng.randint(0, 6))], np.int64),
             np.array([rng.randint(1, 12) for _ in range(rng.randint(shortest_target, 6))], np.int64))
            for _ in range(30)]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_property_em_on_flat_arrays_equals_em_bead_by_bead(seed):
    beads = random_beads(seed)
    sides_s, sides_t = [s for s, _ in beads], [t for _, t in beads]
    if not any(len(s) and len(t) for s, t in beads):
        return
    flat_s, flat_t = model1._Flat.of([s.tolist() for s in sides_s]), model1._Flat.of([t.tolist() for t in sides_t])
    pairs = model1._pairs(flat_s, flat_t)
    codes, prob = model1._model1(pairs, 13, 5)
    assert all(np.array_equal(x, y) for x, y in zip((codes, prob), model1_per_bead(sides_s, sides_t, 13, 5)))
    back_codes, back_prob = model1._model1(model1._pairs(flat_t, flat_s), 13, 5)   # (bit for bit)
    assert all(np.array_equal(x, y) for x, y in zip((back_codes, back_prob), model1_per_bead(sides_t, sides_s, 13, 5)))
    assert np.array_equal(model1._support(pairs, 13, codes), support_per_bead(sides_s, sides_t, 13, codes))


def parallel_text(rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    picks = [[rng.randrange(len(WORDS)) for _ in range(rng.randint(2, 7))] for _ in range(size)]
    return ([" ".join(WORDS[k] for k in p).capitalize() + "." for p in picks],
            [" ".join(TARGETS[k] for k in p).capitalize() + "." for p in picks])


def test_the_table_is_the_same_with_and_without_the_callers_folded_words():
    source, target = parallel_text(random.Random(5), 60)
    beads = [((k,), (k,)) for k in range(60)]
    folded = ([lexicon.segment_words(s) for s in source], [lexicon.segment_words(t) for t in target])
    plain = lexicon.learn_table(source, target, beads)
    given_words = lexicon.learn_table(source, target, beads, folded=folded)
    assert plain == given_words and len(plain) >= 10
    assert plain.source["haus"] == plain.target["house"]
    keys = [frozenset()] * len(source)
    assert lexicon.with_table(plain, source, keys, "source") == \
        lexicon.with_table(plain, source, keys, "source", folded[0])
    for side, texts, words in (("source", source, folded[0]), ("target", target, folded[1])):   # the table's keys
        some = [frozenset({"n:5"}) if k % 3 else frozenset() for k in range(len(texts))]
        assert lexicon.with_table(plain, texts, some, side, words) == \
            [k | frozenset(plain.keys(w, side)) for w, k in zip(words, some)]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_property_pair_codes_and_their_counts_are_those_a_plain_count_gives(seed):
    """The sorted pair codes, each pair's beads and its probability the other way round are what
    counting the pairs one by one gives (they were also looked up in a table of every code)."""
    beads = random_beads(seed, shortest_target=1)
    flat_s, flat_t = (model1._Flat.of([side.tolist() for side in sides]) for sides in zip(*beads))
    pairs, back_pairs = model1._pairs(flat_s, flat_t), model1._pairs(flat_t, flat_s)
    size = 13
    (codes, _), (back_codes, backward) = model1._model1(pairs, size, 5), model1._model1(back_pairs, size, 5)
    every = (pairs.e * size + pairs.f).tolist()
    assert codes.tolist() == sorted(set(every))
    beads_of = {}
    for code, e, bead in zip(every, pairs.e.tolist(), pairs.bead.tolist()):
        if e != lexicon.NULL:
            beads_of.setdefault(code, set()).add(bead)
    assert model1._support(pairs, size, codes).tolist() == [len(beads_of.get(c, ())) for c in codes.tolist()]
    other_way = dict(zip(back_codes.tolist(), backward.tolist()))
    assert model1._turned(codes, back_codes, backward, size).tolist() == \
        [other_way.get((c % size) * size + c // size, 0.0) for c in codes.tolist()]


def windows_by_rows(n, m, lo, hi, reach):
    wlo, whi = [], []
    for s in range(n):
        rows = range(s + 1, min(n, s + reach) + 1)
        wlo.append(max(0, min(lo[r] for r in rows) - reach))
        whi.append(min(m - 1, max(hi[r] for r in rows) - 1))
    return wlo, whi


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.integers(1, 6), st.integers(1, 4), st.integers(0, 10**6))
def test_property_overlap_windows_are_those_of_the_rows_a_bead_can_end_in(n, m, width, reach, seed):
    rng = random.Random(seed)
    anchors = sorted({(rng.randint(0, n - 1) + 0.5, rng.randint(0, m - 1) + 0.5) for _ in range(3)})
    path = [(0.0, 0.0)] + [a for a, b in zip(anchors, anchors[1:] + [(n, m)]) if b[1] > a[1]] + [(float(n), float(m))]
    lo, hi = band_around(n, m, path, width)
    assert bandpass.windows(n, m, lo, hi, reach) == windows_by_rows(n, m, lo, hi, reach)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(dp.SENTENCE_BEADS), min_size=1, max_size=40), st.integers(1, 8))
def test_property_a_corridor_holds_every_node_of_the_path_and_joins_up(beads, width):
    nodes = [(0, 0)]
    for a, b in beads:
        nodes.append((nodes[-1][0] + a, nodes[-1][1] + b))
    n, m = nodes[-1]
    lo, hi = corridor(n, m, [(float(i), float(j)) for i, j in nodes], width)
    for i, j in nodes:   # every node of the path (a run of insertions holds several of one row)
        assert lo[i] <= max(0, j - width) and hi[i] >= min(m, j + width)
    assert lo[0] == 0 and hi[n] == m
    assert all(lo[i] <= hi[i] for i in range(n + 1))
    assert all(lo[i] <= hi[i - 1] for i in range(1, n + 1))   # each row is reached from the one before


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdef"), max_size=3), max_size=25), st.integers(1, 5))
def test_property_a_window_shares_a_key_when_two_of_its_segments_do(bases, reach):
    flags = bandpass.shared_by_size(bases, reach)
    assert len(flags) == reach + 1
    for size in range(2, reach + 1):   # each size its own window: the bead's segments, no more
        expected = [False] + [bool(dp._in_two(bases[max(0, e - size):e])) for e in range(1, len(bases) + 1)]
        assert list(map(bool, flags[size])) == expected


def occurrence_keys(rng: random.Random) -> frozenset[str]:
    """A segment's keys, some of them repeated (``k``, ``k#2``, …)."""
    return _numbered([rng.choice(("n:5", "c:marx", "p:q", "l:3", "l:4")) for _ in range(rng.randint(0, 5))])


def matched_by_occurrences(src_keys, tgt_keys, weights):
    """Each side read as one text; the k-th occurrence of a key on one side matches the
    k-th on the other; matched weight credited to the segments in order."""
    def occurrences(side):
        out = []
        for seg, keys in enumerate(side):
            for base in sorted({k.partition("#")[0] for k in keys}):
                count = 1 + sum(1 for k in keys if k.startswith(base + "#"))
                out += [(base, seg, r) for r in range(1, count + 1)]
        return out
    src, tgt = occurrences(src_keys), occurrences(tgt_keys)
    ms, mt = [0.0] * len(src_keys), [0.0] * len(tgt_keys)
    for side, other, out in ((src, tgt, ms), (tgt, src, mt)):
        seen: dict[str, int] = {}
        for base, seg, r in sorted(side, key=lambda o: (o[1], o[2])):
            rank = seen[base] = seen.get(base, 0) + 1
            if rank <= sum(1 for b, _, _ in other if b == base):
                out[seg] += weights[base if r == 1 else f"{base}#{r}"]
    return ms, mt


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 4), st.integers(1, 4))
def test_property_a_merge_matches_each_key_occurrence_once(seed, a, b):
    rng = random.Random(seed)
    src_keys = [occurrence_keys(rng) for _ in range(a)]
    tgt_keys = [occurrence_keys(rng) for _ in range(b)]
    scorer = _Scorer([10] * a, [10] * b, src_keys, tgt_keys, DPParams(idf=False))
    ms, mt = scorer._matched(0, a, 0, b)
    ref_ms, ref_mt = matched_by_occurrences(src_keys, tgt_keys, scorer.weights)
    assert ms == pytest.approx(ref_ms, abs=1e-9) and mt == pytest.approx(ref_mt, abs=1e-9)


def test_the_searchs_in_place_array_terms_are_the_plain_ones_bit_for_bit():
    rng = np.random.default_rng(3)
    x = np.concatenate(([0.0, 1e-9, 0.5, 30.0, 300.0], rng.exponential(2.0, 500)))
    assert vecsearch._neg_log_erfc(x).tolist() == [dp.neg_log_erfc(v) for v in x.tolist()]
    scorer = _Scorer([10] * 4, [10] * 4, [frozenset()] * 4, [frozenset()] * 4, DPParams(rel_keys=4.0, dice_sat=0.4))
    weight, matched = rng.uniform(0.0, 6.0, 500), rng.uniform(0.0, 8.0, 500)
    weight[:20] = 0.0
    rel = np.minimum(1.0, weight * 2.0 / 4.0)
    div = np.where(weight > 0.0, weight, 1.0) * 0.4
    assert vecsearch._Band.uncovered(rel, div, matched).tolist() == \
        [scorer._uncovered(w, m) for w, m in zip(weight.tolist(), matched.tolist())]


def test_keys_are_the_same_with_the_callers_words():
    from workbench.align.evidence import EvidenceConfig, all_keys, read_words

    texts = ["Am 3. Oktober 1917 streikten 4.000 Arbeiter in Köln: „Brot!“",
             "On October 3, 1917, 4,000 workers in Cologne struck (l'usine İzmir)."]
    read = [read_words(t) for t in texts]
    assert all_keys(texts, EvidenceConfig(), "source", read) == all_keys(texts, EvidenceConfig(), "source")
    assert [f for _, f in read] == [lexicon.segment_words(t) for t in texts]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(evidence._PUNCT_CLASSES) + list("ab ,.;'-é\n")), max_size=40))
def test_property_punctuation_keys_are_each_mark_in_order(text):
    config = evidence.EvidenceConfig(numbers=False, months=False, cognates=False)
    by_character = ["p:" + evidence._PUNCT_CLASSES[ch] for ch in text if ch in evidence._PUNCT_CLASSES]
    assert evidence.segment_keys(text, config, "source") == evidence._numbered(by_character)


def fold_by_definition(word: str) -> str:
    import unicodedata

    word = word.replace("ı", "i").replace("İ", "i").replace("ß", "ss").lower()
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12) | st.text(alphabet=st.characters(max_codepoint=127), max_size=12))
def test_property_fold_is_its_definition_ascii_words_included(word):
    evidence.fold.cache_clear()
    assert evidence.fold(word) == fold_by_definition(word)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["n:5", "c:marx", "p:q", "g:x", "l:3", "a#7", "#", "b##2", "q\x00#1", "n:#", "#n:"]),
                max_size=10))
def test_property_a_segments_repeats_counts_and_bases_are_their_definitions(keys):
    from workbench.align import crossings

    ks = _numbered(keys)
    repeats = dp._repeats(ks)
    assert sorted(repeats) == sorted(k for k in ks if "#" in k)
    assert dp._bases(ks, repeats) == frozenset(k.partition("#")[0] for k in ks)
    # the crossing joins read a segment's strong keys from its bases
    assert frozenset(filter(crossings._IS_STRONG, dp._bases(ks, repeats))) == crossings._strong(ks)
    expected = {}
    for k in (k for k in ks if "#" in k):
        base = k.partition("#")[0]
        n = 1 if base in ks else 0
        while n and f"{base}#{n + 1}" in ks:
            n += 1
        expected.setdefault(base, n)
    assert dp._counts(ks, repeats) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["n:5", "d:c#2", "c:marx", "x", "d:a#5", "p:q", "d:c"]), max_size=7),
                min_size=1, max_size=8), st.integers(0, 10**6))
def test_property_repeated_keys_weigh_as_the_rule_over_every_key_in_order(segments, seed):
    """The weights' repeat rule read from each segment's repeats gives what it gave looking at every
    key of the text in the order first seen (also where a key's base holds a "#" itself)."""
    from collections import Counter
    from itertools import chain

    keys = [_numbered(s) for s in segments]
    rng = random.Random(seed)
    weights = {k: rng.random() for k in Counter(chain.from_iterable(keys))}
    expected = dict(weights)
    for key in sorted((k for k in expected if "#" in k), key=lambda k: int(k.rpartition("#")[2])):
        base, _, n = key.rpartition("#")
        before = base if n == "2" else f"{base}#{int(n) - 1}"
        expected[key] = min(expected[key], expected.get(before, expected[key]))
    repeats = dict.fromkeys(chain.from_iterable(dp._repeats(ks) for ks in keys))
    assert list(dp._non_increasing(dict(weights), repeats).items()) == list(expected.items())


# text with what the word patterns look at: letters of several scripts, digits, underscores,
# hyphens, both apostrophes, spaces
_WORDY = st.text(alphabet=st.sampled_from(list("aZçİıß9_-'’ \nёΩ١")) | st.characters(), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_WORDY)
def test_property_the_possessive_word_patterns_find_what_the_plain_ones_do(text):
    import re

    from workbench.glossary import matcher

    assert evidence.pattern("word").findall(text) == re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text)
    assert matcher.WORD.findall(text) == re.findall(r"\w+(?:['’]\w+)*", text)


@settings(max_examples=300, deadline=None)
@given(_WORDY)
def test_property_a_segments_words_are_read_as_folded_words_reads_them(text):
    found, folded = evidence.read_words(text)
    assert found == evidence.words(text)
    assert folded == evidence.folded_words(found)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(allow_nan=False), max_size=30), st.lists(st.integers(-2**63, 2**63 - 1), max_size=30))
def test_property_packed_numbers_are_the_arrays_numbers(floats, ints):
    """The band's and the learnt table's inputs, packed by struct, hold what ``array`` held, bit for bit."""
    from array import array

    assert bandpass.packed("d", floats).tobytes() == array("d", floats).tobytes()
    assert bandpass.packed("q", ints).tolist() == ints
    rows = [floats[:3]] * 2 if len(floats) >= 3 else [[0.5, -1.0, math.inf]] * 2
    assert bandpass._matrix("d", rows).tolist() == rows
    with pytest.raises(struct.error):
        bandpass.packed("q", [1.5])


_FEATURE_VALUES = st.floats() | st.integers() | st.booleans() | st.none() | st.text(max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.none() | st.dictionaries(st.sampled_from(["length_z", "dice", "margin", 'q"uote', "back\\slash", "tab\t",
                                                    "ünï", "\x7f"]) | st.text(max_size=5),
                                   st.floats() | _FEATURE_VALUES, max_size=5))
def test_property_a_beads_stored_features_are_json_dumps_text(features):
    """The features column a bead is stored with is the text ``json.dumps`` writes, also for names
    and values it must escape or spell (NaN, Infinity) and values that are no floats."""
    import json

    from workbench.store.alignments import features_json

    assert features_json(features) == json.dumps(features or {})


def _connected_by_rows(n, m, lo, hi):
    lo[0], hi[n] = 0, m
    for i in range(1, n + 1):
        lo[i] = max(0, min(lo[i], hi[i - 1]))
        hi[i] = max(hi[i], lo[i])
    for i in range(n - 1, -1, -1):
        hi[i] = max(hi[i], min(lo[i + 1], m))
    return lo, hi


def band_by_rows(n, m, anchors, width):
    """``band.band_around`` as first written: each row centred on the anchors' line, max and min."""
    import math

    lo, hi, g = [0] * (n + 1), [0] * (n + 1), 0
    for i in range(n + 1):
        while g + 1 < len(anchors) - 1 and anchors[g + 1][0] <= i:
            g += 1
        (x0, y0), (x1, y1) = anchors[g], anchors[min(g + 1, len(anchors) - 1)]
        centre = y0 if x1 == x0 else y0 + (y1 - y0) * (i - x0) / (x1 - x0)
        lo[i] = max(0, int(math.floor(centre - width)))
        hi[i] = min(m, int(math.ceil(centre + width)))
    return _connected_by_rows(n, m, lo, hi)


def corridor_by_rows(n, m, points, width):
    """``band.corridor`` as first written."""
    import math

    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for r in range(int(x0), int(x1) + 1):
            y = y0 + (y1 - y0) * (r - x0) / (x1 - x0) if x1 > x0 else y0
            top = y if x1 > x0 else y1
            lo[r] = min(lo[r], max(0, math.floor(y - width)))
            hi[r] = max(hi[r], min(m, math.ceil(top + width)))
    return _connected_by_rows(n, m, lo, hi)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(dp.SENTENCE_BEADS), min_size=1, max_size=40), st.integers(0, 12),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_property_the_band_and_the_corridor_are_those_first_written(beads, width, anchors):
    nodes = [(0, 0)]
    for a, b in beads:
        nodes.append((nodes[-1][0] + a, nodes[-1][1] + b))
    n, m = nodes[-1]
    points = [(float(i), float(j)) for i, j in nodes]
    assert corridor(n, m, points, width) == corridor_by_rows(n, m, points, width)
    inside = sorted({(i % max(n, 1) + 0.5, j % max(m, 1) + 0.5) for i, j in anchors})
    guide = [(0.0, 0.0)] + inside + [(float(n), float(m))]
    assert band_around(n, m, guide, width) == band_by_rows(n, m, guide, width)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 10**9), max_size=6) | st.text(alphabet="[]0123456789, -.e٣", max_size=10))
def test_property_stored_segment_indices_read_as_json_reads_them(value):
    """A bead's stored segment indices read back by splitting are what json reads (and refuses)."""
    import json

    from workbench.store.alignments import _index_list, _indices

    text = _index_list(value) if isinstance(value, list) else value
    try:
        expected = tuple(json.loads(text))
    except (ValueError, TypeError):
        with pytest.raises((ValueError, TypeError)):
            _indices(text)
        return
    assert _indices(text) == expected
