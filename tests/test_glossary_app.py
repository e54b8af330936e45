"""The Glossary page through Streamlit's AppTest."""

from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from workbench.errors import ConflictError
from workbench.glossary import Concept, Term
from workbench.store import Store

from tests.conftest import APP_MAIN


def glossary_page():
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    at.switch_page("views/glossary.py")
    at.run()
    assert not at.exception
    return at


def _accept_box(at):
    [box] = [m for m in at.multiselect if m.key.startswith("glossary_cand_accept-")]
    return box


def pick(at, concept_id):
    at.text_input(key="glossary_search").input(concept_id).run()
    at.selectbox(key="glossary_pick").set_value(concept_id).run()
    assert not at.exception



def test_a_bad_glossary_file_is_an_error_as_the_command_line_says_it(env):
    """A CSV without the columns the reader needs: the CLI says "Error: terms.csv: line 1: …",
    the page said the same without "Error:", the one word that says nothing was imported."""
    at = glossary_page()
    at.radio(key="glossary_section").set_value("Import / export").run()
    at.file_uploader(key="glossary_upload").upload("terms.csv", b"lang,term\nen,strike\n", "text/csv").run()
    at.button[[b.label for b in at.button].index("Import")].click().run()
    assert not at.exception and not at.success
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert error.startswith("Error: terms.csv: line 1: missing column(s) concept_id, text"), error


def test_a_new_concept_with_another_concepts_term_is_warned_and_can_go_on(env):
    """A new concept whose term another concept has (same language) was created without a word:
    two concepts for "lockout" and nobody told. Create warns and names the other concept; a
    second Create with the same terms creates it (homonyms exist)."""
    at = glossary_page()
    at.radio(key="glossary_section").set_value("New concept").run()
    at.text_input(key="new_id").input("lockout-sport")
    at.text_input(key="new_text0").input("Lockout")
    at.text_input(key="new_lang1").input("de")
    at.text_input(key="new_text1").input("Aussperrung im Sport")
    at.button(key="FormSubmitter:new-concept-Create").click().run()
    assert not at.exception and not at.success and not at.error
    [warning] = [w.value.replace("\\", "") for w in at.warning]
    assert "'Lockout' (en) is a term of 'lockout' already" in warning and "Create again" in warning, warning
    with Store.open(env) as store:
        assert not store.glossary.exists("lockout-sport")
    at.button(key="FormSubmitter:new-concept-Create").click().run()     # she means it
    assert not at.exception and not at.warning
    assert [m.value.replace("\\", "") for m in at.success] == ["Created 'lockout-sport'."]
    with Store.open(env) as store:
        assert store.glossary.exists("lockout-sport")

def test_search_filter_and_history(env):
    at = glossary_page()
    with Store.open(env) as store:
        total = store.glossary.count()
    assert total > 300 and at.caption[0].value == f"{total} of {total} concepts · the first 25 listed"
    at.text_input(key="glossary_search").input("lokavt").run()
    at.selectbox(key="glossary_lang").set_value("tr").run()
    assert "lockout" in at.selectbox(key="glossary_pick").options
    at.selectbox(key="glossary_pick").set_value("lockout").run()
    at.radio(key="glossary_view").set_value("History").run()
    assert not at.exception
    assert list(at.dataframe[-1].value["action"]) == ["imported"]
    at.text_input(key="glossary_search").input("").run()
    at.selectbox(key="glossary_term_status").set_value("forbidden").run()
    assert "regime-union" in at.selectbox(key="glossary_pick").options
    assert "lockout" not in at.selectbox(key="glossary_pick").options


def test_edit_and_conflict(env):
    at = glossary_page()
    pick(at, "lockout")
    at.text_area(key="note-lockout-1").input("Edited in the app.")
    at.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not at.exception
    with Store.open(env) as store:
        concept = store.glossary.get("lockout")
        assert (concept.version, concept.note) == (2, "Edited in the app.")
        assert store.glossary.history("lockout")[0].user == "tester"
        # someone else saves version 3 while the page still shows version 2
        at.text_area(key="note-lockout-2").input("My second edit.")
        store.glossary.save(replace(concept, note="Their edit."), expected_version=2, user="someone")
    at.button(key="FormSubmitter:edit-lockout-2-Save").click().run()
    assert not at.exception
    assert any("someone" in e.value for e in at.error)
    assert any("Their edit." in c.value for c in at.caption)
    with Store.open(env) as store:
        assert store.glossary.get("lockout").note == "Their edit."
        assert [h.action for h in store.glossary.history("lockout")][:2] == ["refused", "updated"]
    at.run()
    at.button(key="glossary_keep_mine").click().run()
    assert not at.exception
    with Store.open(env) as store:
        concept = store.glossary.get("lockout")
        assert (concept.version, concept.note) == (4, "My second edit.")


