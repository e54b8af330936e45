"""Shared fixtures: a fresh store, an isolated environment, the seeds.

With ``WORKBENCH_TEST_PG=postgresql://…`` set, the ``store`` and ``env`` fixtures
(and so every test built on them) use a fresh PostgreSQL schema per test
instead of an SQLite file; tests marked ``sqlite_only`` test SQLite itself
(its files, locks, WAL) and keep an SQLite file.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import settings

from tests.tinyargos import argos_environ, build_package
from workbench.store import Store
from workbench.store.postgres import schema_url

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
SHARED_GLOSSARY = ROOT / "glossaries" / "political-terms.toml"
APP_MAIN = str(ROOT / "workbench" / "app" / "main.py")  # AppTest.from_file(APP_MAIN)
# The app's background load of language identification's tables (3-5 s of CPU once per
# process) is off in tests, app servers of the browser tests included: tests load what
# they use, and two test processes share two cores. tests/test_warm_up.py turns it on.
os.environ.setdefault("WORKBENCH_WARM_UP", "0")


def opened_alignment(aid: int):
    """The app run once with stored alignment `aid` open in Review (its address parameter)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP_MAIN, default_timeout=60)
    at.query_params["alignment"] = str(aid)
    at.run()
    assert not at.exception, at.exception
    return at


def pytest_addoption(parser):
    parser.addoption("--file-durations", type=int, default=0, metavar="N",
                     help="after the run, list the N test files that took longest (setup, call and teardown summed)")


def pytest_configure(config):
    # the same property examples on every run: a red suite always means a change,
    # never a rare example drawn this time (WORKBENCH_HYPOTHESIS_RANDOM=1 explores)
    settings.register_profile("workbench", derandomize=not os.environ.get("WORKBENCH_HYPOTHESIS_RANDOM"))
    settings.load_profile("workbench")
    config.addinivalue_line("markers", "sqlite_only: tests SQLite itself; stays on SQLite with WORKBENCH_TEST_PG")


def pytest_collection_modifyitems(config, items):
    """The browser tests serve the app on an SQLite file of their own (WORKBENCH_DB), whichever
    store the suite runs on: on PostgreSQL they would repeat the SQLite run's tests exactly, and
    took half of that run's time (a run must stay under 10 minutes)."""
    if not os.environ.get("WORKBENCH_TEST_PG"):
        return
    repeated = pytest.mark.skip(reason="serves the app on an SQLite file: run by the SQLite suite")
    for item in items:
        if "browser" in item.path.name:
            item.add_marker(repeated)


def pytest_terminal_summary(terminalreporter, config):
    """Where the suite's time goes, file by file (``--durations`` names single tests only)."""
    count = config.getoption("--file-durations")
    if not count:
        return
    seconds: dict[str, float] = defaultdict(float)
    tests: dict[str, set] = defaultdict(set)
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) and hasattr(report, "duration"):
                path = report.nodeid.split("::", 1)[0]
                seconds[path] += report.duration
                tests[path].add(report.nodeid)
    terminalreporter.write_sep("=", f"slowest {count} test files (of {len(seconds)}), "
                                    f"{sum(seconds.values()):.1f} s in all")
    for path, took in sorted(seconds.items(), key=lambda item: -item[1])[:count]:
        terminalreporter.write_line(f"{took:8.2f}s  {len(tests[path]):4d} tests  {path}")


@pytest.fixture(autouse=True)
def main_module_restored():
    """AppTest runs the app's main.py as ``__main__`` and leaves it there: a process spawned
    later in the same test process (the Dask workers of tests/test_cluster.py) then ran the
    app's main.py again on start, outside Streamlit, and failed there (a fresh-clone run: "Nanny
    failed to start worker process"). Each test starts with the ``__main__`` the run began with."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture(scope="session", autouse=True)
def shared_glossary_parsed_once():
    """Every fresh store loads the shared glossary on its first start (the app, most commands):
    hundreds of times a run, 0.7 s of TOML parsing each. Parse that one file once per run and
    hand every later reader the same Glossary (frozen dataclasses and tuples: nobody can change
    it). Other files, and this one once changed on disk, are parsed as before, so the reader's
    own tests still read every file they name."""
    from workbench.glossary import canonical

    parse = canonical.load_glossary
    parsed: dict[tuple, object] = {}

    def load_glossary(path):
        stat = Path(path).stat() if Path(path).is_file() else None
        key = (Path(path).resolve(), stat.st_mtime_ns, stat.st_size) if stat else None
        if key is None or key[0] != SHARED_GLOSSARY:
            return parse(path)
        if key not in parsed:
            parsed[key] = parse(path)
        return parsed[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(canonical, "load_glossary", load_glossary)
        yield


@pytest.fixture(scope="session")
def pg_admin():
    """A connection to the test server named by WORKBENCH_TEST_PG, or None (SQLite run)."""
    url = os.environ.get("WORKBENCH_TEST_PG")
    if not url:
        yield None
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")   # a test that left a session open must not hang the run
        yield conn


@pytest.fixture
def database(request, pg_admin, tmp_path):
    """Where a test's store lives: a fresh PostgreSQL schema (its URL sets the search
    path) when testing on PostgreSQL, else an SQLite file in tmp_path."""
    if pg_admin is None or request.node.get_closest_marker("sqlite_only"):
        yield tmp_path / "workbench.sqlite3"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    pg_admin.execute(f"CREATE SCHEMA {schema}")
    yield schema_url(os.environ["WORKBENCH_TEST_PG"], schema)
    try:
        pg_admin.execute(f"DROP SCHEMA {schema} CASCADE")
    except Exception:   # still locked by a leftover session: the test server is thrown away anyway
        pass


@pytest.fixture
def store(database):
    s = Store.open(database)
    yield s
    s.close()


@pytest.fixture
def env(database, tmp_path, monkeypatch):
    """An isolated database and data folder, and an empty demo corpus
    (so the first start loads nothing). Returns the database (an SQLite file's
    path, or a PostgreSQL URL: see ``database``)."""
    db = database
    empty = tmp_path / "no-corpus"
    empty.mkdir()
    monkeypatch.setenv("WORKBENCH_DB", str(db))
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORKBENCH_CORPUS", str(empty))
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    # model installs go to Argos's folder: keep them out of the user's own
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos-packages"))
    return db


@pytest.fixture
def demo_env(env, monkeypatch):
    """Like env, but the first start loads the real demo corpus."""
    monkeypatch.setenv("WORKBENCH_CORPUS", str(CORPUS))
    return env


@pytest.fixture
def argos_env(env, tmp_path, monkeypatch):
    """Like env, plus an Argos packages folder holding a tiny en->es model
    built by the test (random output, real CTranslate2 and SentencePiece)."""
    for key, value in argos_environ(tmp_path / "argos").items():
        monkeypatch.setenv(key, value)
    build_package(os.environ["ARGOS_PACKAGES_DIR"], "en", "es")
    return env


@pytest.fixture
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("the shared seed documents are not available")
    return sorted(SEEDS.glob("*.txt"))
