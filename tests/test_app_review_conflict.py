"""Two named translators edit the same bead through AppTest: the one whose page is older
sees a conflict naming the other and when, nothing of theirs is lost, and she chooses."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from workbench import review
from workbench.errors import ConflictError
from workbench.ingest import ingest_text
from workbench.store import Store
from workbench.users import add_user

from tests.conftest import APP_MAIN

SOURCE = ["The strike began on 3 March 1921.", "Workers met in Berlin at dawn.", "They demanded 12 marks."]
TARGET = ["Der Streik begann am 3. März 1921.", "Die Arbeiter trafen sich in Berlin.", "Sie forderten 12 Mark."]


@pytest.fixture
def shared(env):
    """A store with two translators and one aligned pair; returns (db, alignment id)."""
    with Store.open(env) as store:
        for name in ("ana", "ben"):
            add_user(store, name, "translator", f"{name}-secret-1", by="admin")
        a, _ = store.documents.add(ingest_text("\n\n".join(SOURCE), source_name="s.en.txt"), lang="en")
        b, _ = store.documents.add(ingest_text("\n\n".join(TARGET), source_name="s.de.txt"), lang="de")
        pair = store.documents.add_pair(a, b, label="strike")
        aid = review.align_pair(store, pair, user="admin")
    return env, aid


def _signed_in(name: str, aid: int) -> AppTest:
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.query_params["alignment"] = str(aid)
    at.run()
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(f"{name}-secret-1")
    at.button[0].click().run()
    assert not at.exception and any(f"Signed in as **{name}**" in c.value for c in at.caption)
    at.button(key=f"pick-{aid}-1").click().run()      # bead 1 is the current one: its editor is open
    return at


def _editor(at, aid):
    [found] = [w for w in at.text_area if (w.key or "").startswith(f"edit-{aid}-1-")]
    return found


def _bead(db, aid, position=1):
    with Store.open(db) as store:
        record = store.alignments.get(aid)
        return review.bead_texts(record, [store.alignments.bead_at(aid, position)])[0]


def _ben_saves_first(shared, text: str):
    """Ana and Ben both open bead 1; a second later Ben saves ``text`` there."""
    db, aid = shared
    ana, ben = _signed_in("ana", aid), _signed_in("ben", aid)
    time.sleep(1.1)
    _editor(ben, aid).input(text)
    ben.button(key=f"save-{aid}-1").click().run()
    return db, aid, ana


def test_the_older_page_sees_a_conflict_naming_the_other_and_chooses(shared):
    db, aid, ana = _ben_saves_first(shared, "Die Arbeiter trafen sich im Morgengrauen in Berlin.")
    assert _bead(db, aid).target == "Die Arbeiter trafen sich im Morgengrauen in Berlin."
    assert _bead(db, aid).bead.updated_by == "ben"

    _editor(ana, aid).input("Die Arbeiterinnen trafen sich in Berlin.")
    ana.button(key=f"save-{aid}-1").click().run()
    assert not ana.exception
    assert _bead(db, aid).target == "Die Arbeiter trafen sich im Morgengrauen in Berlin."   # Ben's kept
    [message] = [e.value.replace("\\", "") for e in ana.error]
    # refused as every refusal of the app says it, as the Glossary's conflict does ("Error: not saved: …")
    assert message.startswith("Error: not saved: ben changed this bead at 20") and "(local time)" in message, message
    shown = [m.value for m in ana.markdown]
    assert "Die Arbeiterinnen trafen sich in Berlin." in shown
    assert "Die Arbeiter trafen sich im Morgengrauen in Berlin." in shown
    assert _editor(ana, aid).value == "Die Arbeiter trafen sich im Morgengrauen in Berlin."

    ana.button(key="review_keep_mine").click().run()
    assert not ana.error and _bead(db, aid).target == "Die Arbeiterinnen trafen sich in Berlin."
    assert _bead(db, aid).bead.updated_by == "ana"
    with Store.open(db) as store:       # Ben's version is one undo away
        assert [h.user for h in store.alignments.history(aid)][:2] == ["ana", "ben"]
    assert not [b for b in ana.button if b.key == "review_keep_mine"]


def test_taking_theirs_drops_the_typed_text(shared):
    db, aid, ana = _ben_saves_first(shared, "Ben's text.")
    _editor(ana, aid).input("Ana's text.")      # typed, then the editor left (no click on Save)
    ana.run()
    assert any("ben changed this bead" in e.value for e in ana.error)
    ana.button(key="review_take_theirs").click().run()
    assert not ana.error and _bead(db, aid).target == "Ben's text."
    assert _editor(ana, aid).value == "Ben's text."


def test_an_edit_elsewhere_is_no_conflict_for_the_typed_text(shared):
    db, aid = shared
    ana, ben = _signed_in("ana", aid), _signed_in("ben", aid)
    time.sleep(1.1)
    ben.button(key=f"acc-{aid}-0").click().run()
    _editor(ana, aid).input("Ana's text.")
    ana.button(key=f"save-{aid}-1").click().run()
    assert not ana.error and _bead(db, aid).target == "Ana's text."


def test_a_refused_action_names_who_changed_the_alignment(shared):
    db, aid = shared
    with Store.open(db) as store:
        seen = store.alignments.get(aid).updated_at
        time.sleep(1.1)
        review.accept(store, aid, 0, "ben")
        with pytest.raises(ConflictError, match=r"changed by someone else: ben, at 20\d\d-.* \(local time\)"):
            review.merge_next(store, aid, 1, "ana", seen=seen)
        with pytest.raises(ConflictError, match="ben, at .*latest action is theirs"):
            review.undo(store, aid, "ana", seen=seen)
