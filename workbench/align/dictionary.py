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
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.align.evidence import fold
from workbench.errors import FormatError, InputError
from workbench.files import require_regular_file

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|<[^>]*>|/[^/]*/")
_NUMBERING = re.compile(r"^\s*\d+\.\s*")


@dataclass(frozen=True)
class BilingualDictionary:
    name: str
    src_lang: str
    tgt_lang: str
    forward: dict[str, frozenset[str]]  # folded source word -> folded target words
    target_vocabulary: frozenset[str]

    def __len__(self) -> int:
        return len(self.forward)

    def keys(self, folded_words: list[str], side: str) -> list[str]:
        if side == "source":
            out = set()
            for w in folded_words:
                out.update(self.forward.get(w, ()))
            return ["d:" + t for t in sorted(out)]
        return ["d:" + w for w in dict.fromkeys(folded_words) if w in self.target_vocabulary]

    def reversed(self) -> "BilingualDictionary":
        back: dict[str, set[str]] = {}
        for s, targets in self.forward.items():
            for t in targets:
                back.setdefault(t, set()).add(s)
        return _build(self.name + " (reversed)", self.tgt_lang, self.src_lang,
                      ((t, s) for t, ss in back.items() for s in ss))

    def for_pair(self, src_lang: str, tgt_lang: str) -> "BilingualDictionary | None":
        """This dictionary oriented for src→tgt, or None if it is for other languages."""
        if (self.src_lang, self.tgt_lang) == (src_lang, tgt_lang):
            return self
        if (self.src_lang, self.tgt_lang) == (tgt_lang, src_lang):
            return self.reversed()
        return None


def _build(name: str, src_lang: str, tgt_lang: str, pairs) -> BilingualDictionary:
    forward: dict[str, set[str]] = {}
    for s, t in pairs:
        s, t = fold(s.strip()), fold(t.strip())
        if s and t and " " not in s and " " not in t:
            forward.setdefault(s, set()).add(t)
    frozen = {s: frozenset(ts) for s, ts in forward.items()}
    return BilingualDictionary(name, src_lang, tgt_lang, frozen,
                               frozenset(t for ts in frozen.values() for t in ts))


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


def load_dictionary(path: str | Path, src_lang: str, tgt_lang: str) -> BilingualDictionary:
    """Read a dictionary by its file: ``*.index`` is dictd, anything else Ding."""
    path = Path(path)
    require_regular_file(path, "dictionary")
    if path.suffix == ".index":
        return read_dictd(path, src_lang, tgt_lang)
    return read_ding(path, src_lang, tgt_lang)
