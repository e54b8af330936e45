"""The sign-in form and the account menu's sign-out, shown only when the store has users.

A sign-in is a session token in the store (see workbench.users), kept by the
browser in a cookie: a reload (F5) opens a new Streamlit session, which finds
the cookie and the user again. Signing out ends the token in the store.
"""

from __future__ import annotations

import uuid

import streamlit as st

from workbench.app import keys, state
from workbench.app.markup import md
from workbench.app.runtime import settings, user_errors
from workbench.users import end_session, login_required, session_user, sign_in, start_session

COOKIE = "workbench_session"


def signed_in(store) -> bool:
    """True when the page may be shown: a laptop without users, or a browser whose session
    token is still valid (signed in on this page or before a reload). Otherwise draws the form."""
    if not login_required(store):
        state.put("signed_in_user", None)
        return True
    token = state.get("session_token") or _cookie()
    record = session_user(store, token)
    if record is not None:
        state.put("session_token", token)
        state.put("signed_in_user", record.name)
        _account(store, record.name, record.role, token)
        return True
    # expired, signed out elsewhere, user removed, or never signed in
    state.put("session_token", None)
    state.put("signed_in_user", None)
    _form(store)
    return False


def _form(store) -> None:
    st.title("Sign in")
    if _cookie():
        _set_cookie("", 0)   # a token the store no longer knows: the browser forgets it too
    with st.form("sign-in"):
        # so that a browser offers the saved password, not a new one
        name = st.text_input("User name", key="signin_name", autocomplete="username")
        password = st.text_input("Password", type="password", key="signin_password", autocomplete="current-password")
        submitted = st.form_submit_button("Sign in", type="primary")
    st.html(keys.focus_script("User name", uuid.uuid4().hex), unsafe_allow_javascript=True)
    if submitted:
        with user_errors():
            record = sign_in(store, name, password)
            state.put("session_token", start_session(store, record.name, hours=settings().session_hours))
            state.put("signed_in_user", record.name)
            st.rerun()


def _account(store, name: str, role: str, token: str) -> None:
    """Who is signed in, and the sign-out, in the page's top bar (the sidebar would take 300 px)."""
    with st.container(key="wb_account"):
        if _cookie() != token:
            _set_cookie(token, int(settings().session_hours * 3600))
        with st.popover(name, icon=":material/account_circle:"):
            st.caption(f"Signed in as **{md(name)}** ({role})")
            if st.button("Sign out", icon=":material/logout:", key="sign_out"):
                end_session(store, token)
                state.put("session_token", None)
                state.put("signed_in_user", None)
                st.rerun()


def _cookie() -> str | None:
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) else None   # (a test session has no real cookies)


def _set_cookie(token: str, max_age_s: int) -> None:
    # the token is URL-safe base64: nothing to escape; Secure where the page is served over HTTPS
    st.html(f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={max_age_s}; samesite=strict'"
            " + (location.protocol === 'https:' ? '; secure' : '');</script>", unsafe_allow_javascript=True)
