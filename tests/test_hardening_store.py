"""Concurrent writers and glossary imports: a busy store waits (and says so) instead of
crashing, slow work happens outside write transactions, and an import never silently
replaces a colleague's newer save."""

from __future__ import annotations

import sqlite3
import sys
import threading
from dataclasses import replace

import pytest

from tests.test_hardening_cli import EN, store_state
from workbench.cli import main
from workbench.errors import StoreBusyError
from workbench.glossary.model import Concept, Glossary, Term
from workbench.store import WAIT_MESSAGE, Store


def hold_write_lock(db, seconds: float, until: threading.Event | None = None) -> threading.Thread:
    """Another user's long write: a second connection holds the lock for ``seconds``,
    or until ``until`` is set if it comes first."""
    ready = threading.Event()

    def hold():
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        ready.set()
        (until or threading.Event()).wait(seconds)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(10)
    return thread


@pytest.mark.sqlite_only   # another SQLite connection holds the lock (PostgreSQL's: tests/test_store_pg.py)
def test_a_writer_waits_for_another_and_says_so(env, tmp_path, capsys, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text(EN, encoding="utf-8")
    assert main(["docs", "list"]) == 0
    before = store_state(env)["documents"]
    # the other user finishes once the message is out: on a loaded machine ingest's own work
    # before its write can take longer than any fixed holding time
    told = threading.Event()
    monkeypatch.setattr("workbench.cli.context._tell_waiting", lambda message: (
        print(message, file=sys.stderr, flush=True), told.set()))
    holder = hold_write_lock(env, 60, until=told)
    capsys.readouterr()
    assert main(["ingest", str(article)]) == 0
    holder.join()
    err = capsys.readouterr().err
    assert err == WAIT_MESSAGE + "\n"
    assert store_state(env)["documents"] == before + 1


def test_a_writer_gives_up_with_a_message_not_a_traceback(tmp_path):
    db = tmp_path / "busy.sqlite3"
    told = []
    with Store.open(db, on_wait=told.append, max_wait_s=1.0) as store:
        holder = hold_write_lock(db, 8)
        with pytest.raises(StoreBusyError) as refused:
            store.set_meta("k", "v")
        holder.join()
        assert store.get_meta("k") is None
    assert told == [WAIT_MESSAGE]
    assert str(refused.value).startswith(f"the store {db} stayed busy for ")
    assert str(refused.value).endswith(" s (another user is writing); nothing was written, try again")


@pytest.mark.sqlite_only   # probes SQLite's write lock
def test_ingest_detects_languages_without_holding_the_write_lock(env, tmp_path, monkeypatch):
    """While ingest detects the languages of its files, another user can still write."""
    from workbench import library

    paths = []
    for n in range(5):
        paths.append(tmp_path / f"f{n}.txt")
        paths[-1].write_text(EN.replace("Monday", f"day {n}"), encoding="utf-8")
    writable_during_detection = []
    detect = library.detect_languages

    def detect_and_probe(doc, lang=None):
        other = sqlite3.connect(env, isolation_level=None, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            writable_during_detection.append(True)
        except sqlite3.OperationalError:
            writable_during_detection.append(False)
        finally:
            other.close()
        return detect(doc, lang)

    with Store.open(env) as store:
        monkeypatch.setattr(library, "detect_languages", detect_and_probe)
        results = library.ingest_files(store, paths)
    assert writable_during_detection == [True] * 5
    assert [r.created for r in results] == [True] * 5


# --------------------------------------------------------------------------- glossary import

def strike(version: int = 1, es: str = "huelga", note: str = "") -> Concept:
    return Concept("strike", "struggle", "approved", "work stopped by workers", note, version,
                   (Term("en", "strike"), Term("es", es)))


def counts(store) -> tuple[int, int]:
    return store.glossary.count(), len(store.glossary.history(limit=10_000))


def test_import_of_a_stale_edited_copy_is_a_conflict_not_an_overwrite(store):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    exported = store.glossary.get("strike")                          # the file Ana sends round, version 1
    store.glossary.save(strike(1, note="Marta's note"), expected_version=1, user="marta")   # now version 2
    edited = replace(exported, terms=(Term("en", "strike"), Term("es", "paro")))           # edited offline
    report = store.glossary.import_glossary(Glossary((edited,)), user="ana")
    assert (report.added, report.updated, report.unchanged, report.conflicting) == (0, 0, 0, 1)
    assert report.conflicts[0].startswith("concept 'strike': the file has version 1 with changes, but marta at ")
    kept = store.glossary.get("strike")
    assert kept.version == 2 and kept.note == "Marta's note" and kept.terms[1].text == "huelga"
    assert store.glossary.history("strike")[0].action == "refused"   # Ana's version is not lost


def test_dry_run_counts_the_four_kinds_and_writes_nothing(store):
    other = Concept("union", "struggle", "approved", "", "", 1, (Term("en", "union"), Term("es", "sindicato")))
    base = Concept("rent", "economy", "approved", "", "", 1, (Term("en", "rent"), Term("es", "alquiler")))
    store.glossary.import_glossary(Glossary((strike(), other, base)), user="ana")
    store.glossary.save(strike(1, note="newer"), expected_version=1, user="marta")
    new = Concept("picket", "struggle", "draft", "", "", 1, (Term("en", "picket"), Term("es", "piquete")))
    changed_rent = replace(base, terms=(Term("en", "rent"), Term("es", "renta")))
    file = Glossary((strike(1, es="paro"), other, changed_rent, new))
    before = counts(store)
    report = store.glossary.import_glossary(file, user="ana", dry_run=True)
    assert report.summary() == ("1 concepts added, 1 changed, 1 conflicting (not imported), 1 unchanged "
                                "(dry run: nothing was imported)")
    assert counts(store) == before
    report = store.glossary.import_glossary(file, user="ana")
    assert (report.added, report.updated, report.conflicting, report.unchanged) == (1, 1, 1, 1)
    assert store.glossary.get("rent").terms[1].text == "renta" and store.glossary.get("strike").note == "newer"


def test_an_old_copy_nobody_edited_changes_nothing(store):
    store.glossary.import_glossary(Glossary((strike(),)), user="ana")
    store.glossary.save(strike(1, note="newer"), expected_version=1, user="marta")
    report = store.glossary.import_glossary(Glossary((strike(),)), user="ana")   # the version-1 file, as it was
    assert (report.unchanged, report.conflicting) == (1, 0)
    assert store.glossary.get("strike").note == "newer"


def test_cli_import_dry_run_and_conflict_lines(env, tmp_path, capsys):
    from workbench.glossary.canonical import write_glossary

    assert main(["docs", "list"]) == 0
    with Store.open(env) as store:
        concept = store.glossary.current().concepts[0]
        mine = replace(concept, definition=concept.definition + " (Ana's wording)")
        write_glossary(Glossary((mine,)), tmp_path / "ana.toml")
        store.glossary.save(replace(concept, note="Marta's note"), expected_version=concept.version, user="marta")
    before = store_state(env)
    capsys.readouterr()
    assert main(["glossary", "import", str(tmp_path / "ana.toml"), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"{tmp_path / 'ana.toml'}: 0 concepts added, 0 changed, 1 conflicting (not imported), "
                      "0 unchanged (dry run: nothing was imported).")
    assert out[1].startswith(f"Conflict: concept '{concept.id}': the file has version {concept.version} with "
                             f"changes, but marta at ")
    assert store_state(env) == before
    assert main(["glossary", "import", str(tmp_path / "ana.toml")]) == 0
    assert "1 conflicting (not imported)" in capsys.readouterr().out
    with Store.open(env) as store:
        assert store.glossary.get(concept.id).note == "Marta's note"


def test_realign_refuses_when_a_colleague_acted_while_it_aligned(env, monkeypatch):
    from workbench import review
    from workbench.errors import ConflictError

    paragraphs = EN.strip().split("\n\n")
    with Store.open(env) as store:
        aid = review.align_texts(store, paragraphs, ["La huelga empezó.", "El sindicato convocó."], "en", "es")
        align_gap = review._align_gap

        def colleague_acts_meanwhile(*args):
            with Store.open(env) as other:
                review.edit_target(other, aid, 0, "Marta's target", "marta")
            monkeypatch.setattr(review, "_align_gap", align_gap)
            return align_gap(*args)

        monkeypatch.setattr(review, "_align_gap", colleague_acts_meanwhile)
        with pytest.raises(ConflictError):
            review.realign(store, aid, "ana")
        [first] = store.alignments.beads(aid, positions=[0])
        assert first.edited_target == "Marta's target"


def test_users_opening_a_new_store_at_once_migrate_it_once(tmp_path):
    from workbench.store.migrations import MIGRATIONS

    db = tmp_path / "new.sqlite3"
    errors, start = [], threading.Barrier(6)

    def open_it():
        start.wait()
        try:
            Store.open(db).close()
        except Exception as exc:   # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
    assert sorted(names) == sorted(name for name, _ in MIGRATIONS)
