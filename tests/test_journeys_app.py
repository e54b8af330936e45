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
    assert error.startswith("figures.txt: ") and "source language" in error and "--src-lang" not in error
    assert "alignment_id" not in at.session_state                    # nothing opened
    with Store.open(env) as store:                                   # nothing half-stored
        assert all(d.source_name != "figures.txt" for d in store.documents.list())
    at.text_input(key="review_src_lang").input("en").run()
    at.button(key="review_align_upload").click().run()
    assert not at.error and at.session_state["alignment_id"] is not None