def test_new_concept_and_import_export_sections(env):
    at = glossary_page()
    at.radio(key="glossary_section").set_value("New concept").run()
    at.text_input[0].input("strike-kitchen")
    at.button[0].click().run()
    assert not at.exception
    assert any("term" in e.value for e in at.error)          # the first row has no text yet
    at.radio(key="glossary_section").set_value("Import / export").run()
    assert not at.exception
    assert len(at.get("download_button")) == 1
    # the TBX that OmegaT and Weblate read (martif) is the first TBX offered, named for them
    formats = at.selectbox(key="glossary_exp_fmt").options
    assert formats[1] == "TBX for OmegaT, Weblate, translate-toolkit (TBX v2, martif)"
    assert formats[2] == "TBX-Basic v3 (ISO 30042:2019; OmegaT and Weblate do not read it)"
    at.selectbox(key="glossary_exp_fmt").set_value("tbx-v2").run()
    assert not at.exception and len(at.get("download_button")) == 1
    # a v2 reader takes each entry's first language as source, the second as target: she says which
    assert at.selectbox(key="glossary_exp_src").value == "en"
    at.selectbox(key="glossary_exp_tgt").set_value("tr").run()
    assert not at.exception and "en" not in at.selectbox(key="glossary_exp_tgt").options


def candidates_page(env, pair: tuple | None = None, label: str = "port") -> AppTest:
    """The Candidates section after 'Find candidates' en->de, on a store with the
    shared glossary and one reviewed English/German article (``pair``: its paragraphs,
    the port article unless given)."""
    from workbench.demo import ensure_first_start
    from workbench.settings import load_settings

    from tests.test_glossary_store import DE, EN, store_reviewed_pair

    with Store.open(env) as store:
        ensure_first_start(store, load_settings())
        store_reviewed_pair(store, *(pair or (EN, DE)), label=label)
    at = glossary_page()
    at.radio(key="glossary_section").set_value("Candidates").run()
    at.selectbox(key="glossary_cand_src").set_value("en").run()
    at.selectbox(key="glossary_cand_tgt").set_value("de").run()
    at.button[[b.label for b in at.button].index("Find candidates")].click().run()
    return at


def test_candidates_from_stored_pairs_can_be_accepted(env):
    at = candidates_page(env)
    assert not at.exception
    table = at.dataframe[0].value
    assert ("dockers", "Hafenarbeiter") in set(zip(table["source"], table["target"]))
    row = list(zip(table["source"], table["target"])).index(("dockers", "Hafenarbeiter"))
    _accept_box(at).select(row).run()
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert not at.exception
    [done] = at.success
    new_id = done.value.split(": ", 1)[1].split(".")[0]
    with Store.open(env) as store:
        concept = store.glossary.get(new_id)
        assert concept.status == "draft"
        assert [(t.lang, t.text) for t in concept.terms] == [("de", "Hafenarbeiter"), ("en", "dockers")]


def test_terms_overview_and_concordance_show_text_as_written(env):
    from workbench.ingest import ingest_text

    with Store.open(env) as store:
        from workbench.demo import ensure_first_start
        from workbench.settings import load_settings

        ensure_first_start(store, load_settings())
        store.documents.add(ingest_text("The *regime union* cost $5 and $10 <b>a month</b> in dues.",
                                        source_name="dues.en.txt"), lang="en")
    at = glossary_page()
    pick(at, "regime-union")
    overview = " ".join(m.value for m in at.markdown if "<s>" in m.value)
    # every language with its terms; the forbidden rendering struck through, with the note why
    assert "<s>sindicato amarillo</s> (forbidden: <i>" in overview and "<b>rejim sendikası</b> (preferred" in overview
    at.radio(key="glossary_view").set_value("Concordance").run()
    assert not at.exception
    [line] = [m.value for m in at.markdown if "dues" in m.value]
    assert "<b>regime union</b>" in line
    assert "&#36;5" in line and "&#60;b&#62;a month" in line and "&#42;" in line
    assert "$5" not in line and "<b>a month" not in line


def refused_save(env, field: str, mine: str, **theirs):
    """The Glossary page with 'lockout' open, ``field`` typed as ``mine``, saved after someone
    else saved ``theirs`` from the same version: the refused save's page."""
    at = glossary_page()
    pick(at, "lockout")
    at.text_area(key=f"{field}-lockout-1").input(mine)
    with Store.open(env) as store:
        concept = store.glossary.get("lockout")
        store.glossary.save(replace(concept, **theirs), expected_version=1, user="someone")
    at.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not at.exception
    return at


