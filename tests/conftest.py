"""Shared fixtures: a fresh store, an isolated environment, the seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.tinyargos import argos_environ, build_package
from workbench.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
APP_MAIN = str(ROOT / "workbench" / "app" / "main.py")  # AppTest.from_file(APP_MAIN)


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "workbench.sqlite3")
    yield s
    s.close()


@pytest.fixture
def env(tmp_path, monkeypatch):
    """An isolated database and data folder, and an empty demo corpus
    (so the first start loads nothing). Returns the database path."""
    db = tmp_path / "env.sqlite3"
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
