"""Versioned schema migrations, applied in order, each in one transaction.

Append new migrations at the end; never edit one that has shipped.
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            lang TEXT,
            lang_confidence REAL,
            source_name TEXT NOT NULL,
            fmt TEXT NOT NULL,
            encoding TEXT NOT NULL,
            repairs TEXT NOT NULL DEFAULT '',
            content_hash TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            level INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            lang TEXT,
            UNIQUE (document_id, idx)
        );
        CREATE TABLE document_pairs (
            id INTEGER PRIMARY KEY,
            source_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            target_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL DEFAULT '',
            gold_beads TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (source_id, target_id)
        );
    """),
]
