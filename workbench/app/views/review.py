"""Review: align a document pair and fix the alignment bead by bead."""

import hashlib

import streamlit as st

from workbench import review
from workbench.align.annotate import Annotator, confidence_colour, marks_html
from workbench.app import state
from workbench.app.markup import md
from workbench.app.runtime import open_store, settings, user_errors
from workbench.app.uploads import TEXT_LIMIT_MB, checked_bytes
from workbench.errors import NotFoundError
from workbench.ingest import SUPPORTED_SUFFIXES
from workbench.store.alignments import FILTERS

PAGE_SIZE = 20
GLOSSARY_FILTER = "glossary problems"
STYLE = """<style>
mark.wb-ok {background: #c8e6c9;} mark.wb-admitted {background: #fff59d;}
mark.wb-missing {background: #ffcdd2;} mark.wb-forbidden {background: #ef9a9a; text-decoration: line-through;}
mark.wb-foreign {background: #e1f5fe; border-bottom: 1px dashed #0277bd;}
div.wb-seg {border-left: 6px solid var(--c); padding: 0.2em 0.6em; min-height: 1.5em;}
</style>"""
LEGEND = ('<span style="font-size:0.85em;color:#555">Terms: <mark class="wb-ok" title="approved term, rendered '
          'as the glossary says">approved</mark> <mark class="wb-admitted">admitted</mark> '
          '<mark class="wb-missing">expected rendering missing</mark> <mark class="wb-forbidden">forbidden'
          '</mark> · <mark class="wb-foreign">foreign name</mark> · left bar: '
          '<b style="color:#66bb6a">sure</b>, <b style="color:#ffb300">doubtful</b>, '
          '<b style="color:#e53935">probably wrong</b>, <b style="color:#2e7d32">accepted</b>, '
          '<b style="color:#9e9e9e">unaligned</b> · hover a mark for its concept · any action on a bead '
          '(accept, edit, merge, split, move) confirms it as yours</span>')


@st.cache_resource(show_spinner=False)
def _annotator(src_lang: str, tgt_lang: str, fingerprint: str, foreign: bool, _glossary) -> Annotator:
    return Annotator(src_lang, tgt_lang, _glossary, foreign=foreign)


class CachedAnnotator:
    """The matcher-holding annotator, with each bead's marks cached by its texts."""

    def __init__(self, store, record, foreign: bool = True):
        glossary = store.glossary.current() if hasattr(store, "glossary") else None
        self.key = (record.src_lang, record.tgt_lang,
                    hashlib.sha1(repr(glossary).encode()).hexdigest() if glossary is not None else "-", foreign)
        self.annotator = _annotator(*self.key, glossary)

    def marks(self, source: str, target: str):
        return _marks(*self.key, source, target, self.annotator)


@st.cache_resource(max_entries=20_000, show_spinner=False)  # immutable marks: shared, not copied per lookup
def _marks(src_lang, tgt_lang, fingerprint, foreign, source, target, _annotator):
    return _annotator.marks(source, target)


@st.cache_data(max_entries=50, show_spinner="Checking every bead against the glossary…")
def _problem_positions(alignment_id: int, revision: str, glossary_key: tuple, _store, _checker) -> list[int]:
    """Computed once per content of the alignment and glossary, so paging and
    accepting under this filter stay fast on long alignments."""
    return review.glossary_problems(_store, alignment_id, _checker)


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
                _open(latest)
            if right.button("Align" if latest is None else "Align anew", key="review_align",
                            type="primary" if latest is None else "secondary",
                            help=None if latest is None else "a new alignment; the saved one stays under "
                                                             "“Saved alignments”"):
                with user_errors(), st.spinner("Aligning…"):   # an error here leaves the rest of the page
                    _open(review.align_pair(store, pair_id, unit=unit, user=user))
    with upload:
        files = st.file_uploader("Source and target file", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                                 accept_multiple_files=True, key="review_files")
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
                                  format_func=lambda i: next(f"{a.id} · {a.title[:70]} · {a.unit} · "
                                                             f"{a.reviewed}/{a.beads} reviewed"
                                                             for a in saved if a.id == i))
            if st.button("Open", key="review_open_saved"):
                _open(chosen)


def _pair_label(p) -> str:
    label = f" · {p.label[:48]}…" if len(p.label or "") > 48 else (f" · {p.label}" if p.label else "")
    return f"{p.source_title[:80]} [{p.source_lang or '?'}→{p.target_lang or '?'}]{label}"


