"""Journey 1 by keyboard, through AppTest: what a translator who works a whole document with
the keys tripped over in Chromium (tests/test_browser_journeys16.py walks it there)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from tests.test_review_journey15 import stored_alignment
from workbench import review
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
