"""What translators tripped over when walking the journeys (Review, Glossary, Fragments),
checked through AppTest: each test failed before its fix."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from workbench.ingest import ingest_text
from workbench.store import Store

SOURCE = "\n\n".join(["The dockers of Valencia stopped work on Monday.", "The union called a meeting at the gate.",
                      "By noon four hundred workers had joined the picket."])
TARGET = "\n\n".join(["Los estibadores de Valencia pararon el lunes.", "El sindicato convocó una asamblea en la puerta.",
                      "A mediodía cuatrocientos trabajadores se habían sumado al piquete."])


def _pair_store(env) -> None:
    with Store.open(env) as store:
        a, _ = store.documents.add(ingest_text(SOURCE, source_name="dockers.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text(TARGET, source_name="estibadores.es.txt"), lang="es")
        store.documents.add_pair(a, b, label="dockers en → es")


def _app() -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_chooser_folds_away_once_an_alignment_is_opened_from_it(env):
    """With an alignment open, the translator unfolds "Open or align another pair" and aligns
    anew: the chooser must fold again, else at 1024x768 it fills the screen and the new
    alignment's beads are all below it."""
    _pair_store(env)
    at = _app()
    at.button(key="review_align").click().run()
    first = at.session_state["alignment_id"]
    at.session_state["review_chooser"] = True          # she unfolds the chooser
    at.run()
    at.button(key="review_align").click().run()         # "Align anew"
    assert not at.exception and at.session_state["alignment_id"] != first
    assert at.session_state["review_chooser"] is False
    at.session_state["review_chooser"] = True
    at.run()
    at.selectbox(key="review_saved_box").select(first).run()
    at.button(key="review_open_saved").click().run()
    assert at.session_state["alignment_id"] == first and at.session_state["review_chooser"] is False


def test_an_upload_whose_language_cannot_be_detected_names_the_file_and_the_field(env):
    """A table of figures has no language to detect: the message named the command line's
    --src-lang/--tgt-lang, which the app has not; it names the file and the app's field."""
    at = _app()
    at.file_uploader(key="review_files").upload("figures.txt", b"1921 - 1922\n\n12 %\n", "text/plain")
    at.file_uploader(key="review_files").upload("estibadores.es.txt", TARGET.encode("utf-8"), "text/plain").run()
    at.button(key="review_align_upload").click().run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]   # as shown: Markdown escapes dropped
    assert error.startswith("Error: figures.txt: ") and "source language" in error and "--src-lang" not in error
    assert "alignment_id" not in at.session_state                    # nothing opened
    with Store.open(env) as store:                                   # nothing half-stored
        assert all(d.source_name != "figures.txt" for d in store.documents.list())
    at.text_input(key="review_src_lang").input("en").run()
    at.button(key="review_align_upload").click().run()
    assert not at.error and at.session_state["alignment_id"] is not None


def _bead_target(env, position: int) -> str:
    from workbench import review

    with Store.open(env) as store:
        aid = store.alignments.list()[-1].id
        record = store.alignments.get(aid)
        return review.bead_texts(record, [store.alignments.bead_at(aid, position)])[0].target


def _typed_in_current(at, text: str):
    """She presses e, types a new target and leaves the editor with Esc (no Save)."""
    [editor] = [t for t in at.text_area if (t.key or "").startswith("edit-")]
    editor.input(text).run()
    return at.session_state["alignment_id"]


EDITED = "Los estibadores de Valencia pararon el puerto el lunes."


def test_confirming_the_current_bead_keeps_the_target_typed_in_its_editor(env):
    """e, typing, Esc, then Enter (confirm and next): the bead was accepted with its old
    target and the typed text was gone without a word."""
    _pair_store(env)
    at = _app()
    at.button(key="review_align").click().run()
    aid = _typed_in_current(at, EDITED)
    at.button(key="kb_confirm_next").click().run()                 # what Enter and `a` click
    assert not at.exception and not at.error
    assert _bead_target(env, 0) == EDITED
    assert at.session_state["review_current"] == 1                 # and on to the next bead
    assert any("Saved the target of #0" in c.value for c in at.caption)
    _typed_in_current(at, "Otro texto.")
    at.button(key=f"acc-{aid}-1").click().run()                    # the current bead's Accept button
    assert _bead_target(env, 1) == "Otro texto." and at.session_state["review_current"] == 1


def test_leaving_the_current_bead_keeps_the_target_typed_in_its_editor(env):
    """Typed, then j, k, n, l or Select of another bead: the typed text is saved, not dropped."""
    _pair_store(env)
    at = _app()
    at.button(key="review_align").click().run()
    aid = _typed_in_current(at, EDITED)
    at.button(key="kb_next").click().run()                         # j
    assert _bead_target(env, 0) == EDITED and at.session_state["review_current"] == 1
    _typed_in_current(at, "El sindicato convocó una asamblea.")
    at.button(key=f"pick-{aid}-2").click().run()                   # Select on another bead
    assert _bead_target(env, 1) == "El sindicato convocó una asamblea."
    assert at.session_state["review_current"] == 2
    _typed_in_current(at, "A mediodía.")
    at.button(key="kb_next_open").click().run()                    # n
    assert _bead_target(env, 2) == "A mediodía."
    assert not at.exception and not at.error


def test_a_stored_pair_without_a_language_says_how_to_give_it_in_the_app(env):
    """A stored document whose language was not detected: aligning its pair named the command
    line's --src-lang/--tgt-lang; the message names the document and the app's way."""
    with Store.open(env) as store:
        a, _ = store.documents.add(ingest_text("1921 - 1922\n\n12 %", source_name="figures.txt"), lang=None)
        b, _ = store.documents.add(ingest_text(TARGET, source_name="estibadores.es.txt"), lang="es")
        store.documents.add_pair(a, b, label="figures")
    at = _app()
    at.button(key="review_align").click().run()
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert "figures.txt" in error and "Upload two files" in error and "--src-lang" not in error


def test_moving_on_under_a_filter_that_shows_no_bead_says_nothing(env):
    """j and k with no bead shown have nowhere to go: no empty status line, no error."""
    _pair_store(env)
    at = _app()
    at.button(key="review_align").click().run()
    at.selectbox(key="review_filter").select("accepted").run()     # nothing accepted yet
    at.button(key="kb_next").click().run()
    at.button(key="kb_prev").click().run()
    assert not at.exception and not at.error
    assert not [c.value for c in at.caption if "material/info" in c.value]
    assert any("No beads match this filter" in i.value for i in at.info)


def test_reshaping_the_current_bead_keeps_the_target_typed_in_its_editor(env):
    """Typed, then Merge (or m, s, [ ], Unalign, Move): the bead was reshaped from its old target
    and the typed text was gone. It is refused with a word, and the text stays in the editor."""
    _pair_store(env)
    at = _app()
    at.button(key="review_align").click().run()
    aid = _typed_in_current(at, EDITED)
    for button in (f"merge-{aid}-0", "kb_merge", f"unal-{aid}-0", "kb_move_target_next", f"move-{aid}-0"):
        at.button(key=button).click().run()
        assert not at.exception
        assert any("not saved" in e.value for e in at.error), button
        with Store.open(env) as store:
            assert store.alignments.progress(aid).total == 3 and _bead_target(env, 0) != EDITED
        [editor] = [t for t in at.text_area if (t.key or "").startswith(f"edit-{aid}-0-")]
        assert editor.value == EDITED
    at.button(key=f"save-{aid}-0").click().run()                    # saved, then merged from her text
    at.button(key=f"merge-{aid}-0").click().run()
    assert not at.error and _bead_target(env, 0).startswith(EDITED)
