"""Journey 1 walked as a translator would (qa32): what she types in the Review page's editor
stays there when she looks something up on another page, and the page shows her bead again
when she comes back; the upload boxes say the limit the pages hold files to."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from workbench.ingest import ingest_text
from workbench.store import Store

SOURCE = "The dockers struck on Monday.\n\nThe regime union signed the agreement."
TARGET = "Die Hafenarbeiter streikten am Montag.\n\nDie Regimegewerkschaft unterschrieb den Vertrag."


def _aligned(db) -> tuple[AppTest, int]:
    with Store.open(db) as store:
        a, _ = store.documents.add(ingest_text(SOURCE, source_name="dockers.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text(TARGET, source_name="dockers.de.txt"), lang="de")
        store.documents.add_pair(a, b, label="dockers en → de")
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    at.button(key="review_align").click().run()
    assert not at.exception, at.exception
    with Store.open(db) as store:
        return at, store.alignments.list()[-1].id


def _editor(at, aid: int, position: int):
    [found] = [w for w in at.text_area if (w.key or "").startswith(f"edit-{aid}-{position}-")]
    return found


def test_a_typed_target_is_still_in_the_editor_after_another_page(env):
    """Half-way through a target she goes to the Glossary to check a term: back on the Review
    page, the editor showed the stored target and what she had typed was gone."""
    at, aid = _aligned(env)
    typed = "Die Regimegewerkschaft unterschrieb den Vertrag, den niemand gewählt hatte."
    _editor(at, aid, 0).input(typed).run()
    at.switch_page("views/glossary.py").run()
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    assert _editor(at, aid, 0).value == typed
    with Store.open(env) as store:
        assert store.alignments.beads(aid)[0].edited_target is None    # kept, not saved behind her back
    # Accept saves it with the bead, as before the page change
    at.button(key=f"acc-{aid}-0").click().run()
    with Store.open(env) as store:
        bead = store.alignments.beads(aid)[0]
        assert (bead.edited_target, bead.status) == (typed, "accepted")


def _upload_limits(at) -> list[int]:
    return [u.proto.max_upload_size_mb for u in at.get("file_uploader")]


def test_the_upload_boxes_say_the_limit_the_page_holds_them_to(env):
    """The boxes for an article, a bilingual file and a glossary read "400MB per file" (the
    server's limit, for Argos models): a 22 MB article went up, and only then was it refused at 20 MB
(the browser now refuses it at once: "File must be 20.0MB or smaller")."""
    from workbench.app.uploads import TEXT_LIMIT_MB

    at, _ = _aligned(env)
    assert _upload_limits(at) == [TEXT_LIMIT_MB, TEXT_LIMIT_MB]     # two files to align, a bilingual file
    at.switch_page("views/documents.py").run()
    assert _upload_limits(at) == [TEXT_LIMIT_MB]
    at.switch_page("views/glossary.py").run()
    at.radio(key="glossary_section").set_value("Import / export").run()
    assert not at.exception, at.exception
    assert _upload_limits(at) == [TEXT_LIMIT_MB]


def test_back_from_another_page_the_page_scrolls_to_her_bead_again(env):
    """Back from the Glossary the Review page opened at its top, her bead screens further down:
    the return gives the page a new open token, which its key script scrolls to the current bead
    with (as a new session or the chooser's Open do); an action on the page gives none."""
    at, aid = _aligned(env)
    opened = at.session_state["review_opened"]
    at.button(key=f"acc-{aid}-0").click().run()
    assert at.session_state["review_opened"] == opened
    at.switch_page("views/glossary.py").run()
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    back = at.session_state["review_opened"]
    assert back != opened
    at.button(key=f"acc-{aid}-1").click().run()
    assert at.session_state["review_opened"] == back