def test_conflict_choices_show_at_once_and_resolve(env):
    at = refused_save(env, "note", "Mine.", note="Theirs.")
    assert any("someone" in e.value for e in at.error)
    assert [b.label for b in at.button] == ["Take theirs", "Keep mine"]   # no form to edit until she decides
    at.button(key="glossary_keep_mine").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Saved your version of 'lockout' as version 3, with their changes to what you had not changed; theirs "
        "stays in the history."]
    assert at.text_area(key="note-lockout-3").value == "Mine."        # and now mine, ready to edit on


def test_a_conflict_is_one_message_naming_who_and_when(env):
    """A refused save showed three stacked messages (the store's error, a warning and a line
    under Save); now one names who saved the concept and when, above theirs and yours and
    the choice, as on the Review page."""
    from workbench.store import local_time

    at = refused_save(env, "note", "Mine.", note="Theirs.")
    messages = [m.value.replace("\\", "") for kind in (at.error, at.warning, at.info, at.success) for m in kind]
    with Store.open(env) as store:
        theirs = next(h for h in store.glossary.history("lockout") if h.action == "updated")
    assert messages == [f"Error: not saved: someone saved 'lockout' at {local_time(theirs.at)} (local time) while you "
                        "were editing it. Take theirs, or keep yours (with their changes to what you did not change; "
                        "theirs stays in the history)."]
    sides = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Status:")]
    assert "note: Theirs." in sides[0] and "note: Mine." in sides[1]
    at.button(key="glossary_take_theirs").click().run()
    assert not at.exception and not at.error
    assert at.text_area(key="note-lockout-2").value == "Theirs."      # their version, to edit on
    assert "glossary_take_theirs" not in [b.key for b in at.button]
    with Store.open(env) as store:
        assert [h.action for h in store.glossary.history("lockout")][:2] == ["refused", "updated"]


def test_accepted_candidates_leave_the_list(env):
    at = candidates_page(env)
    table = at.dataframe[0].value
    row = list(zip(table["source"], table["target"])).index(("dockers", "Hafenarbeiter"))
    before = _accept_box(at).key
    _accept_box(at).select(row).run()
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert not at.exception and any("Added draft concepts" in s.value for s in at.success)
    # the page is drawn again: the accepted pair is gone and nothing is selected, so a
    # second click on Accept cannot add it twice
    table = at.dataframe[0].value if at.dataframe else None
    assert table is None or ("dockers", "Hafenarbeiter") not in set(zip(table["source"], table["target"]))
    assert all(m.value == [] and m.key != before for m in at.multiselect)
    if table is None:
        assert any("No more candidates" in i.value for i in at.info)
    with Store.open(env) as store:
        assert sum(1 for concept, term in store.glossary.current().terms("de")
                   if concept.status == "draft" and term.text == "Hafenarbeiter") == 1


def test_concordance_of_a_common_term_is_drawn_in_pages(demo_env):
    at = glossary_page()
    pick(at, "strike")
    at.radio(key="glossary_view").set_value("Concordance").run()
    assert not at.exception
    [count] = [c.value for c in at.caption if "occurrences" in c.value]
    total = int(count.split(" in ")[1].split()[0].rstrip("+"))    # lines: one a paragraph
    assert total > 25
    lines = lambda: [m.value for m in at.markdown if "¶" in m.value and "<b>" in m.value]  # noqa: E731
    assert len(lines()) == 25
    at.button[[b.label for b in at.button].index(f"Show {min(25, total - 25)} more")].click().run()
    assert len(lines()) == min(50, total)


def test_a_refused_new_term_keeps_what_was_typed(env):
    """A forbidden term without its note is refused with a message; the typed term stays in
    the form to add the note to (the form used to clear on every submit). After a
    successful add the form is empty again."""
    at = glossary_page()
    pick(at, "lockout")
    at.text_input(key="addlang-lockout-1").input("es")
    at.text_input(key="addtext-lockout-1").input("cierre patronal encubierto")
    at.selectbox(key="addstatus-lockout-1").set_value("forbidden")
    at.button(key="FormSubmitter:add-term-lockout-1-Add term").click().run()
    assert any("a forbidden term needs a note" in e.value for e in at.error)
    assert at.text_input(key="addtext-lockout-1").value == "cierre patronal encubierto"
    assert at.text_input(key="addlang-lockout-1").value == "es"
    at.text_input(key="addnote-lockout-1").input("Hides the employer's part; use 'cierre patronal'.")
    at.button(key="FormSubmitter:add-term-lockout-1-Add term").click().run()
    assert not at.exception and not at.error
    with Store.open(env) as store:
        forbidden = [t for t in store.glossary.get("lockout").terms if t.text == "cierre patronal encubierto"]
        assert [(t.lang, t.status) for t in forbidden] == [("es", "forbidden")]
    assert at.text_input(key="addtext-lockout-2").value == ""


