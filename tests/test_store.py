"""The store: migrations, WAL, one copy per content, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from workbench.errors import InputError, NotFoundError
from workbench.ingest import ingest_text
from workbench.store import Store
from workbench.store.migrations import MIGRATIONS


def test_new_store_is_migrated_in_wal_mode_with_foreign_keys(tmp_path):
    with Store.open(tmp_path / "sub" / "wb.sqlite3") as store:
        assert store.schema_version() == sorted(name for name, _ in MIGRATIONS)
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with Store.open(tmp_path / "sub" / "wb.sqlite3") as again:  # reopening applies nothing twice
        assert again.migrate() == []


def test_same_content_is_stored_once(store):
    doc = ingest_text("# Strike\n\nThe dockers walked out.", "a.md")
    first = store.documents.add(doc, lang="en")
    second = store.documents.add(ingest_text("# Strike\n\nThe  dockers walked out.\n", "b.md"), lang="en")
    assert first == (1, True) and second == (1, False)
    assert store.documents.count() == 1


def test_document_round_trip(store):
    doc = ingest_text("# Grev\n\nMadenciler Ankara'ya yürüdü.\n\nİkinci paragraf.", "grev.md")
    doc_id, _ = store.documents.add(doc, lang="tr", lang_confidence=0.99, paragraph_langs=["tr", "tr", "tr"])
    stored = store.documents.get(doc_id)
    assert stored.to_document() == doc
    assert [p.lang for p in stored.paragraphs] == ["tr", "tr", "tr"]
    assert stored.lang == "tr" and stored.content_hash == doc.content_hash


def test_failed_transaction_leaves_nothing(store):
    doc = ingest_text("Some text.", "a.txt")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.documents.add(doc)
            raise RuntimeError("boom")
    assert store.documents.count() == 0


def test_pairs_and_missing_documents(store):
    a, _ = store.documents.add(ingest_text("# A\n\nOne.", "a.md"), lang="en")
    b, _ = store.documents.add(ingest_text("# B\n\nUno.", "b.md"), lang="es")
    pair = store.documents.add_pair(a, b, label="a → b", gold_beads="[0]:[0]\n[1]:[1]\n")
    assert store.documents.add_pair(a, b) == pair
    assert [(p.source_title, p.target_title, p.target_lang) for p in store.documents.pairs()] == [("A", "B", "es")]
    with pytest.raises(NotFoundError, match="no document with id 99"):
        store.documents.get(99)
    with pytest.raises(InputError, match="cannot be paired with itself"):
        store.documents.add_pair(a, a)


def test_deleting_a_document_removes_its_paragraphs(store):
    doc_id, _ = store.documents.add(ingest_text("# A\n\nOne.", "a.md"))
    store.documents.delete(doc_id)
    assert store.connection.execute("SELECT count(*) FROM paragraphs").fetchone()[0] == 0


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "not.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    with pytest.raises(InputError, match=f"cannot open the database {path}"):
        Store.open(path)


def test_two_connections_see_each_others_commits(tmp_path):
    path = tmp_path / "wb.sqlite3"
    with Store.open(path) as one, Store.open(path) as two:
        one.documents.add(ingest_text("Text one.", "a.txt"))
        assert two.documents.count() == 1
        assert isinstance(two.connection, sqlite3.Connection)
