"""Versioned schema migrations, applied in order, each in one transaction.

Append new migrations at the end; never edit one that has shipped.
"""

# A migration is one SQL text for both databases (see dialect.py), or a dict of texts by
# dialect where that is unavoidable.
MIGRATIONS: list[tuple[str, str | dict[str, str]]] = [
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
    ("0400_translation_memory", """
        CREATE TABLE tm_units (
            id INTEGER PRIMARY KEY,
            src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            source_key TEXT NOT NULL,
            source_fold TEXT NOT NULL,
            source_len INTEGER NOT NULL,
            origin TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            use_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tm_units_key ON tm_units (src_lang, tgt_lang, source_key);
        CREATE INDEX tm_units_fold ON tm_units (src_lang, tgt_lang, source_fold);
        CREATE INDEX tm_units_len ON tm_units (src_lang, tgt_lang, source_len);
    """),
    ("0401_translation_jobs", """
        CREATE TABLE translation_jobs (
            id INTEGER PRIMARY KEY,
            signature TEXT NOT NULL,
            status TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            targets TEXT NOT NULL,
            settings TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX translation_jobs_signature ON translation_jobs (signature);
        CREATE TABLE translation_job_items (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES translation_jobs(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            source_name TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL,
            status TEXT NOT NULL,
            mt_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            pair_id INTEGER REFERENCES document_pairs(id) ON DELETE SET NULL,
            UNIQUE (job_id, idx)
        );
        CREATE TABLE translation_segments (
            job_id INTEGER NOT NULL REFERENCES translation_jobs(id) ON DELETE CASCADE,
            item_id INTEGER NOT NULL REFERENCES translation_job_items(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            para_idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            source TEXT NOT NULL,
            target TEXT,
            origin TEXT NOT NULL,
            chunk INTEGER,
            tm_unit_id INTEGER,
            engine TEXT NOT NULL DEFAULT '',
            fuzzy TEXT NOT NULL DEFAULT '[]',
            findings TEXT NOT NULL DEFAULT '[]',
            flags TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (item_id, idx)
        );
        CREATE INDEX translation_segments_chunk ON translation_segments (job_id, chunk);
    """),
    ("0100_glossary", """
        CREATE TABLE glossary_concepts (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            status TEXT NOT NULL,
            definition TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL
        );
        CREATE TABLE glossary_terms (
            id INTEGER PRIMARY KEY,
            concept_id TEXT NOT NULL REFERENCES glossary_concepts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            lang TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            pos TEXT NOT NULL,
            gender TEXT,
            variants TEXT NOT NULL DEFAULT '[]',
            case_sensitive INTEGER NOT NULL DEFAULT 0,
            proper_name INTEGER NOT NULL DEFAULT 0,
            gloss TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX glossary_terms_concept ON glossary_terms (concept_id, position);
        CREATE INDEX glossary_terms_lang ON glossary_terms (lang, text);
        CREATE TABLE glossary_history (
            id INTEGER PRIMARY KEY,
            concept_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            action TEXT NOT NULL,
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            summary TEXT NOT NULL,
            snapshot TEXT
        );
        CREATE INDEX glossary_history_concept ON glossary_history (concept_id, id);
    """),
    ("0300_alignments", """
        CREATE TABLE alignments (
            id INTEGER PRIMARY KEY,
            pair_id INTEGER REFERENCES document_pairs(id) ON DELETE SET NULL,
            source_doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            target_doc_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            title TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            tgt_lang TEXT NOT NULL,
            source_segments TEXT NOT NULL,
            target_segments TEXT NOT NULL,
            provenance TEXT NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX alignments_pair ON alignments (pair_id, unit);
        CREATE TABLE alignment_beads (
            id INTEGER PRIMARY KEY,
            alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            confidence REAL NOT NULL,
            needs_review INTEGER NOT NULL,
            status TEXT NOT NULL,
            edited_target TEXT,
            features TEXT NOT NULL DEFAULT '{}',
            updated_by TEXT,
            updated_at TEXT,
            UNIQUE (alignment_id, position)
        );
        CREATE TABLE alignment_history (
            id INTEGER PRIMARY KEY,
            alignment_id INTEGER NOT NULL REFERENCES alignments(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            start INTEGER NOT NULL,
            old_beads TEXT NOT NULL,
            new_count INTEGER NOT NULL,
            user TEXT NOT NULL,
            at TEXT NOT NULL,
            undone_by TEXT,
            undone_at TEXT
        );
        CREATE INDEX alignment_history_alignment ON alignment_history (alignment_id, id);
    """),
    ("0530_job_runner", """
        ALTER TABLE translation_jobs ADD COLUMN runner TEXT;
    """),
    ("0531_document_originals", """
        CREATE TABLE document_originals (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            data BLOB NOT NULL
        );
    """),
    ("0550_users", """
        CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        );
    """),
    # PostgreSQL has no implicit rowid: jobs update a chunk's segments by it (SQLite's is there already).
    ("0600_segment_rowid", {"postgresql": """
        ALTER TABLE translation_segments ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY;
        CREATE UNIQUE INDEX translation_segments_rowid ON translation_segments (rowid);
    """}),
    # a signed-in browser keeps its sign-in over a reload: only the token's hash is stored
    ("0670_sessions", """
        CREATE TABLE sessions (
            token_hash TEXT PRIMARY KEY,
            user_name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE INDEX sessions_user ON sessions (user_name);
    """),
    # the version of the segmentation and masking rules a segment was translated under
    # (workbench/translate/rules.py; rows from before are version 1), and the translation it had
    # before a rerun translated it again under newer rules (kept: nothing is lost)
    ("0835_segment_rules", """
        ALTER TABLE translation_segments ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE translation_segments ADD COLUMN previous_target TEXT;
    """),
    # A planning that finds exact TM hits looks up the job segments with the same source
    # (JobsRepo.older_translations): without an index that read the whole table once per 400
    # hits. PostgreSQL's B-tree refuses a key over ~2.7 kB (a long paragraph that compresses
    # badly): the segments' source and the TM's keys get hash indexes there, which take any length.
    ("0836_long_text_indexes", {
        "sqlite": "CREATE INDEX translation_segments_source ON translation_segments (source);",
        "postgresql": """
            CREATE INDEX translation_segments_source ON translation_segments USING hash (source);
            DROP INDEX tm_units_key;
            CREATE INDEX tm_units_key ON tm_units USING hash (source_key);
            DROP INDEX tm_units_fold;
            CREATE INDEX tm_units_fold ON tm_units USING hash (source_fold);
        """,
    }),
    # a machine translation a new job took from an earlier job's segment (same sentence, model,
    # settings, rules and glossary) instead of giving it to the engine again: that job's id
    ("0837_segment_reused_from", """
        ALTER TABLE translation_segments ADD COLUMN reused_from INTEGER;
    """),
    # the files uploaded for a translation, stored before their languages are identified and the
    # job is planned: a row until the job that translates them exists (JobsRepo.create), so that
    # a stop in between leaves them offered on the Translate page (to start or discard), with the
    # languages asked for. Uploads of older versions stopped while being identified (no language,
    # confidence 0, in no job) are such uploads.
    ("0838_translation_uploads", """
        CREATE TABLE translation_uploads (
            document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            batch INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            uploaded_at TEXT NOT NULL,
            uploaded_by TEXT NOT NULL,
            src_lang TEXT NOT NULL,
            targets TEXT NOT NULL,
            created INTEGER NOT NULL
        );
        INSERT INTO translation_uploads (document_id, batch, idx, uploaded_at, uploaded_by, src_lang, targets,
                                         created)
            SELECT d.id, 0, d.id, d.created_at, d.created_by, 'auto', '', 1 FROM documents d
            WHERE d.lang IS NULL AND d.lang_confidence = 0
            AND NOT EXISTS (SELECT 1 FROM translation_job_items i WHERE i.document_id = d.id);
    """),
    # A bead with segments on one side only (1-0, 0-1) is stored flagged for a look since the
    # aligner's sure 0.97 of an omission read as a sure pair (review._for_a_look); its reason,
    # "no counterpart found on the other side", is read from its sides (review.flag_reasons).
    # Alignments stored before kept such beads unflagged: the "needs review" filter and the count
    # of flagged beads missed them. Only beads nobody touched are flagged (auto, no edited target,
    # no one's stamp): what she confirmed unaligned or typed stays as she left it.
    ("0839_one_sided_beads_flagged", """
        UPDATE alignment_beads SET needs_review = 1
            WHERE needs_review = 0 AND status = 'auto' AND edited_target IS NULL AND updated_by IS NULL
            AND (source = '[]' OR target = '[]') AND source <> target;
    """),
]
