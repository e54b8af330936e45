"""The Review page's beads: each bead's text with its glossary and name marks, its
buttons, and the editor of the current bead."""

from __future__ import annotations

from html import escape

import streamlit as st

from workbench import review
from workbench.align.annotate import Annotator, confidence_colour, marks_html
from workbench.app.markup import md
from workbench.app.review_actions import (confirm, do, editor_text, is_conflict_bead, keep_draft, leave_for,
                                          merged, move_by_choice, save_target, show_conflict, split_at_choice,
                                          split_key, unless_typed)

PAIRED_TITLES = {"MT": "machine translation, not post-edited yet", "file": "paired by the imported file"}


@st.cache_resource(max_entries=8, show_spinner=False)
def _annotator(src_lang: str, tgt_lang: str, glossary_stamp: str, foreign: bool, approved: bool,
               _store) -> Annotator:
    """Built once per glossary state: the stamp is one cheap query, where reading the
    glossary and fingerprinting it cost 0.1-0.2 s on every rerun."""
    glossary = _store.glossary.current()
    return Annotator(src_lang, tgt_lang, review.approved_only(glossary) if approved else glossary, foreign=foreign)


class CachedAnnotator:
    """The matcher-holding annotator, with each bead's marks cached by its texts."""

    def __init__(self, store, record, foreign: bool = True, approved: bool = False):
        """``approved``: the approved concepts only (whose problems make a bead doubtful)."""
        self.key = (record.src_lang, record.tgt_lang, store.glossary.stamp(), foreign, approved)
        self.annotator = _annotator(*self.key, store)

    def marks(self, source: str, target: str):
        return _marks(*self.key, source, target, self.annotator)

    def page_marks(self, texts) -> list:
        """The marks of a page of beads: one cache lookup for the page (an action that changes
        no text, such as accept, finds it), and one a bead when the page changed."""
        return _page_marks(*self.key, tuple((t.source, t.target) for t in texts), self)


@st.cache_resource(max_entries=20_000, show_spinner=False)  # immutable marks: shared, not copied per lookup
def _marks(src_lang, tgt_lang, fingerprint, foreign, approved, source, target, _annotator):
    return _annotator.marks(source, target)


@st.cache_resource(max_entries=200, show_spinner=False)
def _page_marks(src_lang, tgt_lang, fingerprint, foreign, approved, pairs, _cached) -> list:
    return [_cached.marks(source, target) for source, target in pairs]


def show_bead(text, record, marks, leave: tuple, is_current: bool, conflict=None, statuses=(),
              glossary_reasons=()) -> None:
    """One bead: its two sides and what the aligner or a human said of it as one HTML
    element, the buttons beside it; the current bead also gets the editor, and the status
    lines of the last action under its text. (Few elements a bead: a click redraws the
    page's 20 beads, each element a message to the browser.) ``leave``: the current bead's
    text, the alignment, user and seen stamp (its typed target is saved before leaving it);
    ``glossary_reasons``: its glossary problems that make it doubtful (``review.glossary_reasons``)."""
    b, aid = text.bead, record.id
    user, seen = leave[2], leave[3]
    with st.container(border=True, key="wb_current" if is_current else f"bead-{aid}-{b.position}"):
        text_part, side = st.columns([8, 2])   # buttons beside the text at any width
        text_part.html(bead_html(text, record, marks, glossary_reasons))
        show_statuses(text_part, statuses)
        bead_buttons(side, text, leave, is_current)
        if conflict is not None and is_conflict_bead(conflict[0], b):
            show_conflict(record, *conflict, user, b)
        if is_current:
            bead_editor(text, record, user, seen)


def bead_html(text, record, marks, glossary_reasons=()) -> str:
    """Both sides with their marks, the bead's kind, score or human stamp, status and flag reasons
    (a glossary problem among them: drawn doubtful, as ``l`` and Confirm treat it)."""
    b = text.bead
    # (a job's MT bead gets no glossary reasons: its own flag reasons name its findings)
    reasons = review.flag_reasons(record, b) + list(glossary_reasons)
    # a segment without a counterpart is drawn doubtful, whatever the aligner's score
    colour = confidence_colour(b.confidence, b.status, flagged=b.needs_review or bool(reasons))
    score = escape(review.score_label(record, b))
    if score in PAIRED_TITLES:   # no alignment confidence: a job or a file paired them
        score = f'<abbr title="{PAIRED_TITLES[score]}">{score}</abbr>'
    elif score == review.one_side(b):   # the aligner's score is how sure it is that nothing matches
        score = (f'<abbr title="no counterpart on the other side (the aligner\'s confidence in that: '
                 f'{b.confidence:.2f})">{score}</abbr>')
    flag = ('<div class="wb-meta"><span class="wb-icon">flag</span> Look: '
            + "; ".join(escape(r) for r in reasons) + "</div>") if reasons else ""
    return (f'<div class="wb-bead"><div class="wb-seg" style="--c:{colour}">{marks_html(text.source, marks.source)}'
            f'</div><div class="wb-seg" style="--c:{colour}">{marks_html(text.target, marks.target)}</div></div>'
            f'<div class="wb-meta">#{b.position} · {b.kind} · {score} · {escape(b.status)}</div>{flag}')