def test_a_conflict_shows_both_definitions_side_by_side(env):
    """A refused edit of the definition: the translator sees her definition beside theirs."""
    at = refused_save(env, "def", "My definition of a lockout.", definition="Their definition.")
    sides = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Status:")]
    assert len(sides) == 2
    assert "definition: Their definition." in sides[0]
    assert "definition: My definition of a lockout." in sides[1] and "someone" not in sides[1]


def test_saving_an_unchanged_concept_says_nothing_changed(env):
    """A save with nothing edited is no new version, and the page says so (it said "Saved ... as
    version 1", which a colleague could read as a save over their edit)."""
    at = glossary_page()
    pick(at, "lockout")
    at.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not at.exception and not at.success
    assert [i.value for i in at.info] == ["Nothing changed: 'lockout' is still version 1."]
    with Store.open(env) as store:
        assert store.glossary.get("lockout").version == 1


def _in_order(node):
    yield node
    for child in (node.children.values() if isinstance(getattr(node, "children", None), dict) else ()):
        yield from _in_order(child)


def test_a_saved_edit_says_so_under_the_save_button(env):
    """The edit form is long: at 1024x768 Save is a screen below the concept's heading, where
    'Saved … as version 2' was drawn, so a click on Save seemed to do nothing."""
    at = glossary_page()
    pick(at, "lockout")
    at.text_area(key="note-lockout-1").input("Edited in the app.")
    at.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not at.exception
    drawn = [getattr(n, "key", None) or str(getattr(n, "value", "")) for n in _in_order(at.main)]
    save = drawn.index("FormSubmitter:edit-lockout-2-Save")
    saved = [i for i, n in enumerate(drawn) if "Saved 'lockout' as version 2." in n]
    assert saved and all(i > save for i in saved), (save, saved)


def test_an_added_term_says_so_under_the_add_term_button(env):
    """'Added …' was drawn by the concept's heading, off screen above the form at 1024x768 (the
    form just emptied, so the click seemed lost); a save's outcome stays under Save."""
    at = glossary_page()
    pick(at, "lockout")
    at.text_input(key="addlang-lockout-1").input("es")
    at.text_input(key="addtext-lockout-1").input("cierre empresarial")
    at.button(key="FormSubmitter:add-term-lockout-1-Add term").click().run()
    assert not at.exception
    drawn = [getattr(n, "key", None) or str(getattr(n, "value", "")) for n in _in_order(at.main)]
    added = [i for i, n in enumerate(drawn) if n.startswith("Added es 'cierre empresarial' to 'lockout'")]
    assert len(added) == 1
    assert drawn.index("FormSubmitter:add-term-lockout-2-Add term") < added[0] < drawn.index(
        "FormSubmitter:edit-lockout-2-Save")


def _page_runs(monkeypatch) -> list:
    """A list that grows by one each time the Glossary page's script runs (it draws its title once a run)."""
    import streamlit as st

    runs, title = [], st.title
    monkeypatch.setattr(st, "title", lambda *a, **k: (runs.append(a), title(*a, **k))[1])
    return runs


def test_a_save_is_one_run_of_the_page(env, monkeypatch):
    """Save did the save in one run and asked for a second to draw the new version: in Chromium
    the browser drew both, 1.1-1.7 s a save at load 9. A refused save is one run too, and keeps
    what was typed with its message under Save."""
    at = glossary_page()
    pick(at, "lockout")
    runs = _page_runs(monkeypatch)
    at.text_area(key="note-lockout-1").input("Edited in the app.")
    at.button(key="FormSubmitter:edit-lockout-1-Save").click().run()
    assert not at.exception and len(runs) == 1
    assert [s.value for s in at.success] == ["Saved 'lockout' as version 2."]
    assert at.text_area(key="note-lockout-2").value == "Edited in the app."
    at.text_area(key="note-lockout-2").input("A second edit.")
    at.session_state["terms-lockout-2"] = {"edited_rows": {0: {"text": ""}}, "added_rows": [], "deleted_rows": []}
    at.button(key="FormSubmitter:edit-lockout-2-Save").click().run()
    assert not at.exception and len(runs) == 2
    assert [e.value for e in at.error] == ["Error\\: term row 1\\: the term text is empty"] and not at.success
    assert at.text_area(key="note-lockout-2").value == "A second edit."      # typed, kept to correct
    with Store.open(env) as store:
        assert store.glossary.get("lockout").version == 2


