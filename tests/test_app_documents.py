"""The app shell and the Documents page, through Streamlit's AppTest."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from workbench.app.markup import md
from workbench.store import Store

from tests.conftest import APP_MAIN as APP
from tests.test_browser import answers_within, free_port


def documents_page(timeout=60):
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    at.switch_page("views/documents.py")
    at.run()
    return at


def test_first_start_lists_the_demo_corpus(demo_env):
    at = documents_page()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) >= 7
    assert any("Tuzla" in title for title in table["title"])


def test_paste_text_adds_a_document(env):
    at = documents_page()
    assert any("No documents yet" in i.value for i in at.info)
    at.text_area[0].input("# Grev komitesi\n\nTersane işçileri grev komitesini seçti ve lokavta karşı direndi.")
    at.text_input[0].input("grev.md")
    at.button[0].click().run()
    assert not at.exception
    assert any("Added “Grev komitesi” (2 paragraphs)" in s.value for s in at.success)
    with Store.open(env) as store:
        [doc] = store.documents.list()
        assert (doc.title, doc.lang, doc.paragraph_count) == ("Grev komitesi", "tr", 2)


def test_bad_input_shows_a_message_not_a_traceback(env):
    at = documents_page()
    at.text_area[0].input("   ")
    at.button[0].click().run()
    assert not at.exception
    assert any("Choose a file or paste some text first." in w.value for w in at.warning)


@pytest.mark.sqlite_only   # a damaged SQLite file (a bad server URL: tests/test_store_pg.py)
def test_a_broken_database_is_reported_in_the_app(env):
    env.write_bytes(b"not a database at all" * 100)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any(md(f"cannot open the database {env}") in e.value for e in at.error)  # shown as written


def test_headings_show_as_written(env):
    at = documents_page()
    at.text_area[0].input("# Wages: $5 *or* $10 <i>a day</i>\n\nThe dockers want $10 a day.")
    at.button[0].click().run()
    assert not at.exception
    [heading] = [m.value for m in at.markdown if "¶0" in m.value]
    # pasted Markdown is ingested as Markdown (emphasis and inline tags leave their text);
    # what remains is shown escaped, so `$…$` is no formula
    assert "Wages&#58; &#36;5 or &#36;10 a day" in heading


def test_app_command_refuses_a_busy_port_in_one_line(env, capsys):
    import socket

    from workbench.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["app", "--host", "127.0.0.1", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error: cannot serve on 127.0.0.1:{port}") and "--port" in err and len(err.splitlines()) == 1


def test_app_command_starts_streamlit_without_developer_menu(env, monkeypatch, capsys):
    import os

    from workbench.cli import main

    calls = []
    monkeypatch.setattr(os, "execve", lambda path, command, env: calls.append((command, env)))
    assert main(["app", "--host", "127.0.0.1", "--port", str(free_port())]) == 0
    [(command, child_env)] = calls
    assert command[command.index("--client.toolbarMode") + 1] == "viewer"
    assert child_env["WORKBENCH_DB"] == str(env)
    assert "Ctrl+C" in capsys.readouterr().out


def test_stopping_the_app_command_stops_the_server(env, tmp_path):
    """`kill` (SIGTERM, as a service manager stops it) on `workbench app` must not leave
    the Streamlit server running on the port with nobody to stop it."""
    import os
    import subprocess
    import sys

    port = free_port()
    health = f"http://127.0.0.1:{port}/_stcore/health"
    script = "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))"
    with open(tmp_path / "app.log", "w") as log:
        app = subprocess.Popen([sys.executable, "-c", script, "app", "--host", "127.0.0.1", "--port", str(port)],
                               env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    try:
        assert answers_within(health, seconds=60), "the app did not start"
        app.terminate()
        app.wait(timeout=20)
        assert not answers_within(health, seconds=3), "the server outlived `workbench app`"
    finally:
        app.kill()
