"""Glossary: search and filter concepts, edit a concept and its terms (with
conflict handling), history, concordance, import/export, term candidates."""

import hashlib
import uuid
from functools import partial

import streamlit as st

from workbench.app import glossary_actions as actions
from workbench.app import keys, state
from workbench.app.glossary_actions import form_key, show_outcome
from workbench.app.markup import inert, md
from workbench.app.runtime import current_glossary, open_store, settings, user_errors
from workbench.app.uploads import TEXT_LIMIT_MB, checked_bytes
from workbench.formats.base import ReadLog, extensions
from workbench.glossary import CONCEPT_STATUSES, GENDERS, PARTS_OF_SPEECH, SUBJECTS, TERM_STATUSES
from workbench.glossary import termbase
from workbench.glossary.corpus import concordance, snippet
from workbench.store import local_time
from workbench.users import APPROVING_ROLES, role_of

st.title("Glossary")

CONCORDANCE_PAGE = 25     # occurrences drawn at once: a common term has hundreds
CONCORDANCE_LIMIT = 200   # the most the concordance returns
SECTIONS = ("Concepts", "New concept", "Import / export", "Candidates")
SEARCH_LABEL = "Search terms, ids and definitions"
LIST_FIRST = 25           # concepts listed at once (the whole glossary, 800, was sent and drawn on every search)
LIST_ALL = "glossary_list_all"   # the search and filters for which the translator asked to list every match
SEARCH_FOCUS = "glossary_search_focus"   # a token of the latest entry to the page: the search box takes the cursor


def candidate_columns() -> dict:
    """The candidates' numbers in words a translator reads (the table said "dice", "llr" and "units")."""
    return {
        "beads": st.column_config.NumberColumn(help="confirmed beads that have both the source and the target"),
        "agreement": st.column_config.NumberColumn(
            format="%.2f", help="1.00: the two always come in the same beads, never one without the other (Dice)"),
        "strength": st.column_config.NumberColumn(
            format="%.1f", help="how unlikely it is that the two come together by chance; higher is surer "
                                "(log-likelihood ratio)"),
        "from": st.column_config.TextColumn(help="the aligned pairs the candidate comes from"),
    }


section = st.radio("Section", SECTIONS, horizontal=True, key="glossary_section", label_visibility="collapsed")


@st.cache_resource(max_entries=32, show_spinner=False)
def _found(stamp: str, search: str, filters: tuple, _glossary) -> tuple:
    """The concepts a search finds, once per glossary state (``stamp``) and filters: the
    search normalises every term of 800 concepts, about 0.1 s, and ran on every rerun. With
    nothing found, the concepts with a term spelt like the search (and True)."""
    lang, status, subject, term_status = (None if f == "all" else f for f in filters)
    found = termbase.filter_concepts(_glossary, search, lang=lang, status=status, subject=subject,
                                     term_status=term_status)
    if found or not search.strip():
        return tuple(found), False
    return tuple(termbase.similar_concepts(_glossary, search, lang=lang, status=status, subject=subject,
                                           term_status=term_status)), True


def terms_overview(concept) -> str:
    """The concept's terms by language, forbidden ones struck through with the note why."""
    lines = []
    for lang in concept.languages:
        shown = []
        for t in (t for t in concept.terms if t.lang == lang):
            text = f"<s>{inert(t.text)}</s>" if t.status == "forbidden" else f"<b>{inert(t.text)}</b>"
            note = f": <i>{inert(t.note)}</i>" if t.note else ""
            shown.append(f"{text} ({inert(t.status)}{note})")
        # a language a row, its wrapped lines indented under its terms (not under the language)
        lines.append(f'<div style="display:flex"><span style="color:#777;flex:0 0 2.2em">{inert(lang)}</span>'
                     f'<span>{" · ".join(shown)}</span></div>')
    return '<div style="line-height:1.5;margin-bottom:0.5rem">' + "".join(lines) + "</div>"


def highlighted(text: str, spans, width: int = 120) -> str:
    """The text around the term with the term marked (text shown as written)."""
    return "".join(f"<mark><b>{inert(piece)}</b></mark>" if term else inert(piece)
                   for piece, term in snippet(text, spans, width))


def term_warning(line) -> str:
    """What a concordance line says when the term found is not a rendering to use: the glossary
    forbids or deprecates it (a "Generalstreik" listed under "mass strike" looked like a use)."""
    if line.status not in ("forbidden", "deprecated"):
        return ""
    colour = "#b00020" if line.status == "forbidden" else "#8a5a00"
    return f' · <span style="color:{colour}">{inert(line.status)} rendering “{inert(line.matched)}”</span>'


