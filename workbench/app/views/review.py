"""Review: align a document pair and fix the alignment bead by bead."""

import uuid
from contextlib import nullcontext
from functools import partial

import streamlit as st

from workbench import review
from workbench.app import keys, state
from workbench.app.review_actions import (confirm, do, editor_key, export_bytes, is_conflict_bead, leave_for, open_conflict,
                                          merged, moved, pressed, show_conflict, split_at_choice, undone,
                                          unless_typed)
from workbench.app.review_beads import CachedAnnotator, show_bead, show_statuses
from workbench.app.markup import md
from workbench.app.runtime import open_store, settings, user_errors
from workbench.app.uploads import TEXT_LIMIT_MB, checked_bytes
from workbench.errors import NotFoundError
from workbench.ingest import SUPPORTED_SUFFIXES
from workbench.store.alignments import FILTERS

PAGE_SIZE = 20
CHOOSER = keys.CHOOSER              # the "Open or align another pair" expander: open or folded (o opens it)
FOLD_CHOOSER = "review_fold_chooser"
OPENED = "review_opened"            # a token of the latest open: its first page scrolls to the current bead
GLOSSARY_FILTER = "glossary problems"
UPLOADS_ALIGNED = "review_uploads_aligned"   # how many uploaded pairs were aligned: the uploader's key
BILINGUAL_OPENED = "review_bilingual_opened"  # how many bilingual files were opened: their uploader's key
STYLE = """<style>
mark.wb-ok {background: #c8e6c9;} mark.wb-draft {background: #f1f8e9; outline: 1px dashed #689f38;}
mark.wb-admitted {background: #fff59d;}
mark.wb-missing {background: #ffcdd2;} mark.wb-forbidden {background: #ef9a9a; text-decoration: line-through;}
mark.wb-foreign {background: #e1f5fe; border-bottom: 1px dashed #0277bd;}
div.wb-seg {border-left: 6px solid var(--c); padding: 0.2em 0.6em; min-height: 1.5em; overflow-wrap: anywhere;}
div.wb-bead {display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem;}
div.wb-meta {font-size: 0.875rem; color: rgba(49, 51, 63, 0.6); margin-top: 0.4em;}
span.wb-icon {font-family: "Material Symbols Rounded"; vertical-align: -0.15em;}
.st-key-wb_current {outline: 3px solid #1e88e5; outline-offset: 1px; background: #f5f9ff;}
.st-key-wb_keys {display: none;}
</style>"""
LEGEND = ('<span style="font-size:0.85em;color:#555">Terms: <mark class="wb-ok" title="approved term, rendered '
          'as the glossary says">approved</mark> <mark class="wb-draft" title="preferred term of a draft concept, '
          'not yet approved by a second translator">draft</mark> <mark class="wb-admitted">admitted</mark> '
          '<mark class="wb-missing">expected rendering missing</mark> <mark class="wb-forbidden">forbidden'
          '</mark> · <mark class="wb-foreign">foreign name</mark> · left bar: '
          '<b style="color:#66bb6a">sure</b>, <b style="color:#ffb300">doubtful</b>, '
          '<b style="color:#e53935">probably wrong</b>, <b style="color:#2e7d32">accepted</b>, '
          '<b style="color:#9e9e9e">unaligned</b> · hover a mark for its concept · any action on a bead '
          '(accept, edit, merge, split, move) confirms it as yours</span>')


@st.cache_data(max_entries=50, show_spinner="Checking every bead against the glossary…")
def _glossary_flags(alignment_id: int, revision: str, glossary_key: tuple, _store, _checker) -> dict:
    """Computed once per content of the alignment and glossary, so paging and
    accepting stay fast on long alignments."""
    return review.glossary_flags(_store, alignment_id, _checker)


def glossary_flags(store, record, approved: bool = True) -> dict:
    """The beads with a glossary problem (``review.glossary_flags``): those of an approved
    concept are doubtful; with ``approved`` False, those of any concept (the filter's)."""
    checker = CachedAnnotator(store, record, foreign=False, approved=approved)
    return _glossary_flags(record.id, review.alignment_revision(store, record.id), checker.key, store, checker)


