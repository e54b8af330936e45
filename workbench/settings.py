"""Settings: one frozen object built once and passed explicitly.

Precedence: explicit arguments (CLI flags) > environment > defaults.
Nothing is read or created at import time.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import field, replace
from pathlib import Path

from workbench.errors import InputError
from workbench.records import frozen_dataclass

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SESSION_HOURS = 12.0   # a working day: a reload keeps the sign-in, the next morning asks again
MAX_SESSION_HOURS = 24 * 366


def _default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("workbench", appauthor=False))


@frozen_dataclass
class Settings:
    db_path: Path | str          # an SQLite file, or a postgresql:// URL (kept as given)
    data_dir: Path
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    glossary_dir: Path = PROJECT_ROOT / "glossaries"
    user: str = "translator"
    session_hours: float = DEFAULT_SESSION_HOURS    # how long a sign-in lasts in the app ($WORKBENCH_SESSION_HOURS)
    # the app loads language identification's tables in the background from its first page
    # ($WORKBENCH_WARM_UP=0 turns it off)
    warm_up: bool = True
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    def with_changes(self, **changes) -> "Settings":
        return replace(self, **changes)


def load_settings(db: str | os.PathLike | None = None, user: str | None = None,
                  environ: dict | None = None) -> Settings:
    """Build the settings from flags, then the environment, then defaults."""
    env = os.environ if environ is None else environ
    data_dir = Path(env["WORKBENCH_DATA_DIR"]) if env.get("WORKBENCH_DATA_DIR") else _default_data_dir()
    if db is not None:
        db_path = _database(db)
    elif env.get("WORKBENCH_DB"):
        db_path = _database(env["WORKBENCH_DB"])
    else:
        db_path = data_dir / "workbench.sqlite3"
    corpus_dir = Path(env["WORKBENCH_CORPUS"]) if env.get("WORKBENCH_CORPUS") else PROJECT_ROOT / "corpus"
    if user is None:
        user = env.get("WORKBENCH_USER") or _login_name()
    return Settings(db_path=db_path, data_dir=data_dir, corpus_dir=corpus_dir, user=user,
                    session_hours=session_hours(env.get("WORKBENCH_SESSION_HOURS", "")),
                    warm_up=env.get("WORKBENCH_WARM_UP", "").strip().lower() not in ("0", "no", "false", "off"))


def session_hours(text: str, where: str = "WORKBENCH_SESSION_HOURS") -> float:
    """A sign-in's lifetime in hours: empty means the default; else a positive number up to a year."""
    if not str(text).strip():
        return DEFAULT_SESSION_HOURS
    try:
        hours = float(text)
    except ValueError:
        hours = 0.0
    if not 0 < hours <= MAX_SESSION_HOURS:   # also refuses nan and inf
        raise InputError(f"{where}: {text!r} is not a number of hours between 0 and {MAX_SESSION_HOURS} "
                         "(e.g. 12, or 0.5 for half an hour)")
    return hours


def _database(location: str | os.PathLike) -> Path | str:
    """A PostgreSQL URL stays a string (a Path would fold its '//'); anything else is a file."""
    from workbench.store.dialect import is_url

    return str(location) if is_url(str(location)) else Path(location)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "translator"
