"""Writing files so that a crash never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from workbench.errors import FormatError, InputError


def read_bytes(path: str | os.PathLike, what: str = "file") -> bytes:
    """The file's bytes; a missing, unreadable or folder path is an InputError
    naming the path (never a traceback)."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a {what}") from None
    except PermissionError:
        raise InputError(f"{path}: cannot read the {what} (permission denied)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} ({exc.strerror or exc})") from None


def read_text(path: str | os.PathLike, what: str = "file", encoding: str = "utf-8") -> str:
    """The file decoded (``utf-8-sig`` drops a BOM); bad bytes are a FormatError
    naming the byte offset."""
    data = read_bytes(path, what)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def write_text_atomic(path: str | os.PathLike, text: str, newline: str | None = "\n") -> Path:
    """Write `text` as UTF-8 to a temporary file beside `path`, then rename it
    over `path`: readers see the old file or the new one, never a mix."""
    return write_bytes_atomic(path, _encode(text, newline))


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file private (0600); give it the mode a plain
        # open() would, so an exported glossary is readable by colleagues.
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _encode(text: str, newline: str | None) -> bytes:
    if newline not in (None, "", "\n"):
        text = text.replace("\n", newline)
    return text.encode("utf-8")


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