def test_the_pages_glossary_follows_saves_deletes_and_imports_reading_only_what_changed(env):
    """The Glossary page's glossary is read whole once, then only the concepts changed since
    (a save re-read all 800): after a save, a delete and a small import it equals a whole
    read, and the concepts nobody changed are the ones read before."""
    from workbench.app.runtime import current_glossary
    from workbench.glossary.model import Concept, Term

    glossary_page()    # the first start loads the shared glossary
    with Store.open(env) as store:
        before = current_glossary(store)
        assert before == store.glossary.current() and len(before) > 300
        lockout = store.glossary.get("lockout")
        store.glossary.save(replace(lockout, note="Changed."), expected_version=1, user="someone")
        store.glossary.delete("strike", expected_version=store.glossary.get("strike").version, user="someone")
        new = Concept("dock-strike", "struggle", "draft", "", "", 1, (Term(lang="en", text="dock strike"),))
        store.glossary.save(new, expected_version=None, user="someone")
        with pytest.raises(ConflictError):   # a refused save changes nothing
            store.glossary.save(replace(lockout, note="Refused."), expected_version=1, user="other")
        after = current_glossary(store)
        assert after == store.glossary.current()
        assert after.concept("lockout").note == "Changed." and "strike" not in after and "dock-strike" in after
        assert after.concept("regime-union") is before.concept("regime-union")     # not read again
        assert current_glossary(store) is after                                     # nothing changed since


def test_the_pages_glossary_sees_a_save_whose_history_row_it_had_passed(env):
    """A server may commit history rows out of id order: a save whose row id is below one
    the page has already read past must still show (each concept's version is compared)."""
    from workbench.app.runtime import current_glossary

    glossary_page()
    with Store.open(env) as store:
        before = current_glossary(store)
        lockout = store.glossary.get("lockout")
        store.glossary.save(replace(lockout, note="Late commit."), expected_version=1, user="someone")
        with store.transaction() as conn:   # its history row numbered below what the page has read
            conn.execute("UPDATE glossary_history SET id = -5 WHERE id = (SELECT max(id) FROM glossary_history)")
        strike = store.glossary.get("strike")     # and a later save the history does show
        store.glossary.save(replace(strike, note="Seen."), expected_version=strike.version, user="someone")
        after = current_glossary(store)
        assert after.concept("strike").note == "Seen."
        assert after.concept("lockout").note == "Late commit." and after.concept("lockout").version == 2
        assert after == store.glossary.current()
        assert after.concept("regime-union") is before.concept("regime-union")


def test_the_concept_open_is_in_the_address_and_a_reload_opens_it_again(env):
    """A reload (F5: a new session) showed the first concept of the glossary, not the one she
    was editing; the address now names it, as the Review's names its alignment."""
    at = glossary_page()
    pick(at, "lockout")
    assert at.query_params["concept"] in ("lockout", ["lockout"])
    again = AppTest.from_file(APP_MAIN, default_timeout=60)
    again.query_params["concept"] = "lockout"
    again.run()
    again.switch_page("views/glossary.py").run()
    assert not again.exception and again.selectbox(key="glossary_pick").value == "lockout"
    assert again.text_area(key="note-lockout-1")


def test_the_export_is_built_only_when_downloaded(env, monkeypatch):
    """The Import / export section built the whole export (1.8 MB of TBX for the shared glossary)
    on every run of the page; now only the download asks for it."""
    from workbench.glossary import termbase

    built = []
    export = termbase.export_bytes
    monkeypatch.setattr(termbase, "export_bytes", lambda *a, **k: built.append(a[1]) or export(*a, **k))
    at = glossary_page()
    at.radio(key="glossary_section").set_value("Import / export").run()
    at.selectbox(key="glossary_exp_fmt").set_value("tbx").run()
    at.text_input(key="glossary_imp_src").input("en").run()
    assert not at.exception and len(at.get("download_button")) == 1
    assert built == []


def _term_overviews(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith('<div style="line-height:1.5;')]


def test_a_conflict_shows_their_version_once(env):
    """Below the conflict box the concept's terms were drawn again: their version showed twice,
    once in the box and once under it, as if a third version."""
    at = refused_save(env, "note", "Mine.", note="Theirs.")
    overviews = _term_overviews(at)
    assert len(overviews) == 2                 # theirs and yours, side by side in the box
    assert at.markdown[[m.value for m in at.markdown].index(overviews[0]) - 1].value.startswith("**Theirs**")
    at.button(key="glossary_take_theirs").click().run()
    assert len(_term_overviews(at)) == 1       # the concept, once, above its forms again


def test_a_search_opens_the_concept_whose_term_it_is_first(env):
    """Searching "social partner" found four concepts and opened the first by id, class-struggle
    unionism (its definition says "social partnership"); the concept with the term itself, the
    employer and its forbidden rendering "social partner", was third in the list."""
    at = glossary_page()
    at.text_input(key="glossary_search").input("social partner").run()
    assert not at.exception
    picked = at.selectbox(key="glossary_pick")
    assert picked.options[0] == "employer" and picked.value == "employer"
    assert set(picked.options) >= {"employer", "social-partnership", "class-struggle-unionism"}
    assert list(at.dataframe[0].value["id"])[0] == "employer"


