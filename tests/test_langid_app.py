"""The Fragments page, through Streamlit's AppTest."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from workbench.store import Store

from tests.conftest import APP_MAIN as APP

TEXT = ("Messages of support came from Coordinadora Estatal de Estibadores and from "
        "<b>Gewerkschaftliche Linke</b> Hamburg, and the ILWU sent a delegate.\n\n"
        "The strike committee thanked Bağımsız Maden İş and Kiracılar Meclisi for the *collection*.")


def fragments_page(timeout=60):
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    at.switch_page("views/fragments.py")
    at.run()
    return at


def highlighted(at) -> str:
    return "\n".join(m.value for m in at.markdown if "<mark" in m.value)


def test_pasted_text_is_highlighted_escaped_and_tabled(env):
    at = fragments_page()
    assert not at.exception
    assert any("Paste a text above" in i.value for i in at.info)
    at.text_area(key="fragments_text").input(TEXT).run()
    assert not at.exception
    shown = highlighted(at)
    # each span labelled with language and confidence
    assert re.search(r"Coordinadora Estatal de Estibadores<sub[^>]*> es [01]\.\d\d</sub></mark>", shown)
    assert re.search(r"Bağımsız Maden İş<sub[^>]*> tr [01]\.\d\d</sub></mark>", shown)
    # user text never becomes HTML or Markdown
    assert "<b>" not in shown and "&#60;b&#62;" in shown
    assert "*collection*" not in shown and "&#42;collection&#42;" in shown
    table = at.dataframe[0].value
    rows = list(zip(table["text"], table["language"]))
    assert ("Coordinadora Estatal de Estibadores", "es") in rows
    assert ("Bağımsız Maden İş", "tr") in rows
    assert "ILWU" not in list(table["text"])
    assert all(0.0 < c <= 1.0 for c in table["confidence"])


def test_add_a_span_to_the_glossary_with_a_gloss(env):
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    # names the glossary already holds (loaded at first start) are listed, not offered again
    assert any("Already in the glossary:" in c.value and "Coordinadora Estatal de Estibadores (es)" in c.value
               for c in at.caption)
    names = at.selectbox(key="fragments_add_name")
    assert "Kiracılar Meclisi (tr)" in names.options
    assert not any("Coordinadora" in o for o in names.options)
    names.set_value("Kiracılar Meclisi (tr)").run()     # picking a name redraws its subject
    _add_as(at).set_value("organisations")
    at.text_input(key="fragments_gloss").input("Tenants' Assembly (Istanbul)")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception
    assert any("Added “Kiracılar Meclisi” to the glossary" in s.value for s in at.success)
    with Store.open(env) as store:
        concept = store.glossary.get("kiracilar-meclisi")
        assert concept.is_name and concept.subject == "organisations"
        assert [(t.lang, t.text, t.proper_name, t.gloss) for t in concept.terms] == \
            [("tr", "Kiracılar Meclisi", True, "Tenants' Assembly (Istanbul)")]
    # at once (no second click needed) it is no longer offered, so it cannot be added twice
    assert "Kiracılar Meclisi (tr)" not in at.selectbox(key="fragments_add_name").options
    assert any("Kiracılar Meclisi (tr)" in c.value for c in at.caption)


def test_stored_document(env):
    with Store.open(env) as store:
        from workbench.library import ingest_pasted

        ingest_pasted(store, "# Solidarity\n\nA message came from Lotta Comunista and from Octubre Rojo "
                             "to the strikers at the port.", name="solidarity.md")
    at = fragments_page()
    at.radio(key="fragments_source").set_value("Stored document").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert {("Lotta Comunista", "it"), ("Octubre Rojo", "es")} <= set(zip(table["text"], table["language"]))


def test_no_spans_and_no_documents(env):
    at = fragments_page()
    at.radio(key="fragments_source").set_value("Stored document").run()
    assert any("No stored documents yet" in i.value for i in at.info)
    at.radio(key="fragments_source").set_value("Paste text").run()
    at.text_area(key="fragments_text").input("The workers voted to strike on Monday morning.").run()
    assert not at.exception
    assert any("No foreign spans found." in i.value for i in at.info)


def test_too_few_candidate_languages_is_a_hint(env):
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT)
    at.multiselect(key="fragments_candidates").set_value(["en"]).run()
    assert not at.exception and not at.error
    assert any("Choose at least two candidate languages" in w.value for w in at.warning)


def test_a_stale_add_form_never_saves_another_name_with_the_gloss(env):
    """A colleague adds the name while the form is open: the gloss typed for it must not be saved
    under the next name in the list; the page says so and keeps what was typed."""
    from workbench import langid

    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    names = at.selectbox(key="fragments_add_name")
    assert "Kiracılar Meclisi (tr)" in names.options and len(names.options) >= 2
    names.set_value("Kiracılar Meclisi (tr)")
    at.text_input(key="fragments_gloss").input("Tenants' Assembly (Istanbul)")
    with Store.open(env) as store:        # the colleague's save, between drawing the form and the click
        store.glossary.save(langid.name_concept("Kiracılar Meclisi", "tr", "organisations", gloss="Mieterrat"),
                            expected_version=None, user="ben")
    before = {c.id for c in _concepts(env)}
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception
    assert {c.id for c in _concepts(env)} == before                     # nothing else saved with her gloss
    assert [t.gloss for t in _concept(env, "kiracilar-meclisi").terms] == ["Mieterrat"]   # nor over his
    # refused, as every refusal of the app says it (a warning without "Error:" before)
    assert not at.warning
    [shown] = [m.value.replace("\\", "") for m in at.error]
    assert shown.startswith("Error: not added: “Kiracılar Meclisi” (tr) was added to the glossary meanwhile by ben"), shown
    assert at.text_input(key="fragments_gloss").value == "Tenants' Assembly (Istanbul)"   # kept, to use elsewhere


def test_an_added_name_is_the_one_picked_and_the_form_empties(env):
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    names = at.selectbox(key="fragments_add_name")
    last = names.options[-1]
    assert last != names.options[0]
    names.set_value(last).run()
    _add_as(at).set_value("press")
    at.text_input(key="fragments_gloss").input("A gloss")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception and any(f"Added “{last.rsplit(' (', 1)[0]}”" in s.value for s in at.success)
    glossed = [(t.text, t.lang) for c in _concepts(env) for t in c.terms if t.gloss == "A gloss"]
    assert [f"{text} ({lang})" for text, lang in glossed] == [last]
    assert at.text_input(key="fragments_gloss").value == ""           # ready for the next name


PLACES = ("The strike committee in Linz thanked Kiracılar Meclisi and Gewerkschaftliche Linke Hamburg "
          "for the collection.")


def test_add_as_follows_each_name_not_the_last_choice(env):
    """'Linz' after an organisation was offered as organisations: a known town is offered as a
    place, a name nothing tells about has no subject until the translator picks one."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(PLACES).run()
    names = at.selectbox(key="fragments_add_name")
    assert {"Linz (de)", "Kiracılar Meclisi (tr)"} <= set(names.options)
    names.set_value("Kiracılar Meclisi (tr)").run()
    assert _add_as(at).value is None
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()     # no subject chosen
    assert not at.exception
    [error] = [e.value.replace("\\", "") for e in at.error]
    assert error.startswith("Error: not added: choose what “Kiracılar Meclisi” is under Add as"), error
    _add_as(at).set_value("organisations")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert any("Added “Kiracılar Meclisi”" in s.value and "subject organisations" in s.value for s in at.success)
    at.selectbox(key="fragments_add_name").set_value("Linz (de)").run()
    assert _add_as(at).value == "places"        # not the organisations of the last add
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert _concept(env, "linz").subject == "places"
    [other] = at.selectbox(key="fragments_add_name").options
    at.selectbox(key="fragments_add_name").set_value(other).run()
    assert _add_as(at).value is None            # not the places of Linz


