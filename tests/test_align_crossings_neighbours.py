"""Crossings beyond two 1-1 beads (``align.crossings``): a 1-1 bead whose number is in the
target of a 2-1 bead beside it becomes one 3-2 bead with it (beside a 2-2, one 3-3 bead, a shape
only a join makes); and a bead joined so takes the
segment beside it that the search gave to the next bead only because the crossing was not yet
seen (the border between the joined bead and its neighbour is chosen again by cost)."""

from dataclasses import replace

from workbench.align import crossings, dp
from workbench.align.calibration import SENTENCE_PARAMS
from workbench.align.soft import SoftOverlap, SoftParams

PARAMS = replace(SENTENCE_PARAMS, ratio=1.0, s2=6.8)


def document():
    """Six source and seven target sentences, pairs sharing a word each; the number 250 of
    source 0 is in target 1 (they cross), and target 2 is a short sentence sharing nothing."""
    src_lens, tgt_lens = [100] * 6, [100, 100, 6, 94, 100, 100, 100]
    src_keys = [frozenset({"c:w0", "n:250"})] + [frozenset({f"c:w{k}"}) for k in range(1, 6)]
    tgt_keys = [frozenset({"c:w0"}), frozenset({"c:w1", "n:250"}), frozenset()] + \
        [frozenset({f"c:w{k}"}) for k in range(2, 6)]
    # the second pass's soft overlap (here with an empty table): crossings are read after it
    soft = SoftOverlap({}, {}, [[] for _ in src_lens], [[] for _ in tgt_lens], SoftParams(weight=2.0))
    return src_lens, tgt_lens, src_keys, tgt_keys, soft


def beads(params):
    src_lens, tgt_lens, src_keys, tgt_keys, soft = document()
    return [(b.source, b.target) for b in dp.align(src_lens, tgt_lens, src_keys, tgt_keys, params, soft=soft).beads]


def test_the_joined_bead_takes_the_short_sentence_after_it():
    # the search alone: two 1-1 beads, the short sentence with the next source sentence
    assert beads(replace(PARAMS, crossings=False))[:3] == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3))]
    # joined, the 2-3 and a 1-1 cost less than the 2-2 and the 1-2
    assert beads(PARAMS)[:2] == [((0, 1), (0, 1, 2)), ((2,), (3,))]


def test_grow_leaves_a_border_that_costs_more_moved():
    src_lens, tgt_lens, src_keys, tgt_keys, _ = document()
    scorer = dp._Scorer(src_lens, tgt_lens, src_keys, tgt_keys, PARAMS)
    path = [(0, 2, 0, 2), (2, 3, 2, 4), (3, 4, 4, 5)]
    assert crossings.grow(path, 0, scorer) < 0.0 and path[:2] == [(0, 2, 0, 3), (2, 3, 3, 4)]
    path = [(0, 2, 0, 3), (2, 3, 3, 4), (3, 4, 4, 5)]        # already the cheaper border
    assert crossings.grow(path, 0, scorer) == 0.0 and path == [(0, 2, 0, 3), (2, 3, 3, 4), (3, 4, 4, 5)]


def test_a_one_to_one_bead_and_a_merge_whose_contents_cross_become_one_bead():
    # source 0's year is in target 1, which the search pairs with sources 1 and 2 (a reference
    # cut at its brackets on the source side); the lengths alone read a 1-1 and a 2-1
    src_lens, tgt_lens = [100, 80, 20, 100, 100, 100], [100] * 5
    src_keys = [frozenset({"c:w0", "n:1955"}), frozenset({"c:w1"}), frozenset({"n:296"})] + \
        [frozenset({f"c:w{k}"}) for k in range(2, 5)]
    tgt_keys = [frozenset({"c:w0"}), frozenset({"c:w1", "n:1955", "n:296"})] + \
        [frozenset({f"c:w{k}"}) for k in range(2, 5)]
    soft = SoftOverlap({}, {}, [[] for _ in src_lens], [[] for _ in tgt_lens], SoftParams(weight=2.0))

    def beads(params):
        return [(b.source, b.target) for b in dp.align(src_lens, tgt_lens, src_keys, tgt_keys, params, soft=soft).beads]

    assert beads(replace(PARAMS, crossings=False))[:2] == [((0,), (0,)), ((1, 2), (1,))]
    assert beads(PARAMS)[:2] == [((0, 1, 2), (0, 1)), ((3,), (2,))]


def test_only_a_one_to_one_bead_beside_a_merge_and_only_into_a_known_shape_is_joined():
    shapes = crossings.joined_shapes(PARAMS)
    assert crossings._joinable((0, 1, 0, 1), (1, 3, 1, 2), shapes)         # 1-1 + 2-1: a 3-2
    assert crossings._joinable((0, 1, 0, 2), (1, 2, 2, 3), shapes)         # 1-2 + 1-1: a 2-3
    assert crossings._joinable((0, 2, 0, 2), (2, 3, 2, 3), shapes)         # 2-2 + 1-1: a 3-3
    assert not crossings._joinable((0, 2, 0, 1), (2, 3, 1, 3), shapes)     # 2-1 + 1-2: no 1-1
    assert not crossings._joinable((0, 1, 0, 1), (1, 2, 1, 4), shapes)     # a 2-4 is no shape
    assert not crossings._joinable((0, 1, 0, 1), (1, 2, 1, 1), shapes)     # a skip beside
    # a 3-3 only where the parameters price it
    unpriced = replace(PARAMS, priors={k: v for k, v in PARAMS.priors.items() if k != (3, 3)})
    assert (3, 3) in shapes and (3, 3) not in crossings.joined_shapes(unpriced)


def test_a_two_to_two_bead_and_a_one_to_one_whose_contents_cross_become_a_three_to_three():
    # the number 5800 of source 1 (inside the search's 2-2) is in target 2, which the search
    # pairs with source 2 alone: one passage cut three ways on each side
    src_lens, tgt_lens = [100, 100, 100, 100, 100], [100, 100, 100, 100, 100]
    src_keys = [frozenset({"c:w0"}), frozenset({"c:w1", "n:5800"}), frozenset({"c:w2"}), frozenset({"c:w3"}),
                frozenset({"c:w4"})]
    tgt_keys = [frozenset({"c:w1"}), frozenset({"c:w0"}), frozenset({"c:w2", "n:5800"}), frozenset({"c:w3"}),
                frozenset({"c:w4"})]
    soft = SoftOverlap({}, {}, [[] for _ in src_lens], [[] for _ in tgt_lens], SoftParams(weight=2.0))

    def beads(params):
        return [(b.source, b.target) for b in dp.align(src_lens, tgt_lens, src_keys, tgt_keys, params, soft=soft).beads]

    assert beads(replace(PARAMS, crossings=False))[:2] == [((0, 1), (0, 1)), ((2,), (2,))]
    assert beads(PARAMS)[:2] == [((0, 1, 2), (0, 1, 2)), ((3,), (3,))]
