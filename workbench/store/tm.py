"""Translation memory units: reviewed or accepted segment pairs.

Each unit keeps its source as given and two lookup keys computed by
``workbench.tm``: ``source_key`` (spaces and quotes normalised) and
``source_fold`` (the same, case-folded). Adding the same pair again updates
its origin and time instead of storing it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import InputError, NotFoundError
from workbench.store.repo import Repo

if TYPE_CHECKING:
    from workbench.store import Store


@dataclass(frozen=True)
class TMUnit:
    id: int
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: str
    created_by: str
    created_at: str
    updated_at: str
    use_count: int


_COLUMNS = "id, src_lang, tgt_lang, source, target, origin, created_by, created_at, updated_at, use_count"


def _unit(row) -> TMUnit:
    return TMUnit(*[row[i] for i in range(10)])


class TMRepo(Repo):
    def add_unit(self, src_lang: str, tgt_lang: str, source: str, target: str,
                 origin: str = "review", user: str = "translator") -> int:
        """Store a segment pair; returns the unit id (the existing one for a repeated pair)."""
        from workbench.store import utc_now
        from workbench.tm import fold_key, normalise

        src_lang, tgt_lang = (src_lang or "").strip().lower(), (tgt_lang or "").strip().lower()
        if not src_lang or not tgt_lang:
            raise InputError("a translation memory unit needs a source and a target language")
        if not source.strip() or not target.strip():
            raise InputError("a translation memory unit needs a non-empty source and target")
        key = normalise(source)
        now = utc_now()
        with self._store.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM tm_units WHERE src_lang = ? AND tgt_lang = ? AND source_key = ? AND target = ?",
                (src_lang, tgt_lang, key, target)).fetchone()
            if row:
                conn.execute("UPDATE tm_units SET origin = ?, updated_at = ? WHERE id = ?",
                             (origin, now, row[0]))
                return row[0]
            return conn.execute(
                "INSERT INTO tm_units (src_lang, tgt_lang, source, target, source_key, source_fold, "
                "source_len, origin, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (src_lang, tgt_lang, source, target, key, fold_key(source), len(key), origin, user,
                 now, now)).lastrowid

    def get(self, unit_id: int) -> TMUnit:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM tm_units WHERE id = ?", (unit_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no translation memory unit with id {unit_id}")
        return _unit(row)

    def delete(self, unit_id: int) -> None:
        with self._store.transaction() as conn:
            if conn.execute("DELETE FROM tm_units WHERE id = ?", (unit_id,)).rowcount == 0:
                raise NotFoundError(f"no translation memory unit with id {unit_id}")

    def count(self, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
        sql, args = self._where(src_lang, tgt_lang)
        return self._conn.execute(f"SELECT count(*) FROM tm_units{sql}", args).fetchone()[0]

    def units(self, src_lang: str | None = None, tgt_lang: str | None = None) -> list[TMUnit]:
        sql, args = self._where(src_lang, tgt_lang)
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM tm_units{sql} ORDER BY id", args).fetchall()
        return [_unit(r) for r in rows]

    def pairs(self) -> list[tuple[str, str, int]]:
        rows = self._conn.execute("SELECT src_lang, tgt_lang, count(*) FROM tm_units "
                                  "GROUP BY src_lang, tgt_lang ORDER BY src_lang, tgt_lang").fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def by_keys(self, src_lang: str, tgt_lang: str, keys, folds) -> list[tuple[TMUnit, str, str]]:
        """(unit, source_key, source_fold) of the units whose normalised source is one of ``keys``
        or whose folded source is one of ``folds``: one indexed query per 400 values, newest
        first."""
        found: dict[int, tuple[TMUnit, str, str]] = {}
        for column, values in (("source_key", sorted(set(keys))), ("source_fold", sorted(set(folds)))):
            for i in range(0, len(values), 400):
                part = values[i:i + 400]
                rows = self._conn.execute(
                    f"SELECT {_COLUMNS}, source_key, source_fold FROM tm_units WHERE src_lang = ? "
                    f"AND tgt_lang = ? AND {column} IN ({','.join('?' * len(part))})",
                    (src_lang, tgt_lang, *part)).fetchall()
                for r in rows:
                    found[r[0]] = (_unit(r), r[10], r[11])
        return sorted(found.values(), key=lambda f: (f[0].updated_at, f[0].id), reverse=True)

    def candidates_with_len(self, src_lang: str, tgt_lang: str, min_len: int,
                            max_len: int) -> list[tuple[TMUnit, int]]:
        """Units of a language pair whose normalised source length is in [min_len, max_len],
        with that length, in id order."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS}, source_len FROM tm_units WHERE src_lang = ? AND tgt_lang = ? "
            "AND source_len BETWEEN ? AND ? ORDER BY id", (src_lang, tgt_lang, min_len, max_len)).fetchall()
        return [(_unit(r), r[10]) for r in rows]

    def record_use(self, unit_ids: list[int]) -> None:
        if not unit_ids:
            return
        with self._store.transaction() as conn:
            conn.executemany("UPDATE tm_units SET use_count = use_count + 1 WHERE id = ?",
                             [(i,) for i in unit_ids])

    @staticmethod
    def _where(src_lang, tgt_lang):
        clauses, args = [], []
        if src_lang:
            clauses.append("src_lang = ?")
            args.append(src_lang)
        if tgt_lang:
            clauses.append("tgt_lang = ?")
            args.append(tgt_lang)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), args
