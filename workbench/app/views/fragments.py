"""Fragments: the foreign names and terms inside a text, highlighted and labelled."""

import streamlit as st

from workbench import langid
from workbench.app import state
from workbench.app.fragments_analysis import (AnalysisCache, in_glossary_label, known_names, language_label,
                                              names_to_add)
from workbench.app.markup import inert, md
from workbench.app.runtime import current_glossary, error_message, open_store, settings, user_errors
from workbench.errors import WorkbenchError
from workbench.ingest import ingest_text
from workbench.store import local_time

NAME_SUBJECTS = ("organisations", "parties", "unions", "press", "places", "history")
_COLOURS = ("#ffe08a", "#b5e3ff", "#c8f0c0", "#ffc9de", "#e3d4ff", "#ffd7b0", "#d0f0ee", "#eeeeaa")


@st.cache_resource(show_spinner="Loading the language models…")
def _models(candidates: tuple[str, ...]) -> tuple[str, ...]:
    return langid.load_models(candidates)


@st.cache_resource(max_entries=4, show_spinner=False)   # immutable: shared by the sessions
def _languages_of_terms(stamp: str, _glossary):
    """The glossary's terms and their languages, once per state of the glossary (``stamp``): read
    and built again on every run, they cost 0.2 s of each click (picking a name, adding one)."""
    return langid.glossary_languages(_glossary)


@st.cache_resource(show_spinner=False)   # immutable analyses: shared by the sessions
def _analyses() -> AnalysisCache:
    """The texts' analyses between runs: picking a name or typing a gloss analysed a long article
    again (0.6-1.4 s a click), and an add (a new glossary) did too: now only its paragraphs are."""
    return AnalysisCache()


def _highlighted(text: str, spans, colours: dict[str, str]) -> str:
    parts = []
    for piece, span in langid.split_at_spans(text, spans):
        if span is None:
            parts.append(inert(piece))
        else:
            colour = colours.setdefault(span.lang, _COLOURS[len(colours) % len(_COLOURS)])
            lang = language_label(span.lang)
            parts.append(f'<mark style="background:{colour};padding:0 2px;border-radius:3px" '
                         f'title="{lang} {span.confidence:.2f}">{inert(piece)}'
                         f'<sub style="font-size:0.7em"> {lang} {span.confidence:.2f}</sub></mark>')
    return "".join(parts)


def add_names(names, untold, known, glossary_repo) -> None:
    """The names not yet in the glossary, to add as proper names with a gloss."""
    st.subheader("Add to the glossary as a proper name")
    state.show_flash()  # what the last add did, next to the form
    if glossary_repo is None:
        st.caption("The glossary is not available in this installation, so names cannot be added.")
        return
    if untold:
        st.caption("Foreign, language not told (“other”): " + md(", ".join(untold))
                   + ". Add them on the Glossary page with their language.")
    missing = [name for name in names if name not in known]
    if known:
        st.caption("Already in the glossary: " + md(", ".join(f"{text} ({lang})" for text, lang in names
                                                             if (text, lang) in known)))
    if not missing:
        if not untold:
            st.info("Every name found here is in the glossary already.")
        return
    # the names as drawn go with the click: a rerun after a colleague's add would offer other names,
    # and the typed gloss must never land on one the translator did not pick
    labels = {f"{text} ({lang})": (text, lang) for text, lang in missing}
    # the name outside the form: picking one sets "Add as" to its own default, never the last
    # name's choice. One "Add as" for every name, its value set when the name changes: keyed by
    # the name, a new box was drawn for each, and a Tab pressed just after choosing a name with
    # Enter went to the old box, gone a moment later (the focus was lost)
    name = st.selectbox("Name", list(labels), key="fragments_add_name")
    _subject_follows(name, labels[name][0])
    with st.form("fragments_add", border=False):
        c1, c2 = st.columns([1, 2])
        # required: no "Clear value" button, which took the Tab after a choice, so that the gloss
        # typed next went into this box's search (keyboard only, the gloss was lost)
        c1.selectbox("Add as", NAME_SUBJECTS, index=None, key=SUBJECT, placeholder="choose…", required=True)
        c2.text_input("Gloss: what it is, for colleagues", key="fragments_gloss",
                      placeholder="e.g. Independent Miners' Union (Türkiye)")
        st.form_submit_button("Add to the glossary", type="primary", on_click=_add_picked_name, args=(labels,))


SUBJECT = "fragments_subject"
SUBJECT_OF = "fragments_subject_of"   # the name whose default "Add as" was last set to


def _subject_follows(name: str, text: str) -> None:
    """"Add as" set to the default of the ``name`` picked (a town: places; else nothing chosen)
    when the name changes, by her choice or because an add took the last one off the list, and
    when the box was not drawn on the last run (Streamlit forgets an undrawn box's value)."""
    if state.get(SUBJECT_OF) != name or SUBJECT not in st.session_state:
        state.put(SUBJECT_OF, name)
        state.put(SUBJECT, langid.name_subject(text))


