"""Journey 1 by keyboard, through AppTest: what a translator who works a whole document with
the keys tripped over in Chromium (tests/test_browser_journeys16.py walks it there)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from tests.test_review_journey15 import TARGET_SENTENCES, stored_alignment
from workbench import review
from workbench.errors import InputError
from workbench.ingest import ingest_text
from workbench.store import Store

SOURCE = "\n\n".join(["The strike began on Monday.", "Workers met at the gate.", "They asked for more pay.",
                      "The police came at night.", "On Friday the strike ended."])
TARGET = "\n\n".join(["La huelga empezó el lunes.", "Los obreros se reunieron en la puerta.",
                      "Pidieron más salario.", "La policía llegó de noche.", "El viernes terminó la huelga."])


@pytest.fixture
def two_alignments(env):
    """(database, a stored pair's paragraph alignment where ``tester`` confirmed #0 and #2 and
    skipped #1, the upload alignment she worked on after it, where she confirmed #0, #2 and #3)."""
    with Store.open(env) as store:
        a, _ = store.documents.add(ingest_text(SOURCE, source_name="strike.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text(TARGET, source_name="huelga.es.txt"), lang="es")
        pair = store.documents.add_pair(a, b, label="strike en → es")
        paired = review.align_pair(store, pair, unit="paragraph", user="tester")
        review.accept_many(store, paired, [0, 2], "tester")
    uploaded = stored_alignment(env)
    with Store.open(env) as store:
        review.accept_many(store, uploaded, [0, 2, 3], "tester")
    return env, paired, uploaded


def _current_editor(at: AppTest, aid: int) -> str:
    """The widget key of the current bead's editor (only the current bead has one)."""
    [editor] = [w.key for w in at.text_area if (w.key or "").startswith(f"edit-{aid}-")]
    return editor


def _captions(at: AppTest) -> str:
    """The page's captions (status lines) as read, without Markdown's escapes."""
    return " ".join(c.value.replace("\\", "") for c in at.caption)


def _fresh(address: int | None = None) -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    if address is not None:
        at.query_params["alignment"] = str(address)
    at.run()
    assert not at.exception, at.exception
    return at


def test_opening_a_saved_alignment_from_the_chooser_lands_where_she_left_off(two_alignments):
    """Only a new session came back at her place: the chooser's "Open" (Saved alignments) and
    "Open saved alignment" (Stored pair) opened at the first unreviewed bead, #1 here, which she
    had skipped screens above; they open at the same bead a new session does."""
    db, paired, uploaded = two_alignments
    at = _fresh()                                        # the upload, worked on last
    assert _current_editor(at, uploaded).startswith(f"edit-{uploaded}-4-")
    at.selectbox(key="review_saved_box").set_value(paired).run()
    at.button(key="review_open_saved").click().run()
    assert not at.exception and at.session_state["alignment_id"] == paired
    assert _current_editor(at, paired).startswith(f"edit-{paired}-3-")
    at.button(key="kb_next").click().run()               # she goes on, then opens the upload again
    at.selectbox(key="review_saved_box").set_value(uploaded).run()
    at.button(key="review_open_saved").click().run()
    assert _current_editor(at, uploaded).startswith(f"edit-{uploaded}-4-")
    at.radio(key="review_unit").set_value("paragraph").run()
    at.button(key="review_open").click().run()           # the stored pair's latest alignment
    assert at.session_state["alignment_id"] == paired
    assert _current_editor(at, paired).startswith(f"edit-{paired}-3-")


def test_a_new_alignment_still_opens_at_its_first_bead(two_alignments):
    """Aligning anew is no coming back: the new alignment opens at its first bead."""
    db, paired, _ = two_alignments
    at = _fresh(paired)
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    assert aid not in (paired,) and _current_editor(at, aid).startswith(f"edit-{aid}-0-")


def test_an_alignment_she_finished_opens_at_her_last_bead_and_says_what_is_next(two_alignments):
    """With every bead reviewed there is no unreviewed bead to resume at: the page opened at #0,
    screens above the bead she confirmed last, and nothing said she was done. It opens at the
    bead she acted on last, with a line that every bead is reviewed and Export comes next."""
    db, paired, _ = two_alignments
    with Store.open(db) as store:
        review.accept_many(store, paired, [4, 1, 3], "tester")    # #3 last: she went back to it
        assert review.resume_position(store, paired, "tester") == 3
    at = _fresh(paired)
    assert _current_editor(at, paired).startswith(f"edit-{paired}-3-")
    [done] = [s.value for s in at.success]
    assert "Every bead is reviewed" in done and "Export" in done
    at.selectbox(key="review_saved_box").set_value(paired).run()
    at.button(key="review_open_saved").click().run()           # the chooser's Open lands there too
    assert _current_editor(at, paired).startswith(f"edit-{paired}-3-")


def test_s_splits_a_merged_bead_whose_target_she_edited_and_keeps_her_edit(env):
    """`s` on a merged bead whose target she had edited said "undo the edit before splitting it":
    her edit was lost to a split. The edited text splits at its sentences, the split whose
    lengths fit first, and the part she changed keeps her words."""
    aid = stored_alignment(env)
    at = _fresh(aid)
    at.button(key=f"pick-{aid}-3").click().run()
    at.button(key="kb_merge").click().run()                     # a wrong merge: #3 holds 3-4 / 3-4
    fixed = TARGET_SENTENCES[4].replace("turno de noche", "turno nocturno")
    at.text_area(key=_current_editor(at, aid)).set_value(f"{TARGET_SENTENCES[3]}\n{fixed}")
    at.button(key=f"save-{aid}-3").click().run()
    at.button(key="kb_split").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    with Store.open(env) as store:
        three, four = store.alignments.beads(aid, positions=[3, 4])
    assert (three.source, three.target, three.edited_target) == ((3,), (3,), None)   # as published
    assert (four.source, four.target, four.edited_target) == ((4,), (4,), fixed)     # her edit
    assert three.status == four.status == "accepted"
    assert "Split #3 into source 1 + target 1 | source 2 + target 2" in _captions(at)


def test_s_on_an_edited_bead_that_cannot_split_says_why(env):
    """A one-to-one bead whose edited target has two sentences has one target segment to give
    one part: nothing to split, said as for an unedited one."""
    aid = stored_alignment(env)
    with Store.open(env) as store:
        review.edit_target(store, aid, 1, "Los estibadores pararon el lunes. Nadie trabajó.", "tester")
        bead = store.alignments.bead_at(aid, 1)
        assert review.split_options(bead, store.alignments.get(aid)) == []
        with pytest.raises(InputError, match="cannot split"):
            review.split(store, aid, 1, 1, 1, "tester")
    at = _fresh(aid)
    at.button(key=f"pick-{aid}-1").click().run()
    at.button(key="kb_split").click().run()
    assert "Bead #1 has one sentence on each side: nothing to split" in _captions(at)