def bead_buttons(side, text, leave: tuple, is_current: bool) -> None:
    """Accept on every bead; merge and unalign on the current one, with its editor (each
    button is drawn again on every click: fewer buttons, a faster page)."""
    b, pos = text.bead, text.position
    current, aid, user, seen = leave
    # the current bead's Accept also saves a target typed in its editor; another bead's Accept
    # leaves the current bead where it is (it made the accepted bead current: a click far above
    # took her place away)
    here = current.position if current is not None else None
    accept = (dict(on_click=confirm, args=(text, aid, user, seen, pos)) if is_current else
              dict(on_click=do, args=(review.accept, aid, pos, user), kwargs=dict(seen=seen, then=here)))
    side.button("Accept", icon=":material/check:", key=f"acc-{aid}-{pos}", disabled=b.status == "accepted",
                width="stretch", **accept)
    if not is_current:
        side.button("Select", icon=":material/edit:", key=f"pick-{aid}-{pos}", width="stretch",
                    help="make this the current bead: edit, merge, split, move or unalign it; the keys act on it",
                    on_click=leave_for, args=(pos, *leave))
        return
    side.button("Merge", icon=":material/vertical_align_bottom:", key=f"merge-{aid}-{pos}",
                help="merge with the next bead (m)", width="stretch",
                on_click=unless_typed, args=(text, aid, do, review.merge_next, aid, pos, user),
                kwargs=dict(seen=seen, then=pos, done_message=merged(pos)))
    side.button("Unalign", icon=":material/block:", key=f"unal-{aid}-{pos}",
                help="no counterpart: each segment becomes a bead of its own",
                disabled=not (b.source and b.target), width="stretch",
                on_click=unless_typed, args=(text, aid, do, review.mark_unaligned, aid, pos, user),
                kwargs=dict(seen=seen, then=pos, done_message=f"#{pos} unaligned: each of its segments is a "
                                                              "bead of its own (u undoes)."))


def bead_editor(text, record, user: str, seen: str) -> None:
    """Edit, split and move, for the current bead only (fewer widgets: a faster page)."""
    b, pos, aid = text.bead, text.position, record.id
    st.text_area("Target text (e to edit, Esc to leave)", key=editor_text(aid, text),
                 on_change=keep_draft, args=(aid, text, seen))
    row = st.container(horizontal=True, vertical_alignment="bottom")   # buttons keep their labels at 1024 px
    # never disabled: a click right after typing must count (the text arrives with the click)
    row.button("Save target", icon=":material/save:", key=f"save-{aid}-{pos}", on_click=save_target,
               args=(aid, text, user, seen))
    options = [review.split_label(b, s, t, record) for s, t in review.split_options(b, record)]
    if options:
        row.selectbox("Split into", options, key=split_key(aid, text))
        row.button("Split", icon=":material/call_split:", key=f"split-{aid}-{pos}", help="split here (s)",
                   on_click=unless_typed, args=(text, aid, split_at_choice, text, aid, user, seen))
    moves = st.container(horizontal=True, vertical_alignment="bottom")
    moves.radio("Side", ["source", "target"], horizontal=True, key=f"mside-{aid}-{pos}")
    moves.radio("To the", ["previous", "next"], horizontal=True, key=f"mdir-{aid}-{pos}")
    moves.button("Move segment", icon=":material/swap_vert:", key=f"move-{aid}-{pos}",
                 help="keys: [ ] move a target sentence, { } a source sentence",
                 on_click=unless_typed, args=(text, aid, move_by_choice, aid, pos, user, seen))


def show_statuses(where, statuses) -> None:
    """What the last action did (a line) or why it was refused (an error), in ``where``."""
    for kind, message in statuses:
        if kind == "status_error":
            where.error(message)
        else:
            where.caption(f":material/info: {md(message)}")
