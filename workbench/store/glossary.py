"""The glossary in the store: concepts, terms, versions and history.

Every save names the version it started from (optimistic concurrency): when
someone else saved the concept in between, the save is refused with a
``ConflictError`` that shows the other edit, the refused version is kept in
the history, and nothing else is written. History entries hold who, when,
what (a summary) and a snapshot of the concept after the change.
"""

from __future__ import annotations

import json
from dataclasses import replace

from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.glossary.model import (Concept, Glossary, HistoryEntry, concept_from_dict, concept_to_dict,
                                      describe_changes, same_content, validate_concept)
from workbench.store.repo import Repo
from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.store import Store


@frozen_dataclass
class ImportReport:
    added: int
    updated: int
    unchanged: int
    conflicts: tuple[str, ...] = ()   # one line per concept the store changed since the file's version
    dry_run: bool = False             # counted only, nothing written

    @property
    def conflicting(self) -> int:
        return len(self.conflicts)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.conflicting

    def summary(self) -> str:
        """One line: added / changed / conflicting / unchanged."""
        line = (f"{self.added} concepts added, {self.updated} changed, {self.conflicting} conflicting "
                f"(not imported), {self.unchanged} unchanged")
        return line + (" (dry run: nothing was imported)" if self.dry_run else "")


class GlossaryRepo(Repo):
    # ------------------------------------------------------------ reading

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM glossary_concepts").fetchone()[0]

    def stamp(self) -> str:
        """A cheap change stamp: every save, delete and import writes a history row,
        so a cache keyed by it never serves a glossary the store no longer holds."""
        row = self._conn.execute("SELECT (SELECT count(*) FROM glossary_concepts), "
                                 "(SELECT max(id) FROM glossary_history)").fetchone()
        return f"{self._store.path}:{row[0]}:{row[1]}"

    def changed_since(self, history_id: int) -> tuple[int, set[str]]:
        """(the newest history row's id, the concepts saved, imported or deleted after row
        ``history_id``): what a glossary read at ``history_id`` must read again."""
        latest = self._conn.execute("SELECT max(id) FROM glossary_history").fetchone()[0] or 0
        rows = self._conn.execute("SELECT DISTINCT concept_id FROM glossary_history WHERE id > ? AND id <= ? "
                                  "AND action != 'refused'", (history_id, latest))
        return latest, {r[0] for r in rows}

    def versions(self) -> dict[str, int]:
        """Each concept's version: what a kept glossary checks besides the history, whose row ids
        a server may commit out of order (a row below one already seen would be missed)."""
        return {r[0]: r[1] for r in self._conn.execute("SELECT id, version FROM glossary_concepts")}

    def current(self) -> Glossary:
        """What the store holds now, as an immutable glossary."""
        terms: dict[str, list[dict]] = {}
        for r in self._conn.execute("SELECT * FROM glossary_terms ORDER BY concept_id, position"):
            terms.setdefault(r["concept_id"], []).append(_term_row(r))
        concepts = [concept_from_dict({**dict(r), "terms": terms.get(r["id"], [])})
                    for r in self._conn.execute("SELECT * FROM glossary_concepts ORDER BY id")]
        return Glossary(tuple(concepts))

    def get(self, concept_id: str) -> Concept:
        row = self._conn.execute("SELECT * FROM glossary_concepts WHERE id = ?", (concept_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no glossary concept with id '{concept_id}'")
        terms = [_term_row(r) for r in self._conn.execute(
            "SELECT * FROM glossary_terms WHERE concept_id = ? ORDER BY position", (concept_id,))]
        return concept_from_dict({**dict(row), "terms": terms})

    def exists(self, concept_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM glossary_concepts WHERE id = ?", (concept_id,)).fetchone() is not None

    def history(self, concept_id: str | None = None, limit: int = 200) -> list[HistoryEntry]:
        """Newest first; refused saves are included (action 'refused')."""
        if concept_id is None:
            rows = self._conn.execute("SELECT * FROM glossary_history ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self._conn.execute("SELECT * FROM glossary_history WHERE concept_id = ? ORDER BY id DESC "
                                      "LIMIT ?", (concept_id, limit))
        return [HistoryEntry(r["concept_id"], r["version"], r["action"], r["user"], r["at"], r["summary"],
                             concept_from_dict(json.loads(r["snapshot"])) if r["snapshot"] else None)
                for r in rows]

    def at_version(self, concept_id: str, version: int) -> Concept | None:
        """The concept as it was saved at ``version`` (from the history), if known."""
        row = self._conn.execute(
            "SELECT snapshot FROM glossary_history WHERE concept_id = ? AND version = ? AND action != 'refused' "
            "AND snapshot IS NOT NULL ORDER BY id DESC LIMIT 1", (concept_id, version)).fetchone()
        return concept_from_dict(json.loads(row[0])) if row else None

    # ------------------------------------------------------------ writing

    def save(self, concept: Concept, *, expected_version: int | None, user: str) -> Concept:
        """Create (``expected_version=None``) or update a concept.

        Returns the stored concept with its new version. A stale
        ``expected_version`` raises ``ConflictError`` showing the other edit."""
        from workbench.store import utc_now
        from workbench.users import check_term_rights

        validate_concept(concept)
        concept = concept.normalized()
        conflict = None
        with self._store.transaction():
            stored = self.get(concept.id) if self.exists(concept.id) else None
            if stored is None and expected_version is not None:
                raise NotFoundError(f"no glossary concept with id '{concept.id}' (was it deleted?)")
            if stored is not None and expected_version is None:
                raise InputError(f"a concept with id '{concept.id}' already exists; choose another id")
            if stored is not None and stored.version != expected_version:
                other = self._last_change(concept.id)
                refused = _with_version(concept, expected_version)
                self._log(refused, "refused", user, utc_now(),
                          f"save from version {expected_version} refused (current is {stored.version}): "
                          + describe_changes(stored, refused))
                conflict = (stored, other)
            else:
                # rights after the version check: against a newer version, a stale form would
                # seem to remove what others added since, and the conflict is the real answer
                check_term_rights(self._store, user, stored, concept)
                if stored is not None and same_content(stored, concept):
                    return stored
                new = _with_version(concept, 1 if stored is None else stored.version + 1)
                self._write(new, stored is not None)
                self._log(new, "created" if stored is None else "updated", user, utc_now(),
                          describe_changes(stored, new))
        if conflict:
            stored, other = conflict
            who = f"{other.user} at {_local(other.at)}: {other.summary}" if other else "an unknown edit"
            raise ConflictError(
                f"concept '{concept.id}' was changed by {other.user if other else 'someone else'} since you "
                f"opened version {expected_version}; it is now version {stored.version} ({who}). Your version is "
                f"kept in the history; reload the concept and apply your change again.", theirs=stored)
        return self.get(concept.id)

    def delete(self, concept_id: str, *, expected_version: int, user: str) -> None:
        from workbench.store import utc_now
        from workbench.users import check_term_rights

        with self._store.transaction() as conn:
            stored = self.get(concept_id)
            check_term_rights(self._store, user, stored, None)
            if stored.version != expected_version:
                other = self._last_change(concept_id)
                raise ConflictError(f"concept '{concept_id}' was changed since version {expected_version} "
                                    f"({other.user} at {_local(other.at)}: {other.summary}); not deleted",
                                    theirs=stored)
            conn.execute("DELETE FROM glossary_concepts WHERE id = ?", (concept_id,))
            self._log(stored, "deleted", user, utc_now(), "deleted")

    def import_glossary(self, glossary: Glossary, *, user: str, keep_versions: bool = False,
                        merge: bool = False, dry_run: bool = False) -> ImportReport:
        """Add new concepts and replace changed ones, in one transaction.

        Each concept's version is compared with the store's: a file concept that
        differs from a newer stored version (someone saved after the file was
        exported) is a conflict, not imported, and kept in the history as refused;
        an old copy the file did not change is unchanged. With ``keep_versions``
        (loading the shared file into a new store) new concepts keep the file's
        version numbers. With ``merge`` (files that hold less than the model, like
        OmegaT glossaries) an existing concept keeps its fields and only gains the
        new terms. ``dry_run`` counts without writing anything."""
        from workbench.store import utc_now
        from workbench.users import check_term_rights

        counts = {"added": 0, "changed": 0, "unchanged": 0}
        conflicts: list[str] = []
        now = utc_now()
        with self._store.transaction():
            for concept in glossary.concepts:
                validate_concept(concept)
                stored = self.get(concept.id) if self.exists(concept.id) else None
                if stored is not None and merge:
                    have = {(t.lang, t.text) for t in stored.terms}
                    extra = tuple(t for t in concept.terms if (t.lang, t.text) not in have)
                    concept = replace(stored, terms=stored.terms + extra)
                verdict = self._import_verdict(stored, concept)
                if verdict == "conflicting":
                    conflicts.append(self._import_conflict(stored, concept, user, now, dry_run))
                    continue
                if verdict != "unchanged":
                    check_term_rights(self._store, user, stored, concept)
                counts[verdict] += 1
                if verdict == "unchanged" or dry_run:
                    continue
                if stored is None:
                    new = concept.normalized() if keep_versions else _with_version(concept, 1)
                else:
                    new = _with_version(concept, max(stored.version + 1, concept.version))
                self._write(new, stored is not None)
                self._log(new, "imported", user, now, describe_changes(stored, new))
        return ImportReport(counts["added"], counts["changed"], counts["unchanged"], tuple(conflicts), dry_run)

    def _import_verdict(self, stored: Concept | None, concept: Concept) -> str:
        if stored is None:
            return "added"
        if same_content(stored, concept):
            return "unchanged"
        if concept.version >= stored.version:
            return "changed"
        base = self.at_version(concept.id, concept.version)
        if base is not None and same_content(base, concept):
            return "unchanged"    # an old copy, not edited since: importing it would undo newer saves
        return "conflicting"

    def _import_conflict(self, stored: Concept, concept: Concept, user: str, now: str, dry_run: bool) -> str:
        other = self._last_change(concept.id)
        who = f"{other.user} at {_local(other.at)}" if other else "someone"
        if not dry_run:
            self._log(concept, "refused", user, now,
                      f"import of version {concept.version} refused (current is {stored.version}): "
                      + describe_changes(stored, concept))
        return (f"concept '{concept.id}': the file has version {concept.version} with changes, but {who} saved "
                f"version {stored.version} since; not imported (edit it on the Glossary page or re-export)")

    # ------------------------------------------------------------ internals

    def _write(self, c: Concept, replace: bool) -> None:
        conn = self._conn
        if replace:
            conn.execute("UPDATE glossary_concepts SET subject=?, status=?, definition=?, note=?, version=? "
                         "WHERE id=?", (c.subject, c.status, c.definition, c.note, c.version, c.id))
            conn.execute("DELETE FROM glossary_terms WHERE concept_id = ?", (c.id,))
        else:
            conn.execute("INSERT INTO glossary_concepts (id, subject, status, definition, note, version) "
                         "VALUES (?,?,?,?,?,?)", (c.id, c.subject, c.status, c.definition, c.note, c.version))
        conn.executemany(
            "INSERT INTO glossary_terms (concept_id, position, lang, text, status, pos, gender, variants, "
            "case_sensitive, proper_name, gloss, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, i, t.lang, t.text, t.status, t.pos, t.gender, json.dumps(list(t.variants), ensure_ascii=False),
              int(t.case_sensitive), int(t.proper_name), t.gloss, t.note) for i, t in enumerate(c.terms)])

    def _log(self, c: Concept, action: str, user: str, at: str, summary: str) -> None:
        self._conn.execute(
            "INSERT INTO glossary_history (concept_id, version, action, \"user\", at, summary, snapshot) "
            "VALUES (?,?,?,?,?,?,?)",
            (c.id, c.version, action, user, at, summary, json.dumps(concept_to_dict(c), ensure_ascii=False)))

    def _last_change(self, concept_id: str) -> HistoryEntry | None:
        row = self._conn.execute(
            "SELECT * FROM glossary_history WHERE concept_id = ? AND action != 'refused' ORDER BY id DESC LIMIT 1",
            (concept_id,)).fetchone()
        if row is None:
            return None
        return HistoryEntry(row["concept_id"], row["version"], row["action"], row["user"], row["at"],
                            row["summary"], None)


def _term_row(r) -> dict:
    return {"lang": r["lang"], "text": r["text"], "status": r["status"], "pos": r["pos"], "gender": r["gender"],
            "variants": json.loads(r["variants"]), "case_sensitive": bool(r["case_sensitive"]),
            "proper_name": bool(r["proper_name"]), "gloss": r["gloss"], "note": r["note"]}


def _with_version(c: Concept, version: int) -> Concept:
    return replace(c.normalized(), version=version)


def _local(stamp: str) -> str:
    from workbench.store import local_time

    return local_time(stamp)