def test_the_concordance_says_which_occurrences_are_of_a_forbidden_rendering(env):
    """The concordance of "mass strike" listed every "Generalstreik" in the corpus as an
    occurrence of the concept, looking like the others: the glossary forbids that rendering
    (a general strike is a different concept), and nothing on the line said so."""
    from workbench.ingest import ingest_text

    with Store.open(env) as store:
        store.documents.add(ingest_text("Der Generalstreik legte alle Häfen still.", source_name="hafen.de.txt"),
                            lang="de")
        store.documents.add(ingest_text("Luxemburg wrote about the mass strike in 1906.", source_name="ms.en.txt"),
                            lang="en")
    at = glossary_page()
    pick(at, "political-mass-strike")
    at.radio(key="glossary_view").set_value("Concordance").run()
    assert not at.exception
    [forbidden] = [m.value for m in at.markdown if "Häfen" in m.value]
    [preferred] = [m.value for m in at.markdown if "1906" in m.value]
    assert "forbidden rendering" in forbidden and "forbidden" not in preferred
    assert any(c.value == "2 occurrences in 2 paragraphs" for c in at.caption)
    at.selectbox(key="glossary_conc_lang").set_value("de").run()
    assert any(c.value == "1 occurrence in 1 paragraph" for c in at.caption)


def test_a_search_for_a_suffixed_or_misspelt_term_opens_its_concept(env):
    """"sendikaların" (the unions', Turkish) found no concept: the search looked for the term's
    letters only, not for the forms the matcher finds in running text; a misspelling found
    nothing and said only that nothing matched."""
    at = glossary_page()
    at.text_input(key="glossary_search").input("sendikaların").run()
    assert not at.exception
    assert at.selectbox(key="glossary_pick").value == "trade-union"
    at.text_input(key="glossary_search").input("clas strugle").run()
    assert not at.exception
    assert any("class struggle" in i.value for i in at.info), [i.value for i in at.info]
    assert at.selectbox(key="glossary_pick").value == "class-struggle"



HARBOUR_EN = ["The crane drivers faced a heat wave in spring.", "A tugboat of the crane drivers stood at the gate.",
              "The foreman spoke for the crane drivers.", "The heat wave did not stop the tugboat.",
              "Every foreman cursed the heat wave.", "Our foreman boarded the tugboat at night.",
              "Nobody talked about holidays.", "In the evening the harbour was empty."]
HARBOUR_DE = ["Die Kranführer erlebten im Frühjahr eine Hitzewelle.", "Ein Schlepper der Kranführer stand am Tor.",
              "Der Vorarbeiter sprach für die Kranführer.", "Die Hitzewelle hielt den Schlepper nicht auf.",
              "Jeder Vorarbeiter verfluchte die Hitzewelle.", "Unser Vorarbeiter bestieg nachts den Schlepper.",
              "Niemand redete über Ferien.", "Am Abend war der Hafen leer."]


def test_accepting_many_candidates_asks_first_naming_how_many(env):
    """"Select all" and Accept wrote every candidate (30 draft concepts, mostly noise) at one
    click. Select all only selects; Accept of more than a few asks, naming the count, and
    writes nothing until she says yes (two, as in her journey, go at once)."""
    at = candidates_page(env, (HARBOUR_EN, HARBOUR_DE), label="harbour")
    with Store.open(env) as store:
        before = store.glossary.count()
    n = len(at.dataframe[0].value)
    assert n == 4, at.dataframe[0].value
    _accept_box(at).set_value(list(range(n))).run()                     # what "Select all" does
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert not at.exception and not at.success
    assert [w.value for w in at.warning] == [f"Accept {n} candidates as {n} new draft concepts?"]
    with Store.open(env) as store:
        assert store.glossary.count() == before                          # nothing written yet
    at.button(key="glossary_cand_cancel").click().run()
    assert not at.warning and _accept_box(at).value == list(range(n))     # still picked, nothing asked
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    at.button(key="glossary_cand_confirm").click().run()
    assert not at.exception and len(at.success) == 1 and not at.warning
    with Store.open(env) as store:
        assert store.glossary.count() == before + n


