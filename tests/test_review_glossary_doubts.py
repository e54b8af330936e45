"""A bead that an approved concept's glossary problem makes doubtful is counted and drawn as one:
the page said "0 flagged for a look" and drew it green (sure) while `l` stopped at it and Confirm
left it for a look (qa34's gap)."""

from __future__ import annotations

from tests.conftest import opened_alignment
from tests.test_review_journey34 import _aligned
from workbench import review
from workbench.align.annotate import Annotator
from workbench.store import Store
from workbench.store.alignments import NewBead

SURE, DOUBTFUL = "--c:#66bb6a", "--c:#ffb300"


def _progress_line(at) -> str:
    [bar] = at.get("progress")
    return bar.proto.text


def _bead_html(at, position: int) -> str:
    [html] = [h.proto.body for h in at.get("html") if f"#{position} · " in h.proto.body]
    return html


def test_the_glossary_doubtful_bead_is_counted_and_drawn_doubtful(env):
    with Store.open(env) as store:
        aid = _aligned(store)
        glossary = review.glossary_flags(store, aid, Annotator("en", "de", review.approved_only(
            store.glossary.current()), foreign=False))
        assert glossary == {1: ("glossary term missing",)}
        assert store.alignments.progress(aid).needs_review == 0      # nothing of it is stored
        assert review.flagged_for_a_look(store, aid, glossary) == 1
    at = opened_alignment(aid)
    assert not at.exception
    assert _progress_line(at) == "0 of 3 beads reviewed · 1 flagged for a look"
    doubtful = _bead_html(at, 1)
    assert DOUBTFUL in doubtful and "Look: glossary term missing" in doubtful
    sure = _bead_html(at, 0)
    assert SURE in sure and "Look:" not in sure
    # bead 2 misses a draft concept's rendering: lit, not flagged
    assert SURE in _bead_html(at, 2)
    at.button(key="kb_next_low").click().run()               # to bead 1, and Enter confirms it
    at.button(key="kb_confirm_next").click().run()
    assert not at.exception
    assert _progress_line(at) == "1 of 3 beads reviewed · 0 flagged for a look"
    confirmed = _bead_html(at, 1)
    assert "--c:#2e7d32" in confirmed and "Look:" not in confirmed


def test_a_bead_flagged_and_with_a_glossary_problem_is_counted_once(store):
    """Bead 1 is stored flagged and has a glossary problem: one bead for a look, not two; bead 2
    has only a glossary problem; once confirmed, it no longer counts."""
    from tests.test_review_journey34 import SOURCE, TARGET

    beads = [NewBead((0,), (0,), 0.99), NewBead((1,), (1,), 0.75, needs_review=True), NewBead((2,), (2,), 0.99)]
    aid = store.alignments.create(unit="paragraph", src_lang="en", tgt_lang="de", source_segments=SOURCE,
                                  target_segments=TARGET, beads=beads, provenance={}, title="t", user="tester")
    glossary = {1: ("glossary term missing",), 2: ("forbidden glossary term",)}
    assert review.flagged_for_a_look(store, aid, glossary) == 2
    assert review.flagged_for_a_look(store, aid, {}) == 1
    review.accept(store, aid, 2, "tester")
    assert review.flagged_for_a_look(store, aid, glossary) == 1
    review.accept(store, aid, 1, "tester")
    assert review.flagged_for_a_look(store, aid, glossary) == 0
