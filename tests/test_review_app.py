"""The Review and Stats pages through Streamlit's AppTest: every action is saved at once,
undo works, a reload loses nothing and re-alignment keeps human edits."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from workbench import review
from workbench.ingest import ingest_text
from workbench.store import Store

from tests.conftest import APP_MAIN

SOURCE = "\n\n".join([
    "The strike began on 3 March 1921.", "Workers met in Berlin <b>at dawn</b>.", "They demanded 12 marks.",
    "The police came at night.", "On 9 March the strike ended."])
TARGET = "\n\n".join([
    "Der Streik begann am 3. März 1921.", "Die Arbeiter trafen sich in Berlin <b>im Morgengrauen</b>.",
    "Sie forderten 12 Mark.", "Die Polizei kam in der Nacht.", "Am 9. März endete der Streik."])


@pytest.fixture
def pair_env(env):
    with Store.open(env) as store:
        a, _ = store.documents.add(ingest_text(SOURCE, source_name="strike.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text(TARGET, source_name="strike.de.txt"), lang="de")
        store.documents.add_pair(a, b, label="strike en → de")
    return env


def _app() -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def _editor(at, aid, pos, prefix="edit"):
    """The bead's target editor (or split choice): its key carries the bead's revision.
    Only the current bead has editors: make this one current first."""
    if any(b.key == f"pick-{aid}-{pos}" for b in at.button):
        at.button(key=f"pick-{aid}-{pos}").click().run()
    [found] = [w for w in (at.text_area if prefix == "edit" else at.selectbox)
               if (w.key or "").startswith(f"{prefix}-{aid}-{pos}-")]
    return found


def _merge(at, aid, pos):
    """Merge bead ``pos`` with the next: merge is a button of the current bead."""
    if any(b.key == f"pick-{aid}-{pos}" for b in at.button):
        at.button(key=f"pick-{aid}-{pos}").click().run()
    at.button(key=f"merge-{aid}-{pos}").click().run()


def _beads(db):
    with Store.open(db) as store:
        aid = store.alignments.list()[-1].id
        return aid, store.alignments.beads(aid)


def test_review_actions_undo_reload_and_realign(pair_env):
    at = _app()
    assert at.title[0].value == "Review"  # the main page
    at.button(key="review_align").click().run()
    assert not at.exception and not at.error
    aid, beads = _beads(pair_env)
    assert len(beads) == 5 and at.session_state["alignment_id"] == aid

    at.button(key=f"acc-{aid}-0").click().run()
    assert _beads(pair_env)[1][0].status == "accepted"
    assert "1 of 5 beads reviewed" in at.get("progress")[0].proto.text

    _editor(at, aid, 1).input("Die Arbeiter trafen sich früh.")
    at.button(key=f"save-{aid}-1").click().run()
    assert _beads(pair_env)[1][1].edited_target == "Die Arbeiter trafen sich früh."

    _merge(at, aid, 2)
    merged = _beads(pair_env)[1][2]
    assert (merged.source, merged.target) == ((2, 3), (2, 3))

    assert (1, 1) in review.split_options(merged)
    split_at = _editor(at, aid, 2, "splitat")
    assert split_at.value == "source 1 + target 1 | source 2 + target 2"  # the likely one
    split_at.select(review.split_label(merged, 1, 1))
    at.button(key=f"split-{aid}-2").click().run()
    assert [(b.source, b.target) for b in _beads(pair_env)[1][2:4]] == [((2,), (2,)), ((3,), (3,))]

    at.button(key="review_undo").click().run()
    assert [(b.source, b.target) for b in _beads(pair_env)[1]][2] == ((2, 3), (2, 3))

    # a new session (reload, or a restarted app) finds everything as it was left, opened
    again = _app()
    assert again.session_state["alignment_id"] == aid and again.query_params["alignment"] == str(aid)
    again.button(key="review_open_saved").click().run()
    assert again.session_state["alignment_id"] == aid
    beads_shown = " ".join(h.proto.body for h in again.get("html"))
    # every human action confirmed its bead: shown as human work with who and when, no score
    assert beads_shown.count("· human (") == 3 and "· changed" not in beads_shown

    # re-running the aligner keeps the beads a human touched
    again.button(key="review_realign").click().run()
    after = _beads(pair_env)[1]
    assert after[0].status == "accepted"
    assert after[1].edited_target == "Die Arbeiter trafen sich früh."
    assert (after[2].source, after[2].target) == ((2, 3), (2, 3))


def test_user_text_is_escaped_and_filters_work(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "&lt;b&gt;at dawn&lt;/b&gt;" in html and "<b>at dawn</b>" not in html
    aid = at.session_state["alignment_id"]
    at.button(key=f"acc-{aid}-0").click().run()
    at.selectbox(key="review_filter").select("accepted").run()
    assert [b.key for b in at.button if b.key and b.key.startswith("acc-")] == [f"acc-{aid}-0"]
    at.selectbox(key="review_filter").select("glossary problems").run()
    assert not at.exception


def test_impossible_action_shows_a_message(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    _merge(at, aid, 4)  # the last bead has no next one
    # said as every refused action of the app and the command line says it
    shown = [e.value.replace("\\", "") for e in at.error]   # as drawn: markdown escapes taken out
    assert any(line.startswith("Error: bead 4") and "no next bead" in line for line in shown), shown
    assert not at.exception


def test_stats_page(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.button(key=f"acc-{aid}-0").click().run()
    at.switch_page("views/stats.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Beads"] == "5" and metrics["Reviewed"] == "20%"
    # the progress chart names its axes (not "value -- streamlit-generated")
    import json

    x_axis = json.loads(at.get("vega_lite_chart")[0].proto.spec)["encoding"]["x"]
    assert x_axis["title"] == "beads"


def test_editors_follow_the_beads_after_merge_undo_and_edit(pair_env):
    """After an action shifts or restores beads, every editor shows its own bead's text
    (never the text of the bead that used to be there, or an undone edit), and the
    progress bar counts what is stored now."""
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.button(key=f"acc-{aid}-4").click().run()
    assert "1 of 5 beads reviewed" in at.get("progress")[0].proto.text
    _editor(at, aid, 2).input("Sie forderten mehr.")
    at.button(key=f"save-{aid}-2").click().run()
    assert _editor(at, aid, 2).value == "Sie forderten mehr."
    at.button(key="review_undo").click().run()
    assert not at.exception
    assert _editor(at, aid, 2).value == "Sie forderten 12 Mark."
    at.button(key="review_undo").click().run()          # the accept
    assert "0 of 5 beads reviewed" in at.get("progress")[0].proto.text
    _merge(at, aid, 0)
    texts = [_editor(at, aid, pos).value for pos in range(4)]
    assert texts[0] == "Der Streik begann am 3. März 1921. Die Arbeiter trafen sich in Berlin <b>im Morgengrauen</b>."
    assert texts[1] == "Sie forderten 12 Mark."
    # saving unchanged text records nothing
    before = len(_history(pair_env, aid))
    at.button(key=f"pick-{aid}-1").click().run()
    at.button(key=f"save-{aid}-1").click().run()
    assert len(_history(pair_env, aid)) == before and _beads(pair_env)[1][1].status == "auto"


def _history(db, aid):
    with Store.open(db) as store:
        return store.alignments.history(aid)


def test_reload_opens_the_alignment_in_the_address(pair_env):
    at = _app()
    assert "alignment_id" not in at.session_state     # nothing saved yet: nothing to open
    at.button(key="review_align").click().run()
    first = at.session_state["alignment_id"]
    at.button(key="review_align").click().run()        # "Align anew": a second alignment, now the latest
    second = at.session_state["alignment_id"]
    assert second != first
    reloaded = AppTest.from_file(APP_MAIN, default_timeout=60)
    reloaded.query_params["alignment"] = str(first)
    reloaded.run()
    assert not reloaded.exception and reloaded.session_state["alignment_id"] == first
    legend = " ".join(m.value for m in reloaded.markdown)
    assert 'class="wb-forbidden"' in legend and "foreign name" in legend and "any action on a bead" in legend
    # a stale address opens the alignment worked on last instead
    gone = AppTest.from_file(APP_MAIN, default_timeout=60)
    gone.query_params["alignment"] = "999"
    gone.run()
    assert not gone.exception and not gone.error and gone.session_state["alignment_id"] == second


def test_glossary_filter_follows_edits_and_undo(pair_env):
    """The list of beads with glossary problems is cached per content of the alignment:
    an edit that drops a term shows up at once, and so does its undo."""
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.selectbox(key="review_filter").select("glossary problems").run()
    shown = lambda: [b.key for b in at.button if (b.key or "").startswith("acc-")]  # noqa: E731
    assert f"acc-{aid}-0" not in shown()
    at.selectbox(key="review_filter").select("all").run()
    _editor(at, aid, 0).input("Es begann am 3. März 1921.")   # no rendering of "strike"
    at.button(key=f"save-{aid}-0").click().run()
    at.selectbox(key="review_filter").select("glossary problems").run()
    assert not at.exception and f"acc-{aid}-0" in shown()
    at.button(key="review_undo").click().run()
    assert f"acc-{aid}-0" not in shown()


def test_an_action_on_a_page_someone_else_changed_is_refused(pair_env):
    """Two translators on one alignment: a merge clicked on a page drawn before a
    colleague's merge would hit a bead that moved; it is refused with a message."""
    import time

    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.button(key=f"pick-{aid}-1").click().run()          # bead 1 is current: its Merge button is drawn
    time.sleep(1.1)  # the store's change stamp has a resolution of one second
    with Store.open(pair_env) as store:
        review.merge_next(store, aid, 0, "colleague")
    at.button(key=f"merge-{aid}-1").click().run()
    assert not at.exception
    assert any("changed by someone else" in e.value for e in at.error)
    assert [(b.source, b.target) for b in _beads(pair_env)[1]][:2] == [((0, 1), (0, 1)), ((2,), (2,))]
    # the page now shows their change, so the next action goes through
    at.button(key=f"merge-{aid}-1").click().run()
    assert not at.error
    assert [(b.source, b.target) for b in _beads(pair_env)[1]][:2] == [((0, 1), (0, 1)), ((2, 3), (2, 3))]
    # Undo on a page drawn before a colleague's action would undo theirs: refused too
    time.sleep(1.1)
    with Store.open(pair_env) as store:
        review.accept(store, aid, 0, "colleague")
    at.button(key="review_undo").click().run()
    assert any("changed by someone else" in e.value for e in at.error)
    assert _beads(pair_env)[1][0].status == "accepted"


