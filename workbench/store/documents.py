"""Documents, their paragraphs, and document pairs (an article and its translation)."""

from __future__ import annotations


from workbench.errors import InputError, NotFoundError
from workbench.store.repo import Repo
from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.ingest import Document
    from workbench.store import Store


@frozen_dataclass
class DocumentSummary:
    id: int
    title: str
    lang: str | None
    source_name: str
    paragraph_count: int
    created_at: str


@frozen_dataclass
class StoredParagraph:
    id: int
    index: int
    text: str
    kind: str
    level: int
    lang: str | None


@frozen_dataclass
class StoredDocument:
    id: int
    title: str
    lang: str | None
    lang_confidence: float | None
    source_name: str
    fmt: str
    encoding: str
    repairs: tuple[str, ...]
    content_hash: str
    created_at: str
    created_by: str
    paragraphs: tuple[StoredParagraph, ...]

    def to_document(self) -> Document:
        from workbench.ingest import Document, Paragraph  # here: ingest (readers, cleaning) is ~15 ms to import

        return Document(title=self.title, source_name=self.source_name, fmt=self.fmt,
                        encoding=self.encoding, repairs=self.repairs,
                        paragraphs=tuple(Paragraph(p.index, p.text, p.kind, p.level)
                                         for p in self.paragraphs))


@frozen_dataclass
class DocumentPair:
    id: int
    source_id: int
    target_id: int
    label: str
    gold_beads: str | None
    source_title: str
    target_title: str
    source_lang: str | None
    target_lang: str | None


class DocumentRepo(Repo):
    def add(self, doc: Document, *, lang: str | None = None, lang_confidence: float | None = None,
            paragraph_langs: list[str | None] | None = None, user: str = "translator") -> tuple[int, bool]:
        """Store a document; returns (id, created). The same content is stored once."""
        from workbench.store import utc_now

        existing = self.find_by_hash(doc.content_hash)
        if existing is not None:
            return existing, False
        langs = paragraph_langs or [None] * len(doc.paragraphs)
        with self._store.transaction() as conn:
            existing = self.find_by_hash(doc.content_hash)   # stored by another user meanwhile
            if existing is not None:
                return existing, False
            cur = conn.execute(
                "INSERT INTO documents (title, lang, lang_confidence, source_name, fmt, encoding, "
                "repairs, content_hash, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (doc.title, lang, lang_confidence, doc.source_name, doc.fmt, doc.encoding,
                 "\n".join(doc.repairs), doc.content_hash, utc_now(), user))
            doc_id = cur.lastrowid
            conn.executemany(
                "INSERT INTO paragraphs (document_id, idx, kind, level, text, lang) VALUES (?,?,?,?,?,?)",
                [(doc_id, p.index, p.kind, p.level, p.text, plang)
                 for p, plang in zip(doc.paragraphs, langs)])
        return doc_id, True

    def find_by_hash(self, content_hash: str) -> int | None:
        row = self._conn.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def list(self) -> list[DocumentSummary]:
        rows = self._conn.execute(
            "SELECT d.id, d.title, d.lang, d.source_name, d.created_at, "
            "(SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id) AS n "
            "FROM documents d ORDER BY d.id").fetchall()
        return [DocumentSummary(r["id"], r["title"], r["lang"], r["source_name"], r["n"], r["created_at"])
                for r in rows]

    def get(self, doc_id: int) -> StoredDocument:
        row = self._conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document with id {doc_id}")
        paras = self._conn.execute(
            "SELECT id, idx, text, kind, level, lang FROM paragraphs WHERE document_id = ? ORDER BY idx",
            (doc_id,)).fetchall()
        return StoredDocument(
            id=row["id"], title=row["title"], lang=row["lang"], lang_confidence=row["lang_confidence"],
            source_name=row["source_name"], fmt=row["fmt"], encoding=row["encoding"],
            repairs=tuple(r for r in row["repairs"].split("\n") if r), content_hash=row["content_hash"],
            created_at=row["created_at"], created_by=row["created_by"],
            paragraphs=tuple(StoredParagraph(p["id"], p["idx"], p["text"], p["kind"], p["level"], p["lang"])
                             for p in paras))

    def delete(self, doc_id: int) -> None:
        with self._store.transaction() as conn:
            if conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount == 0:
                raise NotFoundError(f"no document with id {doc_id}")

    def set_language(self, doc_id: int, lang: str | None, confidence: float | None,
                     paragraph_langs: list[str | None] | None = None) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE documents SET lang = ?, lang_confidence = ? WHERE id = ?",
                         (lang, confidence, doc_id))
            if paragraph_langs is not None:
                conn.executemany("UPDATE paragraphs SET lang = ? WHERE document_id = ? AND idx = ?",
                                 [(pl, doc_id, i) for i, pl in enumerate(paragraph_langs)])

    # ---------------------------------------------------------------- pairs

    def add_pair(self, source_id: int, target_id: int, label: str = "",
                 gold_beads: str | None = None) -> int:
        from workbench.store import utc_now

        if source_id == target_id:
            raise InputError("a document cannot be paired with itself")
        for doc_id in (source_id, target_id):
            self.get(doc_id)
        with self._store.transaction() as conn:
            row = conn.execute("SELECT id FROM document_pairs WHERE source_id = ? AND target_id = ?",
                               (source_id, target_id)).fetchone()
            if row:
                return row[0]
            return conn.execute(
                "INSERT INTO document_pairs (source_id, target_id, label, gold_beads, created_at) "
                "VALUES (?,?,?,?,?)", (source_id, target_id, label, gold_beads, utc_now())).lastrowid

    def pairs(self) -> list[DocumentPair]:
        rows = self._conn.execute(
            "SELECT p.*, s.title AS st, t.title AS tt, s.lang AS sl, t.lang AS tl FROM document_pairs p "
            "JOIN documents s ON s.id = p.source_id JOIN documents t ON t.id = p.target_id "
            "ORDER BY p.id").fetchall()
        return [DocumentPair(r["id"], r["source_id"], r["target_id"], r["label"], r["gold_beads"],
                             r["st"], r["tt"], r["sl"], r["tl"]) for r in rows]

    def get_pair(self, pair_id: int) -> DocumentPair:
        for pair in self.pairs():
            if pair.id == pair_id:
                return pair
        raise NotFoundError(f"no document pair with id {pair_id}")
