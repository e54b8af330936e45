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

from workbench import mojibake, readers
from workbench.errors import InputError
from workbench.files import decode_bytes, display_name, require_regular_file
from workbench.readers import BODY, HEADING, SEPARATOR, SUPPORTED_SUFFIXES, Block, format_of
from workbench.spaces import collapse_spaces
from workbench.wordsplits import rejoin_split_words

__all__ = ["BODY", "HEADING", "SEPARATOR", "SUPPORTED_SUFFIXES", "Document", "Paragraph",
           "format_of", "ingest_bytes", "ingest_file", "ingest_text", "repair_text"]

# Larger files are refused before they are read (docs/ingest.md, "Size limits"): cleaning
# takes about 2.7 s a megabyte on a loaded 2-core machine, and a long book is 2 MB.
MAX_INPUT_BYTES = 10_000_000

_FINAL_PUNCT = ".!?…:;\"”’»)]*"
_SENTENCE_END = ".!?…:;"
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\ufeff\u2060]")
_SEPARATOR_LINE = re.compile(r"^\s*([*_\-•=~#]\s*){3,}$")
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

def read_file(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, str, tuple[str, ...]]:
    """Read and decode a text file; returns (text, encoding, repairs)."""
    return decode_bytes(read_bytes(path, max_bytes), str(path))


