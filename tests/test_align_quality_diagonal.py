"""Two texts with as many paragraphs on both sides, nearly all paired one to one, keep the
diagonal where a stretch of free translation reads almost as well as a shift or a re-cut."""

from dataclasses import replace

import pytest

from workbench.align import dp
from workbench.align.calibration import PARAGRAPH_PARAMS

PARAMS = replace(PARAGRAPH_PARAMS, ratio=1.1, s2=1.5)


def document(odd, n=100, start=20):
    """``n`` paragraph pairs sharing a name and a number each, except a stretch of pairs with
    the (source, target) lengths ``odd`` from ``start`` on that share nothing."""
    src_lens, tgt_lens = [200] * n, [220] * n
    src_keys = [frozenset({f"c:w{k}", f"n:{k}"}) for k in range(n)]
    tgt_keys = list(src_keys)
    for k, (a, b) in enumerate(odd, start):
        src_lens[k], tgt_lens[k] = a, b
        src_keys[k], tgt_keys[k] = frozenset({f"c:s{k}"}), frozenset({f"c:t{k}"})
    return src_lens, tgt_lens, src_keys, tgt_keys


def off_diagonal(result):
    return [(b.source, b.target) for b in result.beads if len(b.source) != 1 or b.source != b.target]


# (lengths of the free stretch, what the search alone reads there)
NEARLY_AS_GOOD = [
    (((220, 120), (160, 240), (160, 380)), [((), (20,)), ((20,), (21,)), ((21, 22), (22,))]),
    (((340, 300), (60, 100), (220, 320)), [((20,), (20, 21)), ((21, 22), (22,))]),
    (((100, 360), (260, 180), (280, 140)), [((20, 21), (20,)), ((22,), (21, 22))]),
]


@pytest.mark.parametrize("odd, searched", NEARLY_AS_GOOD)
def test_a_stretch_the_diagonal_reads_nearly_as_well_becomes_one_to_one(odd, searched):
    doc = document(odd)
    assert off_diagonal(dp.align(*doc, replace(PARAMS, diagonal_slack=0.0))) == searched
    result = dp.align(*doc, PARAMS)
    assert off_diagonal(result) == []
    assert [b.source for b in result.beads] == [(k,) for k in range(100)]


def test_the_diagonal_does_not_replace_a_clear_shift():
    """A shifted reading far better than the diagonal's (lengths that match one paragraph
    further on) stays: the diagonal must be nearly as good, not merely possible."""
    odd = ((100, 400), (200, 110), (300, 220), (100, 330))
    shift = [((), (20,)), ((20,), (21,)), ((21,), (22,)), ((22,), (23,)), ((23,), ())]
    assert off_diagonal(dp.align(*document(odd), PARAMS)) == shift


def test_a_text_with_many_changes_is_not_read_as_one_to_one():
    """With more than 5% of the paragraphs off the diagonal (merges, splits, omissions,
    insertions elsewhere) the same stretch keeps the search's reading."""
    odd, searched = NEARLY_AS_GOOD[0]
    src_lens, tgt_lens, src_keys, tgt_keys = document(odd, n=40)
    assert off_diagonal(dp.align(src_lens, tgt_lens, src_keys, tgt_keys, PARAMS)) == searched


def test_unequal_counts_are_left_to_the_search():
    odd, searched = NEARLY_AS_GOOD[0]
    src_lens, tgt_lens, src_keys, tgt_keys = document(odd)
    src_lens, src_keys = src_lens + [200], src_keys + [frozenset({"c:extra"})]
    result = dp.align(src_lens, tgt_lens, src_keys, tgt_keys, PARAMS)
    assert off_diagonal(result) == searched + [((100,), ())]


def shifted_document(odd):
    """``document(odd)`` where the second odd source paragraph and the first odd target
    paragraph share a word, so that a shift (an omission, a pair, an insertion) reads well."""
    src_lens, tgt_lens, src_keys, tgt_keys = document(odd)
    src_keys, tgt_keys = list(src_keys), list(tgt_keys)
    src_keys[21] = frozenset({"c:s21", "c:shared"})
    tgt_keys[20] = frozenset({"c:t20", "c:shared"})
    return src_lens, tgt_lens, src_keys, tgt_keys


SHIFT = [((20,), ()), ((21,), (20,)), ((), (21,))]


def test_a_shift_nearly_as_costly_as_the_diagonal_becomes_one_to_one():
    """A one-to-one translation seldom drops a paragraph and adds another beside it: a shift
    whose diagonal costs 3.2 more (beyond the re-cut slack) gives way to the diagonal."""
    doc = shifted_document(((140, 160), (160, 320)))
    assert off_diagonal(dp.align(*doc, replace(PARAMS, diagonal_shift_slack=0.0))) == SHIFT
    assert off_diagonal(dp.align(*doc, PARAMS)) == []


def test_a_clear_shift_stays():
    doc = shifted_document(((280, 220), (200, 120)))
    assert off_diagonal(dp.align(*doc, PARAMS)) == SHIFT
