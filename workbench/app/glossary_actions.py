"""The Glossary page's button callbacks and the choice shown when two people edited the
same concept. A callback runs before the script, so the run it starts draws its outcome:
one run a click (a save that asked for a rerun cost two, and the browser drew both)."""

from __future__ import annotations

import streamlit as st

from workbench.app import state
from workbench.app.markup import md
from workbench.app.runtime import current_glossary, error_message, open_store
from workbench.errors import ConflictError, WorkbenchError
from workbench.glossary import termbase
from workbench.store import local_time

CONFLICT = "glossary_conflict"    # the id of the concept whose last save was refused
OPENED = "glossary_opened"        # (concept id, the version the forms show)
OUTCOME_AT = "glossary_outcome_at"
# awaiting a yes: (the candidate box's key, the picked rows, those candidates, the homonym warning);
# the candidates themselves, as a flash keeps its message: one a colleague's term takes off the list
ACCEPT_ASKED = "glossary_cand_asked"
HOMONYM_GOES_ON = "Yes adds it as a new draft concept"
HOMONYM_ASKED = "glossary_homonym_asked"   # (form, concept id, version, terms) warned of once
ASK_OVER = 3                           # accepting more candidates than this at once asks first


def form_key(concept) -> str:
    # widgets are keyed by concept and version: a new version gets fresh widgets
    return f"{concept.id}-{concept.version}"


def leave_outcome(form: str, kind: str, message: str) -> None:
    """What a form's submit did, for the page to draw under that form."""
    state.put(OUTCOME_AT, form)
    state.flash(kind, message)


def show_outcome(form: str) -> None:
    # under the button clicked: the forms are long, and at 1024x768 the concept's heading
    # (where messages were drawn) is a screen above the Save button
    if state.get(OUTCOME_AT) == form:
        state.put(OUTCOME_AT, None)
        for kind, message in state.take_status():
            {"status": st.success, "status_info": st.info, "status_warning": st.warning}.get(kind, st.error)(message)


def table_after_edits(rows: list[dict], edits: dict | None) -> list[dict]:
    """The rows of a data editor as the translator left them: ``edits`` is the editor's state
    (cell edits by row position, deleted row positions, added rows), applied in Streamlit's
    order: edits, then deletions, then additions."""
    if not edits:
        return list(rows)
    table = [dict(r) for r in rows]
    for position, changes in (edits.get("edited_rows") or {}).items():
        if 0 <= int(position) < len(table):
            table[int(position)].update(changes)
    deleted = {int(n) for n in edits.get("deleted_rows") or ()}
    return [r for n, r in enumerate(table) if n not in deleted] + [dict(r) for r in edits.get("added_rows") or ()]


def save_concept(concept, user: str) -> None:
    """Save's on_click: the edit form's fields as typed, saved over the version the form shows.
    A refused save keeps the typed fields (same widgets) with the reason under Save."""
    key, typed = form_key(concept), st.session_state
    rows = table_after_edits(termbase.term_rows(concept), typed.get(f"terms-{key}"))
    new = _written(concept.id, "edit", lambda store: _saved_unless_warned(
        store, "edit", "Save", concept, user,
        termbase.concept_from_form(concept.id, typed[f"subj-{key}"], typed[f"cst-{key}"], typed[f"def-{key}"],
                                   typed[f"note-{key}"], concept.version, rows)))
    if new is None:
        return
    state.put(CONFLICT, None)
    state.put(OPENED, (new.id, new.version))
    if new.version == concept.version:   # the store keeps an unchanged concept as it was
        leave_outcome("edit", "status_info", f"Nothing changed: '{new.id}' is still version {new.version}.")
    else:
        leave_outcome("edit", "status", f"Saved '{new.id}' as version {new.version}.")


def add_term(concept, user: str) -> None:
    """Add term's on_click: the new term added to the version the form shows. A refused term
    stays typed in the form (same widgets); an added one makes a new version and an empty form."""
    key, typed = form_key(concept), st.session_state
    row = {field: typed.get(f"add{field}-{key}") for field in ("lang", "text", "status", "pos", "note")}
    new = _written(concept.id, "add-term", lambda store: _saved_unless_warned(
        store, "add-term", "Add term", concept, user, termbase.with_term(concept, row)))
    if new is None:
        return
    state.put(OPENED, (new.id, new.version))
    leave_outcome("add-term", "status", f"Added {row['lang']} '{row['text']}' to '{new.id}' "
                                        f"(version {new.version}).")