def _add_picked_name(labels: dict[str, tuple[str, str]]) -> None:
    """The submit's callback: saves exactly the name shown as picked; the gloss is emptied only once saved."""
    picked = st.session_state["fragments_add_name"]
    text, lang = labels[picked]
    subject = st.session_state.get(SUBJECT)
    try:
        with open_store() as store:
            # every refusal says "Error: not added: …", as on the Glossary and Review pages
            taken = _added_meanwhile(store, text, lang)
            if taken:
                state.flash("error", error_message(taken, "not added"))
                return
            if subject is None:   # nothing told what the name is, and she did not say
                state.flash("error", error_message(f"choose what “{text}” is under Add as", "not added"))
                return
            concept = langid.name_concept(text, lang, subject, gloss=st.session_state.get("fragments_gloss", ""))
            saved = store.glossary.save(concept, expected_version=None, user=settings().user)
    except WorkbenchError as exc:
        state.flash("error", error_message(exc, "not added"))
        return
    st.session_state["fragments_gloss"] = ""
    state.flash("success", md(f"Added “{text}” to the glossary as a name in {lang} "
                              f"({saved.id}, subject {subject}, status draft)."))


def _keep_pasted() -> None:
    state.put("fragments_pasted", st.session_state["fragments_text"])


def _added_meanwhile(store, text: str, lang: str) -> str:
    """Why the name cannot be added now ('' if it can): someone added it since the page was drawn."""
    concept_id = langid.name_concept(text, lang).id
    holder = concept_id if store.glossary.exists(concept_id) else next(
        (c.id for c in current_glossary(store).concepts
         if any((t.text, t.lang) == (text, lang) for t in c.terms)), None)
    if holder is None:
        return ""
    last = store.glossary.history(holder, limit=1)
    by = f" by {last[0].user} at {local_time(last[0].at)} (local time)" if last else ""
    return (f"“{text}” ({lang}) was added to the glossary meanwhile{by}, as '{holder}'. "
            "Your gloss is still in the form; add it to that concept on the Glossary page if it helps.")


st.title("Fragments")
st.caption("Which names and terms in a text are in another language, and which one: keep them, "
           "gloss them or look them up instead of translating them blindly.")

with user_errors(), open_store() as store:
    source = st.radio("Text", ["Paste text", "Stored document"], horizontal=True, key="fragments_source")
    chosen = st.multiselect("Candidate languages", ["en", "es", "de", "tr", "fr", "it", "pt", "eo", "nl", "pl",
                                                    "ca", "ro", "sv", "da"],
                            default=list(langid.DEFAULT_CANDIDATES), key="fragments_candidates")
    paragraphs: list[str] = []
    main_lang = None
    if source == "Paste text":
        # Streamlit drops a widget's value when another page is shown: the text is kept apart, so
        # back from the Review or the Glossary the pasted article is still there
        pasted = st.text_area("Paste text", state.get("fragments_pasted") or "", height=180, key="fragments_text",
                              on_change=_keep_pasted,
                              placeholder="An article, a paragraph, or one name per line")
        if pasted.strip():
            paragraphs = [p.text for p in ingest_text(pasted, source_name="pasted text").paragraphs]
        else:
            st.info("Paste a text above, or pick a stored document.")
    else:
        docs = store.documents.list()
        if not docs:
            st.info("No stored documents yet: add one on the Documents page, or paste text.")
        else:
            ids = [d.id for d in docs]
            titles = {d.id: f"{d.id} · {d.title} [{d.lang or '?'}]" for d in docs}
            current = state.get("document_id")
            doc_id = st.selectbox("Document", ids, index=ids.index(current) if current in ids else 0,
                                  format_func=titles.get, key="fragments_document")
            state.put("document_id", doc_id)
            doc = store.documents.get(doc_id)
            paragraphs = [p.text for p in doc.paragraphs]
            main_lang = doc.lang

    if paragraphs and len(chosen) < 2:
        st.warning("Choose at least two candidate languages above: the text's own language and those "
                   "its names may come from.")
    elif paragraphs:
        candidates = _models(langid.candidate_set(chosen))
        glossary_repo = getattr(store, "glossary", None) if hasattr(store, "glossary") else None
        stamp = store.glossary.stamp() if glossary_repo else ""
        glossary = _languages_of_terms(stamp, current_glossary(store)) if glossary_repo else None
        report = _analyses().analysis(tuple(paragraphs), candidates, main_lang, glossary)
        spans = report.spans
        st.markdown(f"**Language:** {report.lang} ({report.confidence:.2f}) · "
                    f"**paragraphs:** {len(report.paragraphs)} · **foreign spans:** {len(spans)}")
        only = st.checkbox("Show only paragraphs with foreign spans", value=len(report.paragraphs) > 12,
                           key="fragments_only")
        colours: dict[str, str] = {}
        for p in report.paragraphs:
            if only and not p.spans:
                continue
            label = f"¶{p.index} · {p.lang} {p.confidence:.2f}"
            st.markdown(f'<div style="margin-bottom:0.6em"><span style="color:#888;font-size:0.8em">'
                        f"{inert(label)}</span><br>{_highlighted(p.text, p.spans, colours)}</div>",
                        unsafe_allow_html=True)
        if not spans:
            st.info("No foreign spans found.")
        else:
            names, untold = names_to_add(spans)
            known = known_names(names, glossary_repo, glossary)
            st.subheader("Foreign spans")
            # whether each is in the glossary, not its character offsets: she had to read the table
            # against the "Already in the glossary" line to find the names still missing
            st.dataframe([{"paragraph": index, "text": s.text, "language": language_label(s.lang),
                           "confidence": round(s.confidence, 2),
                           "in glossary": in_glossary_label(s, known) if glossary_repo is not None else "–"}
                          for index, s in spans], hide_index=True, width="stretch")
            add_names(names, untold, known, glossary_repo)
