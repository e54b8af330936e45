"""What every page needs: settings, a store for this script run, error display.

A store is opened per script run and closed after it: Streamlit may run a
session's reruns on different threads, and connections must not be shared.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from workbench.app.markup import md
from workbench.errors import WorkbenchError
from workbench.settings import Settings, load_settings
from workbench.store import Store


def settings() -> Settings:
    """The settings, with the signed-in user's name recorded with every edit
    (a store without users has no sign-in: the name is $WORKBENCH_USER's)."""
    base = load_settings()
    signed_in = st.session_state.get("signed_in_user")
    return base.with_changes(user=signed_in) if signed_in else base


@contextmanager
def open_store() -> Iterator[Store]:
    store = Store.open(settings().db_path, on_wait=st.toast)   # "Waiting for the store …" after 3 s
    try:
        yield store
    finally:
        store.close()


@st.cache_resource(max_entries=4, show_spinner=False)   # immutable: shared by the sessions
def _glossary_at(stamp: str, _store):
    return _store.glossary.current()


def current_glossary(store):
    """The store's glossary, read once per change of it (its stamp, one cheap query): reading
    800 concepts cost 0.1-0.3 s on every run of the Glossary page, and a save makes two runs."""
    return _glossary_at(store.glossary.stamp(), store)


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a core error as a message, never as a traceback."""
    try:
        yield
    except WorkbenchError as exc:
        st.error(md(exc))  # messages quote file names and user text
