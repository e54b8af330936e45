"""The Review page's button callbacks, and the choice shown when two translators
edited the same bead: each action runs on a store of its own, before the rerun
that redraws the beads (so one click costs one run)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from workbench import review
from workbench.app import keys, state
from workbench.app.markup import md
from workbench.app.runtime import error_message, open_store
from workbench.errors import ConflictError, WorkbenchError
from workbench.store import local_time

CONFLICT = "review_conflict"
# the target typed in the current bead's editor and not saved, with the editor's key: Streamlit
# drops a widget's value when another page is drawn (she looked up a term on the Glossary page
# and came back to the stored target, her typing gone)
DRAFT = "review_draft"


@dataclass(frozen=True)
class EditConflict:
    """A target text typed on a page drawn before someone else changed the same bead:
    kept here, unsaved, until the translator takes theirs or keeps it."""
    alignment_id: int
    source: tuple[int, ...]   # the segments of the bead as the translator saw it
    target: tuple[int, ...]
    shown: str                # the target text the editor started from
    typed: str


def do(action, alignment_id: int, *args, done_message=None, then=None, notice: str = "status", **kwargs) -> bool:
    """Run one review action; an error is left as a message (False), ``then`` becomes
    the current bead on success (True). ``done_message`` is shown as a status line in the
    current bead (``notice="toast"``: a toast, for the toolbar's one-off actions; a toast
    over the beads hid the buttons of the bead a translator goes on with)."""
    try:
        with open_store() as store:
            result = action(store, alignment_id, *args, **kwargs)
    except WorkbenchError as exc:
        # in the current bead: deep in an article the top of the page is off screen
        state.flash("status_error", error_message(exc))
        return False
    if then is not None:
        state.put("review_current", then)
    if done_message:
        state.flash(notice, done_message(result) if callable(done_message) else done_message)
    return True


def pressed(action=None, *args, **kwargs) -> None:
    """A click made by the page's key script (a hidden key button, the chooser folded or
    unfolded): counted before ``action`` runs, and the count drawn in the run's page
    (``keys.listener_script``), so that the script knows the page of its own click from
    the page of a run that was under way when it clicked."""
    state.put(keys.PRESSES, (state.get(keys.PRESSES) or 0) + 1)
    if action is not None:
        action(*args, **kwargs)


def undone(entry) -> str:
    """What an undo did, for the button and the `u` key alike (the key undid silently)."""
    return f"Undone: {entry.action} ({entry.detail})" if entry else "Nothing to undo."


def go_to(position: int | None, none_left: str) -> None:
    """Make ``position`` the current bead; None (nothing to go to) keeps the translator's
    place and says so, rather than sending her back to the first bead."""
    if position is None:
        state.flash("status", none_left)
    else:
        state.put("review_current", position)


def export_bytes(db_path: str, alignment_id: int, fmt: str, accepted_only: bool) -> bytes:
    """A download's contents, written when it is clicked, on a store of its own
    (Streamlit runs it on another thread than the page's)."""
    from workbench.store import Store

    with Store.open(db_path) as store:
        return review.export_text(store, alignment_id, fmt, accepted_only=accepted_only)[0].encode("utf-8")


def split_key(alignment_id: int, text) -> str:
    # editors are keyed by content: never another bead's text after a merge or undo
    return f"splitat-{alignment_id}-{text.position}-{text.revision}"


def editor_key(alignment_id: int, text) -> str:
    return f"edit-{alignment_id}-{text.position}-{text.revision}"


def editor_text(alignment_id: int, text) -> str:
    """The key of the bead's editor, its text put in the session before the editor is drawn:
    the target typed and not saved when the editor was last on the page, else the stored one."""
    key = editor_key(alignment_id, text)
    if key not in st.session_state:
        draft = state.get(DRAFT)
        st.session_state[key] = draft[1] if draft is not None and draft[0] == key else text.target
    return key


def split_at_choice(text, alignment_id: int, user: str, seen: str) -> None:
    """Split at the point chosen in the bead's “Split into” box (the likely one by default)."""
    bead = text.bead
    with open_store() as store:   # the segments' lengths order the options as the box shows them
        record = store.alignments.get(alignment_id)
    options = review.split_options(bead, record)
    chosen = st.session_state.get(split_key(alignment_id, text))
    labels = {review.split_label(bead, s, t, record): (s, t) for s, t in options}
    if not labels:
        state.flash("status", review.nothing_to_split(bead))
        return
    source_at, target_at = labels.get(chosen, options[0])
    do(review.split, alignment_id, bead.position, source_at, target_at, user, seen=seen,
       done_message=f"Split #{bead.position} into {review.split_label(bead, source_at, target_at, record)} "
                    "(u undoes).")


def move_by_choice(alignment_id: int, position: int, user: str, seen: str) -> None:
    side = st.session_state.get(f"mside-{alignment_id}-{position}", "source")
    direction = st.session_state.get(f"mdir-{alignment_id}-{position}", "previous")
    do(review.move_segment, alignment_id, position, side, direction, user, seen=seen,
       done_message=moved(position, side, direction))


def merged(position: int) -> str:
    """What a merge did, for the button and the `m` key alike (they were silent)."""
    return f"Merged #{position} with the bead after it (u undoes)."


def moved(position: int, side: str, direction: str) -> str:
    """What a move did, for the box and the `[` `]` keys alike."""
    edge = "first" if direction == "previous" else "last"
    return f"Moved the {edge} {side} segment of #{position} to the {direction} bead (u undoes)."


def save_target(alignment_id: int, text, user: str, seen: str) -> bool:
    """Save the editor's text (True once saved). When someone changed the alignment since the
    page was drawn: a change elsewhere does not matter (saved on the bead where it is now); a
    change of this bead leaves the typed text as a conflict for the translator to decide on."""
    typed = st.session_state.get(editor_key(alignment_id, text), text.target)
    if typed == text.target:
        state.flash("status", "The target text is unchanged: nothing to save.")
        return False
    try:
        with open_store() as store:
            position = text.position
            try:
                review.edit_target(store, alignment_id, position, typed, user, seen=seen)
            except ConflictError:
                now = _unchanged_bead(store, alignment_id, text)
                if now is None:
                    raise
                position = now.position
                review.edit_target(store, alignment_id, position, typed, user, seen=now.seen)
    except ConflictError:
        state.put(CONFLICT, EditConflict(alignment_id, text.bead.source, text.bead.target, text.target, typed))
    except WorkbenchError as exc:
        state.flash("status_error", error_message(exc))
    else:
        # the saved bead stays the current one (else, on a page opened at the first unreviewed
        # bead, the save made the next unreviewed bead current, and the keys acted there)
        state.put("review_current", position)
        state.put(DRAFT, None)
        state.flash("status", f"Saved the target of #{position}.")
        return True
    return False


def _typed_unsaved(alignment_id: int, text) -> bool:
    """Whether the current bead's editor holds a target typed but not saved."""
    return text is not None and st.session_state.get(editor_key(alignment_id, text), text.target) != text.target


def confirm(text, alignment_id: int, user: str, seen: str, then: int | None) -> None:
    """Accept the current bead; a target typed in its editor is saved with it (the save
    confirms the bead), never dropped. ``then`` becomes the current bead."""
    if not _typed_unsaved(alignment_id, text):
        do(review.accept, alignment_id, text.position, user, seen=seen, then=then)
    elif save_target(alignment_id, text, user, seen) and then is not None:
        state.put("review_current", then)


def unless_typed(text, alignment_id: int, action, *args, **kwargs) -> None:
    """Run ``action`` (merge, split, move, unalign: it reshapes the current bead from its
    stored target) unless the bead's editor holds a typed, unsaved target, which it would
    lose: then it is refused with a word, and the text stays in the editor."""
    if _typed_unsaved(alignment_id, text):
        state.flash("status_error", error_message(f"your typed target of #{text.position} is not saved: Save target "
                                                  "first (or put the text back), then merge, split, move or unalign"))
        return
    action(*args, **kwargs)


def leave_for(position: int | None, current_text, alignment_id: int, user: str, seen: str,
              none_left: str = "") -> None:
    """Make ``position`` the current bead, saving first a target typed in the current bead's
    editor (as moving on saves a segment in a CAT tool); the translator stays when the save
    is refused or conflicts. None: nothing to go to, said with ``none_left``."""
    if _typed_unsaved(alignment_id, current_text) and not save_target(alignment_id, current_text, user, seen):
        return
    if position is not None or none_left:   # j or k on an empty filter: nothing to go to, nothing to say
        go_to(position, none_left)


@dataclass(frozen=True)
class _Unchanged:
    position: int
    seen: str   # the alignment's change stamp when the bead was found unchanged


def _unchanged_bead(store, alignment_id: int, text) -> _Unchanged | None:
    """Where the bead the translator saw is now, when nobody changed it (None when someone did)."""
    record = store.alignments.get(alignment_id)
    now = review.bead_with_segments(store, alignment_id, text.bead.source, text.bead.target)
    if now is None or review.bead_texts(record, [now])[0].revision != text.revision:
        return None
    return _Unchanged(now.position, record.updated_at)


def keep_draft(alignment_id: int, text, seen: str) -> None:
    """The editor's on_change: when someone else changed this very bead since the page was
    drawn, the rerun would show their text in a fresh editor and drop what was typed, so
    the typed text becomes a conflict instead."""
    typed = st.session_state.get(editor_key(alignment_id, text))
    state.put(DRAFT, None if typed is None or typed == text.target else (editor_key(alignment_id, text), typed))
    if typed is None or typed == text.target:
        return
    with open_store() as store:
        if store.alignments.get(alignment_id).updated_at == seen or _unchanged_bead(store, alignment_id, text):
            return   # nobody changed this bead: its editor stays, with the typed text
    state.put(CONFLICT, EditConflict(alignment_id, text.bead.source, text.bead.target, text.target, typed))


def keep_mine(conflict: EditConflict, position: int, user: str, seen: str) -> None:
    if do(review.edit_target, conflict.alignment_id, position, conflict.typed, user, seen=seen, then=position,
          done_message=f"Saved your target of #{position}; theirs stays in the history (Undo brings it back)."):
        state.put(CONFLICT, None)
        state.put(DRAFT, None)


def take_theirs(position: int | None) -> None:
    state.put(CONFLICT, None)
    state.put(DRAFT, None)
    if position is not None:
        state.put("review_current", position)


def open_conflict(alignment_id: int) -> EditConflict | None:
    """The edit conflict waiting on this alignment, if any."""
    conflict = state.get(CONFLICT)
    return conflict if conflict is not None and conflict.alignment_id == alignment_id else None


def is_conflict_bead(conflict: EditConflict | None, bead) -> bool:
    return conflict is not None and (conflict.source, conflict.target) == (bead.source, bead.target)


def show_conflict(record, conflict: EditConflict, change: "review.Change | None", user: str, bead=None) -> None:
    """Theirs and yours side by side, naming who saved theirs and when, with the choice.
    ``bead``: the bead as it is now (None when their change merged, split or moved it away);
    ``change``: the alignment's latest change, named when the bead does not say who."""
    who, when = (bead.updated_by, bead.updated_at) if bead is not None and bead.updated_by else (
        (change.user, change.at) if change else ("someone else", ""))
    theirs = review.bead_texts(record, [bead])[0].target if bead is not None else None
    with st.container(border=True, key="wb_conflict"):
        # said as every refusal is ("Error: not saved: …"), as the Glossary's conflict: it said only the reason
        st.error(error_message(f"{who} changed this bead at {local_time(when)} (local time) while you were editing "
                               "it. Take theirs, or keep yours (theirs stays in the history).", "not saved"))
        left, right = st.columns(2)
        left.markdown(f"**Theirs** ({md(who)}, {local_time(when)})")
        left.markdown(md(theirs) if theirs is not None else "*the bead was merged, split or moved: "
                                                               "its segments are in other beads now*")
        right.markdown("**Yours** (not saved)")
        right.markdown(md(conflict.typed))
        row = st.container(horizontal=True)
        position = bead.position if bead is not None else None
        row.button("Take theirs", icon=":material/call_received:", key="review_take_theirs",
                   on_click=take_theirs, args=(position,))
        row.button("Keep mine", icon=":material/save:", key="review_keep_mine", disabled=bead is None,
                   help="save your text over theirs", on_click=keep_mine,
                   args=(conflict, position, user, record.updated_at))