def _saved_unless_warned(store, form: str, button: str, opened, user: str, edited):
    """``edited`` saved over ``opened``; None when it gives a term another concept has (same
    language) and this is the first click for these terms: the warning, naming that concept, is
    left under the ``form``'s button, and the same click again saves (homonyms exist). Only New
    concept warned: a term added to an existing concept went in without a word."""
    warning = termbase.homonym_warning(current_glossary(store), edited, before=opened, button=button)
    asked = (form, opened.id, opened.version, tuple((t.lang, t.text) for t in edited.terms))
    if warning and state.get(HOMONYM_ASKED) != asked:
        state.put(HOMONYM_ASKED, asked)
        leave_outcome(form, "status_warning", md(warning))
        return None
    state.put(HOMONYM_ASKED, None)
    return store.glossary.save(edited, expected_version=opened.version, user=user)


def _written(concept_id: str, form: str, write):
    """``write(store)``'s result, on a store of its own; None when it was refused: a conflict
    opens the choice, any other reason is left under the ``form``'s button."""
    try:
        with open_store() as store:
            return write(store)
    except ConflictError as exc:
        _refused(concept_id, exc)
    except WorkbenchError as exc:
        leave_outcome(form, "status_error", error_message(exc))
    return None


def _refused(concept_id: str, exc: ConflictError) -> None:
    """Someone else saved the concept first: the page shows theirs and yours with the choice
    (yours is kept in the history as the refused version)."""
    state.put(CONFLICT, concept_id)
    state.put(OPENED, (concept_id, exc.theirs.version))


def take_theirs() -> None:
    """Drop the refused version: the forms show theirs (the version they saved)."""
    state.put(CONFLICT, None)


def keep_mine(concept_id: str, user: str) -> None:
    """Save the refused version's changes over theirs; theirs stays in the history."""
    try:
        with open_store() as store:
            new = termbase.resolve_conflict(store, concept_id, user=user)
    except ConflictError as exc:   # a third person saved meanwhile: the choice again, with theirs
        _refused(concept_id, exc)
        return
    except WorkbenchError as exc:
        state.flash("error", error_message(exc))
        return
    state.put(CONFLICT, None)
    state.put(OPENED, (new.id, new.version))
    state.flash("success", f"Saved your version of '{new.id}' as version {new.version}, with their changes to "
                           "what you had not changed; theirs stays in the history.")


def delete_concept(concept, user: str) -> None:
    try:
        with open_store() as store:
            store.glossary.delete(concept.id, expected_version=concept.version, user=user)
    except WorkbenchError as exc:
        state.flash("error", error_message(exc))
        return
    state.put("glossary_concept", None)
    state.flash("success", f"Deleted '{concept.id}'; it stays in the history.")


def accept_candidates(found: list, picked_key: str, user: str) -> None:
    """Accept's on_click: the picked term candidates become draft concepts. More than
    ``ASK_OVER`` at once, or one with a term another concept has (a homonym, or the same
    concept: a colleague added it meanwhile), are only asked about (``ACCEPT_ASKED``), as New
    concept, Add term and Save warn of a homonym ("Select all" picks every candidate, and one
    click wrote them all; a term known since the list was drawn was refused outright): the
    question's Yes goes on (the candidate may have left the list: Accept again cannot)."""
    picked = tuple(st.session_state.get(picked_key) or ())
    chosen = tuple(found[i] for i in picked)
    warning = _homonyms_now(chosen, user)
    if warning is None:
        return
    if len(picked) > ASK_OVER or warning:
        state.put(ACCEPT_ASKED, (picked_key, picked, chosen, warning))
        return
    _accept(chosen, user)


def accept_asked(user: str) -> None:
    """The question's Yes: the candidates it named become draft concepts, unless a term of
    one became another concept's since it was asked (then it asks again, naming it), or she may
    no longer accept them (then it says so and adds none)."""
    asked = state.get(ACCEPT_ASKED)
    if not asked:
        return
    picked_key, picked, chosen, warning = asked
    now = _homonyms_now(chosen, user)
    if now is None:
        return
    if now != warning:
        state.put(ACCEPT_ASKED, (picked_key, picked, chosen, now))
        return
    _accept(chosen, user)


