"""Writing files so that a crash never leaves half a file behind."""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbench.errors import FormatError, InputError


def display_name(path: str | os.PathLike) -> str:
    """A file's name as text that can be stored and printed: bytes of a name that are
    not UTF-8 (Python keeps them as lone surrogates) become U+FFFD."""
    return os.fsencode(Path(path).name).decode("utf-8", errors="replace")


def require_regular_file(path: str | os.PathLike, what: str = "file") -> None:
    """Refuse a pipe, device or socket before reading it: reading a FIFO would wait
    forever for a writer, and a device may never end."""
    path = Path(path)
    if path.exists() and not path.is_dir() and not path.is_file():
        raise InputError(f"{path}: not a regular file (a pipe, device or socket); give a {what} saved on disk")


def read_bytes(path: str | os.PathLike, what: str = "file") -> bytes:
    """The file's bytes; a missing, unreadable, folder or non-regular path is an
    InputError naming the path (never a traceback)."""
    path = Path(path)
    require_regular_file(path, what)
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


def check_writable_file(path: str | os.PathLike, what: str = "output file") -> None:
    """Refuse, before any work, an output path that cannot be written (a folder, a
    place that cannot be created or written). Nothing is left behind: a temporary
    file is created in the nearest existing folder and removed."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name for the {what}")
    _probe_folder(path.parent, path, what)


def check_writable_folder(path: str | os.PathLike, what: str = "output folder") -> None:
    """Refuse an output folder that is a file or cannot be created or written."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: is a file, not a folder; give a folder for the {what}")
    _probe_folder(path, path, what)


def _probe_folder(folder: Path, target: Path, what: str) -> None:
    existing = folder.absolute()
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"cannot write the {what} {target}: {existing} is a file, not a folder")
    try:
        fd, tmp = _create_beside(existing / "probe")
        os.close(fd)
        tmp.unlink()
    except OSError as exc:
        raise InputError(f"cannot write the {what} {target}: {exc.strerror or exc} in {existing}") from None


def write_text_atomic(path: str | os.PathLike, text: str, newline: str | None = "\n") -> Path:
    """Write `text` as UTF-8 to a temporary file beside `path`, then rename it
    over `path`: readers see the old file or the new one, never a mix."""
    return write_bytes_atomic(path, _encode(text, newline))


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_beside(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():  # a rewritten file keeps its mode
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file ``.NAME.RANDOM.tmp`` in the same folder (so the rename is
    atomic), created with mode 0666 less the umask, as a plain open() would: mkstemp's
    private 0600 would make an exported glossary unreadable to colleagues, and reading
    the umask means changing it, which other threads would see."""
    while True:
        # (os.urandom, as secrets.token_hex would give: importing secrets brings hashlib and
        # OpenSSL, 5-9 ms of a command that writes a file)
        tmp = path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp"
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _encode(text: str, newline: str | None) -> bytes:
    if newline not in (None, "", "\n"):
        text = text.replace("\n", newline)
    return text.encode("utf-8")


# ------------------------------------------------------------------ decoding

# (byte order mark, codec, name, bytes the codec leaves out of its error offsets)
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8", 3), (b"\xff\xfe\x00\x00", "utf-32", "UTF-32", 0),
         (b"\x00\x00\xfe\xff", "utf-32", "UTF-32", 0), (b"\xff\xfe", "utf-16", "UTF-16", 0),
         (b"\xfe\xff", "utf-16", "UTF-16", 0))


def decode_bytes(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    if not data.strip():
        raise InputError(f"cannot ingest {name}: the file is empty")
    bom = next((b for b in _BOMS if data.startswith(b[0])), None)
    if bom:
        _, codec, label, skipped = bom
        try:
            return data.decode(codec), codec, ()
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot ingest {name}: it starts with a {label} byte order mark "
                             f"but is not valid {label} (byte {exc.start + skipped})") from None
    if _looks_binary(data):
        raise InputError(f"cannot ingest {name}: it looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    return _decode_mostly_utf8(data) or _decode_guessed(data, name)


# A file is UTF-8 with stray bytes (a quote pasted from a Windows program into a
# UTF-8 file) when its UTF-8 characters outnumber the stray bytes this many times;
# a Windows-1252 or Latin-1 file has hardly any valid UTF-8 sequence.
_UTF8_TO_STRAY = 3
_STRAY_BYTE = re.compile("[\udc80-\udcff]")


def _decode_mostly_utf8(data: bytes) -> tuple[str, str, tuple[str, ...]] | None:
    """UTF-8 text with a few bytes of a Windows code page in it, each such byte read as
    Windows-1252 (where undefined, Latin-1): nothing is lost, where a strict reading
    refused the whole file."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY_BYTE.findall(text))
    utf8 = sum(1 for char in text if not char.isascii()) - stray
    if utf8 < _UTF8_TO_STRAY * stray:
        return None

    def windows_1252(match: re.Match) -> str:
        byte = bytes([ord(match.group()) - 0xDC00])
        try:
            return byte.decode("cp1252")
        except UnicodeDecodeError:
            return byte.decode("latin-1")

    return (_STRAY_BYTE.sub(windows_1252, text), "utf-8",
            (f"UTF-8 with {stray} stray byte{'s' if stray != 1 else ''} read as cp1252",))


def _decode_guessed(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    # Legacy single-byte code pages are read as words (workbench.charsets);
    # charset_normalizer, which on a paragraph of Turkish or French picks
    # Windows-1250, is asked only when no code page reads plausibly, and
    # only its multi-byte answers (Shift JIS, GBK) are taken.
    from charset_normalizer import from_bytes

    from workbench.charsets import decode_legacy

    legacy = decode_legacy(data)
    if legacy is not None and legacy.plausible:
        return legacy.text, legacy.codec, (f"decoded as {legacy.codec}",)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"cannot ingest {name}: the text encoding cannot be recognised")
    if legacy is not None and _single_byte(best.encoding):
        return legacy.text, legacy.codec, (f"decoded as {legacy.codec}",)
    try:
        return data.decode(best.encoding), best.encoding, (f"decoded as {best.encoding}",)
    except (LookupError, UnicodeDecodeError):
        raise InputError(f"cannot ingest {name}: the text encoding cannot be recognised") from None


def _single_byte(codec: str) -> bool:
    """Whether `codec` gives one character a byte (a multi-byte codec takes
    a lead byte and the next together)."""
    try:
        return len(bytes(range(0x80, 0x100)).decode(codec, errors="replace")) == 0x80
    except LookupError:
        return False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05