def choose_alignment(store, user: str) -> None:
    pairs = store.documents.pairs()
    stored, upload, previous = st.tabs(["Stored pair", "Upload two files", "Saved alignments"])
    with stored:
        if not pairs:
            st.info("No stored document pairs yet: upload two files, or load the demo corpus.")
        else:
            ids = [p.id for p in pairs]
            current = state.get("review_pair")
            pair_id = st.selectbox("Document pair", ids, index=ids.index(current) if current in ids else 0,
                                   format_func=lambda i: next(_pair_label(p) for p in pairs if p.id == i),
                                   key="review_pair_box")
            state.put("review_pair", pair_id)
            unit = st.radio("Unit", ["paragraph", "sentence"], horizontal=True, key="review_unit")
            latest = store.alignments.latest(pair_id, unit)
            left, right = st.columns(2)
            is_open = latest == state.get("alignment_id")
            if latest is not None and left.button("Open saved alignment", key="review_open",
                                                  type="secondary" if is_open else "primary"):
                _open_saved(store, latest, user)
            if right.button("Align" if latest is None else "Align anew", key="review_align",
                            type="primary" if latest is None else "secondary",
                            help=None if latest is None else "a new alignment; the saved one stays under "
                                                             "“Saved alignments”"):
                with user_errors(), st.spinner("Aligning…"):   # an error here leaves the rest of the page
                    _open(review.align_pair(store, pair_id, unit=unit, user=user))
    with upload:
        files = st.file_uploader("Source and target file", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                                 accept_multiple_files=True, key=_files_key(), max_upload_size=TEXT_LIMIT_MB)
        c1, c2, c3 = st.columns(3)
        src_lang = c1.text_input("Source language (empty: detect)", key="review_src_lang", placeholder="en")
        tgt_lang = c2.text_input("Target language (empty: detect)", key="review_tgt_lang", placeholder="es")
        unit_up = c3.radio("Unit", ["paragraph", "sentence"], horizontal=True, key="review_unit_up")
        if st.button("Align the two files", key="review_align_upload"):
            if len(files or []) != 2:
                st.warning("Choose exactly two files: the source first, then the target.")
            else:
                with user_errors(), st.spinner("Aligning…"):
                    pair_id, aid = review.align_uploaded(store, [(f.name, checked_bytes(f, TEXT_LIMIT_MB, "document"))
                                                                 for f in files],
                                                         [src_lang, tgt_lang], unit=unit_up, user=user)
                    state.put("review_pair", pair_id)
                    # an empty box for the next article's two files (it kept these two: the next
                    # two made four, and "Choose exactly two files"); a refused upload keeps them
                    state.put(UPLOADS_ALIGNED, (state.get(UPLOADS_ALIGNED) or 0) + 1)
                    _open(aid)
        _bilingual_upload(store, user, src_lang, tgt_lang)
    with previous:
        saved = store.alignments.list()
        if not saved:
            st.caption("No saved alignments yet.")
        else:
            ids = [a.id for a in saved]
            current = state.get("alignment_id")
            chosen = st.selectbox("Alignment", ids, index=ids.index(current) if current in ids else len(ids) - 1,
                                  key="review_saved_box",
                                  format_func=lambda i: next(review.alignment_label(a) for a in saved if a.id == i))
            if st.button("Open", key="review_open_saved"):
                _open_saved(store, chosen, user)


def _pair_label(p) -> str:
    label = f" · {p.label[:48]}…" if len(p.label or "") > 48 else (f" · {p.label}" if p.label else "")
    return f"{p.source_title[:80]} [{p.source_lang or '?'}→{p.target_lang or '?'}]{label}"


