"""The app loads language identification's tables in the background from its first page."""

from __future__ import annotations

import threading

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_MAIN
from workbench.settings import load_settings


def test_the_first_page_starts_loading_the_language_tables_in_the_background(env, monkeypatch):
    from workbench import langid
    from workbench.app.runtime import start_warm_up

    loaded = threading.Event()
    monkeypatch.setattr(langid, "load_models", lambda *args: loaded.set())
    start_warm_up.clear()
    monkeypatch.setenv("WORKBENCH_WARM_UP", "1")
    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert loaded.wait(timeout=60)      # the page's thread ran the load, nobody else asked for it
    thread = start_warm_up(True)        # the one the page started (kept once per process)
    assert thread is not None and thread.name == "workbench-warm-up"
    start_warm_up.clear()


def test_warm_up_is_on_unless_turned_off():
    assert load_settings(environ={}).warm_up
    assert not load_settings(environ={"WORKBENCH_WARM_UP": "0"}).warm_up
    assert not load_settings(environ={"WORKBENCH_WARM_UP": "off"}).warm_up