def _bilingual_upload(store, user: str, src_lang: str, tgt_lang: str) -> None:
    """A translated bilingual file (XLIFF, TMX, CSV/TSV) opened for review, one bead per segment."""
    from workbench.bilingual import import_bilingual
    from workbench.formats.base import extensions

    upload = st.file_uploader("Or a bilingual file to review: XLIFF 1.2/2.x, TMX, CSV or TSV",
                              type=[e.lstrip(".") for e in extensions("pairs")], key="review_bilingual")
    if st.button("Open the bilingual file", key="review_bilingual_open", disabled=upload is None):
        with user_errors():
            done = import_bilingual(store, checked_bytes(upload, TEXT_LIMIT_MB, "bilingual file"), upload.name,
                                    user=user, src_lang=src_lang or None, tgt_lang=tgt_lang or None)
            state.put("review_pair", done.pair_id)
            state.flash("info", "\n".join([f"{md(upload.name)}: {done.segments} segments"]
                                          + [f"- {md(line)}" for line in done.log]))
            _open(done.alignment_id)


def _open(alignment_id: int) -> None:
    state.put("alignment_id", alignment_id)
    state.put("review_offset", 0)
    # in the address too: reloading the page (or a bookmark) opens the same alignment
    st.query_params["alignment"] = str(alignment_id)


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
            _open(alignment_id)
            if record.pair_id is not None and state.get("review_pair") is None:
                state.put("review_pair", record.pair_id)
            return


