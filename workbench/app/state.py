"""Session state: ids and selections only; the data lives in the store.

One exception: a message an action leaves for the next run. Actions rerun
the script so that every element shows the new state, and a rerun drops
what the run before it drew; the message is shown once, then dropped.
"""

from __future__ import annotations

import streamlit as st

_DEFAULTS = {
    "document_id": None,
    "signed_in_user": None,   # the name only: the role and the password hash stay in the store
}
_FLASH = "_flash"
_PAGE_NOW, _PAGE_BEFORE = "_page_now", "_page_before"   # the page a run draws, and the page before it
_KINDS = ("success", "info", "warning", "error", "toast", "status", "status_info", "status_warning",
          "status_error")
# drawn by the page where the action was, not on top: "status" a done action, "status_info"
# one that had nothing to do, "status_warning" one that asks first, "status_error" a refused one
_IN_PLACE = ("status", "status_info", "status_warning", "status_error")


def get(key: str):
    return st.session_state.get(key, _DEFAULTS.get(key))


def put(key: str, value) -> None:
    st.session_state[key] = value


def remembered(key: str, param: str) -> list | None:
    """The session's ``key``; in a new session (a reload, the next morning's tab) the values
    kept in the page's address under ``param`` (strings)."""
    if key in st.session_state:
        return st.session_state[key]
    return [v for v in st.query_params.get(param, "").split(",") if v] or None


def remember(key: str, param: str, values: list) -> None:
    """Put ``values`` in the session and in the address (a reload keeps them)."""
    st.session_state[key] = list(values)
    text = ",".join(str(v) for v in values)
    # written only when it changes: every write is a message to the browser
    if text and st.query_params.get(param) != text:
        st.query_params[param] = text
    elif not text and param in st.query_params:
        del st.query_params[param]


def showing(page: str) -> None:
    """Note the page this run draws (the entry file's navigation, before the page runs)."""
    st.session_state[_PAGE_BEFORE] = st.session_state.get(_PAGE_NOW)
    st.session_state[_PAGE_NOW] = page


def came_back(page: str) -> bool:
    """Whether this run draws ``page`` right after another page of the app: she looked
    something up there and came back."""
    return st.session_state.get(_PAGE_BEFORE) is not None and entered(page)


def entered(page: str) -> bool:
    """Whether this run draws ``page`` first in the session or right after another page."""
    return st.session_state.get(_PAGE_NOW) == page and st.session_state.get(_PAGE_BEFORE) != page


def flash(kind: str, message: str) -> None:
    """Leave ``message`` (st.success, st.info, … or a toast) for the next run to show;
    a "status" is a line the page itself draws where the action was (see take_status)."""
    if kind not in _KINDS:
        raise ValueError(f"flash kind must be one of {', '.join(_KINDS)}")
    st.session_state.setdefault(_FLASH, []).append((kind, message))


def show_flash() -> None:
    """Show the messages left by actions, except status lines (they wait for take_status)."""
    waiting = st.session_state.pop(_FLASH, [])
    for kind, message in waiting:
        if kind not in _IN_PLACE:
            getattr(st, kind)(message)
    statuses = [(kind, message) for kind, message in waiting if kind in _IN_PLACE]
    if statuses:
        st.session_state[_FLASH] = statuses


def take_status() -> list[tuple[str, str]]:
    """The (kind, message) status lines and errors actions left for the page to draw where
    they happened (each is drawn once, by whoever takes them)."""
    waiting = st.session_state.pop(_FLASH, [])
    others = [(kind, message) for kind, message in waiting if kind not in _IN_PLACE]
    if others:
        st.session_state[_FLASH] = others
    return [(kind, message) for kind, message in waiting if kind in _IN_PLACE]