def test_a_name_the_store_refuses_says_error_as_every_refusal_does(env, monkeypatch):
    """A core error in Add to the glossary (the store refusing the save) was shown as its bare
    reason, where the Glossary and Review pages say "Error: …" as the command line does."""
    from workbench.errors import InputError
    from workbench.store.glossary import GlossaryRepo

    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    at.selectbox(key="fragments_add_name").set_value("Kiracılar Meclisi (tr)").run()
    _add_as(at).set_value("organisations")

    def refused(self, concept, **_):
        raise InputError(f"concept '{concept.id}': the store is read-only")

    monkeypatch.setattr(GlossaryRepo, "save", refused)
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception and not at.success
    assert [e.value.replace("\\", "") for e in at.error] == ["Error: not added: concept 'kiracilar-meclisi': the store is read-only"]


def test_add_as_is_one_box_whose_value_follows_the_name(env):
    """"Add as" was keyed by the name picked: each choice of a name drew a new box, and a Tab
    pressed just after choosing a name with Enter (a proof-reader adding names by keyboard) went
    to the old box, gone a moment later: the focus was lost. One box for every name, the same
    element whatever the name; its value is the picked name's default, and an add still saves
    the name picked, in its language, as what she chose."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(PLACES).run()
    box = _add_as(at)
    names = at.selectbox(key="fragments_add_name")
    names.set_value("Linz (de)").run()
    assert (_add_as(at).id, _add_as(at).value) == (box.id, "places")
    at.selectbox(key="fragments_add_name").set_value("Kiracılar Meclisi (tr)").run()
    assert (_add_as(at).id, _add_as(at).value) == (box.id, None)          # not the places of Linz
    _add_as(at).set_value("unions")
    at.text_input(key="fragments_gloss").input("Tenants' Assembly (Istanbul)")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception and not at.error
    added = _concept(env, "kiracilar-meclisi")
    assert (added.subject, [(t.text, t.lang, t.gloss) for t in added.terms]) == (
        "unions", [("Kiracılar Meclisi", "tr", "Tenants' Assembly (Istanbul)")])
    left = at.selectbox(key="fragments_add_name").value                   # the list moved on by itself
    assert left != "Kiracılar Meclisi (tr)" and _add_as(at).id == box.id
    assert _add_as(at).value == ("places" if left == "Linz (de)" else None)   # not the unions just added
    at.selectbox(key="fragments_add_name").set_value("Linz (de)").run()
    at.switch_page("views/documents.py").run()                            # Streamlit forgets the box's value
    at.switch_page("views/fragments.py").run()
    assert (_add_as(at).id, _add_as(at).value) == (box.id, "places")


def _add_as(at):
    """The one "Add as" box, whatever the name picked."""
    [box] = [b for b in at.selectbox if b.label == "Add as"]
    assert box.key == "fragments_subject"
    return box


def _concepts(db):
    with Store.open(db) as store:
        return store.glossary.current().concepts


def _concept(db, concept_id):
    with Store.open(db) as store:
        return store.glossary.get(concept_id)


def test_the_pasted_text_is_still_there_after_another_page(env):
    """Streamlit drops a widget's value when another page is drawn: back from the Review (to
    see the names she added marked there), the proof-reader found an empty box."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    at.switch_page("views/documents.py").run()
    at.switch_page("views/fragments.py").run()
    assert not at.exception
    assert at.text_area(key="fragments_text").value == TEXT
    assert at.selectbox(key="fragments_add_name").options            # analysed again, names offered


