"""Segments that are not whole sentences: a sentence a segmenter cut in two at a colon is one
sentence (its half that shares no words with the translation is no insertion), and debris
without a word or a number never joins a merge."""

from dataclasses import replace

import pytest

from workbench.align import dp
from workbench.align.aligner import continuations, debris
from workbench.align.calibration import SENTENCE_PARAMS

PARAMS = replace(SENTENCE_PARAMS, ratio=1.05, s2=6.8)


@pytest.mark.parametrize("segments, expected", [
    (["Bald war die Stelle gefunden :", "etwa hundert Schritt flussaufwärts ."], [0, 1]),
    (["Er schreibt :", "« Wir gelangten zu drei Spuren . »"], [0, 0]),          # a quotation opens
    (["Die Teilnehmer waren :", "- J. Hartog ;"], [0, 0]),                     # a list item
    (["trois sources d' erreurs :", "a ) la réfraction ;"], [0, 0]),
    (["Zwei Punkte :", "2. Der Gipfel ."], [0, 0]),
    (["Das Buch ( Grenoble-Paris :", "B.Arthaud ) , das jetzt vorliegt ."], [0, 1]),
    (["Ein Satz .", "Noch einer :", "braunen ) Bären ."], [0, 0, 1]),
    (["Es genügt , einige Publikationen zu nennen :", "Literatur :"], [0, 0]),   # a label
    (["Es genügt , einige Publikationen zu nennen :", "Literatur"], [0, 1]),
    ([], []),
])
def test_a_segment_after_a_colon_continues_it(segments, expected):
    assert continuations(segments) == expected


def document(fragment_keys: int = 2):
    """30 sentence pairs sharing a name and a number each; source sentence 10 is cut after
    a colon into a half with the shared words and a short half that shares nothing."""
    n = 30
    src_lens, tgt_lens = [120] * n, [126] * n
    keys = [frozenset({f"c:w{k}", f"n:{k}"}) for k in range(n)]
    src_keys, tgt_keys = list(keys), list(keys)
    src_lens[10:11] = [110, 30]
    src_keys[10:11] = [frozenset({"c:w10", "n:10"}), frozenset({f"c:x{q}" for q in range(fragment_keys)})]
    tgt_lens[10] = round(140 * 1.05)
    joined = [0] * len(src_lens)
    joined[11] = 1
    return (src_lens, tgt_lens, src_keys, tgt_keys), joined


def wide(result):
    return [(b.source, b.target) for b in result.beads if len(b.source) != 1 or len(b.target) != 1]


def test_the_half_after_a_colon_joins_its_sentence():
    doc, joined = document()
    assert wide(dp.align(*doc, PARAMS)) == [((11,), ())]   # alone, it reads as an insertion
    assert wide(dp.align(*doc, PARAMS, src_joined=joined)) == [((10, 11), (10,))]


def test_the_cell_by_cell_and_numpy_searches_agree_on_joined_halves():
    doc, joined = document()
    scorer = dp._Scorer(*doc, PARAMS, src_joined=joined)
    n, m = len(doc[0]), len(doc[1])
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    from workbench.align import vecsearch

    assert vecsearch.search(n, m, lo, hi, scorer)[0] == dp._search(n, m, lo, hi, scorer)[0]


@pytest.mark.parametrize("text, expected", [(".....", 1), ("- _-", 1), ("C ) .", 1), ("* , *^", 1),
                                            ("1956 , S. 340-343 ) .", 0), ("Literatur :", 0), ("m", 1)])
def test_debris_has_no_word_and_no_number(text, expected):
    assert debris(text) == expected


def test_debris_stays_a_bead_of_its_own():
    """A row of dots after a sentence: merged, it costs nothing the lengths would notice;
    with ``w_junk`` it stays an insertion."""
    n = 30
    src_lens, tgt_lens = [120] * n, [126] * n
    keys = [frozenset({f"c:w{k}", f"n:{k}"}) for k in range(n)]
    tgt_lens[11:11], tgt_keys = [5, 4], keys[:11] + [frozenset(), frozenset()] + keys[11:]
    junk = [0] * 11 + [1, 1] + [0] * (n - 11)
    doc = (src_lens, tgt_lens, keys, tgt_keys)
    assert wide(dp.align(*doc, replace(PARAMS, w_junk=0.0), tgt_junk=junk)) == [((10,), (10, 11, 12))]
    assert wide(dp.align(*doc, PARAMS, tgt_junk=junk)) == [((), (11,)), ((), (12,))]