def _bilingual_upload(store, user: str, src_lang: str, tgt_lang: str) -> None:
    """A translated bilingual file (XLIFF, TMX, CSV/TSV) opened for review, one bead per segment."""
    from workbench.bilingual import import_bilingual
    from workbench.formats.base import extensions

    upload = st.file_uploader("Or a bilingual file to review: XLIFF 1.2/2.x, TMX, CSV or TSV",
                              type=[e.lstrip(".") for e in extensions("pairs")], key=_bilingual_key(),
                              max_upload_size=TEXT_LIMIT_MB)
    if st.button("Open the bilingual file", key="review_bilingual_open", disabled=upload is None):
        with user_errors():
            done = import_bilingual(store, checked_bytes(upload, TEXT_LIMIT_MB, "bilingual file"), upload.name,
                                    user=user, src_lang=src_lang or None, tgt_lang=tgt_lang or None)
            state.put("review_pair", done.pair_id)
            state.flash("info", "\n".join([f"{md(upload.name)}: {done.segments} segments"]
                                          + [f"- {md(line)}" for line in done.log]))
            # an empty box for the next file, as the two-file box above (it kept this one); a refused file stays
            state.put(BILINGUAL_OPENED, (state.get(BILINGUAL_OPENED) or 0) + 1)
            _open(done.alignment_id)


def _files_key() -> str:
    """The two-file uploader's key: a new one (an empty box) after each pair of files aligned."""
    aligned = state.get(UPLOADS_ALIGNED) or 0
    return f"review_files-{aligned}" if aligned else "review_files"


def _bilingual_key() -> str:
    """The bilingual file's uploader key: a new one (an empty box) after each file opened."""
    opened = state.get(BILINGUAL_OPENED) or 0
    return f"review_bilingual-{opened}" if opened else "review_bilingual"


def _open(alignment_id: int, redraw: bool = True, at: int | None = None) -> None:
    """Show ``alignment_id`` with ``at`` as its current bead (None: its first unreviewed one)."""
    state.put("alignment_id", alignment_id)
    state.put("review_current", at)
    state.put(OPENED, uuid.uuid4().hex)   # the page scrolls to the current bead once for each open
    state.put(FOLD_CHOOSER, True)   # folded on the next run, before the expander is drawn
    # in the address too: reloading the page (or a bookmark) opens the same alignment
    st.query_params["alignment"] = str(alignment_id)
    if redraw:   # drawn again at once, the chooser folds away and the first beads fit a 768 px screen
        st.rerun()


def _open_saved(store, alignment_id: int, user: str, redraw: bool = True) -> None:
    """A saved alignment opens where she left off, scrolled to it (not at the first unreviewed
    bead of all, which may be one she skipped screens above), however she opens it."""
    _open(alignment_id, redraw, review.resume_position(store, alignment_id, user))


def resume(store) -> None:
    """A fresh session opens the alignment in the address, else the one worked on last."""
    if state.get("alignment_id") is not None:
        return
    asked = st.query_params.get("alignment", "")
    for alignment_id in (int(asked) if asked.isdigit() else None, review.last_worked_on(store)):
        try:
            record = store.alignments.get(alignment_id) if alignment_id is not None else None
        except NotFoundError:  # a stale address: deleted, or another database
            record = None
        if record is not None:
            _open_saved(store, alignment_id, settings().user, redraw=False)
            if record.pair_id is not None and state.get("review_pair") is None:
                state.put("review_pair", record.pair_id)
            if record.unit in ("paragraph", "sentence") and "review_unit" not in st.session_state:
                state.put("review_unit", record.unit)   # the chooser shows the open alignment's unit
            return


@st.fragment
def alignment_view(alignment_id: int, user: str) -> None:
    """The open alignment; a click in it reruns this part only, not the page."""
    state.show_flash()  # a message an action of this part left (the page's own run shows it otherwise)
    with user_errors(), open_store() as store:
        show_alignment(store, alignment_id, user)


