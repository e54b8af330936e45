"""Soft translation overlap (``align.soft``): a sentence left as a skip whose words translate
its neighbour's joins that bead; nothing else moves."""

import random
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from workbench.align import align_segments, dp, lexicon
from workbench.align.calibration import SENTENCE_PARAMS
from workbench.align.soft import SoftOverlap, SoftParams, refine

PARAMS = replace(SENTENCE_PARAMS, ratio=1.0, s2=6.8)
# word -> {translation: probability}: source words sN translate to target words tN
SOFT_SRC = {f"s{k}": {f"t{k}": 0.9} for k in range(20)}
SOFT_TGT = {f"t{k}": {f"s{k}": 0.9} for k in range(20)}


@pytest.mark.parametrize("src, tgt, bead, expected", [
    ([["s1", "s2"]], [["t1", "t2"]], (0, 1, 0, 1), 0.0),            # every word's translation there
    ([["s1", "s2"]], [["t1", "x"]], (0, 1, 0, 1), 0.9 * 0.5),  # half the source found, the target's one known word found
    ([["s1", "s2"]], [["x", "y"]], (0, 1, 0, 1), 0.9),               # the source's none (target knows nothing)
    ([["s1", "s2"]], [["t1"]], (0, 1, 0, 0), 0.9),                    # a skip: all of it uncovered
    ([["a", "b"]], [["c"]], (0, 1, 0, 1), 0.0),                       # words the table does not know
])
def test_uncovered(src, tgt, bead, expected):
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, src, tgt, SoftParams(weight=1.0, rel_words=2.0))
    assert soft.uncovered(*bead) == pytest.approx(expected)


def cut_document():
    """30 sentence pairs sharing a key each; the translation of source sentence 10 is cut in
    two, and its short second half (target 11) shares no key with it, only translations."""
    n = 30
    src_lens, tgt_lens = [100] * n, [100] * (n + 1)
    tgt_lens[11] = 40
    keys = [frozenset({f"n:{k}"}) for k in range(n)]
    tgt_keys = keys[:11] + [frozenset()] + keys[11:]
    src_words = [[f"u{k}"] for k in range(n)]
    tgt_words = [[f"v{k}"] for k in range(n + 1)]
    src_words[10] = ["s1", "s2", "s3", "s4", "s5", "s6"]
    tgt_words[10], tgt_words[11] = ["t1", "t2", "t3"], ["t4", "t5", "t6"]
    return (src_lens, tgt_lens, keys, tgt_keys), (src_words, tgt_words)


def test_a_cut_translation_joins_its_bead_instead_of_a_skip():
    doc, words = cut_document()
    plain = [(b.source, b.target) for b in dp.align(*doc, PARAMS).beads]
    assert ((10,), (10,)) in plain and ((), (11,)) in plain
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, *words, SoftParams(weight=2.0, window=3))
    beads = [(b.source, b.target) for b in dp.align(*doc, PARAMS, soft=soft).beads]
    assert ((10,), (10, 11)) in beads
    assert len(beads) == 30
    # with weight 0, or translations found nowhere, the search's own reading
    for off in (SoftParams(weight=0.0), SoftParams(weight=2.0, window=3)):
        table = SOFT_SRC if off.weight == 0.0 else {}
        quiet = SoftOverlap(table, table, *words, off)
        assert [(b.source, b.target) for b in dp.align(*doc, PARAMS, soft=quiet).beads] == plain


def test_without_a_skip_nothing_is_cut_again():
    # two 1-1 beads translated across their boundary: soft evidence alone would join them
    # in a 2-2, but only stretches that hold a skip are cut again
    n = 6
    lens = [100] * n
    keys = [frozenset({f"n:{k}"}) for k in range(n)]
    src_words = [[f"u{k}"] for k in range(n)]
    tgt_words = [[f"v{k}"] for k in range(n)]
    src_words[2], src_words[3] = ["s1", "s2", "s3"], ["s4", "s5", "s6"]
    tgt_words[2], tgt_words[3] = ["t4", "t5", "t6"], ["t1", "t2", "t3"]
    scorer = dp._Scorer(lens, list(lens), keys, list(keys), PARAMS)
    path = [(k, k + 1, k, k + 1) for k in range(n)]
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, src_words, tgt_words, SoftParams(weight=50.0, window=3))
    assert refine(path, 1.0, scorer, soft) == (path, 1.0)


class TableScorer:
    """A scorer whose bead costs are a table (every other bead costs 50), with the sentence
    parameters: the cases below need exact costs."""

    def __init__(self, costs: dict):
        self.costs, self.p = costs, PARAMS

    def cost(self, pi, i, pj, j, limit=float("inf")):
        return PARAMS.skip if i == pi or j == pj else self.costs.get((pi, i, pj, j), 50.0)


# a translator's note (target 0) sharing translations with the two sentences after it, each
# paired with its own translation: the path reads the note as an insertion
NOTE_WORDS = [["s1", "s2"], ["s3", "s4"]], [["t1", "t3"], ["t1", "t2"], ["t3", "t4"]]
NOTE_PATH = [(0, 0, 0, 1), (0, 1, 1, 2), (1, 2, 2, 3)]
PROSE = [1, 1], [1, 1, 1]