def test_yes_after_her_right_to_accept_was_taken_says_so_once_and_adds_nothing(env, monkeypatch):
    """The question's Yes by a terminologist made a translator since Accept asked: each candidate
    was refused with the same line (four times for four); the Yes asks first, as Accept does, and
    says it once."""
    from workbench import users

    at = candidates_page(env, (HARBOUR_EN, HARBOUR_DE), label="harbour")
    with Store.open(env) as store:
        before = store.glossary.count()
    _accept_box(at).set_value([0, 1, 2, 3]).run()
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert at.button(key="glossary_cand_confirm").label == "Yes, add 4 draft concepts"
    monkeypatch.setattr(users, "role_of", lambda store, user: "translator")   # her role changed meanwhile
    at.button(key="glossary_cand_confirm").click().run()
    assert not at.exception and not at.success
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert error.startswith("Error: not added: ") and "(translator) may not accept term candidates" in error, error
    with Store.open(env) as store:
        assert store.glossary.count() == before


def test_accepting_a_candidate_whose_term_a_concept_has_warns_and_yes_goes_on(env):
    """A colleague added "dockers" after the translator picked the candidate, before she clicked
    Accept. Accept refused it outright, where New concept, Add term and Save warn of a homonym
    and go on when she confirms: Accept warns the same way, naming the candidate and the
    concept, adds nothing, and Yes adds it (homonyms exist); the candidate has left the list
    (its term is known now), the question has not."""
    at = candidates_page(env)
    table = at.dataframe[0].value
    row = list(zip(table["source"], table["target"])).index(("dockers", "Hafenarbeiter"))
    _accept_box(at).select(row).run()
    with Store.open(env) as store:
        store.glossary.save(Concept("dock-worker", "unions", "draft", "", "", 1, (Term("en", "dockers"),)),
                            expected_version=None, user="colleague")
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert not at.exception and not at.success and not at.error
    [warning] = [w.value.replace("\\", "") for w in at.warning]
    assert warning.startswith("“dockers → Hafenarbeiter”: 'dockers' (en) is a term of 'dock-worker' already"), warning
    assert "Yes adds it as a new draft concept" in warning, warning
    with Store.open(env) as store:
        assert not any(c.id.startswith("dockers") for c in store.glossary.current().concepts)
    assert at.button(key="glossary_cand_confirm").label == "Yes, add 1 draft concept"
    at.button(key="glossary_cand_confirm").click().run()                 # she means it
    assert not at.exception and not at.warning and not at.error
    assert [m.value.replace("\\", "") for m in at.success][0].startswith("Added draft concepts: dockers")
    with Store.open(env) as store:
        assert [t.text for t in store.glossary.get("dockers").terms] == ["Hafenarbeiter", "dockers"]


def test_the_question_before_accepting_many_names_the_candidates_whose_term_a_concept_has(env):
    """"Accept 4 candidates as 4 new draft concepts?" said nothing of the one whose term a colleague
    had just added to another concept; after Yes it was refused. The question names it and that
    concept, and Yes adds all four (homonyms exist)."""
    at = candidates_page(env, (HARBOUR_EN, HARBOUR_DE), label="harbour")
    with Store.open(env) as store:
        before = store.glossary.count()
    _accept_box(at).set_value([0, 1, 2, 3]).run()
    with Store.open(env) as store:
        store.glossary.save(Concept("site-foreman", "unions", "draft", "", "", 1, (Term("en", "Foreman"),)),
                            expected_version=None, user="colleague")
    at.button[[b.label for b in at.button].index("Accept")].click().run()
    assert not at.exception and not at.success and not at.error
    [question] = [w.value.replace("\\", "") for w in at.warning]
    assert question.startswith("Accept 4 candidates as 4 new draft concepts? “foreman → Vorarbeiter”: 'foreman' "
                               "(en) is a term of 'site-foreman' already"), question
    with Store.open(env) as store:
        assert store.glossary.count() == before + 1                        # the colleague's only
    at.button(key="glossary_cand_confirm").click().run()
    assert not at.exception and not at.error and not at.warning and len(at.success) == 1
    with Store.open(env) as store:
        assert store.glossary.count() == before + 5
        assert [t.text for t in store.glossary.get("foreman").terms] == ["Vorarbeiter", "foreman"]


def test_every_refused_action_on_the_page_says_error(env):
    """A refusal drawn by a button's callback (Add term, Delete, a refused save) said only the
    reason, where the rest of the page (an import, a new concept) said "Error: …" as the command
    line does: each refused action now says "Error:" first."""
    at = glossary_page()
    pick(at, "lockout")
    at.text_input(key="addlang-lockout-1").input("es")
    at.text_input(key="addtext-lockout-1").input("cierre encubierto")
    at.selectbox(key="addstatus-lockout-1").set_value("forbidden")
    at.button(key="FormSubmitter:add-term-lockout-1-Add term").click().run()
    [added] = [e.value.replace("\\", "") for e in at.error]
    assert added.startswith("Error: new term of 'lockout': ") and "a forbidden term needs a note" in added, added
    with Store.open(env) as store:   # someone saves: her Delete of the version she sees is refused
        concept = store.glossary.get("lockout")
        store.glossary.save(replace(concept, note="Theirs."), expected_version=1, user="someone")
    at.button(key="delete-lockout").click().run()
    assert not at.exception
    [deleted] = [e.value.replace("\\", "") for e in at.error]
    assert deleted.startswith("Error: ") and "lockout" in deleted, deleted
    with Store.open(env) as store:
        assert store.glossary.exists("lockout")