def show_alignment(store, alignment_id: int, user: str) -> None:
    record = store.alignments.get(alignment_id)
    progress = store.alignments.progress(alignment_id)
    st.subheader(md(record.title or f"Alignment {record.id}"), anchor=False)
    glossary = glossary_flags(store, record)
    st.progress(progress.fraction, text=f"{progress.reviewed} of {progress.total} beads reviewed · "
                                        f"{review.flagged_for_a_look(store, alignment_id, glossary, progress)} "
                                        "flagged for a look")
    if progress.total and progress.reviewed == progress.total:   # done: what comes next
        st.success(f"Every bead is reviewed ({progress.total} of {progress.total}). Next: Export (`x`) the "
                   "alignment as TMX or XLIFF for your CAT tool; Undo or any bead's buttons still change it.",
                   icon=":material/task_alt:")
    for w in record.warnings:
        st.warning(md(w))
    # the alignment as this page shows it: an action on a page someone else has
    # changed since is refused instead of hitting a bead that moved
    seen = record.updated_at
    # the filter in the toolbar's row: one row less above the beads on a 768 px high screen
    bar = st.container(horizontal=True, vertical_alignment="bottom")   # buttons as wide as their labels
    flt = bar.selectbox("Show", list(FILTERS) + [GLOSSARY_FILTER], key="review_filter", width=220)
    toolbar(bar, store, record, progress, user, seen, glossary)
    matching = _matching_beads(store, record, flt)
    positions = [b.position for b in matching]
    current = _current(matching)
    offset = positions.index(current) // PAGE_SIZE * PAGE_SIZE if current in positions else 0
    st.markdown(STYLE, unsafe_allow_html=True)
    st.markdown(LEGEND, unsafe_allow_html=True)
    leave = _leaving(record, matching, current, user, seen)
    key_buttons(matching, leave[0], record, user, seen, glossary)
    pages(positions, offset, leave, "_top")
    if not matching:
        st.info("No beads match this filter.")
    annotator = CachedAnnotator(store, record)
    shown = review.bead_texts(record, matching[offset:offset + PAGE_SIZE])
    conflict = _conflict_here(store, record, shown, user)
    # the first page after a start loads the language models for the foreign-name marks
    with st.spinner("Marking glossary terms and foreign names…"):
        marks = annotator.page_marks(shown)
    # what the last action did: a line in the current bead, where the translator goes on
    statuses = state.take_status()
    if current not in [t.position for t in shown]:
        show_statuses(st, statuses)
    for text, bead_marks in zip(shown, marks):
        is_current = text.position == current
        show_bead(text, record, bead_marks, leave, is_current, conflict, statuses if is_current else (),
                  review.glossary_reasons(text.bead, glossary))
    pages(positions, offset, leave)


def _leaving(record, matching: list, current: int | None, user: str, seen: str) -> tuple:
    """What leaving the current bead needs to save a target typed in its editor first:
    its text (None when no bead is shown), the alignment, the user and the page's stamp."""
    text = next(iter(review.bead_texts(record, [b for b in matching if b.position == current])), None)
    return text, record.id, user, seen


def _conflict_here(store, record, shown: list, user: str):
    """An edit conflict on this alignment (with who changed it last), drawn inside its bead
    when the bead is on this page, else above the beads. None when there is none."""
    conflict = open_conflict(record.id)
    if conflict is None:
        return None
    change = review.last_change(store, record.id)
    if not any(is_conflict_bead(conflict, t.bead) for t in shown):
        show_conflict(record, conflict, change, user,
                      review.bead_with_segments(store, record.id, conflict.source, conflict.target))
    return conflict, change


def _matching_beads(store, record, flt: str) -> list:
    if flt != GLOSSARY_FILTER:
        return store.alignments.beads(record.id, status=flt)
    problems = list(glossary_flags(store, record, approved=False))
    return store.alignments.beads(record.id, positions=problems) if problems else []


def _current(matching: list) -> int | None:
    """The bead the keys act on: the one chosen last, else the nearest shown one; on opening,
    the first bead nobody has reviewed (where the translator left off)."""
    positions = [b.position for b in matching]
    wanted = state.get("review_current")
    if not positions:
        return None
    if wanted is None:
        return next((b.position for b in matching if b.status not in ("accepted", "unaligned")), positions[0])
    if wanted in positions:
        return wanted
    return next((p for p in positions if p > wanted), positions[-1])


