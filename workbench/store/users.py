"""Named users of a shared server: name, role and password hash (never the password)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import InputError, NotFoundError
from workbench.store.repo import Repo

if TYPE_CHECKING:
    from workbench.store import Store


@dataclass(frozen=True)
class UserRecord:
    name: str
    role: str
    password_hash: str
    created_at: str
    created_by: str


class UserRepo(Repo):
    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM users").fetchone()[0]

    def list(self) -> list[UserRecord]:
        return [UserRecord(**dict(r)) for r in self._conn.execute("SELECT * FROM users ORDER BY name")]

    def find(self, name: str) -> UserRecord | None:
        row = self._conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return UserRecord(**dict(row)) if row else None

    def add(self, name: str, role: str, password_hash: str, *, by: str) -> UserRecord:
        from workbench.store import utc_now

        with self._store.transaction() as conn:
            if self.find(name) is not None:
                raise InputError(f"a user named '{name}' exists already (remove it first to change it)")
            conn.execute("INSERT INTO users (name, role, password_hash, created_at, created_by) "
                         "VALUES (?, ?, ?, ?, ?)", (name, role, password_hash, utc_now(), by))
        return self.find(name)

    def remove(self, name: str) -> None:
        with self._store.transaction() as conn:
            if conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise NotFoundError(f"no user named '{name}'")
            conn.execute("DELETE FROM sessions WHERE user_name = ?", (name,))

    def add_session(self, token_hash: str, name: str, expires_at: str) -> None:
        """A signed-in browser's session; expired ones of anybody are dropped on the way."""
        from workbench.store import utc_now

        now = utc_now()
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?", (now,))
            conn.execute("INSERT INTO sessions (token_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)",
                         (token_hash, name, now, expires_at))

    def session_owner(self, token_hash: str, now: str) -> str | None:
        row = self._conn.execute("SELECT user_name FROM sessions WHERE token_hash = ? AND expires_at > ?",
                                 (token_hash, now)).fetchone()
        return row[0] if row else None

    def end_session(self, token_hash: str) -> None:
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
