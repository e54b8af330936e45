"""Bilingual dictionaries as alignment evidence.

Two offline formats are read:

* **dictd** (FreeDict, Debian ``dict-freedict-*``): ``NAME.index`` (headword,
  base64 offset, base64 length per line) and ``NAME.dict`` or ``NAME.dict.dz``
  (gzip-compatible). Each entry's first line is the headword (with an optional
  ``/pronunciation/``); the following lines hold translations, possibly
  numbered (``1. Katze``) and separated by commas or semicolons. Lines in
  angle brackets (``<n>``, part of speech) are ignored.
* **Ding** (``trans-de-en``): ``Katze {f}; Katzen {pl} :: cat; cats`` per line,
  ``|`` separating senses, ``#`` starting a comment. The left side is the
  dictionary's first language.

Only single-word entries are kept (phrases rarely help sentence alignment).
A source word maps to the folded target words it may translate into; the
evidence key ``d:<target word>`` is emitted on the source side for each
translation and on the target side for each word the dictionary knows.

Reading a FreeDict file of several hundred thousand entries takes many
seconds; ``load_dictionary`` with a ``cache_dir`` keeps the oriented, folded
index in one ``marshal`` file (plain strings only: nothing in it can run
code) named after the dictionary file's path, size and modification time,
and reads it back in well under two seconds (``bench/align_real.py
--dictionary-bench``). The translations of a word stay one joined string
until they are asked for.
"""

from __future__ import annotations

import gzip
import hashlib
import marshal
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workbench.align.evidence import fold
from workbench.errors import FormatError, InputError
from workbench.files import require_regular_file

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/")
_NUMBERING = re.compile(r"^\s*\d+\.\s*")
_SEP = "\x1f"  # joins the translations of one word in the index
CACHE_VERSION = 1


@dataclass(frozen=True)
class BilingualDictionary:
    name: str
    src_lang: str
    tgt_lang: str
    index: dict[str, str]  # folded source word -> its folded target words joined by _SEP
    target_vocabulary: frozenset[str]

    def __len__(self) -> int:
        return len(self.index)

    def translations(self, word: str) -> frozenset[str]:
        """The folded target words a folded source word may translate into."""
        joined = self.index.get(word)
        return frozenset(joined.split(_SEP)) if joined else frozenset()

    def keys(self, folded_words: list[str], side: str) -> list[str]:
        if side == "source":
            out: set[str] = set()
            for w in folded_words:
                joined = self.index.get(w)
                if joined:
                    out.update(joined.split(_SEP))
            return ["d:" + t for t in sorted(out)]
        return ["d:" + w for w in dict.fromkeys(folded_words) if w in self.target_vocabulary]

    def reversed(self) -> "BilingualDictionary":
        back: dict[str, list[str]] = {}
        for s, joined in self.index.items():
            for t in joined.split(_SEP):
                back.setdefault(t, []).append(s)
        index = {t: _SEP.join(ss) for t, ss in back.items()}
        return BilingualDictionary(self.name + " (reversed)", self.tgt_lang, self.src_lang, index,
                                   frozenset(self.index))

    def for_pair(self, src_lang: str, tgt_lang: str) -> "BilingualDictionary | None":
        """This dictionary oriented for src→tgt, or None if it is for other languages."""
        if (self.src_lang, self.tgt_lang) == (src_lang, tgt_lang):
            return self
        if (self.src_lang, self.tgt_lang) == (tgt_lang, src_lang):
            return self.reversed()
        return None


def _build(name: str, src_lang: str, tgt_lang: str, pairs) -> BilingualDictionary:
    forward: dict[str, dict[str, None]] = {}
    for s, t in pairs:
        s, t = fold(s.strip()), fold(t.strip())
        if s and t and " " not in s and " " not in t:
            forward.setdefault(s, {})[t] = None
    index = {s: _SEP.join(ts) for s, ts in forward.items()}
    return BilingualDictionary(name, src_lang, tgt_lang, index,
                               frozenset(t for ts in forward.values() for t in ts))


def _b64(value: str, where: str) -> int:
    n = 0
    for ch in value:
        pos = _B64.find(ch)
        if pos < 0:
            raise FormatError(f"{where}: {value!r} is not a dictd base64 number")
        n = n * 64 + pos
    return n