def show_alignment(store, alignment_id: int, user: str) -> None:
    record = store.alignments.get(alignment_id)
    progress = store.alignments.progress(alignment_id)
    st.subheader(md(record.title or f"Alignment {record.id}"), anchor=False)
    st.progress(progress.fraction, text=f"{progress.reviewed} of {progress.total} beads reviewed · "
                                        f"{progress.needs_review} flagged for a look")
    for w in record.warnings:
        st.warning(md(w))
    annotator = CachedAnnotator(store, record)
    # the alignment as this page last showed it: an action on a page someone else has
    # changed since is refused instead of hitting a bead that moved
    shown = state.get("review_seen")
    seen = shown[1] if shown and shown[0] == alignment_id else record.updated_at

    flt = st.selectbox("Show", list(FILTERS) + [GLOSSARY_FILTER], key="review_filter")
    c2, c3, c4, c5 = st.columns(4)
    if c2.button("Undo", icon=":material/undo:", key="review_undo", help="undo the latest action on this alignment"):
        act(review.undo, store, alignment_id, user, seen=seen, done_message=lambda entry: (
            f"Undone: {entry.action} ({entry.detail})" if entry else "Nothing to undo."))
    if c3.button("Align again", icon=":material/refresh:", key="review_realign",
                 help="keeps every bead a human touched"):
        with st.spinner("Aligning again…"):
            kept = review.realign(store, alignment_id, user)
        state.flash("toast", f"Aligned again; {kept} reviewed beads kept.")
        st.rerun()
    with c4.popover("Confirm", icon=":material/done_all:", help="confirm every bead the aligner is sure of"):
        threshold = st.slider("Confidence at least", 0.5, 1.0, 0.95, 0.01, key="review_bulk_threshold")
        sure = review.sure_positions(store, alignment_id, threshold)
        if st.button(f"Confirm {len(sure)} unreviewed beads", key="review_bulk", disabled=not sure,
                     help="accept every unreviewed, unflagged bead at or above this confidence"):
            act(review.accept_many, store, alignment_id, sure, user,
                done_message=f"Confirmed {len(sure)} beads.")
    with c5.popover("Export", icon=":material/download:"):
        accepted_only = st.checkbox("Accepted beads only", value=True, key="review_export_accepted")
        for fmt, mime in (("tmx", "application/x-tmx+xml"), ("csv", "text/csv"), ("beads", "text/plain")):
            data, n = review.export_text(store, alignment_id, fmt, accepted_only=accepted_only)
            st.download_button(f"{fmt.upper()} ({n})", data.encode("utf-8"), file_name=f"alignment-{record.id}.{fmt}",
                               mime=mime, key=f"review_dl_{fmt}")

    if flt == GLOSSARY_FILTER:
        checker = CachedAnnotator(store, record, foreign=False)
        positions = _problem_positions(alignment_id, review.alignment_revision(store, alignment_id), checker.key,
                                       store, checker)
        total = len(positions)
    else:
        positions, total = None, store.alignments.count(alignment_id, flt)
    offset = min(state.get("review_offset") or 0, max(0, (total - 1) // PAGE_SIZE * PAGE_SIZE))
    if positions is not None:
        beads = store.alignments.beads(alignment_id, positions=positions[offset:offset + PAGE_SIZE])
    else:
        beads = store.alignments.beads(alignment_id, offset=offset, limit=PAGE_SIZE, status=flt)
    st.markdown(STYLE, unsafe_allow_html=True)
    st.markdown(LEGEND, unsafe_allow_html=True)
    pages(total, offset, "_top")
    if not beads:
        st.info("No beads match this filter.")
    # the first page after a start loads the language models for the foreign-name marks
    with st.spinner("Marking glossary terms and foreign names…"):
        for text in review.bead_texts(record, beads):
            show_bead(store, record, text, annotator, user, seen)
    pages(total, offset)
    state.put("review_seen", (alignment_id, record.updated_at))


def pages(total: int, offset: int, where: str = "") -> None:
    """Previous/next page of beads; drawn above and below the beads (``where`` keeps keys apart)."""
    if total <= PAGE_SIZE:
        return
    c1, c2, c3 = st.columns([1, 3, 1])
    if c1.button("Previous", icon=":material/chevron_left:", key=f"review_prev{where}", disabled=offset == 0):
        state.put("review_offset", max(0, offset - PAGE_SIZE))
        st.rerun()
    c2.caption(f"Beads {offset + 1}–{min(total, offset + PAGE_SIZE)} of {total}")
    if c3.button("Next", icon=":material/chevron_right:", key=f"review_next{where}",
                 disabled=offset + PAGE_SIZE >= total):
        state.put("review_offset", offset + PAGE_SIZE)
        st.rerun()


def act(action, *args, done_message=None, **kwargs) -> None:
    """Run one review action; show its error, or rerun to show the new state
    (with ``done_message``, a text or a function of the action's result, as a toast)."""
    done = False
    with user_errors():
        result = action(*args, **kwargs)
        done = True
    if done:
        if done_message:
            state.flash("toast", done_message(result) if callable(done_message) else done_message)
        st.rerun()


def show_bead(store, record, text, annotator: CachedAnnotator, user: str, seen: str) -> None:
    b, pos, aid = text.bead, text.position, record.id
    colour = confidence_colour(b.confidence, b.status)
    marks = annotator.marks(text.source, text.target)
    with st.container(border=True):
        left, right, side = st.columns([4, 4, 2])
        left.markdown(f'<div class="wb-seg" style="--c:{colour}">{marks_html(text.source, marks.source)}</div>',
                      unsafe_allow_html=True)
        right.markdown(f'<div class="wb-seg" style="--c:{colour}">{marks_html(text.target, marks.target)}</div>',
                       unsafe_allow_html=True)
        stamp = review.human_stamp(b)
        score = f"human ({md(stamp)})" if stamp else f"{b.confidence:.2f}"
        side.caption(f"#{pos} · {b.kind} · {score} · {b.status}")
        reasons = review.flag_reasons(record, b)
        if reasons:
            side.caption(":material/flag: Look: " + "; ".join(md(r) for r in reasons))
        if side.button("Accept", icon=":material/check:", key=f"acc-{aid}-{pos}", help="accept this bead",
                       disabled=b.status == "accepted", use_container_width=True):
            act(review.accept, store, aid, pos, user, seen=seen)
        if side.button("Merge", icon=":material/vertical_align_bottom:", key=f"merge-{aid}-{pos}",
                       help="merge with the next bead", use_container_width=True):
            act(review.merge_next, store, aid, pos, user, seen=seen)
        if side.button("Unalign", icon=":material/block:", key=f"unal-{aid}-{pos}",
                       help="no counterpart: each segment becomes a bead of its own",
                       disabled=not (b.source and b.target), use_container_width=True):
            act(review.mark_unaligned, store, aid, pos, user, seen=seen)
        rev = text.revision  # editors keyed by content: never another bead's text after a merge or undo
        with st.expander("Edit, split, move"):
            edited = st.text_area("Target text", value=text.target, key=f"edit-{aid}-{pos}-{rev}")
            # never disabled: a click right after typing must count (the text arrives with the click)
            if st.button("Save target", key=f"save-{aid}-{pos}"):
                if edited == text.target:
                    st.toast("The target text is unchanged: nothing to save.")
                else:
                    act(review.edit_target, store, aid, pos, edited, user, seen=seen,
                        done_message=f"Saved the target of #{pos}.")
            options = {review.split_label(b, s, t): (s, t) for s, t in review.split_options(b)}
            if options:
                label = st.selectbox("Split into", list(options), key=f"splitat-{aid}-{pos}-{rev}")
                at = options[label]
                if st.button("Split", key=f"split-{aid}-{pos}"):
                    act(review.split, store, aid, pos, at[0], at[1], user, seen=seen)
            m1, m2 = st.columns(2)
            move_side = m1.radio("Side", ["source", "target"], horizontal=True, key=f"mside-{aid}-{pos}")
            direction = m2.radio("To the", ["previous", "next"], horizontal=True, key=f"mdir-{aid}-{pos}")
            if st.button("Move segment", key=f"move-{aid}-{pos}"):
                act(review.move_segment, store, aid, pos, move_side, direction, user, seen=seen)


st.title("Review")
state.show_flash()
with user_errors(), open_store() as store:
    user = settings().user
    resume(store)
    choose_alignment(store, user)
    alignment_id = state.get("alignment_id")
    if alignment_id is not None:
        with user_errors():
            show_alignment(store, alignment_id, user)
