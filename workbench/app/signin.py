"""The sign-in form and the sidebar's sign-out, shown only when the store has users."""

from __future__ import annotations

import streamlit as st

from workbench.app import state
from workbench.app.markup import md
from workbench.app.runtime import user_errors
from workbench.users import login_required, sign_in


def signed_in(store) -> bool:
    """True when the page may be shown: a laptop without users, or a signed-in user
    who still exists. Otherwise draws the sign-in form."""
    if not login_required(store):
        state.put("signed_in_user", None)
        return True
    record = store.users.find(state.get("signed_in_user") or "")
    if record is not None:
        _sidebar(record.name, record.role)
        return True
    state.put("signed_in_user", None)   # removed since, or never signed in
    _form(store)
    return False


def _form(store) -> None:
    st.title("Sign in")
    with st.form("sign-in"):
        # so that a browser offers the saved password, not a new one
        name = st.text_input("User name", key="signin_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="signin_password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        with user_errors():
            record = sign_in(store, name, password)
            state.put("signed_in_user", record.name)
            st.rerun()


def _sidebar(name: str, role: str) -> None:
    st.sidebar.caption(f"Signed in as **{md(name)}** ({role})")
    if st.sidebar.button("Sign out", icon=":material/logout:", key="sign_out"):
        state.put("signed_in_user", None)
        st.rerun()
