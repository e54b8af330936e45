"""Models: installed translation models, install from an .argosmodel file or the Argos index, remove."""

import streamlit as st

from workbench.app import state
from workbench.app.markup import md
from workbench.app.runtime import settings, user_errors
from workbench.app.uploads import MODEL_LIMIT_MB, check_size
from workbench.translate.models import (install_pair, install_upload, list_models, model_dirs, reachable_pairs,
                                        remove_model)

st.title("Models")
state.show_flash()   # what the last install or removal did

with user_errors():
    models = list_models(settings())
    if models:
        st.dataframe([{"pair": m.pair, "version": m.package_version, "size MB": round(m.size_bytes / 2**20, 1),
                       "from": m.location, "path": str(m.path)} for m in models],
                     hide_index=True, width="stretch")
        pivots = [f"{a}→{b}" for a, b, pivoted in reachable_pairs(models) if pivoted]
        if pivots:
            st.caption("Through English: " + md(", ".join(pivots)))
    else:
        st.info("No translation models installed yet. Upload a downloaded .argosmodel file below, or "
                "download a language pair from the Argos index (needs internet).")
    st.caption("Looked in: " + md(" · ".join(f"{folder} ({where})" for folder, where in model_dirs(settings()))))

    st.subheader("Install")
    upload = st.file_uploader("A downloaded .argosmodel file", type=["argosmodel", "zip"])
    if st.button("Install file", disabled=upload is None) and upload is not None:
        with user_errors():
            check_size(upload, MODEL_LIMIT_MB, "model file")
            model = install_upload(settings(), upload.name, upload)   # copied to disk in pieces
            state.flash("success", md(f"Installed {model.pair} {model.package_version}."))   # shown after the rerun
            st.rerun()
    left, right, go = st.columns([1, 1, 2])
    src = left.text_input("From", max_chars=3, placeholder="en")
    tgt = right.text_input("To", max_chars=3, placeholder="es")
    if go.button("Download from the Argos index", disabled=not (src and tgt)):
        with user_errors():
            with st.spinner(f"Downloading {src}→{tgt}…"):
                model = install_pair(settings(), src.strip().lower(), tgt.strip().lower())
            st.success(md(f"Installed {model.pair} {model.package_version}."))

    if models:
        st.subheader("Remove")
        names = {m.name: f"{m.pair} {m.package_version} ({m.location})" for m in models}
        name = st.selectbox("Model", list(names), format_func=names.get)
        if st.button("Remove model"):
            with user_errors():
                removed = remove_model(settings(), name)
                state.flash("success", f"Removed {md(removed.pair)}.")
                st.rerun()