def toolbar(bar, store, record, progress, user: str, seen: str, glossary: dict) -> None:
    aid = record.id
    bar.button("Undo", icon=":material/undo:", key="review_undo", help="undo the latest action on this alignment (u)",
               on_click=do, args=(review.undo, aid, user), kwargs=dict(seen=seen, done_message=undone))
    machine, paired = review.is_machine_translation(record), review.paired_by(record)
    bar.button("Align again", icon=":material/refresh:", key="review_realign", disabled=bool(paired),
               help=("a machine translation is paired paragraph by paragraph by its job: nothing to align again"
                     if machine else "the imported file paired its segments: nothing to align again" if paired
                     else "keeps every bead a human touched"),
               on_click=do, args=(review.realign, aid, user),
               kwargs=dict(notice="toast", done_message=lambda kept: f"Aligned again; {kept} reviewed beads kept."))
    with bar.popover("Confirm", icon=":material/done_all:",
                     help="confirm every unflagged machine translation" if machine
                     else "confirm every bead the aligner is sure of"):
        # a job's translation or a file has no alignment confidence: no slider that would change nothing
        threshold = 0.0 if paired else st.slider("Confidence at least", 0.5, 1.0, 0.95, 0.01,
                                                  key="review_bulk_threshold")
        plan = review.bulk_confirm(store, aid, threshold, glossary)
        sure = plan.positions
        st.button(plan.label, key="review_bulk", disabled=not sure,
                  help=("accept every unflagged machine translation nobody has reviewed, unedited"
                        if machine else "accept every unreviewed, unflagged bead at or above this confidence"),
                  on_click=do, args=(review.accept_many, aid, sure, user),
                  kwargs=dict(seen=seen, notice="toast", done_message=f"Confirmed {len(sure)} beads."))
        if plan.left:
            st.caption(plan.left)
    with bar.popover("Export", icon=":material/download:", key=keys.EXPORT_MENU,
                     help="download the alignment (x: this menu, TMX focused)"):
        accepted_only = st.checkbox("Accepted beads only", value=True, key="review_export_accepted")
        st.caption(f"{progress.by_status.get('accepted', 0)} accepted of {progress.total} beads "
                   "(the beads format always has every bead)")
        for fmt, suffix, mime in (("tmx", "tmx", "application/x-tmx+xml"), ("xliff", "xlf", "application/xliff+xml"),
                                  ("csv", "csv", "text/csv"), ("beads", "beads", "text/plain")):
            # written on the click, not on every run of the page
            st.download_button(fmt.upper(), partial(export_bytes, store.path, aid, fmt, accepted_only),
                               file_name=f"alignment-{aid}.{suffix}", mime=mime, key=f"review_dl_{fmt}",
                               on_click="ignore")
    with bar.popover("Keys", icon=":material/keyboard:", help="keyboard shortcuts"):
        st.markdown(keys.legend_markdown())


