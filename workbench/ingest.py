"""Ingest: turn press text as it comes (PDF/web extractions, markdown, HTML)
into a Document of ordered, clean paragraphs.

Two stages, kept apart so the "never drop text" property can be checked:
``repair_text`` fixes characters (encoding damage, Unicode form, spaces,
words split at line ends) and keeps the line structure; ``build_paragraphs``
only groups lines into paragraphs and marks headings, never removing a
character other than markdown heading marks.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from workbench import mojibake
from workbench.errors import InputError
from workbench.files import display_name, require_regular_file

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

BODY, HEADING, SEPARATOR = "body", "heading", "separator"

_FINAL_PUNCT = ".!?…:;\"”’»)]*"
_SENTENCE_END = ".!?…:;"
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\ufeff\u2060]")
_SEPARATOR_LINE = re.compile(r"^\s*([*_\-•=~#]\s*){3,}$")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(\S.*)$")
_MD_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
# A lowercase prefix glued to a capitalised word lost its hyphen in extraction
# (antiTrump, proRussian); the hyphen comes back only after known prefixes.
_LOST_PREFIX_HYPHEN = re.compile(
    r"\b(anti|pro|non|neo|post|pre|ex|pan|counter|ultra|semi|pseudo|quasi|multi|trans)"
    r"(?=[A-Z][A-Za-z]|[A-Z]{2,})")
# Words after which no sentence or paragraph ends: a paragraph ending in one was cut.
_NEVER_FINAL = frozenset("""
a an the of to in on at by for from with and or but nor as than that which who whose
where when while because if whether into onto upon about between
el la los las un una de del al en y o que por para con sin
der die das den dem des ein eine einen einem einer und oder aber mit von zu im am für auf
bir ve ile ya da ki için gibi
""".split())


@dataclass(frozen=True)
class Paragraph:
    index: int
    text: str
    kind: str = BODY
    level: int = 0

    @property
    def is_heading(self) -> bool:
        return self.kind == HEADING


@dataclass(frozen=True)
class Document:
    title: str
    paragraphs: tuple[Paragraph, ...]
    source_name: str
    fmt: str
    encoding: str
    repairs: tuple[str, ...] = field(default=())

    @property
    def content_hash(self) -> str:
        """Hash of the cleaned content: the same article stored twice is one document."""
        h = hashlib.sha256()
        for p in self.paragraphs:
            h.update(f"{p.kind}\x1f{p.level}\x1f{p.text}\x1e".encode("utf-8"))
        return h.hexdigest()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


# --------------------------------------------------------------------------- reading

def read_file(path: str | Path) -> tuple[str, str, tuple[str, ...]]:
    """Read and decode a file; returns (text, encoding, repairs)."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise InputError(f"cannot read {name}: no such file")
    if path.is_dir():
        raise InputError(f"cannot read {name}: it is a directory, not a file")
    require_regular_file(path, "text file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
    return decode_bytes(data, name)


def decode_bytes(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    if not data.strip():
        raise InputError(f"cannot ingest {name}: the file is empty")
    if _looks_binary(data):
        raise InputError(f"cannot ingest {name}: it looks like a binary file, not text")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc), enc, ()
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(f"cannot ingest {name}: the text encoding cannot be recognised")
    return str(best), best.encoding, (f"decoded as {best.encoding}",)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


# --------------------------------------------------------------------------- repair

def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Fix characters, keep lines. Returns the repaired text and what was repaired."""
    repairs: list[str] = []
    fixed = mojibake.repair(text)
    if fixed != text:
        repairs.append("repaired mojibake")
    text = unicodedata.normalize("NFC", fixed.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = _rejoin_split_words(lines)
    text = "\n".join(lines)
    text, n = _LOST_PREFIX_HYPHEN.subn(r"\1-", text)
    if n:
        repairs.append(f"restored {n} lost hyphens")
    return text, tuple(repairs)


def _rejoin_split_words(lines: list[str]) -> list[str]:
    """`strug-` / `gle` -> `struggle`; `anti-` / `NATO` keeps its hyphen."""
    joined_text = "\n".join(lines)
    out = list(lines)
    for i, line in enumerate(out):
        if not re.search(r"[^\W\d_]{2}-$", line):
            continue
        j = i + 1
        while j < len(out) and j <= i + 3 and not out[j]:
            j += 1
        if j >= len(out) or not out[j] or not out[j][0].isalpha():
            continue
        head, _, rest = out[j].partition(" ")
        tail_word = re.match(r"[^\W\d_]+", head)
        stem = re.search(r"([^\W\d_]+)-$", line).group(1)
        keep_hyphen = head[0].isupper() or (
            tail_word is not None and f"{stem}-{tail_word.group(0)}" in joined_text)
        out[i] = line + head if keep_hyphen else line[:-1] + head
        out[j] = rest
    return out


# --------------------------------------------------------------------------- paragraphs

def build_paragraphs(text: str, fmt: str) -> list[Paragraph]:
    if fmt == "md":
        raw = _markdown_paragraphs(text)
    else:
        raw = _plain_paragraphs(text)
    raw = _rejoin_cut_paragraphs(raw)
    return [Paragraph(i, t, k, lv) for i, (t, k, lv) in enumerate(raw)]


def _blocks(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _markdown_paragraphs(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    for block in _blocks(text):
        current: list[str] = []

        def flush():
            if current:
                out.append((" ".join(current), BODY, 0))
                current.clear()

        for line in block:
            heading = _MD_HEADING.match(line)
            if heading:
                flush()
                out.append((heading.group(2), HEADING, len(heading.group(1))))
            elif _SEPARATOR_LINE.match(line):
                flush()
                out.append((line, SEPARATOR, 0))
            elif _MD_LIST_ITEM.match(line):
                flush()
                current.append(line)
            else:
                current.append(line)
        flush()
    return out


def _plain_paragraphs(text: str) -> list[tuple[str, str, int]]:
    blocks = _blocks(text)
    lengths = [len(line) for block in blocks if len(block) > 1 for line in block]
    wrapped = bool(lengths) and statistics.median(lengths) <= 90
    width = _typical_width(lengths) if wrapped else 0
    out: list[tuple[str, str, int]] = []
    for block in blocks:
        if not wrapped:
            for line in block:
                out.append(_classify_single_line(line))
            continue
        # Columns differ in width within one extraction: measure long blocks locally.
        local = _typical_width([len(line) for line in block]) if len(block) >= 10 else width
        out.extend(_wrapped_block_paragraphs(block, local))
    return out


def _typical_width(lengths: list[int]) -> int:
    ordered = sorted(lengths)
    return max(20, ordered[int(len(ordered) * 0.8)])


def _classify_single_line(line: str) -> tuple[str, str, int]:
    if _SEPARATOR_LINE.match(line):
        return line, SEPARATOR, 0
    if _is_heading_text(line):
        return line, HEADING, 2
    return line, BODY, 0


def _wrapped_block_paragraphs(block: list[str], width: int) -> list[tuple[str, str, int]]:
    """Split one blank-line block of hard-wrapped lines into paragraphs.

    Inside a block only headings (runs of short title-like lines at the start
    of the block or after a line that ends a sentence) and separator lines
    start a new paragraph.
    """
    out: list[tuple[str, str, int]] = []
    current: list[str] = []
    i = 0
    while i < len(block):
        line = block[i]
        at_start = not current or current[-1].rstrip().endswith(tuple(_SENTENCE_END + "”\""))
        if _SEPARATOR_LINE.match(line):
            _flush(out, current)
            out.append((line, SEPARATOR, 0))
            i += 1
            continue
        run = _heading_run(block, i, width) if at_start else 0
        if run:
            _flush(out, current)
            out.append((" ".join(block[i:i + run]), HEADING, 2))
            i += run
            continue
        current.append(line)
        i += 1
    _flush(out, current)
    return out


def _flush(out: list, current: list[str]) -> None:
    if current:
        out.append((" ".join(current), BODY, 0))
        current.clear()


def _heading_run(block: list[str], start: int, width: int) -> int:
    """Length of the run of heading lines starting at `start` (0 if none).

    A heading is a run of up to five short lines without sentence-final
    punctuation that reads like a title, followed by the block's end or by a
    line starting in upper case.
    """
    short = width * 0.72
    end = start
    while (end < len(block) and end - start < 5 and len(block[end]) < short
           and not block[end].endswith(tuple(_SENTENCE_END))):
        end += 1
    for stop in range(end, start, -1):  # longest title-like run wins
        candidate = " ".join(block[start:stop])
        last_word = candidate.rsplit(" ", 1)[-1]
        if candidate.endswith(",") or (last_word.islower() and last_word in _NEVER_FINAL):
            continue  # "Production facilities in" is a cut sentence; "Nobody Voted For" a title
        if stop < len(block) and not block[stop][:1].isupper():
            continue
        if _is_heading_text(candidate):
            return stop - start
    return 0


def _is_heading_text(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 16 or len(text) > 120:
        return False
    if text.rstrip().endswith(tuple(".;:!?…,")) and not text.rstrip().endswith("?"):
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return False
    capitalised = sum(1 for w in letters if w[:1].isupper())
    return capitalised / len(letters) >= 0.5 or len(words) <= 3


def _rejoin_cut_paragraphs(paras: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """Join a body paragraph cut by a page or column break."""
    out: list[tuple[str, str, int]] = []
    for text, kind, level in paras:
        # A short line before a page break can pass for a heading; lower case after it says not.
        joinable = out and kind == BODY and (out[-1][1] == BODY or (
            out[-1][1] == HEADING and text[:1].islower()))
        if joinable and _was_cut(out[-1][0], text):
            prev = out.pop()
            out.append((prev[0] + " " + text, BODY, 0))
        else:
            out.append((text, kind, level))
    return out


def _was_cut(before: str, after: str) -> bool:
    before = before.rstrip()
    if not before or before.endswith(tuple(_FINAL_PUNCT)):
        return False
    first = after.lstrip()[:1]
    if first.islower():
        return True
    last_word = before.rsplit(" ", 1)[-1].lower()
    return last_word in _NEVER_FINAL


# --------------------------------------------------------------------------- html

def html_to_markdown(html: str) -> str:
    """Keep block structure of an HTML page as markdown-like text."""
    from workbench.htmltext import html_blocks

    parts = []
    for tag, text in html_blocks(html):
        if tag[0] == "h" and tag[1:].isdigit():
            parts.append("#" * int(tag[1:]) + " " + text)
        else:
            parts.append(text)
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- entry points

def format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm"):
        return "html"
    return "txt"


def ingest_text(text: str, source_name: str = "pasted text", fmt: str | None = None,
                encoding: str = "utf-8", repairs: tuple[str, ...] = ()) -> Document:
    if fmt is None:
        fmt = format_of(source_name)
        if fmt == "txt" and not Path(source_name).suffix and _MD_HEADING.search(text.split("\n", 1)[0]):
            fmt = "md"  # pasted markdown
    if fmt == "html":
        text = html_to_markdown(text)
        fmt_for_paragraphs = "md"
    else:
        fmt_for_paragraphs = fmt
    repaired, more = repair_text(text)
    paragraphs = build_paragraphs(repaired, fmt_for_paragraphs)
    if not paragraphs:
        raise InputError(f"cannot ingest {source_name}: no text found")
    title = next((p.text for p in paragraphs if p.is_heading), None) or _short_title(paragraphs[0].text)
    return Document(title=title, paragraphs=tuple(paragraphs), source_name=source_name,
                    fmt=fmt, encoding=encoding, repairs=tuple(repairs) + more)


def ingest_file(path: str | Path) -> Document:
    path = Path(path)
    if path.suffix and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(f"cannot ingest {path}: unsupported file type '{path.suffix}' "
                         f"(use {', '.join(SUPPORTED_SUFFIXES)})")
    text, encoding, repairs = read_file(path)
    return ingest_text(text, source_name=display_name(path), fmt=format_of(path.name),
                       encoding=encoding, repairs=repairs)


def _short_title(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
