"""Session state: ids and selections only; the data lives in the store."""

from __future__ import annotations

import streamlit as st

_DEFAULTS = {
    "document_id": None,
}


def get(key: str):
    return st.session_state.get(key, _DEFAULTS.get(key))


def put(key: str, value) -> None:
    st.session_state[key] = value
