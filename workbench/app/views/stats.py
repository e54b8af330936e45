"""Stats: review progress of every alignment and the confidence of its beads."""

import streamlit as st

from workbench import review
from workbench.app import state
from workbench.app.runtime import open_store, user_errors

st.title("Alignment statistics")

with user_errors(), open_store() as store:
    saved = store.alignments.list()
    if not saved:
        st.info("No alignments yet. Align a document pair on the Review page.")
    else:
        st.subheader("Review progress", anchor=False)
        st.bar_chart(review.progress_table(store), x="alignment", y=["accepted", "unaligned", "other"],
                     horizontal=True, x_label="alignment", y_label="beads")
        ids = [a.id for a in saved]
        current = state.get("alignment_id")
        chosen = st.selectbox("Alignment", ids, index=ids.index(current) if current in ids else len(ids) - 1,
                              format_func=lambda i: next(f"{a.id} · {a.title[:70]} · {a.unit}"
                                                         for a in saved if a.id == i), key="stats_alignment")
        summary = review.confidence_summary(store, chosen)
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Beads", summary.total)
        c2.metric("Reviewed", f"{summary.reviewed_fraction:.0%}")
        c3.metric("Mean confidence", summary.paired_by or f"{summary.mean_confidence:.2f}")
        c4.metric("Flagged", summary.flagged)
        st.subheader("Confidence of the beads", anchor=False)
        if summary.paired_by:
            st.caption(review.paired_line(summary))
        else:
            st.bar_chart(summary.histogram, x="confidence", y="beads")
        st.subheader("Actions over time", anchor=False)
        if summary.actions:
            st.line_chart(summary.actions, x="time", y="actions so far")
        else:
            st.caption("No review actions yet.")