def read_dictd(index_path: str | Path, src_lang: str, tgt_lang: str) -> BilingualDictionary:
    """Read a dictd dictionary (``.index`` plus ``.dict`` or ``.dict.dz`` beside it)."""
    index_path = Path(index_path)
    stem = index_path.with_suffix("")
    data_path = next((p for p in (stem.with_suffix(".dict"), stem.with_suffix(".dict.dz")) if p.exists()), None)
    if not index_path.exists():
        raise InputError(f"{index_path}: no such dictionary index")
    if data_path is None:
        raise InputError(f"{index_path}: no {stem.name}.dict or {stem.name}.dict.dz beside it")
    raw = data_path.read_bytes()
    if data_path.suffix == ".dz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise FormatError(f"{data_path}: not a dictzip/gzip file ({exc})") from exc
    pairs = []
    for lineno, line in enumerate(index_path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if len(fields) < 3:
            raise FormatError(f"{index_path}: line {lineno}: expected headword, offset and length")
        head = fields[0]
        if head.startswith("00database") or head.startswith("00-database"):
            continue
        where = f"{index_path}: line {lineno}"
        start, length = _b64(fields[1], where), _b64(fields[2], where)
        body = raw[start:start + length].decode("utf-8", errors="replace").splitlines()
        for text in body[1:]:
            for t in _translations(text):
                pairs.append((head, t))
    return _build(stem.name, src_lang, tgt_lang, pairs)


def _translations(line: str) -> list[str]:
    line = line.strip()
    if not line or (line.startswith("<") and line.endswith(">")):
        return []
    line = _NUMBERING.sub("", _BRACKETS.sub("", line))
    return [part.strip() for part in re.split(r"[,;]", line) if part.strip()]


def read_ding(path: str | Path, src_lang: str, tgt_lang: str) -> BilingualDictionary:
    """Read a Ding dictionary (``de :: en`` lines)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such dictionary file") from exc
    except UnicodeDecodeError as exc:
        raise FormatError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    pairs = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "::" not in line:
            raise FormatError(f"{path}: line {lineno}: a Ding entry needs 'left :: right'")
        left, right = line.split("::", 1)
        lsenses, rsenses = left.split("|"), right.split("|")
        for ls, rs in zip(lsenses, rsenses):
            for lw in _variants(ls):
                for rw in _variants(rs):
                    pairs.append((lw, rw))
    return _build(path.stem, src_lang, tgt_lang, pairs)


def _variants(sense: str) -> list[str]:
    return [v.strip() for v in _BRACKETS.sub("", sense).split(";") if v.strip()]


def load_dictionary(path: str | Path, src_lang: str, tgt_lang: str, *, cache_dir: str | Path | None = None,
                    pair: tuple[str, str] | None = None) -> BilingualDictionary:
    """Read a dictionary by its file: ``*.index`` is dictd, anything else Ding.

    ``pair``: the (source, target) languages it is wanted for (reversed when needed; an
    error when it is for other languages). ``cache_dir``: keep the index there and read
    it back on later calls while the file is unchanged."""
    path = Path(path)
    require_regular_file(path, "dictionary")
    pair = pair or (src_lang, tgt_lang)
    if {src_lang, tgt_lang} != set(pair) or len(set(pair)) != 2:
        raise InputError(f"{path}: a {src_lang}-{tgt_lang} dictionary cannot serve {pair[0]}-{pair[1]}")
    cache = _cache_path(path, pair, cache_dir) if cache_dir is not None else None
    if cache is not None and cache.exists():
        cached = _read_cache(cache)
        if cached is not None:
            return cached
    parsed = read_dictd(path, src_lang, tgt_lang) if path.suffix == ".index" else read_ding(path, src_lang, tgt_lang)
    oriented = parsed.for_pair(*pair)
    if cache is not None:
        _write_cache(cache, oriented)
    return oriented


def _cache_path(path: Path, pair: tuple[str, str], cache_dir: str | Path) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # the reader says what is wrong with the path
    key = f"{CACHE_VERSION}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{pair[0]}-{pair[1]}"
    return Path(cache_dir) / f"{path.stem}-{hashlib.sha1(key.encode()).hexdigest()[:16]}.marshal"


def _read_cache(cache: Path) -> BilingualDictionary | None:
    try:
        version, name, src, tgt, index, vocabulary = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None  # a damaged cache is read again from the dictionary itself
    if version != CACHE_VERSION:
        return None
    return BilingualDictionary(name, src, tgt, index, frozenset(vocabulary))


def _write_cache(cache: Path, d: BilingualDictionary) -> None:
    """Temp file and rename: a reader never sees half a cache. A cache that cannot be
    written only costs the next call its speed."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        data = marshal.dumps((CACHE_VERSION, d.name, d.src_lang, d.tgt_lang, d.index,
                              d.target_vocabulary))
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, cache)
    except OSError:
        pass
