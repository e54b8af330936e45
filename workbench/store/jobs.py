"""Translation jobs, their items (one per document and target) and segments.

A job is planned once, in one transaction: every segment is stored with its
origin ("tm" with the reused target, "mt" with the chunk it will be
translated in). Running a job fills the MT chunks one transaction at a time,
so an interrupted job continues with the first unfinished chunk, and its
chunks are exactly those of an uninterrupted run.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.errors import NotFoundError
from workbench.store.repo import Repo

if TYPE_CHECKING:
    from workbench.store import Store


@dataclass(frozen=True)
class Job:
    id: int
    signature: str
    status: str           # planned | running | done
    src_lang: str
    targets: tuple[str, ...]
    settings: dict
    created_at: str
    created_by: str
    updated_at: str
    runner: str | None = None   # "host:pid" of the process running it, while it runs


@dataclass(frozen=True)
class JobItem:
    id: int
    job_id: int
    index: int
    document_id: int | None
    source_name: str
    src_lang: str
    tgt_lang: str
    status: str           # planned | done
    mt_document_id: int | None
    pair_id: int | None


@dataclass(frozen=True)
class JobSegment:
    item_id: int
    index: int
    para_index: int
    start: int
    end: int
    source: str
    target: str | None
    origin: str           # tm | mt
    chunk: int | None
    tm_unit_id: int | None
    engine: str
    fuzzy: tuple[dict, ...]
    findings: tuple[dict, ...]
    flags: tuple[str, ...]
    rules: int = 1                       # the version of the rules it was translated under (translate/rules.py)
    previous_target: str | None = None   # its translation before a rerun made it again under newer rules
    reused_from: int | None = None       # the earlier job whose machine translation it took (no engine call)


@dataclass(frozen=True)
class PlannedItem:
    document_id: int
    source_name: str
    src_lang: str
    tgt_lang: str
    segments: tuple[dict, ...]   # keys: index, para_index, start, end, source, target, origin,
                                 # chunk, tm_unit_id, engine, fuzzy, rules (, findings, flags,
                                 # previous_target: a segment planned again; reused_from)


@dataclass(frozen=True)
class ChunkWork:
    src_lang: str
    tgt_lang: str
    sources: list[str]              # distinct, in first-seen order
    rows: list[tuple[int, str]]     # (rowid, source) of every segment of the chunk
    # source -> the file names of the stored originals of the documents it is in
    originals: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Upload:
    """A file stored for a translation whose job does not exist yet (``JobsRepo.note_uploads``)."""
    document_id: int
    batch: int                 # the files uploaded together share one
    uploaded_at: str
    uploaded_by: str
    src_lang: str
    targets: tuple[str, ...]   # empty: not known (an upload of a version that did not record them)
    created: bool              # the upload stored the document (False: the same text was stored before)


@dataclass(frozen=True)
class JobProgress:
    total: int
    done: int
    chunks_total: int
    chunks_done: int


class JobsRepo(Repo):
    def create(self, signature: str, src_lang: str, targets: list[str], settings: dict,
               items: list[PlannedItem], user: str) -> int:
        from workbench.store import utc_now

        now = utc_now()
        with self._store.transaction() as conn:
            job_id = conn.execute(
                "INSERT INTO translation_jobs (signature, status, src_lang, targets, settings, created_at, "
                "created_by, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (signature, "planned", src_lang, ",".join(targets), json.dumps(settings, sort_keys=True),
                 now, user, now)).lastrowid
            for n, item in enumerate(items):
                item_id = conn.execute(
                    "INSERT INTO translation_job_items (job_id, idx, document_id, source_name, src_lang, "
                    "tgt_lang, status) VALUES (?,?,?,?,?,?,?)",
                    (job_id, n, item.document_id, item.source_name, item.src_lang, item.tgt_lang,
                     "planned")).lastrowid
                _insert_segments(conn, job_id, item_id, item.segments)
            self._forget_uploads(conn, [item.document_id for item in items])
        return job_id

    # ---------------------------------------------------------------- uploads not started yet

    def note_uploads(self, uploads: list[tuple[int, bool]], src_lang: str, targets, user: str) -> None:
        """Remember files stored for a translation, (document id, stored by this upload), until a
        job with them exists; call inside the transaction storing them."""
        from workbench.store import utc_now

        now = utc_now()
        batch = 1 + self._conn.execute("SELECT COALESCE(MAX(batch), 0) FROM translation_uploads").fetchone()[0]
        self._conn.executemany(
            "INSERT INTO translation_uploads (document_id, batch, idx, uploaded_at, uploaded_by, src_lang, targets, "
            "created) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (document_id) DO UPDATE SET batch = excluded.batch, "
            "idx = excluded.idx, uploaded_at = excluded.uploaded_at, uploaded_by = excluded.uploaded_by, "
            "src_lang = excluded.src_lang, targets = excluded.targets",
            [(doc_id, batch, n, now, user, src_lang or "auto", ",".join(targets), int(created))
             for n, (doc_id, created) in enumerate(uploads)])

    def unstarted_uploads(self) -> list[Upload]:
        """The uploads no job translates (the process stopped before the job was planned, or the
        job could not start), oldest first."""
        rows = self._conn.execute(
            "SELECT * FROM translation_uploads u WHERE NOT EXISTS "
            "(SELECT 1 FROM translation_job_items i WHERE i.document_id = u.document_id) "
            "ORDER BY u.batch, u.uploaded_at, u.idx").fetchall()
        return [Upload(r["document_id"], r["batch"], r["uploaded_at"], r["uploaded_by"], r["src_lang"],
                       tuple(t for t in r["targets"].split(",") if t), bool(r["created"])) for r in rows]

    def forget_uploads(self, document_ids) -> None:
        with self._store.transaction() as conn:
            self._forget_uploads(conn, document_ids)

    def discard_uploads(self, document_ids) -> int:
        """Forget uploads not started, and delete the documents they stored that nothing else
        uses (no job, pair or alignment; a text stored before the upload is kept); one
        transaction. Returns how many documents were deleted."""
        ids = sorted(set(document_ids))
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        with self._store.transaction() as conn:
            unused = [r[0] for r in conn.execute(
                f"SELECT u.document_id FROM translation_uploads u WHERE u.document_id IN ({marks}) AND u.created = 1 "
                "AND NOT EXISTS (SELECT 1 FROM translation_job_items i WHERE u.document_id IN "
                "(i.document_id, i.mt_document_id)) "
                "AND NOT EXISTS (SELECT 1 FROM document_pairs p WHERE u.document_id IN (p.source_id, p.target_id)) "
                "AND NOT EXISTS (SELECT 1 FROM alignments a WHERE u.document_id IN "
                "(a.source_doc_id, a.target_doc_id))", ids).fetchall()]
            self._forget_uploads(conn, ids)
            conn.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in unused])
        return len(unused)

    @staticmethod
    def _forget_uploads(conn, document_ids) -> None:
        conn.executemany("DELETE FROM translation_uploads WHERE document_id = ?",
                         [(i,) for i in sorted({d for d in document_ids if d is not None})])

    def has_older_rules(self, job_id: int, rules: int) -> bool:
        """Whether a segment of the job was planned or translated under rules older than ``rules``."""
        return self._conn.execute("SELECT 1 FROM translation_segments WHERE job_id = ? AND rules < ? LIMIT 1",
                                  (job_id, rules)).fetchone() is not None

    def replan(self, job_id: int, items: dict[int, tuple[dict, ...]], current: list[int], rules: int) -> None:
        """In one transaction: replace the segments of ``items`` (item id -> its segments, planned
        again; each item goes back to planned, and so does the job when there is one) and mark
        the segments of the items ``current`` as current under ``rules``."""
        from workbench.store import utc_now

        with self._store.transaction() as conn:
            for item_id, segments in items.items():
                conn.execute("DELETE FROM translation_segments WHERE item_id = ?", (item_id,))
                _insert_segments(conn, job_id, item_id, segments)
                conn.execute("UPDATE translation_job_items SET status = 'planned' WHERE id = ?", (item_id,))
            conn.executemany("UPDATE translation_segments SET rules = ? WHERE item_id = ? AND rules < ?",
                             [(rules, item_id, rules) for item_id in current])
            if items:
                conn.execute("UPDATE translation_jobs SET status = 'planned', updated_at = ? WHERE id = ?",
                             (utc_now(), job_id))

    def older_translations(self, src_lang: str, tgt_lang: str, sources, rules: int
                           ) -> list[tuple[str, str, int, str | None]]:
        """(source, target, rules, original file name) of the machine translations of ``sources``
        (in any job of the language pair) made under rules older than ``rules``, and of those
        replaced by a rerun (their previous target, rules 0: known to be out of date): what a TM
        unit confirmed from such an old translation would repeat."""
        found = self._by_source(
            "s.source, COALESCE(s.previous_target, s.target), "
            "CASE WHEN s.previous_target IS NULL THEN s.rules ELSE 0 END, o.name",
            "i.src_lang = ? AND i.tgt_lang = ? AND s.origin = 'mt' AND (s.rules < ? OR s.previous_target IS NOT NULL)",
            (src_lang, tgt_lang, rules), sources)
        return [(r[0], r[1], r[2], r[3]) for r in found if r[1] is not None]

    def machine_translations(self, src_lang: str, tgt_lang: str, sources, job_ids, rules: int
                             ) -> list[tuple[str, str, str, tuple, tuple, int, str | None]]:
        """(source, target, engine, findings, flags, job id, original file name) of the finished
        machine translations of ``sources`` in the jobs ``job_ids`` (language pair ``src_lang`` ->
        ``tgt_lang``), made under ``rules`` and not replaced by a rerun, the latest job's first:
        what a new job may take instead of giving those sentences to the engine again. Looked
        up 400 sources a query (the segments' source is indexed)."""
        jobs = sorted(set(job_ids))
        if not jobs:
            return []
        found = self._by_source(
            "s.source, s.target, s.engine, s.findings, s.flags, s.job_id, o.name",
            "i.src_lang = ? AND i.tgt_lang = ? AND s.origin = 'mt' AND s.target IS NOT NULL "
            f"AND s.previous_target IS NULL AND s.rules = ? AND s.job_id IN ({','.join('?' * len(jobs))})",
            (src_lang, tgt_lang, rules, *jobs), sources, order="ORDER BY s.job_id DESC, s.item_id, s.idx")
        return [(r[0], r[1], r[2] or "", _list(r[3]), _list(r[4]), r[5], r[6]) for r in found]

    def _by_source(self, columns: str, where: str, params: tuple, sources, order: str = "") -> list:
        """Rows of ``columns`` of the job segments (``s``), their items (``i``) and the items'
        original files (``o``) where ``where`` holds and the source is one of ``sources``: 400
        sources a query (the segments' source is indexed, migration 0836)."""
        wanted, found = sorted(set(sources)), []
        for i in range(0, len(wanted), 400):
            part = wanted[i:i + 400]
            found += self._conn.execute(
                f"SELECT {columns} FROM translation_segments s JOIN translation_job_items i ON i.id = s.item_id "
                "LEFT JOIN document_originals o ON o.document_id = i.document_id "
                f"WHERE {where} AND s.source IN ({','.join('?' * len(part))}) {order}", (*params, *part)).fetchall()
        return found

    def find(self, signature: str) -> Job | None:
        row = self._conn.execute("SELECT * FROM translation_jobs WHERE signature = ? ORDER BY id DESC LIMIT 1",
                                 (signature,)).fetchone()
        return _job(row) if row else None

    def get(self, job_id: int) -> Job:
        row = self._conn.execute("SELECT * FROM translation_jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no translation job with id {job_id}")
        return _job(row)

    def exists(self, job_id: int) -> bool:
        return self._conn.execute("SELECT 1 FROM translation_jobs WHERE id = ?", (job_id,)).fetchone() is not None

    def list(self) -> list[Job]:
        return [_job(r) for r in self._conn.execute("SELECT * FROM translation_jobs ORDER BY id").fetchall()]

    def set_status(self, job_id: int, status: str) -> None:
        from workbench.store import utc_now

        with self._store.transaction() as conn:
            conn.execute("UPDATE translation_jobs SET status = ?, updated_at = ? WHERE id = ?",
                         (status, utc_now(), job_id))

    def set_runner(self, job_id: int, runner: str | None) -> None:
        """Record which process runs the job (None: none does); a job whose runner is gone
        was interrupted."""
        from workbench.store import utc_now

        status = "status" if runner is None else "CASE WHEN status = 'done' THEN status ELSE 'running' END"
        with self._store.transaction() as conn:
            conn.execute(f"UPDATE translation_jobs SET runner = ?, updated_at = ?, status = {status} WHERE id = ?",
                         (runner, utc_now(), job_id))

    def save_original(self, document_id: int, name: str, data: bytes) -> None:
        """Keep the file a document came from (.docx, .odt, .md, .html), so its translation can be
        written in its format again after post-editing. Call inside the transaction storing it."""
        self._conn.execute("INSERT INTO document_originals (document_id, name, data) VALUES (?,?,?) "
                           "ON CONFLICT DO NOTHING", (document_id, name, data))

    def original(self, document_id: int) -> tuple[str, bytes] | None:
        row = self._conn.execute("SELECT name, data FROM document_originals WHERE document_id = ?",
                                 (document_id,)).fetchone()
        return (row[0], bytes(row[1])) if row else None

    def original_name(self, document_id: int) -> str | None:
        """The file name of a document's kept original, without reading the file itself."""
        row = self._conn.execute("SELECT name FROM document_originals WHERE document_id = ?",
                                 (document_id,)).fetchone()
        return row[0] if row else None

    def items(self, job_id: int) -> list[JobItem]:
        rows = self._conn.execute("SELECT * FROM translation_job_items WHERE job_id = ? ORDER BY idx",
                                  (job_id,)).fetchall()
        return [JobItem(r["id"], r["job_id"], r["idx"], r["document_id"], r["source_name"], r["src_lang"],
                        r["tgt_lang"], r["status"], r["mt_document_id"], r["pair_id"]) for r in rows]

    def segments(self, item_id: int) -> list[JobSegment]:
        rows = self._conn.execute("SELECT * FROM translation_segments WHERE item_id = ? ORDER BY idx",
                                  (item_id,)).fetchall()
        return [JobSegment(r["item_id"], r["idx"], r["para_idx"], r["start"], r["end"], r["source"],
                           r["target"], r["origin"], r["chunk"], r["tm_unit_id"], r["engine"],
                           _list(r["fuzzy"]), _list(r["findings"]), _list(r["flags"]), r["rules"],
                           r["previous_target"], r["reused_from"]) for r in rows]

    def job_segments(self, job_id: int) -> dict[int, list[JobSegment]]:
        """Every segment of a job in one query: item id -> its segments in order."""
        cursor = self._conn.cursor()
        cursor.row_factory = None   # plain tuples: a job has thousands of rows, read by position
        rows = cursor.execute(
            "SELECT item_id, idx, para_idx, start, \"end\", source, target, origin, chunk, tm_unit_id, engine, fuzzy, "
            "findings, flags, rules, previous_target, reused_from FROM translation_segments WHERE job_id = ? "
            "ORDER BY item_id, idx",
            (job_id,)).fetchall()
        out: dict[int, list[JobSegment]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(JobSegment(*r[:11], _list(r[11]), _list(r[12]), _list(r[13]), *r[14:]))
        return out

    def pending_chunks(self, job_id: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT DISTINCT chunk FROM translation_segments WHERE job_id = ? AND chunk IS NOT NULL "
            "AND target IS NULL ORDER BY chunk", (job_id,)).fetchall()
        return [r[0] for r in rows]

    def pending_work(self, job_id: int) -> list[ChunkWork]:
        """Every unfinished chunk of a job, in order, read in one query: its language pair, its
        distinct sources, the rows to fill (so ``save_chunk`` need not read them again) and the
        names of its documents' originals (their format says what a backtick is)."""
        cursor = self._conn.cursor()
        cursor.row_factory = None
        rows = cursor.execute(
            "SELECT s.chunk, s.rowid, s.source, i.src_lang, i.tgt_lang, o.name FROM translation_segments s "
            "JOIN translation_job_items i ON i.id = s.item_id "
            "LEFT JOIN document_originals o ON o.document_id = i.document_id WHERE s.job_id = ? "
            "AND s.chunk IS NOT NULL AND s.target IS NULL ORDER BY s.chunk, i.idx, s.idx", (job_id,)).fetchall()
        work: dict[int, ChunkWork] = {}
        for chunk, rowid, source, src, tgt, original in rows:
            w = work.get(chunk)
            if w is None:
                w = work[chunk] = ChunkWork(src, tgt, [], [])
            w.rows.append((rowid, source))
            if original:
                w.originals[source] = w.originals.get(source, frozenset()) | {original}
        for w in work.values():
            w.sources.extend(dict.fromkeys(source for _, source in w.rows))
        return list(work.values())   # in chunk order (the query's)

    def save_chunk(self, job_id: int, results: dict[str, dict], rows: list[tuple[int, str]]) -> None:
        """Fill every segment of a chunk: results maps source -> target, engine, findings, flags;
        ``rows`` are the chunk's (rowid, source) pairs, as ``pending_work`` gives them (each row is
        updated by its rowid: an UPDATE per source would scan the whole chunk once per source)."""
        from workbench.store import utc_now

        values = {source: (r["target"], r.get("engine", ""), _json(r.get("findings", ())), _json(r.get("flags", ())))
                  for source, r in results.items()}
        with self._store.transaction() as conn:
            conn.executemany(
                "UPDATE translation_segments SET target = ?, engine = ?, findings = ?, flags = ? WHERE rowid = ?",
                [(*values[source], rowid) for rowid, source in rows if source in values])
            conn.execute("UPDATE translation_jobs SET status = 'running', updated_at = ? WHERE id = ?",
                         (utc_now(), job_id))

    @contextmanager
    def relaxed_sync(self):
        """While a job is planned, run and finished: in WAL mode, commit without waiting for the
        disk (``synchronous = NORMAL``). A killed process loses nothing that was committed (the
        WAL is in the OS's cache); only a power cut can lose the last commits, and the job then
        simply plans, translates or finishes them again (each step is one transaction, so the
        store stays consistent). The connection's setting is restored after; nested uses keep
        the outer one's."""
        conn = self._conn
        if self._store.dialect != "sqlite":   # a PostgreSQL server keeps its own durability settings
            yield
            return
        try:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            before = conn.execute("PRAGMA synchronous").fetchone()[0]
        except Exception:  # pragma: no cover - an odd connection: change nothing
            mode, before = "", None
        relax = str(mode).lower() == "wal" and before is not None and before > 1
        if relax:
            conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            if relax:
                conn.execute(f"PRAGMA synchronous = {int(before)}")

    def progress(self, job_id: int) -> JobProgress:
        row = self._conn.execute(
            "SELECT count(*), count(target), count(DISTINCT chunk), "
            "count(DISTINCT CASE WHEN target IS NULL THEN chunk END) FROM translation_segments WHERE job_id = ?",
            (job_id,)).fetchone()
        total, done, chunks, pending = row[0], row[1] or 0, row[2] or 0, row[3] or 0
        return JobProgress(total, done, chunks, chunks - pending)

    def finish_item(self, item_id: int, mt_document_id: int, pair_id: int) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE translation_job_items SET status = 'done', mt_document_id = ?, pair_id = ? "
                         "WHERE id = ?", (mt_document_id, pair_id, item_id))


def _insert_segments(conn, job_id: int, item_id: int, segments) -> None:
    conn.executemany(
        "INSERT INTO translation_segments (job_id, item_id, idx, para_idx, start, \"end\", source, target, origin, "
        "chunk, tm_unit_id, engine, fuzzy, findings, flags, rules, previous_target, reused_from) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(job_id, item_id, s["index"], s["para_index"], s["start"], s["end"], s["source"], s.get("target"),
          s["origin"], s.get("chunk"), s.get("tm_unit_id"), s.get("engine", ""), _json(s.get("fuzzy", ())),
          _json(s.get("findings", ())), _json(s.get("flags", ())), s["rules"], s.get("previous_target"),
          s.get("reused_from"))
         for s in segments])


def _json(values) -> str:
    return json.dumps(list(values), ensure_ascii=False, sort_keys=True) if values else "[]"


def _list(text: str) -> tuple:
    return () if text == "[]" else tuple(json.loads(text))


def _job(row) -> Job:
    return Job(row["id"], row["signature"], row["status"], row["src_lang"],
               tuple(t for t in row["targets"].split(",") if t), json.loads(row["settings"]),
               row["created_at"], row["created_by"], row["updated_at"],
               row["runner"] if "runner" in row.keys() else None)
