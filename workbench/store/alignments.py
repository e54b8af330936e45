"""Stored alignments: their segments, beads with review state, and undo history.

An alignment keeps the segments it aligned (so later edits to a document do
not shift its indices), its provenance, and an ordered list of beads. Every
change to the beads is one call to ``replace_beads``: the beads at positions
``[start, end)`` are replaced by new ones in one transaction, and the old
beads are written to the history with who and when, so ``undo`` can put them
back. Bead states:

* ``auto``: as the aligner left it; re-running the aligner may replace it.
* ``changed``: a human changed it (merge, split, move, edit); kept on re-alignment.
* ``accepted``: a human accepted it; kept on re-alignment.
* ``unaligned``: a human marked the segment as having no counterpart; kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import field

from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.store.repo import Repo
from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.store import Store

STATES = ("auto", "changed", "accepted", "unaligned")
FILTERS = ("all", "unreviewed", "low confidence", "needs review", "accepted")


@frozen_dataclass
class NewBead:
    """A bead to store (positions are given by the order)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0
    needs_review: bool = False
    status: str = "auto"
    edited_target: str | None = None
    features: dict = field(default_factory=dict, compare=False)


@frozen_dataclass
class StoredBead:
    id: int
    position: int
    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    needs_review: bool
    status: str
    edited_target: str | None
    features: dict
    updated_by: str | None
    updated_at: str | None

    @property
    def touched(self) -> bool:
        """True when a human acted on this bead (re-alignment keeps it)."""
        return self.status != "auto" or self.edited_target is not None

    @property
    def kind(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"

    def as_new(self, **changes) -> NewBead:
        values = dict(source=self.source, target=self.target, confidence=self.confidence,
                      needs_review=self.needs_review, status=self.status, edited_target=self.edited_target,
                      features=self.features)
        values.update(changes)
        return NewBead(**values)


@frozen_dataclass
class AlignmentRecord:
    id: int
    pair_id: int | None
    source_doc_id: int | None
    target_doc_id: int | None
    title: str
    unit: str
    src_lang: str
    tgt_lang: str
    source_segments: tuple[str, ...]
    target_segments: tuple[str, ...]
    provenance: dict
    warnings: tuple[str, ...]
    created_at: str
    created_by: str
    updated_at: str


@frozen_dataclass
class AlignmentSummary:
    id: int
    pair_id: int | None
    title: str
    unit: str
    src_lang: str
    tgt_lang: str
    beads: int
    reviewed: int
    created_at: str
    updated_at: str
    source_name: str | None = None   # the documents' file names (None: no stored document)
    target_name: str | None = None


@frozen_dataclass
class HistoryEntry:
    id: int
    action: str
    detail: str
    start: int
    old_count: int
    new_count: int
    user: str
    at: str
    undone_by: str | None
    undone_at: str | None


@frozen_dataclass
class Progress:
    total: int
    by_status: dict[str, int]
    needs_review: int

    @property
    def reviewed(self) -> int:
        return self.by_status.get("accepted", 0) + self.by_status.get("unaligned", 0)

    @property
    def fraction(self) -> float:
        return self.reviewed / self.total if self.total else 1.0


_BEAD_COLUMNS = ("id, position, source, target, confidence, needs_review, status, edited_target, "
                 "features, updated_by, updated_at")


def _revision_stamp() -> str:
    """The alignment's change stamp, which a page compares to refuse stale actions:
    to the microsecond, so two actions within one second still differ."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _check_unchanged(conn, alignment_id: int, expected_updated_at: str | None, advice: str) -> None:
    """Inside a write transaction: the alignment exists and, when ``expected_updated_at`` is
    given, nobody changed it since (ConflictError naming when they did)."""
    head = conn.execute("SELECT updated_at FROM alignments WHERE id = ?", (alignment_id,)).fetchone()
    if head is None:
        raise NotFoundError(f"no alignment with id {alignment_id}")
    if expected_updated_at is not None and head[0] != expected_updated_at:
        raise ConflictError(f"alignment {alignment_id} was changed by someone else at "
                            f"{head[0][:19].replace('T', ' ')} UTC; {advice}")


def _bead(row) -> StoredBead:
    # (by position, in _BEAD_COLUMNS' order: a name is looked up along the row's columns)
    bead_id, position, source, target, confidence, needs_review, status, edited, features, by, at = row
    return StoredBead(bead_id, position, _indices(source), _indices(target), confidence, bool(needs_review),
                      status, edited, json.loads(features or "{}"), by, at)


def _indices(text: str) -> tuple:
    """A stored list of segment indices (``_index_list``'s text, ``[3, 4]``) as a tuple: split
    where it is digits, commas and spaces only (json.loads of 2,000 short lists was most of reading
    an alignment's beads), else as JSON reads it."""
    inner = text[1:-1]
    if (text[:1] == "[" and text[-1:] == "]" and inner.isascii()
            and inner.replace(",", "").replace(" ", "").isdigit()):
        return tuple(map(int, inner.split(",")))
    return tuple(json.loads(text))


def _bead_json(b: StoredBead) -> dict:
    return {"source": list(b.source), "target": list(b.target), "confidence": b.confidence,
            "needs_review": b.needs_review, "status": b.status, "edited_target": b.edited_target,
            "features": b.features, "updated_by": b.updated_by, "updated_at": b.updated_at}


class AlignmentRepo(Repo):
    # ------------------------------------------------------------ alignments

    def create(self, *, unit: str, src_lang: str, tgt_lang: str, source_segments: Sequence[str],
               target_segments: Sequence[str], beads: Sequence[NewBead], provenance: dict,
               title: str = "", pair_id: int | None = None, source_doc_id: int | None = None,
               target_doc_id: int | None = None, warnings: Sequence[str] = (),
               user: str = "translator") -> int:
        from workbench.store import utc_now

        now = utc_now()
        with self._store.transaction() as conn:
            aid = conn.execute(
                "INSERT INTO alignments (pair_id, source_doc_id, target_doc_id, title, unit, src_lang, "
                "tgt_lang, source_segments, target_segments, provenance, warnings, created_at, created_by, "
                "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (pair_id, source_doc_id, target_doc_id, title, unit, src_lang, tgt_lang,
                 json.dumps(list(source_segments), ensure_ascii=False),
                 json.dumps(list(target_segments), ensure_ascii=False),
                 json.dumps(provenance, ensure_ascii=False), json.dumps(list(warnings), ensure_ascii=False),
                 now, user, now)).lastrowid
            self._insert(conn, aid, 0, beads, user, now)
        return aid

    def get(self, alignment_id: int) -> AlignmentRecord:
        row = self._conn.execute("SELECT * FROM alignments WHERE id = ?", (alignment_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no alignment with id {alignment_id}")
        return AlignmentRecord(row["id"], row["pair_id"], row["source_doc_id"], row["target_doc_id"],
                               row["title"], row["unit"], row["src_lang"], row["tgt_lang"],
                               tuple(json.loads(row["source_segments"])),
                               tuple(json.loads(row["target_segments"])), json.loads(row["provenance"]),
                               tuple(json.loads(row["warnings"])), row["created_at"], row["created_by"],
                               row["updated_at"])

    def list(self, pair_id: int | None = None) -> list[AlignmentSummary]:
        where, args = ("WHERE a.pair_id = ?", (pair_id,)) if pair_id is not None else ("", ())
        rows = self._conn.execute(
            "SELECT a.id, a.pair_id, a.title, a.unit, a.src_lang, a.tgt_lang, a.created_at, a.updated_at, "
            "(SELECT count(*) FROM alignment_beads b WHERE b.alignment_id = a.id) AS n, "
            "(SELECT count(*) FROM alignment_beads b WHERE b.alignment_id = a.id "
            " AND b.status IN ('accepted', 'unaligned')) AS r, "
            "(SELECT d.source_name FROM documents d WHERE d.id = a.source_doc_id) AS s, "
            "(SELECT d.source_name FROM documents d WHERE d.id = a.target_doc_id) AS t "
            f"FROM alignments a {where} ORDER BY a.id", args).fetchall()
        return [AlignmentSummary(r["id"], r["pair_id"], r["title"], r["unit"], r["src_lang"], r["tgt_lang"],
                                 r["n"], r["r"], r["created_at"], r["updated_at"], r["s"], r["t"]) for r in rows]

    def latest(self, pair_id: int, unit: str) -> int | None:
        row = self._conn.execute("SELECT max(id) FROM alignments WHERE pair_id = ? AND unit = ?",
                                 (pair_id, unit)).fetchone()
        return row[0]

    def delete(self, alignment_id: int) -> None:
        with self._store.transaction() as conn:
            if conn.execute("DELETE FROM alignments WHERE id = ?", (alignment_id,)).rowcount == 0:
                raise NotFoundError(f"no alignment with id {alignment_id}")

    def set_provenance(self, alignment_id: int, provenance: dict, warnings: Sequence[str] = ()) -> None:
        with self._store.transaction() as conn:
            conn.execute("UPDATE alignments SET provenance = ?, warnings = ? WHERE id = ?",
                         (json.dumps(provenance, ensure_ascii=False), json.dumps(list(warnings)),
                          alignment_id))

    # ----------------------------------------------------------------- beads

    def beads(self, alignment_id: int, *, offset: int = 0, limit: int | None = None,
              status: str = "all", threshold: float = 0.8,
              positions: Sequence[int] | None = None) -> list[StoredBead]:
        """Beads in order; ``status`` is one of ``FILTERS``."""
        where, args = self._filter(alignment_id, status, threshold)
        if positions is not None:
            where += f" AND position IN ({','.join('?' * len(positions))})"
            args += list(positions)
        sql = f"SELECT {_BEAD_COLUMNS} FROM alignment_beads WHERE {where} ORDER BY position"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [_bead(r) for r in self._conn.execute(sql, args).fetchall()]

    def count(self, alignment_id: int, status: str = "all", threshold: float = 0.8) -> int:
        where, args = self._filter(alignment_id, status, threshold)
        return self._conn.execute(f"SELECT count(*) FROM alignment_beads WHERE {where}", args).fetchone()[0]

    def bead_at(self, alignment_id: int, position: int) -> StoredBead:
        row = self._conn.execute(f"SELECT {_BEAD_COLUMNS} FROM alignment_beads "
                                 "WHERE alignment_id = ? AND position = ?", (alignment_id, position)).fetchone()
        if row is None:
            self.get(alignment_id)
            raise NotFoundError(f"alignment {alignment_id} has no bead at position {position}")
        return _bead(row)

    @staticmethod
    def _filter(alignment_id: int, status: str, threshold: float) -> tuple[str, list]:
        where, args = "alignment_id = ?", [alignment_id]
        if status == "unreviewed":
            where += " AND status NOT IN ('accepted', 'unaligned')"
        elif status == "low confidence":
            where += " AND confidence < ?"
            args.append(threshold)
        elif status == "needs review":
            where += " AND needs_review = 1 AND status NOT IN ('accepted', 'unaligned')"
        elif status == "accepted":
            where += " AND status = 'accepted'"
        elif status != "all":
            raise InputError(f"bead filter must be one of {', '.join(FILTERS)}, not {status!r}")
        return where, args

    def progress(self, alignment_id: int) -> Progress:
        rows = self._conn.execute("SELECT status, count(*), sum(needs_review) FROM alignment_beads "
                                  "WHERE alignment_id = ? GROUP BY status", (alignment_id,)).fetchall()
        by_status = {r[0]: r[1] for r in rows}
        flagged = sum(r[2] or 0 for r in rows if r[0] not in ("accepted", "unaligned"))
        return Progress(sum(by_status.values()), by_status, flagged)

    def replace_beads(self, alignment_id: int, start: int, end: int, new: Sequence[NewBead], *,
                      action: str, user: str, detail: str = "",
                      expected_updated_at: str | None = None) -> int:
        """Replace the beads at positions [start, end) by ``new``, recording the old
        ones for undo. One transaction; returns the history entry id.
        ``expected_updated_at``: refuse (ConflictError) if the alignment changed since."""
        from workbench.store import utc_now

        now = utc_now()
        with self._store.transaction() as conn:
            _check_unchanged(conn, alignment_id, expected_updated_at, "reload to see their change")
            total = conn.execute("SELECT count(*) FROM alignment_beads WHERE alignment_id = ?",
                                 (alignment_id,)).fetchone()[0]
            if not 0 <= start <= end <= total:
                raise InputError(f"alignment {alignment_id} has beads 0..{total - 1}; "
                                 f"positions {start}..{end - 1} are out of range")
            old = [_bead(r) for r in conn.execute(
                f"SELECT {_BEAD_COLUMNS} FROM alignment_beads WHERE alignment_id = ? "
                "AND position >= ? AND position < ? ORDER BY position", (alignment_id, start, end))]
            self._splice(conn, alignment_id, start, end, new, user, now)
            hid = conn.execute(
                "INSERT INTO alignment_history (alignment_id, action, detail, start, old_beads, new_count, "
                "\"user\", at) VALUES (?,?,?,?,?,?,?,?)",
                (alignment_id, action, detail, start, json.dumps([_bead_json(b) for b in old], ensure_ascii=False),
                 len(new), user, now)).lastrowid
            conn.execute("UPDATE alignments SET updated_at = ? WHERE id = ?", (_revision_stamp(), alignment_id))
        return hid

    def undo(self, alignment_id: int, user: str, expected_updated_at: str | None = None) -> HistoryEntry | None:
        """Undo the latest action not yet undone; None when there is nothing to undo.
        ``expected_updated_at``: refuse (ConflictError) if the alignment changed since, as the
        action undone would then be someone else's."""
        from workbench.store import utc_now

        now = utc_now()
        with self._store.transaction() as conn:
            _check_unchanged(conn, alignment_id, expected_updated_at,
                             "look at their change before undoing (the latest action is theirs)")
            row = conn.execute("SELECT * FROM alignment_history WHERE alignment_id = ? AND undone_at IS NULL "
                               "ORDER BY id DESC LIMIT 1", (alignment_id,)).fetchone()
            if row is None:
                self.get(alignment_id)
                return None
            old = json.loads(row["old_beads"])
            restored = [NewBead(tuple(b["source"]), tuple(b["target"]), b["confidence"], b["needs_review"],
                                b["status"], b["edited_target"], b.get("features") or {}) for b in old]
            start = row["start"]
            self._splice(conn, alignment_id, start, start + row["new_count"], restored, None, None,
                         stamps=[(b["updated_by"], b["updated_at"]) for b in old])
            conn.execute("UPDATE alignment_history SET undone_by = ?, undone_at = ? WHERE id = ?",
                         (user, now, row["id"]))
            conn.execute("UPDATE alignments SET updated_at = ? WHERE id = ?", (_revision_stamp(), alignment_id))
        return self._entry(conn.execute("SELECT * FROM alignment_history WHERE id = ?", (row["id"],)).fetchone())

    def history(self, alignment_id: int, limit: int = 50) -> list[HistoryEntry]:
        rows = self._conn.execute("SELECT * FROM alignment_history WHERE alignment_id = ? "
                                  "ORDER BY id DESC LIMIT ?", (alignment_id, limit)).fetchall()
        return [self._entry(r) for r in rows]

    @staticmethod
    def _entry(r) -> HistoryEntry:
        return HistoryEntry(r["id"], r["action"], r["detail"], r["start"], len(json.loads(r["old_beads"])),
                            r["new_count"], r["user"], r["at"], r["undone_by"], r["undone_at"])

    # -------------------------------------------------------------- helpers

    def _splice(self, conn, alignment_id, start, end, new, user, now, stamps=None) -> None:
        conn.execute("DELETE FROM alignment_beads WHERE alignment_id = ? AND position >= ? AND position < ?",
                     (alignment_id, start, end))
        delta = len(new) - (end - start)
        if delta:
            # shift through negative positions so the (alignment, position) index stays unique
            conn.execute("UPDATE alignment_beads SET position = -(position + ?) - 1 "
                         "WHERE alignment_id = ? AND position >= ?", (delta, alignment_id, end))
            conn.execute("UPDATE alignment_beads SET position = -position - 1 "
                         "WHERE alignment_id = ? AND position < 0", (alignment_id,))
        self._insert(conn, alignment_id, start, new, user, now, stamps)

    @staticmethod
    def _insert(conn, alignment_id, start, beads, user, now, stamps=None) -> None:
        rows = []
        for k, b in enumerate(beads):
            if b.status not in STATES:
                raise InputError(f"bead status must be one of {', '.join(STATES)}, not {b.status!r}")
            by, at = stamps[k] if stamps else ((user, now) if b.status != "auto" or b.edited_target else (None, None))
            rows.append((alignment_id, start + k, _index_list(b.source), _index_list(b.target),
                         float(b.confidence), int(bool(b.needs_review)), b.status, b.edited_target,
                         features_json(b.features), by, at))
        conn.executemany(
            "INSERT INTO alignment_beads (alignment_id, position, source, target, confidence, needs_review, "
            "status, edited_target, features, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)


def features_json(features: dict | None) -> str:
    """``json.dumps(features or {})``, built directly where every value is a finite float under a
    name JSON writes as it is (a bead's features: ``length_z``, ``dice``...): a 1,000-bead alignment
    spent 4 ms in json.dumps, which makes an encoder for each call."""
    if not features:
        return "{}"
    parts = []
    for name, value in features.items():
        if (type(value) is not float or type(name) is not str or not name.isascii() or not name.isprintable()
                or '"' in name or "\\" in name or value != value or value in _INFINITIES):
            return json.dumps(features)
        parts.append(f'"{name}": {value!r}')
    return "{" + ", ".join(parts) + "}"


_INFINITIES = (float("inf"), float("-inf"))


def _index_list(ids) -> str:
    """Segment indices as JSON, the text ``json.dumps`` gives (``[3, 4]``), built directly: a
    1,000-bead alignment spent 5 ms in json.dumps of short lists."""
    return "[" + ", ".join(str(int(k)) for k in ids) + "]"
