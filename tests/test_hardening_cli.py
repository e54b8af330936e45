"""Hostile and mistaken command lines: every input checked before the first write,
one ``Error:`` line and exit 2, and the store exactly as it was (integrity and counts)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from tests.conftest import ROOT
from workbench.cli import main

EN = "The strike of the miners began on Monday.\n\nThe union called a meeting in the port.\n"
ES = "La huelga de los mineros empezó el lunes.\n\nEl sindicato convocó una reunión en el puerto.\n"
TABLES = ("documents", "paragraphs", "alignments", "alignment_beads", "glossary_concepts", "glossary_history",
          "translation_jobs", "document_pairs")


@contextmanager
def raw_database(db):
    """The store's database opened without the workbench: sqlite3 for a file, psycopg for a
    PostgreSQL URL (the test run on PostgreSQL, see tests/conftest.py)."""
    if str(db).startswith("postgresql://"):
        import psycopg

        with psycopg.connect(str(db), autocommit=True) as conn:
            yield conn
    else:
        with sqlite3.connect(db) as conn:
            yield conn


def store_state(db) -> dict:
    """Integrity check (SQLite's; a PostgreSQL server checks its own pages) and row counts,
    read without the workbench."""
    with raw_database(db) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0] if isinstance(conn, sqlite3.Connection) \
            else "ok"
        state = {"integrity": integrity}
        for table in TABLES:
            state[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return state


@pytest.fixture
def texts(env, tmp_path):
    """An English and a Spanish file, and a store that has started once (shared glossary loaded)."""
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "es.txt").write_text(ES, encoding="utf-8")
    assert main(["docs", "list"]) == 0
    return tmp_path


@contextmanager
def no_hang(seconds: int = 30):
    """Fail instead of hanging (a FIFO read waits for a writer forever)."""
    def stop(*_):
        raise TimeoutError(f"still running after {seconds} s")
    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run_refused(capsys, argv, db) -> str:
    """Run a command that must fail: exit 2, one Error line, store unchanged. Returns the line."""
    before = store_state(db)
    capsys.readouterr()
    with no_hang():
        code = main(argv)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("Error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    after = store_state(db)
    assert after == before and after["integrity"] == "ok"
    return err.rstrip("\n")


def test_align_checks_every_input_before_writing(texts, env, capsys):
    t = texts
    (t / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4)
    (t / "afile").write_text("x", encoding="utf-8")
    en, es = str(t / "en.txt"), str(t / "es.txt")
    cases = [
        ([en, str(t / "image.txt")], f"Error: cannot ingest {t / 'image.txt'}: it looks like a binary file, not text"),
        ([en, es, "--dictionary", str(t / "missing.index")], f"Error: {t / 'missing.index'}: no such dictionary index"),
        ([en, es, "--dictionary", str(t / "de-en.txt"), "--dictionary-langs", "en"],
         "Error: --dictionary-langs 'en': give two language codes as XX-YY, e.g. de-en"),
        ([en, es, "--dictionary-langs", "en-es"], "Error: --dictionary-langs needs --dictionary FILE"),
        ([en, es, "-o", str(t / "afile" / "out.tmx")],
         f"Error: cannot write the output file {t / 'afile' / 'out.tmx'}: {t / 'afile'} is a file, not a folder"),
        ([en, es, "-o", str(t)], f"Error: {t}: is a folder; give a file name for the output file"),
    ]
    for argv, expected in cases:
        assert run_refused(capsys, ["align", *argv], env) == expected


def test_translate_checks_every_input_before_writing(argos_env, tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["docs", "list"]) == 0
    out = str(tmp_path / "out")
    cases = [
        (["--to", "es", "--out", out, "--chunk-size", "0"], "Error: --chunk-size must be at least 1, not 0"),
        (["--to", "es", "--out", out, "--threads", "-5"], "Error: --threads must be at least 0, not -5"),
        (["--to", "es", "--out", out, "--beam", "0"], "Error: --beam must be at least 1, not 0"),
        (["--to", "tr", "--out", out], "Error: no translation model for en->tr; install one with: workbench "
                                       "models install en tr"),
        (["--to", "es", "--out", str(tmp_path / "afile")],
         f"Error: {tmp_path / 'afile'}: is a file, not a folder; give a folder for the --out folder"),
    ]
    for argv, expected in cases:
        assert run_refused(capsys, ["translate", str(good), "--from", "en", *argv], argos_env) == expected
    assert not os.path.exists(out)


@pytest.mark.parametrize("argv, what", [
    (["ingest", "{fifo}.txt"], "text file"),
    (["align", "{fifo}.txt", "{dir}/es.txt"], "text file"),
    (["align", "{fifo}.txt", "{dir}/es.txt", "--presegmented"], "text file"),
    (["align", "{dir}/en.txt", "{dir}/es.txt", "--dictionary", "{fifo}.txt"], "dictionary"),
    (["glossary", "import", "{fifo}.toml"], "glossary file"),
    (["tm", "import", "{fifo}.tmx"], "file"),
])
def test_a_pipe_is_refused_not_waited_on(texts, env, capsys, argv, what):
    for suffix in (".txt", ".toml", ".tmx"):
        os.mkfifo(texts / f"pipe{suffix}")
    fifo = texts / "pipe"
    argv = [a.format(fifo=fifo, dir=texts) for a in argv]
    path = next(a for a in argv if a.startswith(str(fifo)))
    assert run_refused(capsys, argv, env) == (f"Error: {path}: not a regular file (a pipe, device or socket); "
                                              f"give a {what} saved on disk")


def test_a_file_name_that_is_not_utf8_is_stored_and_printed(texts, env, capsys):
    name = os.fsdecode(b"caf\xe9.txt")
    (texts / name).write_text(EN, encoding="utf-8")
    assert main(["ingest", str(texts / name), "--json"]) == 0
    assert '"source_name": "caf\ufffd.txt"' in capsys.readouterr().out
    missing = str(texts / os.fsdecode(b"caf\xe9.md"))
    line = run_refused(capsys, ["ingest", missing], env)
    assert line == f"Error: cannot read {texts}/caf\\udce9.md: no such file"


@pytest.mark.parametrize("argv, expected", [
    (["app", "--port", "70000"], "Error: workbench app: argument --port: '70000' is not a port number (1 to 65535) "
                                 "(see workbench app --help)"),
    (["ingest", "x.txt", "--lang", "!!"], "Error: workbench ingest: argument --lang: '!!' is not a language code "
                                          "like en, es, de or tr (see workbench ingest --help)"),
    (["translate", "x.txt", "--to", "es", "--out", "o", "--threads", "many"],
     "Error: workbench translate: argument --threads: invalid int value: 'many' (see workbench translate --help)"),
])
def test_usage_mistakes_are_one_error_line(env, capsys, argv, expected):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err == expected + "\n"


def test_app_port_option_and_streamlit_variable(env, monkeypatch, capsys):
    import socket

    from workbench.app.uploads import SERVER_LIMIT_MB

    calls = []
    monkeypatch.setattr(os, "execve", lambda path, command, env: calls.append(command))
    ports = []
    for _ in range(2):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", str(ports[0]))
    assert main(["app", "--host", "127.0.0.1"]) == 0
    assert main(["app", "--host", "127.0.0.1", "--port", str(ports[1])]) == 0   # the option wins
    served = [c[c.index("--server.port") + 1] for c in calls]
    assert served == [str(ports[0]), str(ports[1])]
    assert calls[0][calls[0].index("--server.maxUploadSize") + 1] == str(SERVER_LIMIT_MB)
    monkeypatch.setenv("STREAMLIT_SERVER_PORT", "http")
    capsys.readouterr()
    assert main(["app"]) == 2
    assert capsys.readouterr().err == "Error: STREAMLIT_SERVER_PORT: 'http' is not a port number (1 to 65535)\n"


# --------------------------------------------------------------------------- kill -9 during align

KILL_PARAGRAPHS = 150


def _long_pair(folder):
    import random

    rng = random.Random(11)
    en = "the workers union strike city rent wage miners port meeting party struggle".split()
    es = "los obreros sindicato huelga ciudad alquiler salario mineros puerto reunión partido lucha".split()
    for name, words in (("long_en.txt", en), ("long_es.txt", es)):
        paragraphs = [" ".join(" ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(4))
                      for _ in range(KILL_PARAGRAPHS)]
        (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def test_kill_9_during_align_leaves_all_or_nothing(texts, env):
    """Killed at several points, an align run leaves its two documents and their alignment, or none."""
    _long_pair(texts)
    cmd = [sys.executable, "-c", "import sys; from workbench.cli import main; sys.exit(main(sys.argv[1:]))",
           "align", str(texts / "long_en.txt"), str(texts / "long_es.txt"), "--src-lang", "en", "--tgt-lang", "es",
           "--unit", "sentence", "--format", "json"]
    outcomes = set()
    for delay in (0.4, 1.2, 2.5, 4.0, 6.0):
        before = store_state(env)
        proc = subprocess.Popen(cmd, env=os.environ, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        after = store_state(env)
        assert after["integrity"] == "ok"
        added = {k: after[k] - before[k] for k in ("documents", "alignments")}
        assert added in ({"documents": 0, "alignments": 0}, {"documents": 2, "alignments": 1}), added
        outcomes.add(added["alignments"])
        if added["alignments"]:
            break
    with raw_database(env) as conn:   # every alignment has both of its documents
        orphans = conn.execute("SELECT count(*) FROM alignments a WHERE source_doc_id IS NOT NULL AND NOT EXISTS "
                               "(SELECT 1 FROM documents d WHERE d.id = a.source_doc_id)").fetchone()[0]
    assert orphans == 0
    assert 0 in outcomes   # at least one run was killed before its single write
