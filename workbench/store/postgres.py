"""PostgreSQL behind the store: a psycopg 3 connection that answers like sqlite3's.

The repositories call ``execute``/``executemany``/``cursor`` and read rows by
index and by name, ``lastrowid`` and ``rowcount``, as with sqlite3; this wrapper
gives them that on PostgreSQL (queries rewritten by ``dialect.postgres_query``).

Writes: SQLite's ``BEGIN IMMEDIATE`` lets one writer in at a time, and every
read-modify-write in the repositories (change stamps, expected versions,
"insert if missing") relies on it. Here each write transaction takes one
transaction-scoped advisory lock per schema first, which gives the same
guarantee: no write transaction runs between another's read and its write,
and READ COMMITTED statements after the lock see every earlier commit.
Reads outside a transaction do not wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from workbench.errors import InputError, StoreBusyError
from workbench.store.dialect import postgres_query, redact

CONNECT_TIMEOUT_S = 10


class Row(tuple):
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    def __new__(cls, values: Iterable, index: dict[str, int]):
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor):
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, index)


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses. ``row_factory = None`` gives plain tuples."""

    def __init__(self, connection: "PgConnection"):
        self._connection = connection
        self._cursor = None
        self.row_factory = Row
        self.lastrowid: int | None = None

    def execute(self, sql: str, params: Sequence = ()) -> "PgCursor":
        import psycopg.rows

        factory = _row_factory if self.row_factory is not None else psycopg.rows.tuple_row
        self._cursor = self._connection.raw.cursor(row_factory=factory)
        returning = self._connection.returns_id(sql)
        query = postgres_query(sql) + (" RETURNING id" if returning else "")
        self._connection.run(lambda: self._cursor.execute(query, tuple(params)))
        self.lastrowid = self._cursor.fetchone()[0] if returning else None
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> "PgCursor":
        self._cursor = self._connection.raw.cursor()
        rows = [tuple(r) for r in rows]
        if rows:
            self._connection.run(lambda: self._cursor.executemany(postgres_query(sql), rows))
        return self

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount if self._cursor is not None else -1

    def fetchone(self):
        return self._connection.run(self._cursor.fetchone)

    def fetchall(self) -> list:
        return self._connection.run(self._cursor.fetchall)

    def __iter__(self):
        return iter(self.fetchall())


class PgConnection:
    """One psycopg connection in autocommit mode; the store sends BEGIN/COMMIT itself."""

    def __init__(self, raw, url: str, identity_tables: frozenset[str]):
        self.raw = raw
        self.url = url                       # redacted: safe in messages
        self.identity_tables = identity_tables   # an INSERT there gives back its id (lastrowid)

    def execute(self, sql: str, params: Sequence = ()) -> PgCursor:
        return PgCursor(self).execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> PgCursor:
        return PgCursor(self).executemany(sql, rows)

    def execute_script(self, sql: str) -> None:
        """Several statements without parameters, sent at once (a migration)."""
        self.run(lambda: self.raw.execute(sql.encode()))

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def close(self) -> None:
        self.raw.close()

    def returns_id(self, sql: str) -> bool:
        words = sql.split(None, 3)
        return (len(words) > 2 and words[0].upper() == "INSERT" and words[1].upper() == "INTO"
                and words[2].split("(")[0].lower() in self.identity_tables and "RETURNING" not in sql.upper())

    def run(self, call: Callable):
        """A lost server, or one that cannot go on (disk full, shutting down), is one
        ``Error:`` line naming the server (the write lock's timeout is left to ``begin``)."""
        import psycopg

        try:
            return call()
        except psycopg.errors.LockNotAvailable:
            raise
        except psycopg.OperationalError as exc:
            what = "stopped answering" if self.raw.closed or self.raw.broken else "refused"
            raise InputError(f"the database server {self.url} {what} ({_first_line(exc)}); "
                             "nothing more was written") from None


def connect(url: str, identity_tables: frozenset[str]) -> PgConnection:
    """Connect in autocommit mode; a bad URL or an unreachable server is an ``InputError``
    naming the URL without its password."""
    import psycopg

    shown = redact(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except (psycopg.Error, ValueError) as exc:
        raise InputError(f"cannot open the database {shown}: {_first_line(exc)}") from None
    return PgConnection(raw, shown, identity_tables)


def schema_url(url: str, schema: str) -> str:
    """The URL of the same database with ``schema`` as its search path: one server can
    hold many independent stores (a test's, a bench run's) as schemas."""
    from urllib.parse import quote

    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


def has_table(conn: PgConnection, name: str) -> bool:
    return conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]


def begin(conn: PgConnection, *, quiet_s: float, max_wait_s: float, on_wait: Callable[[str], None] | None,
          message: str, path: str) -> None:
    """BEGIN and take the schema's write lock: quietly for ``quiet_s``, then telling
    ``on_wait`` once, then giving up with ``StoreBusyError`` after ``max_wait_s``."""
    import psycopg

    started, told = time.monotonic(), False
    while True:
        remaining = max_wait_s - (time.monotonic() - started)
        wait_ms = max(1, int(1000 * (min(quiet_s, remaining) if not told else remaining)))
        try:   # one round trip: every write transaction starts with it
            conn.execute_script(f"BEGIN; SET LOCAL lock_timeout = {wait_ms}; "
                                "SELECT pg_advisory_xact_lock(hashtext('workbench write ' || current_schema()))")
            return
        except psycopg.errors.LockNotAvailable:
            conn.execute("ROLLBACK")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if not told and on_wait is not None:
            on_wait(message)
        told = True
        waited = time.monotonic() - started
        if waited >= max_wait_s:
            raise StoreBusyError(f"the store {path} stayed busy for {waited:.0f} s (another user is "
                                 "writing); nothing was written, try again")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
