"""What every page needs: settings, a store for this script run, error display.

A store is opened per script run and closed after it: Streamlit may run a
session's reruns on different threads, and connections must not be shared.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import streamlit as st

from workbench.app.markup import md
from workbench.errors import NotFoundError, WorkbenchError
from workbench.glossary.model import Glossary
from workbench.settings import Settings, load_settings
from workbench.store import Store


def settings() -> Settings:
    """The settings, with the signed-in user's name recorded with every edit
    (a store without users has no sign-in: the name is $WORKBENCH_USER's)."""
    base = load_settings()
    signed_in = st.session_state.get("signed_in_user")
    return base.with_changes(user=signed_in) if signed_in else base


@st.cache_resource(show_spinner=False)
def start_warm_up(enabled: bool) -> threading.Thread | None:
    """Load language identification's tables (word lists, lingua's models, names: 3-5 s
    of CPU) in a background thread, once per server process, from the app's first page
    on: the first Review, Fragments or Translate run waited for them (25 s at a loaded
    laptop's first open of an alignment). The tables are the process's own caches, each
    built once (`workbench.load_once`): a page that needs one while this thread builds it
    waits for that build, and builds itself only those this thread has not reached."""
    if not enabled:
        return None
    from workbench import langid

    thread = threading.Thread(target=langid.load_models, name="workbench-warm-up", daemon=True)
    thread.start()
    return thread


@contextmanager
def open_store() -> Iterator[Store]:
    store = Store.open(settings().db_path, on_wait=st.toast)   # "Waiting for the store …" after 3 s
    try:
        yield store
    finally:
        store.close()


class _GlossaryCache:
    """One store's glossary between runs and sessions, brought up to date by reading again only
    the concepts changed since (their history rows): a save changed the store's stamp, and
    the whole glossary (800 concepts, 0.1-0.3 s) was read again in the run that drew it."""

    MOST_CHANGES = 50   # beyond, reading everything is as quick as reading each changed concept

    def __init__(self):
        self._lock = threading.Lock()
        self._read: tuple[int, Glossary] | None = None   # (history row id it was read at, glossary)

    def glossary(self, store: Store) -> Glossary:
        with self._lock:
            seen, glossary = self._read or (-1, None)
            latest, changed = store.glossary.changed_since(max(seen, 0))
            if glossary is not None:
                changed |= _versions_differ(glossary, store.glossary.versions())
            if glossary is None or latest < seen or len(changed) > self.MOST_CHANGES:
                glossary = store.glossary.current()    # first, after a restore, or after a big import
            elif changed:
                glossary = _with_changes(store, glossary, changed)
            self._read = (latest, glossary)
            return glossary


def _versions_differ(glossary: Glossary, versions: dict[str, int]) -> set[str]:
    """Concepts added, deleted or saved since ``glossary`` was read, whatever the history says."""
    kept = {c.id: c.version for c in glossary.concepts}
    return {cid for cid in kept.keys() | versions.keys() if kept.get(cid) != versions.get(cid)}


def _with_changes(store: Store, glossary: Glossary, changed: set[str]) -> Glossary:
    """``glossary`` with the ``changed`` concepts as the store holds them now (gone if deleted)."""
    concepts = {c.id: c for c in glossary.concepts}
    for concept_id in changed:
        try:
            concepts[concept_id] = store.glossary.get(concept_id)
        except NotFoundError:
            concepts.pop(concept_id, None)
    return Glossary(tuple(concepts.values()))


@st.cache_resource(max_entries=8, show_spinner=False)   # one a store; the glossaries in it are immutable
def _glossary_cache(store_path: str) -> _GlossaryCache:
    return _GlossaryCache()


def current_glossary(store: Store) -> Glossary:
    """The store's glossary, read whole once, then only the concepts changed since the last run."""
    return _glossary_cache(str(store.path)).glossary(store)


def error_message(reason: object, refused: str = "") -> str:
    """How the app says an action was refused, the line the command line prints for it:
    ``Error: <what, where>``, or ``Error: <refused>: <why>`` (``refused``: what was not done, as
    "not added"). Every refused action says it so, whether drawn at once or left for the next
    run (a callback's refusal said only the reason, the rest of the page said "Error: …")."""
    text = f"{refused}: {reason}" if refused else str(reason)
    return md(f"Error: {text}")   # messages quote file names and user text


def show_error(reason: object, refused: str = "") -> None:
    st.error(error_message(reason, refused))


@contextmanager
def user_errors() -> Iterator[None]:
    """Show a core error as a message, never as a traceback (``error_message``)."""
    try:
        yield
    except WorkbenchError as exc:
        show_error(exc)