def test_joining_two_pairs_needs_the_soft_evidence_to_pay_for_it():
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, *NOTE_WORDS, SoftParams(weight=2.0, window=3))
    # the plain cost with the note's prose skip (6 + 3) prefers the 2-3: 14.8 against 16.6
    scorer = TableScorer({(0, 1, 1, 2): 3.3, (1, 2, 2, 3): 4.3, (0, 2, 0, 3): 14.8})
    assert refine(NOTE_PATH, 7.6, scorer, soft, PROSE) == (NOTE_PATH, 7.6)
    # with the skip at its plain cost (no prose flags) the 2-3 costs more, and only the soft
    # evidence (the note's words translated on the other side) pays for it
    scorer = TableScorer({(0, 1, 1, 2): 3.3, (1, 2, 2, 3): 4.3, (0, 2, 0, 3): 14.0})
    assert refine(NOTE_PATH, 7.6, scorer, soft)[0] == [(0, 2, 0, 3)]


def test_taking_in_a_skip_keeps_as_many_pairs():
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, *NOTE_WORDS, SoftParams(weight=2.0, window=3))
    # the note joins the bead after it: still two pairs, kept though the plain cost prefers it
    scorer = TableScorer({(0, 1, 1, 2): 3.3, (1, 2, 2, 3): 4.3, (0, 1, 0, 2): 11.0})
    path, total = refine(NOTE_PATH, 7.6, scorer, soft, PROSE)
    assert path == [(0, 1, 0, 2), (1, 2, 2, 3)]
    assert total == pytest.approx(7.6 + 11.0 + 4.3 - (6.0 + 3.3 + 4.3))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(5, 25), st.integers(5, 25))
def test_refine_keeps_order_and_coverage(seed, n, m):
    rng = random.Random(seed)
    lens = [rng.randint(20, 200) for _ in range(n)], [rng.randint(20, 200) for _ in range(m)]
    keys = [frozenset({f"n:{rng.randint(0, 8)}"}) for _ in range(n)], \
        [frozenset({f"n:{rng.randint(0, 8)}"}) for _ in range(m)]
    words = [[f"s{rng.randint(0, 19)}" for _ in range(3)] for _ in range(n)], \
        [[f"t{rng.randint(0, 19)}" for _ in range(3)] for _ in range(m)]
    soft = SoftOverlap(SOFT_SRC, SOFT_TGT, *words, SoftParams(weight=2.0, window=3))
    result = dp.align(*lens, *keys, PARAMS, soft=soft)
    assert [i for b in result.beads for i in b.source] == list(range(n))
    assert [j for b in result.beads for j in b.target] == list(range(m))
    assert all((len(b.source), len(b.target)) in PARAMS.bead_types for b in result.beads)
    scorer, i, j, plain = dp._Scorer(*lens, *keys, PARAMS), 0, 0, 0.0
    for b in result.beads:   # the total is the plain cost of the beads (no soft term in it)
        plain += scorer.cost(i, i + len(b.source), j, j + len(b.target))
        i, j = i + len(b.source), j + len(b.target)
    assert result.total_cost == pytest.approx(plain)


WORDS = {"haus": "maison", "garten": "jardin", "hund": "chien", "katze": "chat", "baum": "arbre",
         "wasser": "eau"}


def test_learnt_table_has_soft_translations():
    rng = random.Random(3)
    picks = [rng.sample(sorted(WORDS), 3) for _ in range(30)]
    source = [" ".join(p) for p in picks]
    target = [" ".join(WORDS[w] for w in reversed(p)) for p in picks]
    beads = [((k,), (k,)) for k in range(30)]
    table = lexicon.learn_table(source, target, beads)
    assert {w: max(d, key=d.get) for w, d in table.soft_source.items()} == WORDS
    assert {w: max(d, key=d.get) for w, d in table.soft_target.items()} == {t: s for s, t in WORDS.items()}
    assert all(p >= lexicon.LexiconParams().soft_prob for d in table.soft_source.values() for p in d.values())
    once = lexicon.learn_table(["haus garten", "hund"], ["maison jardin", "chien"], beads[:2])
    assert once.soft_source == {} and once.soft_target == {}   # each pair seen in one bead: none kept


def test_aligner_records_the_soft_settings():
    source = [f"Satz {k} über das Haus." for k in range(20)]
    target = [f"Phrase {k} sur la maison." for k in range(20)]
    result = align_segments(source, target, "de", "fr", unit="sentence")
    assert result.provenance["params"]["soft"]["weight"] == SENTENCE_PARAMS.soft.weight > 0
    assert [(b.source, b.target) for b in result.beads] == [((k,), (k,)) for k in range(20)]


def test_the_soft_overlap_reads_only_the_segments_it_is_asked_about():
    """A segment's known words and translations are made when a stretch first asks for them (most
    stretches hold no skip and ask nothing), and give what they gave when made for every segment."""
    from workbench.align.soft import SoftOverlap, SoftParams, _known, _uncovered, _with_best

    source = {"streik": {"strike": 0.9}, "arbeiter": {"workers": 0.8, "worker": 0.1}}
    target = {"strike": {"streik": 0.9}, "workers": {"arbeiter": 0.7}}
    src = [["der", "streik"], ["die", "arbeiter", "streik"], ["nichts"]]
    tgt = [["the", "strike"], ["workers", "strike"], ["nothing"]]
    soft = SoftOverlap(source, target, src, tgt, SoftParams())
    assert soft.segment(0, 1, 1, 2) == _uncovered(_known(src[1], _with_best(source)), frozenset({"workers", "strike"}),
                                                  soft.p.rel_words)
    assert set(soft._known[0]) == {1} and not soft._known[1] and set(soft._words[0]) == {1}
    assert soft.segment(1, 0, 0, 2) == _uncovered(_known(tgt[0], _with_best(target)),
                                                  frozenset({"streik", "arbeiter"}), soft.p.rel_words)
    assert soft.segment(0, 2, 2, 2) == _uncovered(_known(src[2], _with_best(source)), frozenset(), soft.p.rel_words)