def key_buttons(matching, text, record, user: str, seen: str, glossary: dict) -> None:
    """Hidden buttons the keyboard script clicks: each acts on the current bead (``text``)."""
    # the current bead's editor tells this run's page from the page drawn before it
    st.html(keys.listener_script(uuid.uuid4().hex, editor_key(record.id, text) if text is not None else None,
                                 state.get(OPENED), state.get(keys.PRESSES) or 0), unsafe_allow_javascript=True)
    aid, by_pos = record.id, {b.position: b for b in matching}
    current = text.position if text is not None else None
    bead = by_pos.get(current)
    after = next((p for p in sorted(by_pos) if current is not None and p > current), current)
    before = max((p for p in by_pos if current is not None and p < current), default=current)
    leave = (text, aid, user, seen)
    # each counts its click (pressed): the page drawn by the click's run tells the key script so
    with st.container(key="wb_keys"):
        st.button("next", key="kb_next", on_click=pressed, args=(leave_for, after, *leave))
        st.button("previous", key="kb_prev", on_click=pressed, args=(leave_for, before, *leave))
        for name, wanted, none_left in (("kb_next_open", keys.is_open, "No unconfirmed bead left."),
                                        ("kb_next_low", partial(keys.is_low, glossary=glossary),
                                         "No flagged or low-confidence bead left.")):
            st.button(name, key=name, disabled=current is None, on_click=pressed,
                      args=(leave_for, keys.next_position(matching, current or 0, wanted), *leave, none_left))
        if bead is None:
            return
        st.button("confirm", key="kb_confirm_next", on_click=pressed, args=(confirm, text, aid, user, seen, after))
        # merge, split and move start from the stored target: refused while a typed one is unsaved
        st.button("merge", key="kb_merge", on_click=pressed,
                  args=(unless_typed, text, aid, do, review.merge_next, aid, current, user),
                  kwargs=dict(seen=seen, done_message=merged(current)))
        st.button("split", key="kb_split", on_click=pressed,
                  args=(unless_typed, text, aid, split_at_choice, text, aid, user, seen))
        for side in ("source", "target"):
            for direction, short in (("previous", "prev"), ("next", "next")):
                st.button(f"move {side} {direction}", key=f"kb_move_{side}_{short}", on_click=pressed,
                          args=(unless_typed, text, aid, do, review.move_segment, aid, current, side, direction, user),
                          kwargs=dict(seen=seen, done_message=moved(current, side, direction)))
        st.button("undo", key="kb_undo", on_click=pressed, args=(do, review.undo, aid, user),
                  kwargs=dict(seen=seen, done_message=undone))


def pages(positions: list[int], offset: int, leave: tuple, where: str = "") -> None:
    """Previous/next page of beads and a jump to a bead; drawn above and below the beads
    (``where`` keeps keys apart). A page change makes its first bead the current one, once
    the target typed in the current bead is saved (``leave``: its text, alignment, user, seen)."""
    total = len(positions)
    if total <= PAGE_SIZE:
        return
    c1, c2, c3, c4 = st.columns([1, 2, 1, 1])
    c1.button("Previous", icon=":material/chevron_left:", key=f"review_prev{where}", disabled=offset == 0,
              on_click=leave_for, args=(positions[max(0, offset - PAGE_SIZE)], *leave))
    c2.caption(f"Beads {offset + 1}–{min(total, offset + PAGE_SIZE)} of {total}")
    c3.number_input("Go to bead #", min_value=positions[0], max_value=positions[-1], value=None, step=1,
                    key=f"review_jump{where}", on_change=_jump, args=(f"review_jump{where}", leave),
                    placeholder="bead #", label_visibility="collapsed")
    c4.button("Next", icon=":material/chevron_right:", key=f"review_next{where}",
              disabled=offset + PAGE_SIZE >= total,
              on_click=leave_for, args=(positions[min(total - 1, offset + PAGE_SIZE)], *leave))


def _jump(box_key: str, leave: tuple) -> None:
    if st.session_state.get(box_key) is not None:
        leave_for(int(st.session_state[box_key]), *leave)


st.title("Review")
state.show_flash()
with user_errors(), open_store() as store:
    user = settings().user
    resume(store)
    alignment_id = state.get("alignment_id")
    if alignment_id is not None and state.came_back("Review"):
        # back from another page (a term looked up in the Glossary): the page opened at its top
        # and her bead, screens further down, was off it; it scrolls to the bead as an open does
        state.put(OPENED, uuid.uuid4().hex)
    # with an alignment open the chooser folds away: on a 768 px high screen it pushed the beads off it.
    # Keyed and tracked, so that opening an alignment from it folds it again (the browser kept it open)
    if state.get(FOLD_CHOOSER):
        state.put(FOLD_CHOOSER, False)
        state.put(CHOOSER, False)
    with (st.expander("Open or align another pair", icon=":material/folder_open:", key=CHOOSER, on_change=pressed)
          if alignment_id is not None else nullcontext()):
        choose_alignment(store, user)
    alignment_id = state.get("alignment_id")
    if alignment_id is not None:
        alignment_view(alignment_id, user)