def term_statuses(role: str) -> list[str]:
    """The statuses the role may give (a translator proposes admitted terms)."""
    return list(TERM_STATUSES) if role in APPROVING_ROLES else ["admitted"]


def concept_fields(concept) -> str:
    """What a concept says besides its terms, for the two sides of a conflict (a refused edit of
    the definition showed only the terms and the note: the edit itself was nowhere)."""
    return (f"Status: {md(concept.status)} · subject: {md(concept.subject)} · "
            f"definition: {md(concept.definition) or '—'} · note: {md(concept.note) or '—'}")


def add_term_form(concept, user, role):
    """One term at a time, in a form: nothing typed is lost to a rerun. The form is not cleared
    on submit (a refused term would be lost); an added term makes a new version, so new keys
    and an empty form."""
    key = form_key(concept)
    with st.form(f"add-term-{key}"):
        st.markdown("**Add a term**")
        c1, c2, c3, c4 = st.columns([1, 3, 2, 2])
        c1.text_input("Language", "en", key=f"addlang-{key}")
        c2.text_input("Term", key=f"addtext-{key}")
        c3.selectbox("Status", term_statuses(role), key=f"addstatus-{key}")
        c4.selectbox("Part of speech", PARTS_OF_SPEECH, key=f"addpos-{key}")
        st.text_input("Note (required for a forbidden term: why, and what to use instead)", key=f"addnote-{key}")
        st.form_submit_button("Add term", on_click=actions.add_term, args=(concept, user))
    show_outcome("add-term")


def concept_editor(concept, user):
    """The edit form of one concept; the form's widgets are keyed by concept and version."""
    key = form_key(concept)
    with st.form(f"edit-{key}"):
        c1, c2 = st.columns(2)
        c1.selectbox("Subject", SUBJECTS, index=SUBJECTS.index(concept.subject), key=f"subj-{key}")
        c2.selectbox("Status", CONCEPT_STATUSES, index=CONCEPT_STATUSES.index(concept.status), key=f"cst-{key}")
        st.text_area("Definition", concept.definition, key=f"def-{key}", height=80)
        st.text_area("Note", concept.note, key=f"note-{key}", height=68)
        st.data_editor(
            termbase.term_rows(concept), num_rows="dynamic", width="stretch", key=f"terms-{key}",
            column_config={
                "status": st.column_config.SelectboxColumn("status", options=list(TERM_STATUSES)),
                "pos": st.column_config.SelectboxColumn("pos", options=list(PARTS_OF_SPEECH)),
                "gender": st.column_config.SelectboxColumn("gender", options=["", *GENDERS]),
                "variants": st.column_config.TextColumn("variants", help="extra forms, separated by |"),
            })
        st.form_submit_button("Save", type="primary", on_click=actions.save_concept, args=(concept, user))
    show_outcome("edit")