def test_a_term_another_concept_has_is_warned_when_added_to_a_concept(env):
    """Only New concept warned of a homonym: "lockout" (en) added to 'strike' went in without a
    word, and two concepts had it. Add term warns, naming the other concept, and adds nothing;
    the same click again adds it (homonyms exist)."""
    at = glossary_page()
    pick(at, "strike")
    at.text_input(key="addlang-strike-1").input("en")
    at.text_input(key="addtext-strike-1").input("Lockout")
    at.button(key="FormSubmitter:add-term-strike-1-Add term").click().run()
    assert not at.exception and not at.success and not at.error
    [warning] = [w.value.replace("\\", "") for w in at.warning]
    assert "'Lockout' (en) is a term of 'lockout' already" in warning and "press Add term again" in warning, warning
    with Store.open(env) as store:
        assert store.glossary.get("strike").version == 1
    assert at.text_input(key="addtext-strike-1").value == "Lockout"        # still typed
    at.button(key="FormSubmitter:add-term-strike-1-Add term").click().run()     # she means it
    assert not at.exception and not at.warning
    with Store.open(env) as store:
        assert ("en", "Lockout") in [(t.lang, t.text) for t in store.glossary.get("strike").terms]


def test_a_term_another_concept_has_is_warned_when_an_edit_is_saved(env):
    """The same for Save: a term typed into the terms table that another concept has is warned
    of, naming that concept, and the same Save again saves it. Only the terms the edit adds are
    looked at, in the other concepts (a homonym kept once is not warned of at every save)."""
    from workbench.glossary import Glossary
    from workbench.glossary.termbase import homonym_warning

    at = glossary_page()
    pick(at, "strike")
    row = {"lang": "en", "text": "Lockout", "status": "admitted", "pos": "noun", "gender": "", "variants": "",
           "case_sensitive": False, "proper_name": False, "gloss": "", "note": ""}
    at.session_state["terms-strike-1"] = {"edited_rows": {}, "deleted_rows": [], "added_rows": [row]}   # typed
    at.button(key="FormSubmitter:edit-strike-1-Save").click().run()
    assert not at.exception and not at.success and not at.error
    [warning] = [w.value.replace("\\", "") for w in at.warning]
    assert "'Lockout' (en) is a term of 'lockout' already" in warning and "press Save again" in warning, warning
    with Store.open(env) as store:
        assert store.glossary.get("strike").version == 1
    at.button(key="FormSubmitter:edit-strike-1-Save").click().run()          # she means it
    assert not at.exception and not at.warning
    with Store.open(env) as store:
        assert ("en", "Lockout") in [(t.lang, t.text) for t in store.glossary.get("strike").terms]

    strike = Concept("strike", "struggle", "approved", "", "", 1, (Term("en", "strike"), Term("en", "stoppage")))
    stoppage = Concept("work-stoppage", "struggle", "approved", "", "", 1, (Term("en", "stoppage"),))
    glossary = Glossary((strike, stoppage))
    assert homonym_warning(glossary, replace(strike, definition="New."), before=strike) == ""


def test_candidates_open_in_the_direction_of_the_reviewed_pairs(env):
    """The Candidates section chose the alphabetically first language as source: an English to
    German pair opened as German to English. It opens in the reviewed alignments' direction."""
    from workbench.demo import ensure_first_start
    from workbench.settings import load_settings

    from tests.test_glossary_store import DE, EN, store_reviewed_pair

    with Store.open(env) as store:
        ensure_first_start(store, load_settings())
        store_reviewed_pair(store, EN, DE, label="port")
    at = glossary_page()
    at.radio(key="glossary_section").set_value("Candidates").run()
    assert not at.exception
    assert (at.selectbox(key="glossary_cand_src").value, at.selectbox(key="glossary_cand_tgt").value) == ("en", "de")


def test_candidates_table_says_its_numbers_in_words(env):
    """The candidates' table named its numbers "dice", "llr" and "units": a terminologist could
    not tell which candidate the workbench is surer of."""
    at = candidates_page(env)
    assert not at.exception
    columns = list(at.dataframe[0].value.columns)
    assert columns == ["source", "target", "beads", "agreement", "strength", "from"]