def test_an_alignment_error_keeps_the_open_alignment_on_the_page(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    with Store.open(pair_env) as store:  # a pair whose source language is unknown cannot be aligned
        a, _ = store.documents.add(ingest_text("Hmm.", source_name="x.txt"), lang=None)
        store.documents.add_pair(a, 2, label="unknown source")
    at.run()
    at.selectbox(key="review_pair_box").select(2).run()
    at.button(key="review_align").click().run()
    assert not at.exception
    assert any("language is unknown" in e.value for e in at.error)
    assert any(b.key == f"acc-{aid}-0" for b in at.button)     # the open alignment is still shown


def test_long_alignments_are_paged_from_the_top_and_the_bottom(pair_env):
    with Store.open(pair_env) as store:
        source = [f"The strike went on for day {i}." for i in range(45)]
        target = [f"Der Streik ging am Tag {i} weiter." for i in range(45)]
        aid = review.align_texts(store, source, target, "en", "de", user="t", presegmented=True)
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.query_params["alignment"] = str(aid)
    at.run()
    accept_keys = lambda: [b.key for b in at.button if (b.key or "").startswith("acc-")]  # noqa: E731
    assert len(accept_keys()) == 20 and at.button(key="review_prev_top").disabled
    at.button(key="review_next_top").click().run()
    assert accept_keys()[0] == f"acc-{aid}-20"
    at.button(key="review_next").click().run()
    assert accept_keys() == [f"acc-{aid}-{i}" for i in range(40, 45)]
    assert any("Beads 41–45 of 45" in c.value for c in at.caption)


def test_bulk_confirm_accepts_the_sure_beads_and_flags_say_why(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    aid, beads = _beads(pair_env)
    sure = [b.position for b in beads if not b.needs_review and b.confidence >= 0.95]
    assert sure, "the test pair has beads the aligner is sure of"
    at.button(key="review_bulk").click().run()
    assert not at.exception
    after = _beads(pair_env)[1]
    assert [b.position for b in after if b.status == "accepted"] == sure
    assert any(f"Confirmed {len(sure)} beads." in t.value for t in at.toast)


def test_keyboard_buttons_review_a_pair_from_first_to_last_bead(pair_env):
    """The buttons the shortcuts click: confirm-and-next walks the beads, the current
    bead is marked and carries the editor, next-unconfirmed skips confirmed beads."""
    from workbench.app import keys

    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    assert any("keydown" in h.proto.body for h in at.get("html"))         # the listener is on the page
    assert "confirm the current bead and go to the next" in keys.legend_markdown()
    at.button(key="kb_next").click().run()
    at.button(key="kb_next").click().run()
    at.button(key="kb_prev").click().run()
    assert at.session_state["review_current"] == 1 and _editor(at, aid, 1)   # editor on the current bead only
    assert len([w for w in at.text_area if (w.key or "").startswith("edit-")]) == 1
    at.button(key="kb_confirm_next").click().run()
    assert _beads(pair_env)[1][1].status == "accepted" and at.session_state["review_current"] == 2
    at.button(key="kb_merge").click().run()               # beads 2 and 3 become one
    assert (_beads(pair_env)[1][2].source, _beads(pair_env)[1][2].target) == ((2, 3), (2, 3))
    at.button(key="kb_split").click().run()               # at the likely point: back to two
    assert [(b.source, b.target) for b in _beads(pair_env)[1][2:4]] == [((2,), (2,)), ((3,), (3,))]
    at.button(key="kb_undo").click().run()
    at.button(key="kb_undo").click().run()
    at.button(key="kb_next_open").click().run()           # bead 1 is confirmed: skipped on the way round
    for _ in range(4):                                    # beads 0, 2, 3 and 4 are still open
        at.button(key="kb_next_open").click().run()
        at.button(key="kb_confirm_next").click().run()
        assert not at.exception and not at.error
    assert all(b.status == "accepted" for b in _beads(pair_env)[1])
    assert "5 of 5 beads reviewed" in at.get("progress")[0].proto.text


def test_next_position_wraps_and_skips():
    from types import SimpleNamespace as B

    from workbench.app.keys import is_low, is_open, next_position

    beads = [B(position=i, status=s, confidence=c, needs_review=False, source=(i,), target=(i,)) for i, (s, c) in
             enumerate([("auto", 0.5), ("accepted", 0.3), ("auto", 0.99), ("auto", 0.7)])]
    assert next_position(beads, 0, is_open) == 2
    assert next_position(beads, 3, is_open) == 0          # wraps round to the start
    assert next_position(beads, 0, is_low) == 3
    assert next_position([beads[1]], 1, is_open) is None


def test_jump_box_opens_the_page_of_the_bead(pair_env):
    with Store.open(pair_env) as store:
        aid = review.align_texts(store, [f"The strike went on for day {i}." for i in range(45)],
                                 [f"Der Streik ging am Tag {i} weiter." for i in range(45)], "en", "de",
                                 user="t", presegmented=True)
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.query_params["alignment"] = str(aid)
    at.run()
    at.number_input(key="review_jump_top").set_value(33).run()
    assert at.session_state["review_current"] == 33 and any("Beads 21–40 of 45" in c.value for c in at.caption)
    assert _editor(at, aid, 33).value == "Der Streik ging am Tag 33 weiter."


def test_export_downloads_are_written_on_the_click(pair_env):
    from workbench.app.review_actions import export_bytes

    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.button(key=f"acc-{aid}-2").click().run()
    assert [b.label for b in at.get("download_button")] == ["TMX", "XLIFF", "CSV", "BEADS"]
    tmx = export_bytes(str(pair_env), aid, "tmx", True).decode("utf-8")
    assert tmx.count("<tu ") == 1 and "Sie forderten 12 Mark." in tmx
    assert export_bytes(str(pair_env), aid, "beads", True).decode("utf-8").count("\n") >= 5


def test_next_low_confidence_with_none_left_keeps_the_place(pair_env):
    """`l` with no low-confidence bead left (and `n` with every bead confirmed) keeps the
    current bead and says so, instead of jumping back to the first bead."""
    at = _app()
    at.button(key="review_align").click().run()
    at.button(key="kb_next").click().run()
    at.button(key="kb_next").click().run()
    assert at.session_state["review_current"] == 2
    at.button(key="kb_next_low").click().run()            # the demo-sized pair aligns surely
    assert at.session_state["review_current"] == 2
    assert current_bead_status(at) == ["No flagged or low-confidence bead left."]
    at.button(key="review_bulk").click().run()            # confirm them all
    at.button(key="kb_next_open").click().run()
    assert at.session_state["review_current"] == 2 and not at.exception
    assert current_bead_status(at) == ["No unconfirmed bead left."]


def _blocks(node):
    yield node
    for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
        yield from _blocks(child)


def _in_current_bead(at, element: str) -> list[str]:
    """The values of the ``element``s (Caption, Error, …) drawn in the current bead."""
    [bead] = [b for b in _blocks(at.main) if getattr(b, "key", None) == "wb_current"]
    return [c.value for c in _blocks(bead) if type(c).__name__ == element]


def current_bead_status(at) -> list[str]:
    """The status lines drawn in the current bead; a repeated action's message must not be a
    toast (at 1024x768 a toast covered the buttons of the bead the translator goes on with)."""
    assert not at.toast, [t.value for t in at.toast]
    return [v.removeprefix(":material/info: ").replace("\\", "") for v in _in_current_bead(at, "Caption")]


def _bead_1_edited(db) -> tuple[AppTest, int]:
    """The aligned pair with the target of bead 1 edited and saved from the page."""
    at = _app()
    at.button(key="review_align").click().run()
    aid, _ = _beads(db)
    at.button(key="kb_next").click().run()
    _editor(at, aid, 1).input("Die Arbeiter streikten.")
    at.button(key=f"save-{aid}-1").click().run()
    return at, aid


def test_a_saved_edit_and_an_undo_say_so_in_the_current_bead_not_in_a_toast(pair_env):
    at, aid = _bead_1_edited(pair_env)
    assert not at.exception and _beads(pair_env)[1][1].edited_target == "Die Arbeiter streikten."
    assert current_bead_status(at) == ["Saved the target of #1."]
    at.run()                                              # shown once: the next run has no status
    assert current_bead_status(at) == []
    at.button(key="review_undo").click().run()
    assert current_bead_status(at) == ["Undone: edit (bead 1)"]


def test_reopening_an_alignment_starts_where_the_translator_left_off(pair_env):
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    with Store.open(pair_env) as store:
        review.accept(store, aid, 0, "ana")
        review.accept(store, aid, 1, "ana")
    tomorrow = AppTest.from_file(APP_MAIN, default_timeout=60)
    tomorrow.query_params["alignment"] = str(aid)
    tomorrow.run()
    assert not tomorrow.exception
    # the current bead (the only one with an editor) is the first one nobody has reviewed
    [editor] = [w for w in tomorrow.text_area if (w.key or "").startswith("edit-")]
    assert editor.key.startswith(f"edit-{aid}-2-")


def test_a_reloaded_sentence_alignment_shows_its_unit_in_the_chooser(pair_env):
    """After F5 on a sentence alignment the folded chooser said 'paragraph' and offered 'Align'
    (a new paragraph alignment) instead of the open one's unit and 'Align anew'."""
    at = _app()
    at.radio(key="review_unit").set_value("sentence").run()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    reloaded = AppTest.from_file(APP_MAIN, default_timeout=60)
    reloaded.query_params["alignment"] = str(aid)
    reloaded.run()
    assert not reloaded.exception and reloaded.session_state["alignment_id"] == aid
    assert reloaded.radio(key="review_unit").value == "sentence"
    assert reloaded.button(key="review_align").label == "Align anew"


def test_aligning_folds_the_chooser_at_once(pair_env):
    """Right after Align the pair chooser is folded, so the first beads are on a laptop's screen."""
    at = _app()
    assert "Open or align another pair" not in [e.label for e in at.expander]
    at.button(key="review_align").click().run()
    assert not at.exception
    assert "Open or align another pair" in [e.label for e in at.expander]


def test_a_saved_edit_keeps_its_bead_current_on_a_freshly_opened_page(pair_env):
    """Opened at the first unreviewed bead (nothing chosen yet), a save confirms that bead: it
    stays the current one, with its message, instead of the next unreviewed bead taking over."""
    at = _app()
    at.button(key="review_align").click().run()
    aid, _ = _beads(pair_env)
    assert at.session_state["review_current"] is None
    _editor(at, aid, 0).input("Der Streik begann am 3. März.")
    at.button(key=f"save-{aid}-0").click().run()
    assert not at.exception and at.session_state["review_current"] == 0
    assert current_bead_status(at) == ["Saved the target of #0."]
    at.button(key="kb_merge").click().run()               # a key acts on the bead just saved
    assert _beads(pair_env)[1][0].source == (0, 1)


def test_a_draft_concepts_term_is_marked_apart_from_an_approved_one(pair_env):
    """A term candidate just accepted is a draft until a second translator checks it:
    the Review page must not light it green like an approved term."""
    from workbench.glossary import Concept, Term

    at = _app()                                            # the first start loads the shared glossary
    with Store.open(pair_env) as store:
        assert store.glossary.get("strike").status == "approved"
        store.glossary.save(Concept("dawn-qa", "history", "draft", "", "", 1, (
            Term("en", "dawn"), Term("de", "Morgengrauen"))), expected_version=None, user="tester")
    at.button(key="review_align").click().run()
    assert not at.exception
    beads = " ".join(h.proto.body for h in at.get("html"))
    assert re.search(r'<mark class="wb-draft" title="[^"]*draft concept[^"]*">dawn</mark>', beads)
    assert re.search(r'<mark class="wb-draft" title="[^"]*">Morgengrauen</mark>', beads)
    assert re.search(r'<mark class="wb-ok" title="ok: strike[^"]*">Streik</mark>', beads)   # approved stays green
    legend = " ".join(m.value for m in at.markdown)
    assert 'class="wb-draft"' in legend and "mark.wb-draft {" in legend


def test_a_refused_bead_action_says_why_in_the_current_bead(pair_env):
    # deep in an article the top of the page is off screen: a refused action showed its
    # reason up there, and the key or button seemed to do nothing (an edited bead's split was
    # refused so; it splits its edited text now: tests/test_review_journey16.py)
    at, aid = _bead_1_edited(pair_env)
    at.button(key="kb_merge").click().run()               # a bead of two sentences each side, edited
    at.button(key="kb_move_target_next").click().run()
    assert not at.exception, at.exception
    [message] = _in_current_bead(at, "Error")
    assert "edited target cannot give or take target segments" in message


def test_split_key_on_a_one_to_one_bead_says_there_is_nothing_to_split(pair_env):
    # `s` on a bead of one sentence each side made two orphans (1-0 and 0-1): that is what
    # Unalign is for; the translator is told so and the alignment stays as it was
    at = _app()
    at.button(key="review_align").click().run()
    aid, before = _beads(pair_env)
    at.button(key="kb_next").click().run()
    at.button(key="kb_split").click().run()
    assert not at.exception and not at.error
    assert [(b.source, b.target, b.status) for b in _beads(pair_env)[1]] == \
        [(b.source, b.target, b.status) for b in before]
    [status] = current_bead_status(at)
    assert "one sentence on each side: nothing to split" in status and "Unalign" in status
    assert "*" not in status                             # a status line is plain text: no markdown shown raw
    at.button(key="kb_undo").click().run()                # nothing was done: nothing to undo either
    assert [(b.source, b.target) for b in _beads(pair_env)[1]] == [(b.source, b.target) for b in before]


def test_the_undo_key_says_what_it_undid_like_the_undo_button(pair_env):
    # `u` undid silently: after an undone confirm nothing on the screen said what had changed
    at, aid = _bead_1_edited(pair_env)
    at.button(key="kb_undo").click().run()
    assert current_bead_status(at) == ["Undone: edit (bead 1)"]
    at.button(key="kb_undo").click().run()
    assert current_bead_status(at) == ["Nothing to undo."]


def test_merge_split_move_and_unalign_say_what_they_did(pair_env):
    """They were silent: after a key the translator could not tell whether it had acted."""
    at = _app()
    at.button(key="review_align").click().run()
    aid = at.session_state["alignment_id"]
    at.button(key="kb_next").click().run()
    at.button(key="kb_next").click().run()                # bead 2 is the current one
    at.button(key="kb_merge").click().run()
    assert current_bead_status(at) == ["Merged #2 with the bead after it (u undoes)."]
    at.button(key="kb_split").click().run()
    assert current_bead_status(at) == ["Split #2 into source 1 + target 1 | source 2 + target 2 (u undoes)."]
    at.button(key="kb_move_source_next").click().run()   # bead 2's only source sentence joins bead 3
    assert current_bead_status(at) == ["Moved the last source segment of #2 to the next bead (u undoes)."]
    assert _beads(pair_env)[1][3].source == (2, 3)
    at.button(key="kb_undo").click().run()
    at.button(key=f"unal-{aid}-2").click().run()
    assert current_bead_status(at) == ["#2 unaligned: each of its segments is a bead of its own (u undoes)."]