def _homonyms_now(chosen: tuple, user: str) -> str | None:
    """The homonym warning for the ``chosen`` candidates against the glossary as it is now ('' when
    none), once ``user`` may accept them; None when refused (the reason left in the flash)."""
    from workbench.glossary.candidates import homonym_warning
    from workbench.users import require_approver

    try:
        with open_store() as store:
            require_approver(store, user, "accept term candidates")   # refused before any question
            return homonym_warning(current_glossary(store), chosen, go_on=HOMONYM_GOES_ON)
    except WorkbenchError as exc:
        state.flash("error", error_message(exc, "not added"))
        return None


def _accept(chosen: tuple, user: str) -> None:
    from workbench.glossary.candidates import accept_candidate

    state.put(ACCEPT_ASKED, None)
    accepted = []
    with open_store() as store:
        for candidate in chosen:   # one refused: the rest go on
            try:   # a term another concept has was warned of: she goes on (homonyms exist)
                accepted.append(accept_candidate(store, candidate, user=user, homonym=True).id)
            except WorkbenchError as exc:
                state.flash("error", error_message(exc, "not added"))
    if accepted:
        state.flash("success", "Added draft concepts: " + ", ".join(accepted)
                    + ". Edit them under “Concepts” (filter by status draft).")


def ask_before_accepting(picked_key: str | None, user: str) -> None:
    """The question Accept left: how many candidates, the ones whose term another concept has
    (naming it), Yes and Cancel. Dropped when she changes the pick in the same list; kept
    when the list changed (a colleague's term takes its candidate off the list): it names
    the candidates it adds."""
    asked = state.get(ACCEPT_ASKED)
    if not asked:
        return
    key, picked, chosen, warning = asked
    if key == picked_key and tuple(st.session_state.get(picked_key) or ()) != picked:
        state.put(ACCEPT_ASKED, None)
        return
    n = len(chosen)
    question = f"Accept {n} candidates as {n} new draft concepts?" if n > ASK_OVER else ""
    st.warning(" ".join(part for part in (question, md(warning)) if part))
    row = st.container(horizontal=True)
    row.button(f"Yes, add {n} draft concept{'s' if n != 1 else ''}", key="glossary_cand_confirm", type="primary",
               on_click=accept_asked, args=(user,))
    row.button("Cancel", key="glossary_cand_cancel", on_click=state.put, args=(ACCEPT_ASKED, None))


def show_conflict(store, concept_id: str, user: str, overview, fields) -> None:
    """One message naming who saved the concept and when, theirs and yours side by side, and the
    choice (``overview`` and ``fields`` draw a concept's terms and other fields)."""
    mine, theirs = termbase.conflict_sides(store, concept_id, user=user)
    current = store.glossary.get(concept_id)
    who, when = (theirs.user, local_time(theirs.at)) if theirs else ("someone else", "")
    with st.container(border=True, key="glossary_conflict_box"):
        st.error(error_message(f"{who} saved '{concept_id}' at {when} (local time) while you were editing it. "
                               "Take theirs, or keep yours (with their changes to what you did not change; theirs "
                               "stays in the history).", "not saved"))
        left, right = st.columns(2)
        left.markdown(f"**Theirs** ({md(who)}, {when}: version {current.version})")
        left.markdown(overview(current), unsafe_allow_html=True)
        left.caption(f"{fields(current)} · {md(theirs.summary) if theirs else ''}")
        right.markdown("**Yours** (not saved; as *Keep mine* saves it)")
        kept = termbase.kept_version(store, concept_id, user=user) if mine else None
        if kept:
            right.markdown(overview(kept), unsafe_allow_html=True)
            right.caption(fields(kept))
        row = st.container(horizontal=True)
        row.button("Take theirs", icon=":material/call_received:", key="glossary_take_theirs", on_click=take_theirs)
        row.button("Keep mine", icon=":material/save:", key="glossary_keep_mine", disabled=mine is None,
                   help="save your version over theirs", on_click=keep_mine, args=(concept_id, user))