with user_errors(), open_store() as store:
    user = settings().user
    role = role_of(store, user)
    glossary = current_glossary(store)
    languages = list(glossary.languages)

    if section == "Concepts":
        c1, c2, c3, c4, c5 = st.columns([3, 1, 1, 1, 1])
        search = c1.text_input(SEARCH_LABEL, key="glossary_search")
        lang = c2.selectbox("Language", ["all", *languages], key="glossary_lang")
        cstatus = c3.selectbox("Status", ["all", *CONCEPT_STATUSES], key="glossary_status")
        subject = c4.selectbox("Subject", ["all", *SUBJECTS], key="glossary_subject")
        tstatus = c5.selectbox("Term status", ["all", *TERM_STATUSES], key="glossary_term_status")
        found, similar = _found(store.glossary.stamp(), search, (lang, cstatus, subject, tstatus), glossary)
        found = list(found)
        asked = (search, lang, cstatus, subject, tstatus)
        listed = found if state.get(LIST_ALL) == asked else found[:LIST_FIRST]
        count, more = st.columns([3, 1], vertical_alignment="center")
        count.caption(f"{0 if similar else len(found)} of {len(glossary)} concepts"
                      + (f" · the first {len(listed)} listed" if len(listed) < len(found) and not similar else ""))
        if len(listed) < len(found):
            more.button(f"List all {len(found)}", key="glossary_list_more", on_click=state.put, args=(LIST_ALL, asked))
        if similar and found:
            st.info(f"No term is “{md(search.strip())}” or a form of it. Spelt like it: "
                    + ", ".join(md(c.label("en")) for c in found) + ".")
        if not found:
            st.info("No concept matches. Change the filters, or add a concept under “New concept”.")
        else:
            # four rows high (it scrolls): the opened concept's terms on a 768 px screen, under it
            st.dataframe([r.__dict__ for r in termbase.rows(listed, "en" if lang == "all" else lang)],
                         hide_index=True, width="stretch", height=min(178, 38 + 35 * len(listed)))
            ids = [c.id for c in found]
            # the concept is in the address too: a reload (a new session) or a link opens it again
            current = state.get("glossary_concept") or st.query_params.get("concept")
            chosen = st.selectbox("Concept", ids, index=ids.index(current) if current in ids else 0,
                                  key="glossary_pick")
            state.put("glossary_concept", chosen)
            if st.query_params.get("concept") != chosen:
                st.query_params["concept"] = chosen
            current = store.glossary.get(chosen)
            # the form keeps the version the translator opened, so a save after someone
            # else's edit is refused instead of silently editing their version
            opened = state.get(actions.OPENED)
            if not opened or opened[0] != chosen:
                opened = (chosen, current.version)
                state.put(actions.OPENED, opened)
            concept = store.glossary.at_version(chosen, opened[1]) if opened[1] != current.version else current
            if concept is None:
                concept = current
                state.put(actions.OPENED, (chosen, current.version))
            if concept.version != current.version:
                st.info(f"Someone saved version {current.version} since you opened version {concept.version}.")
                st.button("Load the current version", on_click=state.put, args=(actions.OPENED, (chosen, current.version)))
            state.show_flash()  # the outcome of the last save, next to the concept
            # the views beside the heading: under a concept's terms in four languages, History and
            # Concordance were below the first screen at 1280x900
            head, views = st.columns([3, 2], vertical_alignment="bottom")
            head.subheader(f"{md(concept.label('en'))} · version {concept.version}")
            view = views.radio("View", ("Edit", "History", "Concordance"), horizontal=True, key="glossary_view",
                               label_visibility="collapsed")
            conflict = state.get(actions.CONFLICT) == concept.id
            if conflict:
                actions.show_conflict(store, concept.id, user, terms_overview, concept_fields)
            else:   # in a conflict the box shows this version as theirs: drawn again, it read as a third
                st.markdown(terms_overview(concept), unsafe_allow_html=True)
            if view == "Edit" and conflict:
                st.caption("Take theirs or keep yours (above) to edit the concept again.")
            elif not conflict:
                # drawn under History and Concordance too, hidden: a form keeps what was typed in it
                # only while it is drawn (a definition typed, a look at the history, and it was gone)
                with st.container(key="glossary_edit"):
                    add_term_form(concept, user, role)
                    concept_editor(concept, user)
                    with st.expander("Delete this concept"):
                        st.button("Delete", key=f"delete-{concept.id}", on_click=actions.delete_concept,
                                  args=(concept, user))
                if view != "Edit":
                    st.html("<style>.st-key-glossary_edit {display: none;}</style>")
            if view == "History":
                entries = store.glossary.history(concept.id)
                st.dataframe([{"when": local_time(e.at), "version": e.version, "action": e.action, "who": e.user,
                               "what": e.summary} for e in entries], hide_index=True, width="stretch")
            elif view == "Concordance":
                clang = st.selectbox("Occurrences in", ["all", *concept.languages], key="glossary_conc_lang")
                lines = concordance(store, glossary, concept.id, lang=None if clang == "all" else clang)
                if not lines:
                    st.info("No occurrence in the stored documents.")
                else:
                    found = sum(len(line.spans) for line in lines)
                    more = "+" if len(lines) >= CONCORDANCE_LIMIT else ""
                    st.caption(f"{found}{more} occurrence{'' if found == 1 else 's'} in {len(lines)}{more} "
                               f"paragraph{'' if len(lines) == 1 else 's'}")
                more = state.get("glossary_conc_shown")   # (concept, how many): a new concept starts short
                shown = more[1] if more and more[0] == concept.id else CONCORDANCE_PAGE
                for line in lines[:shown]:
                    left, right = st.columns(2)
                    # corpus text is shown as written: no Markdown, LaTeX or HTML inside it
                    left.markdown(f"<b>{inert(line.document_title)}</b> ¶{line.paragraph} [{inert(line.lang)}]"
                                  + term_warning(line) + "<br>" + highlighted(line.text, line.spans),
                                  unsafe_allow_html=True)
                    if line.translation:
                        right.markdown(f"<i>{inert(line.pair_label)}</i> [{inert(line.translation_lang)}]<br>"
                                       + highlighted(line.translation, line.translation_spans),
                                       unsafe_allow_html=True)
                    else:
                        right.caption("No aligned translation stored.")
                if len(lines) > shown:
                    st.button(f"Show {min(CONCORDANCE_PAGE, len(lines) - shown)} more", on_click=state.put,
                              args=("glossary_conc_shown", (concept.id, shown + CONCORDANCE_PAGE)))

    elif section == "New concept":
        if role not in APPROVING_ROLES:
            st.caption(f"As a {role} you propose: new concepts are drafts with admitted terms, which a "
                       "terminologist approves.")
        with st.form("new-concept"):
            cid = st.text_input("Id (lowercase slug, e.g. 'rank-and-file-union'; empty: made from the first term)",
                                key="new_id")
            c1, c2 = st.columns(2)
            subject = c1.selectbox("Subject", SUBJECTS, key="new_subject")
            status = c2.selectbox("Status", CONCEPT_STATUSES if role in APPROVING_ROLES else ["draft"],
                                  key="new_status")
            definition = st.text_area("Definition", height=80, key="new_definition")
            rows = []
            for n, lang in enumerate(("en", "")):   # a term and its translation; more under Edit
                c1, c2, c3, c4 = st.columns([1, 3, 2, 3])
                rows.append({"lang": c1.text_input("Language", lang, key=f"new_lang{n}"),
                             "text": c2.text_input("Term" if n == 0 else "Translation", key=f"new_text{n}"),
                             "status": c3.selectbox("Status", term_statuses(role), key=f"new_status{n}"),
                             "note": c4.text_input("Note (required if forbidden)", key=f"new_note{n}")})
            created = st.form_submit_button("Create", type="primary")
        if created:
            with user_errors():
                concept = termbase.new_concept_from_form(cid, subject, status, definition, rows)
                warning = termbase.homonym_warning(glossary, concept)
                # warned once for these terms: the same Create again is deliberate (homonyms exist)
                asked = (concept.id, tuple((t.lang, t.text) for t in concept.terms))
                if warning and state.get("glossary_new_warned") != asked:
                    state.put("glossary_new_warned", asked)
                    st.warning(md(warning))
                else:
                    new = store.glossary.save(concept, expected_version=None, user=user)
                    state.put("glossary_new_warned", None)
                    state.put("glossary_concept", new.id)
                    st.success(f"Created '{md(new.id)}'.")

    elif section == "Import / export":
        st.subheader("Import")
        upload = st.file_uploader("Glossary file", type=[e.lstrip(".") for e in extensions("glossary")],
                                  key="glossary_upload", max_upload_size=TEXT_LIMIT_MB)
        c1, c2 = st.columns(2)
        src = c1.text_input("Source language (OmegaT .tsv only)", key="glossary_imp_src")
        tgt = c2.text_input("Target language (OmegaT .tsv only)", key="glossary_imp_tgt")
        c1, c2 = st.columns(2)
        check = c1.button("Check first (dry run)", disabled=upload is None)
        if c2.button("Import", type="primary", disabled=upload is None) or check:
            with user_errors():
                data = checked_bytes(upload, TEXT_LIMIT_MB, "glossary")
                log = ReadLog()
                report = termbase.import_bytes(store, data, upload.name, user=user, src_lang=src or None,
                                               tgt_lang=tgt or None, dry_run=check, log=log)
                st.success(f"{md(upload.name)}: {md(report.summary())}.")
                if log:   # what the reader mapped or kept as notes: never a silent loss
                    st.info("\n".join(f"- {md(line)}" for line in log.lines()))
                for line in report.conflicts:
                    st.warning(f"Conflict: {md(line)}")
        st.subheader("Export")
        # OmegaT's TBX reader and Weblate's (translate-toolkit) read martif only: the v3 file,
        # offered first before, opened in neither of the tools her colleagues use
        fmt = st.selectbox("Format", ["toml", "tbx-v2", "tbx", "csv", "tsv"], key="glossary_exp_fmt",
                           format_func={"toml": "canonical TOML",
                                        "tbx-v2": "TBX for OmegaT, Weblate, translate-toolkit (TBX v2, martif)",
                                        "tbx": "TBX-Basic v3 (ISO 30042:2019; OmegaT and Weblate do not read it)",
                                        "csv": "CSV (all languages)", "tsv": "OmegaT TSV (one pair)"}.get)
        e_src = e_tgt = None
        if fmt in ("tsv", "tbx-v2"):   # a v2 reader takes an entry's first language as source, second as target
            c1, c2 = st.columns(2)
            e_src = c1.selectbox("Source", languages, index=languages.index("en") if "en" in languages else 0,
                                 key="glossary_exp_src")
            others = [x for x in languages if x != e_src] or languages
            e_tgt = c2.selectbox("Target", others, key="glossary_exp_tgt")
        ext, _, dialect = fmt.partition("-")
        # built when the translator downloads, not on every run of the page (1.8 MB of TBX a run)
        st.download_button("Download", partial(termbase.export_bytes, glossary, ext, src_lang=e_src, tgt_lang=e_tgt,
                                               dialect=dialect or "v3"),
                           file_name=f"glossary{'-' + dialect if dialect else ''}.{ext}", on_click="ignore")
        path = termbase.shared_glossary_path(settings())
        if st.button(f"Write the shared file ({path.name})"):
            with user_errors():
                termbase.export_file(store, path)
                st.success(f"Wrote {len(store.glossary.current())} concepts to {md(path)}.")

    else:
        from workbench.glossary.candidates import usual_direction

        pair_langs = sorted({(p.source_lang, p.target_lang) for p in store.documents.pairs()
                             if p.source_lang and p.target_lang})
        langs = sorted({x for pair in pair_langs for x in pair}) or languages
        usual = usual_direction(store) or ("en", "")   # the reviewed pairs' own direction first
        c1, c2, c3 = st.columns(3)
        src = c1.selectbox("Source", langs, index=langs.index(usual[0]) if usual[0] in langs else 0,
                           key="glossary_cand_src")
        targets = [x for x in langs if x != src] or langs
        tgt = c2.selectbox("Target", targets, index=targets.index(usual[1]) if usual[1] in targets else 0,
                           key="glossary_cand_tgt")
        limit = c3.number_input("How many", 5, 200, 30, key="glossary_cand_limit")
        if st.button("Find candidates", type="primary"):
            state.put("glossary_candidates", (src, tgt, int(limit)))
            state.put(actions.ACCEPT_ASKED, None)   # a question about the last list is answered no
        state.show_flash()
        asked = state.get("glossary_candidates")
        picked_key = None
        if asked:
            from workbench.glossary.candidates import candidates_from_store

            found = candidates_from_store(store, asked[0], asked[1], limit=asked[2])
            if not found:
                st.info(f"No more candidates for {md(asked[0])}→{md(asked[1])}: the word groups that recur in the "
                        "confirmed beads are in the glossary already, or too few beads are confirmed in these "
                        "languages (candidates come only from beads a reviewer confirmed on the Review page).")
            else:
                st.dataframe([{"source": c.source, "target": c.target, "beads": c.together, "agreement": c.dice,
                               "strength": c.llr, "from": ", ".join(sorted({s.pair_label for s in c.sources}))}
                              for c in found], hide_index=True, width="stretch", column_config=candidate_columns())
                label = {i: f"{c.source} → {c.target}" for i, c in enumerate(found)}
                # keyed by the list itself: once candidates are accepted the list changes and the
                # browser's old selection (which it keeps by label) cannot be accepted again
                listing = hashlib.sha1("\n".join(label.values()).encode("utf-8")).hexdigest()[:10]
                with st.expander("Where a candidate comes from"):
                    pick = st.selectbox("Candidate", range(len(found)), format_func=label.get,
                                        key=f"glossary_cand_pick-{listing}")
                    for s in found[pick].sources[:5]:
                        a, b = st.columns(2)
                        a.caption(f"{s.pair_label} ¶{','.join(map(str, s.source_paragraphs))}")
                        a.write(s.source[:500])
                        b.caption(f"¶{','.join(map(str, s.target_paragraphs))}")
                        b.write(s.target[:500])
                picked_key = f"glossary_cand_accept-{listing}"
                chosen = st.multiselect("Accept as new draft concepts", range(len(found)), format_func=label.get,
                                        key=picked_key)
                st.button("Accept", disabled=not chosen, on_click=actions.accept_candidates,
                          args=(found, picked_key, user))
        # asked with or without the list: a colleague's term takes its candidate off it
        actions.ask_before_accepting(picked_key, user)

if section == "Concepts":   # at the end: the script's empty element moves nothing above
    if state.entered("Glossary") or state.get(SEARCH_FOCUS) is None:
        state.put(SEARCH_FOCUS, uuid.uuid4().hex)
    st.html(keys.focus_script(SEARCH_LABEL, state.get(SEARCH_FOCUS)), unsafe_allow_javascript=True)