def read_bytes(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """A regular file's bytes, refused before reading when larger than max_bytes."""
    path = Path(path)
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"cannot read {name}: no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    if path.is_dir():
        raise InputError(f"cannot read {name}: it is a directory, not a file")
    require_regular_file(path, "text file")
    check_size(info.st_size, name, max_bytes)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc


def check_size(size: int, name: str, max_bytes: int = MAX_INPUT_BYTES) -> None:
    if size > max_bytes:
        raise InputError(f"cannot ingest {name}: the file has {size:,} bytes, more than the "
                         f"limit of {max_bytes:,} bytes (split it into smaller files)")


# --------------------------------------------------------------------------- repair

def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Fix characters, keep lines. Returns the repaired text and what was repaired."""
    repairs: list[str] = []
    fixed = mojibake.repair(text)
    if fixed != text:
        repairs.append("repaired mojibake")
    text = unicodedata.normalize("NFC", fixed.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    lines = [collapse_spaces(line, _SPACES) for line in text.split("\n")]
    lines = rejoin_split_words(lines)
    text = "\n".join(lines)
    text, n = _LOST_PREFIX_HYPHEN.subn(r"\1-", text)
    if n:
        repairs.append(f"restored {n} lost hyphens")
    return text, tuple(repairs)


# --------------------------------------------------------------------------- paragraphs

def build_paragraphs(text: str, fmt: str) -> list[Paragraph]:
    """Paragraphs of repaired text: Markdown through its parser, other text reflowed."""
    if fmt == "md":
        from workbench.readers.markdown import blocks

        parsed = blocks(text)
        raw = _rejoin_cut_paragraphs([tuple(b[:3]) for b in parsed], _list_items(parsed), True)
    else:  # PDF readers put blank lines between paragraphs: their lines are always wrapped
        raw = _rejoin_cut_paragraphs(_plain_paragraphs(text, wrapped=True if fmt == "pdf" else None))
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


def _plain_paragraphs(text: str, wrapped: bool | None = None) -> list[tuple[str, str, int]]:
    """Paragraphs of plain text; `wrapped` says whether lines were hard-wrapped
    (None: decide from the line lengths)."""
    blocks = _blocks(text)
    lengths = [len(line) for block in blocks if len(block) > 1 for line in block]
    if wrapped is None:
        wrapped = bool(lengths) and statistics.median(lengths) <= 90
    width = _typical_width(lengths or [len(line) for block in blocks for line in block]) if wrapped else 0
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
    ordered = sorted(lengths) or [0]
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
    line starting in upper case. A title-case line followed by more lines may
    end in a colon ("Letter From Turkey:").
    """
    short = width * 0.72
    end = start
    while (end < len(block) and end - start < 5 and len(block[end]) < short
           and not block[end].endswith(tuple(_SENTENCE_END))):
        end += 1
    if end == start and start + 1 < len(block) and _is_title_with_colon(block[start], short):
        return 1
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


def _is_title_with_colon(line: str, short: float) -> bool:
    """"Letter From Turkey:" is a heading, "Among other things:" is not."""
    words = [w for w in line[:-1].split() if w[:1].isalpha()]
    return (len(line) < short and line.endswith(":") and 2 <= len(words) <= 8
            and words[0][:1].isupper() and sum(w[:1].isupper() for w in words) / len(words) >= 0.5)


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


def _list_items(blocks: list[Block]) -> frozenset[int]:
    return frozenset(i for i, b in enumerate(blocks) if b.list_item)


def _rejoin_cut_paragraphs(paras: list[tuple[str, str, int]], list_items: frozenset[int] = frozenset(),
                           marked_headings: bool = False) -> list[tuple[str, str, int]]:
    """Join a body paragraph cut by a page or column break (never a list item)."""
    out: list[tuple[str, str, int]] = []
    for i, (text, kind, level) in enumerate(paras):
        # A short line before a page break can pass for a heading (unless the format
        # marks headings); lower case after it says not.
        joinable = out and kind == BODY and i not in list_items and i - 1 not in list_items and (
            out[-1][1] == BODY or (not marked_headings and out[-1][1] == HEADING and text[:1].islower()))
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


# --------------------------------------------------------------------------- entry points

def ingest_text(text: str, source_name: str = "pasted text", fmt: str | None = None,
                encoding: str = "utf-8", repairs: tuple[str, ...] = ()) -> Document:
    """Clean text of any text format (or PDF text) into a Document."""
    fmt = fmt or _sniff_format(text, source_name)
    if fmt == "html":
        from workbench.htmltext import html_blocks

        # list items and table cells are never joined with a neighbour as a paragraph cut in two
        blocks = [Block(t, HEADING, int(tag[1])) if _is_heading_tag(tag) else Block(t, list_item=tag in _APART)
                  for tag, t in html_blocks(text)]
        return ingest_blocks(blocks, source_name, fmt, encoding, repairs)
    repaired, more = repair_text(text)
    paragraphs = build_paragraphs(repaired, fmt if fmt in ("md", "pdf") else "txt")
    first_line = next((line for line in repaired.split("\n") if line.strip()), "")
    return _document(paragraphs, first_line, source_name, fmt, encoding, tuple(repairs) + more)


def ingest_blocks(blocks: list[Block], source_name: str, fmt: str, encoding: str = "",
                  repairs: tuple[str, ...] = ()) -> Document:
    """A Document from blocks whose boundaries the format marks (HTML, DOCX, ODT)."""
    raw, kept, fixed = [], [], []
    for block in blocks:
        text, block_repairs = repair_text(block.text)
        text = collapse_spaces(text)
        if text:
            raw.append((text, block.kind, block.level))
            kept.append(block)
            fixed.extend(r for r in block_repairs if r not in fixed)
    joined = _rejoin_cut_paragraphs(raw, _list_items(kept), marked_headings=True)
    paragraphs = [Paragraph(i, t, k, lv) for i, (t, k, lv) in enumerate(joined)]
    first_line = paragraphs[0].text if paragraphs else ""
    return _document(paragraphs, first_line, source_name, fmt, encoding, tuple(repairs) + tuple(fixed))


def ingest_bytes(data: bytes, source_name: str, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Ingest an uploaded or read file of any supported format, named by its suffix."""
    check_size(len(data), source_name, max_bytes)
    fmt = format_of(source_name)
    if not readers.is_binary_format(fmt):
        text, encoding, repairs = decode_bytes(data, source_name)
        return ingest_text(text, source_name=source_name, fmt=None if fmt == "txt" else fmt,
                           encoding=encoding, repairs=repairs)
    if not data.strip():
        raise InputError(f"cannot ingest {source_name}: the file is empty")
    content = readers.read_binary(data, source_name, fmt)
    return ingest_blocks(content, source_name, fmt)


def ingest_file(path: str | Path, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    path = Path(path)
    if path.suffix and path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise InputError(f"cannot ingest {path}: unsupported file type '{path.suffix}' "
                         f"(use {', '.join(SUPPORTED_SUFFIXES)})")
    data = read_bytes(path, max_bytes)
    try:
        return ingest_bytes(data, display_name(path), max_bytes)
    except InputError as exc:  # name the path the user gave, not only the file name
        raise InputError(exc.message.replace(f" {display_name(path)}:", f" {path}:", 1)) from None


def _sniff_format(text: str, source_name: str) -> str:
    fmt = format_of(source_name)
    if fmt == "txt" and Path(source_name).suffix.lower() in ("", ".txt"):
        from workbench.readers.markdown import looks_like_markdown

        if looks_like_markdown(text):
            return "md"  # a .txt file or pasted text written in Markdown
    return fmt


_APART = ("li", "td", "th")


def _is_heading_tag(tag: str) -> bool:
    return len(tag) == 2 and tag[0] == "h" and tag[1].isdigit()


def _document(paragraphs: list[Paragraph], first_line: str, source_name: str, fmt: str,
              encoding: str, repairs: tuple[str, ...]) -> Document:
    if not paragraphs:
        raise InputError(f"cannot ingest {source_name}: no text found")
    return Document(title=_title(paragraphs, first_line), paragraphs=tuple(paragraphs),
                    source_name=source_name, fmt=fmt, encoding=encoding, repairs=repairs)


def _title(paragraphs: list[Paragraph], first_line: str) -> str:
    """The heading the document opens with, else its first line (a heading deep
    inside is a section's title, not the document's)."""
    first = paragraphs[0].text
    if paragraphs[0].is_heading or len(paragraphs) > 1 and _is_wrapped_headline(first, first_line):
        return _short_title(first)
    return _short_title(collapse_spaces(first_line) or first)


def _is_wrapped_headline(paragraph: str, first_line: str) -> bool:
    """A short first paragraph without a full stop that the cleaner joined from the first
    line and the next (a headline set over two lines, a body below it): the whole of it is
    the title."""
    line = collapse_spaces(first_line)
    return (len(paragraph) <= 2 * _TITLE_LIMIT and paragraph.startswith(line) and len(paragraph) > len(line)
            and not paragraph.rstrip().endswith((".", ";", ",", ":")))


_TITLE_LIMIT = 80


def _short_title(text: str, limit: int = _TITLE_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
