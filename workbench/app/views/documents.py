"""Documents: list stored documents, read one, add a file or pasted text."""

import streamlit as st

from workbench.app import state
from workbench.app.markup import inert, md
from workbench.app.runtime import open_store, settings, user_errors
from workbench.app.uploads import TEXT_LIMIT_MB, checked_bytes
from workbench.ingest import SUPPORTED_SUFFIXES, ingest_bytes, ingest_text
from workbench.library import store_document

st.title("Documents")

with user_errors(), open_store() as store:
    with st.expander("Add a document"):
        upload = st.file_uploader("File", type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
                                  max_upload_size=TEXT_LIMIT_MB)
        pasted = st.text_area("…or paste text", height=150)
        name = st.text_input("Name for pasted text", value="pasted text")
        if st.button("Add", type="primary"):
            with user_errors():
                data = None   # a file's bytes are kept for translating it in its own format
                if upload is not None:
                    data = checked_bytes(upload, TEXT_LIMIT_MB, "document")
                    doc = ingest_bytes(data, upload.name)
                elif pasted.strip():
                    doc = ingest_text(pasted, source_name=name or "pasted text")
                else:
                    doc = None
                    st.warning("Choose a file or paste some text first.")
                if doc is not None:
                    result = store_document(store, doc, user=settings().user, original=data)
                    state.put("document_id", result.document_id)
                    verb = "Added" if result.created else "Already stored:"
                    st.success(f"{verb} “{md(doc.title)}” ({len(doc.paragraphs)} paragraphs).")

    docs = store.documents.list()
    if not docs:
        st.info("No documents yet. Add one above.")
    else:
        st.dataframe(
            [{"id": d.id, "title": d.title, "language": d.lang or "?", "paragraphs": d.paragraph_count,
              "file": d.source_name} for d in docs],
            hide_index=True, width="stretch")
        ids = [d.id for d in docs]
        titles = {d.id: f"{d.id} · {d.title} [{d.lang or '?'}]" for d in docs}
        current = state.get("document_id")
        chosen = st.selectbox("Read document", ids, index=ids.index(current) if current in ids else 0,
                              format_func=titles.get)
        state.put("document_id", chosen)
        doc = store.documents.get(chosen)
        st.caption(md(f"{doc.source_name} · encoding {doc.encoding} · language {doc.lang or '?'}"
                      + (f" · repaired: {', '.join(doc.repairs)}" if doc.repairs else "")))
        for p in doc.paragraphs:
            if p.kind == "heading":
                st.markdown(f"<b>¶{p.index} · {inert(p.text)}</b>", unsafe_allow_html=True)  # as written
            else:
                st.text(f"¶{p.index}  {p.text}")
