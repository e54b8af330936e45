"""The store: the only place that holds SQL. SQLite is the embedded default;
a ``postgresql://`` URL opens a PostgreSQL database behind the same API
(``workbench/store/postgres.py``, SQL differences in ``dialect.py``).

One ``Store`` wraps one connection; open one per thread or app session run
(Streamlit runs each session on its own thread: never share a connection).
Every write goes through ``transaction()``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from workbench.errors import InputError, StoreBusyError
from workbench.store import dialect, postgres
from workbench.store.documents import DocumentRepo
from workbench.store.migrations import MIGRATIONS
from workbench.store.glossary import GlossaryRepo
from workbench.store.alignments import AlignmentRepo

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:   # imported on first use (see Store.tm): ~10 ms a command that never reads them
    from workbench.store.jobs import JobsRepo
    from workbench.store.tm import TMRepo
    from workbench.store.users import UserRepo

__all__ = ["Store", "utc_now", "local_time", "WAIT_MESSAGE"]

WAIT_MESSAGE = "Waiting for the store (another user is writing)…"
QUIET_WAIT_S = 3.0     # a wait shorter than this goes unmentioned
MAX_WAIT_S = 120.0     # then the command gives up with one line, not a traceback


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def local_time(stamp: str | None) -> str:
    """A stored UTC time as 'YYYY-MM-DD HH:MM' in this machine's time zone (as written if unreadable)."""
    try:
        when = datetime.fromisoformat(stamp or "")
    except ValueError:
        return stamp or ""
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


class Store:
    def __init__(self, connection: sqlite3.Connection | postgres.PgConnection, path: str,
                 on_wait: Callable[[str], None] | None = None, max_wait_s: float = MAX_WAIT_S,
                 dialect_name: str = dialect.SQLITE):
        self.connection = connection
        self.path = path              # a file, or a URL without its password
        self.dialect = dialect_name
        self.on_wait = on_wait
        self.max_wait_s = max_wait_s
        self._depth = 0
        self.documents = DocumentRepo(self)
        self.glossary = GlossaryRepo(self)
        self.alignments = AlignmentRepo(self)

    # The translation memory, the jobs and the users are opened on first use: their modules
    # (dataclasses built at import) cost ~10 ms of a command that never reads them (align).
    @cached_property
    def tm(self) -> "TMRepo":
        from workbench.store.tm import TMRepo

        return TMRepo(self)

    @cached_property
    def jobs(self) -> "JobsRepo":
        from workbench.store.jobs import JobsRepo

        return JobsRepo(self)

    @cached_property
    def users(self) -> "UserRepo":
        from workbench.store.users import UserRepo

        return UserRepo(self)

    @classmethod
    def open(cls, path: str | Path, *, on_wait: Callable[[str], None] | None = None,
             max_wait_s: float = MAX_WAIT_S) -> "Store":
        """Open (and migrate) the store. ``on_wait`` is told, once, when a write has
        waited ``QUIET_WAIT_S`` for another writer; after ``max_wait_s`` it gives up.
        ``path`` is an SQLite file or a ``postgresql://user:password@host:port/db`` URL."""
        if dialect.is_url(path):
            return cls._open_postgres(str(path), on_wait, max_wait_s)
        path = str(path)
        if path != ":memory:":
            parent = Path(path).expanduser().parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"cannot create the database folder {parent}: {exc.strerror}") from exc
        # Opening a new store (WAL switch, migrations) may meet other users doing the
        # same at once. SQLite answers some of those meetings "locked" without calling
        # its busy handler (a WAL switch or recovery under way), so the whole opening
        # is tried again, for up to a minute; every migration is its own transaction.
        deadline = time.monotonic() + 60.0
        while True:
            try:
                return cls._open_once(path, on_wait, max_wait_s)
            except sqlite3.DatabaseError as exc:
                if not (isinstance(exc, sqlite3.OperationalError) and _is_busy(exc)) \
                        or time.monotonic() >= deadline:
                    raise InputError(f"cannot open the database {path}: {exc}") from exc
                import random   # (only when busy: its import seeds from OpenSSL's SHA-512, ~2 ms)

                time.sleep(random.uniform(0.01, 0.1))

    @classmethod
    def _open_once(cls, path: str, on_wait: Callable[[str], None] | None, max_wait_s: float) -> "Store":
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 60000")
            conn.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            store = cls(conn, path, on_wait, max_wait_s)
            store.migrate()
        except BaseException:
            conn.close()
            raise
        conn.execute(f"PRAGMA busy_timeout = {int(QUIET_WAIT_S * 1000)}")
        return store

    @classmethod
    def _open_postgres(cls, url: str, on_wait: Callable[[str], None] | None, max_wait_s: float) -> "Store":
        identity = frozenset(table for _, sql in MIGRATIONS
                             for table in dialect.rowid_tables(dialect.split_migration(sql, dialect.POSTGRESQL)))
        conn = postgres.connect(url, identity)
        try:
            store = cls(conn, conn.url, on_wait, max_wait_s, dialect.POSTGRESQL)
            store.migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.connection
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")
        finally:
            self._depth = 0

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting for another writer: quietly at first (SQLite's
        busy timeout), then with one message, then giving up with ``StoreBusyError``."""
        if self.dialect == dialect.POSTGRESQL:
            postgres.begin(self.connection, quiet_s=QUIET_WAIT_S, max_wait_s=self.max_wait_s,
                           on_wait=self.on_wait, message=WAIT_MESSAGE, path=self.path)
            return
        started = time.monotonic()
        told = False
        while True:
            try:
                self.connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
            if not told and self.on_wait is not None:
                self.on_wait(WAIT_MESSAGE)
                told = True
            waited = time.monotonic() - started
            if waited >= self.max_wait_s:
                raise StoreBusyError(f"the store {self.path} stayed busy for {waited:.0f} s (another user is "
                                     "writing); nothing was written, try again")

    def migrate(self) -> list[str]:
        """Apply the missing migrations, each in its own write transaction. Another
        process opening the same new store at once may apply one first: it is
        looked up again inside the transaction, so it is applied once."""
        conn = self.connection
        if not self._has_table("schema_migrations"):
            with self.transaction():
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                    continue
                self._apply(_statements(dialect.split_migration(sql, self.dialect)))
                conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (name, utc_now()))
            applied.append(name)
        return applied

    def _apply(self, statements: list[str]) -> None:
        if self.dialect == dialect.POSTGRESQL:   # one round trip for the whole migration
            if statements:
                self.connection.execute_script(";\n".join(dialect.postgres_ddl(s) for s in statements))
            return
        for statement in statements:
            self.connection.execute(statement)

    def _has_table(self, name: str) -> bool:
        if self.dialect == dialect.POSTGRESQL:
            return postgres.has_table(self.connection, name)
        return self.connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def schema_version(self) -> list[str]:
        return [r[0] for r in self.connection.execute("SELECT name FROM schema_migrations ORDER BY name")]

    def get_meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (executescript would commit)."""
    statements, current = [], []
    for line in sql.splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    rest = "\n".join(current).strip()
    if rest:
        statements.append(rest)
    return statements