def test_a_pasted_slogan_is_one_span(env):
    at = fragments_page()
    at.text_area(key="fragments_text").input(
        "The workers marched through the district chanting Ya hep beraber ya hiçbirimiz until dawn.").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(zip(table["text"], table["language"])) == [("Ya hep beraber ya hiçbirimiz", "tr")]


def test_a_name_of_a_language_not_told_is_shown_as_other_and_not_offered_as_a_glossary_name(env):
    """Basque is none of the candidates: the name was labelled Turkish; now it is foreign of
    another language, shown so, and left out of the names to add (a glossary name needs its language)."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(
        "Turkish dockers met delegates of Langile Abertzaleen Batzordeak and of Tümtis in the port.").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert ("Langile Abertzaleen Batzordeak", "other") in list(zip(table["text"], table["language"]))
    assert "und" not in set(table["language"])
    assert not any("Langile" in option for option in at.selectbox(key="fragments_add_name").options)
    assert any("Langile Abertzaleen Batzordeak" in c.value and "language not told" in c.value for c in at.caption)


def test_a_rerun_that_changes_nothing_analysed_does_not_analyse_again(env, monkeypatch):
    """Picking a name redrew the page by analysing the whole pasted article again (0.6-1.4 s a
    click on a long one): the analysis is kept until the text, the candidates or the glossary change."""
    from workbench import langid

    import streamlit as st

    calls = []
    analyse = langid.analyse_paragraphs
    monkeypatch.setattr(langid, "analyse_paragraphs", lambda *a, **k: calls.append(a[0]) or analyse(*a, **k))
    st.cache_resource.clear()        # as a fresh server: the analyses are kept across sessions
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT).run()
    assert len(calls) == 1
    at.selectbox(key="fragments_add_name").set_value("Kiracılar Meclisi (tr)").run()
    at.checkbox(key="fragments_only").check().run()
    assert not at.exception
    assert len(calls) == 1                                       # nothing analysed changed
    assert re.search(r"Kiracılar Meclisi<sub[^>]*> tr", highlighted(at))   # the marks are still drawn
    _add_as(at).set_value("organisations")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert len(calls) == 1                                       # the glossary changed: only its paragraph again
    assert any("Kiracılar Meclisi (tr)" in c.value for c in at.caption if "Already" in c.value)
    at.multiselect(key="fragments_candidates").unselect("it").run()
    assert len(calls) == 2                                       # other candidates: analysed again


ARTICLE = "\n\n".join([
    "Dockers of the Coordinadora Estatal de Estibadores stopped work in Algeciras on Monday.",
    "The strike committee thanked Bağımsız Maden İş and Kiracılar Meclisi for the collection.",
    "In Hamburg the Gewerkschaftliche Linke sent greetings, and Kiracılar Meclisi sent a second message.",
    "The workers will march on Friday, and the union has called a meeting for Saturday.",
])


def test_an_add_analyses_only_the_paragraphs_of_the_name_and_draws_what_a_fresh_analysis_draws(env, monkeypatch):
    """An add changed the glossary, so the whole pasted article was analysed again (1.6 s in
    AppTest on a long one): only the paragraphs where the name is written are, and the page then
    shows exactly the labels, marks and table of a page analysing everything afresh."""
    import streamlit as st

    from workbench import langid

    whole, single = [], []
    analyse, analyse_one = langid.analyse_paragraphs, getattr(langid, "analyse_paragraph", None)
    monkeypatch.setattr(langid, "analyse_paragraphs", lambda *a, **k: whole.append(a[0]) or analyse(*a, **k))
    monkeypatch.setattr(langid, "analyse_paragraph", lambda *a, **k: single.append(a[1]) or analyse_one(*a, **k),
                        raising=False)
    st.cache_resource.clear()
    at = fragments_page()
    at.text_area(key="fragments_text").input(ARTICLE).run()
    at.selectbox(key="fragments_add_name").set_value("Kiracılar Meclisi (tr)").run()
    _add_as(at).set_value("organisations")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception and any("Added “Kiracılar Meclisi”" in s.value for s in at.success)
    assert len(whole) == 1                                   # the text as a whole: only when pasted
    assert sorted(single) == sorted(p for p in ARTICLE.split("\n\n") if "Kiracılar Meclisi" in p)
    after_add = _drawn(at)

    st.cache_resource.clear()                                # a fresh server: everything analysed again
    fresh = fragments_page()
    fresh.text_area(key="fragments_text").input(ARTICLE).run()
    assert len(whole) == 2
    assert _drawn(fresh) == after_add
    assert "Kiracılar Meclisi (tr)" not in fresh.selectbox(key="fragments_add_name").options


def _drawn(at) -> tuple:
    """What the Fragments page shows of its analysis: the language line, each paragraph's label
    and marks, the table of spans."""
    summary = [m.value for m in at.markdown if m.value.startswith("**Language:**")]
    table = at.dataframe[0].value
    return summary, highlighted(at), [tuple(row) for row in table.itertuples(index=False)]


def test_a_name_with_a_turkish_case_suffix_is_offered_and_added_without_it(env):
    """Turkish writes a name's case ending after an apostrophe (DİSK'in: DİSK's). The page took
    the suffixed form for the name: DİSK and Petrol-İş, both in the glossary, were offered as
    missing names, and an add stored "Kristal-İş'in" as a new name instead of Kristal-İş."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(
        "The confederation DİSK'in call reached the shipyards. Petrol-İş'in branch and the dockers of "
        "Kristal-İş'in glass workers stopped work at six.").run()
    assert not at.exception
    known = next(c.value for c in at.caption if "Already in the glossary:" in c.value)
    assert "DİSK (tr)" in known and "Petrol-İş (tr)" in known
    names = at.selectbox(key="fragments_add_name")
    assert not any("'" in o for o in names.options), names.options
    assert "Kristal-İş (tr)" in names.options
    names.set_value("Kristal-İş (tr)").run()
    _add_as(at).set_value("unions")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception
    assert any("Added “Kristal-İş” to the glossary" in s.value for s in at.success)
    assert [t.text for t in _concept(env, "kristal-is").terms] == ["Kristal-İş"]


def test_the_spans_table_says_which_names_are_in_the_glossary_and_an_add_turns_it_to_yes(env):
    """Journey 4: she looks for the names still missing. The table gave character offsets
    ("start", "end") and no word of the glossary: she had to read it against the "Already in the
    glossary" line. A name with a Turkish case ending counts as its name (DİSK'in is DİSK)."""
    at = fragments_page()
    at.text_area(key="fragments_text").input(TEXT + "\n\nThe statement of DİSK'in was read aloud.").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "start" not in table.columns and "end" not in table.columns
    column = dict(zip(table["text"], table["in glossary"]))
    assert column["Coordinadora Estatal de Estibadores"] == "yes" and column["DİSK'in"] == "yes", column
    assert column["Kiracılar Meclisi"] == "no", column
    at.selectbox(key="fragments_add_name").set_value("Kiracılar Meclisi (tr)").run()
    _add_as(at).set_value("organisations")
    at.button(key="FormSubmitter:fragments_add-Add to the glossary").click().run()
    assert not at.exception
    assert dict(zip(at.dataframe[0].value["text"], at.dataframe[0].value["in glossary"]))["Kiracılar Meclisi"] == "yes"
