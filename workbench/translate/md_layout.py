"""The lines of a translated Markdown block, in the shape of the source's.

A translator diffs the source and the translation: a paragraph hard-wrapped at
72 characters must not come back as one long line. ``lay_out`` takes the
block's new Markdown text (with a newline where the source broke between two
sentences, and a hard line break's newline inside its item) and gives its lines:

* when every line break of the source fell between sentences (one sentence, or
  a few, a line) and the translation keeps them all, the lines break there;
* else the text is wrapped again at the source's width: its longest line,
  quote marks and indentation included.

Hard line breaks stay where they are. A line is broken only at a space outside
a link, inline code, an HTML tag or an image (``protected``), and never before a
word that would start another block at the start of a line (a list marker, a
heading's ``#``, a quote's ``>``, a setext underline...). Every line after the
first takes the source's continuation prefix of that line (quote marks, a list
item's indentation), the last one for lines the source did not have.
"""

from __future__ import annotations

import re
from typing import Sequence

# a word that would open another block at the start of a line
_BLOCK_START = re.compile(r"(?:[-+*]|\d{1,9}[.)]|#{1,6})(?:\s|$)|[>|]|```|~~~|[=-]+(?:\s|$)|\[[^\]]*\]:|<")
# a line of one HTML tag alone opens an HTML block
_TAG_ALONE = re.compile(r"\s*</?[A-Za-z][^>]*>\s*")


def lay_out(text: str, protected: Sequence[tuple[int, int]], source: Sequence[str],
            prefixes: Sequence[str]) -> list[str]:
    """The block's lines, prefixes included (``source``: its lines as they were; ``prefixes``:
    the prefix of each of them, the first line's marker included)."""
    inside = _covered(protected, len(text))
    # a newline after two spaces or a backslash is a hard line break (an item of the block)
    soft = [i for i, c in enumerate(text) if c == "\n" and not inside[i] and text[i - 1:i] not in (" ", "\\")]
    hard = sum(1 for line in source[:-1] if line.endswith(("  ", "\\")))
    source_soft = len(source) - 1 - hard
    keep = source_soft > 0 and len(soft) == source_soft and not any(_BLOCK_START.match(text, i + 1) for i in soft) \
        and not any(_TAG_ALONE.fullmatch(line) for line in text.split("\n"))
    # no line ends inside a link's text; and when the source's breaks are not all kept, none is
    chars = [" " if c == "\n" and (inside[i] or not keep and i in soft) else c for i, c in enumerate(text)]
    text = "".join(chars)
    width = max(len(line) for line in source)
    lines: list[str] = []
    start = 0
    for end in [i for i, c in enumerate(text) if c == "\n"] + [len(text)]:
        if keep or source_soft == 0:
            lines.append(text[start:end])
        else:
            lines += _wrapped(text, start, end, inside, width, prefixes, len(lines))
        start = end + 1
    return [_prefix(prefixes, n) + line for n, line in enumerate(lines)]


def _covered(protected: Sequence[tuple[int, int]], length: int) -> list[bool]:
    inside = [False] * (length + 1)
    for start, end in protected:
        for i in range(start, min(end, length)):
            inside[i] = True
    return inside


def _wrapped(text: str, start: int, end: int, inside: Sequence[bool], width: int,
             prefixes: Sequence[str], first: int) -> list[str]:
    """``text[start:end]`` cut at spaces into lines of at most ``width`` characters with their
    prefixes where it can be (a longer unbreakable piece stays whole on its line)."""
    breaks = [i for i in range(start, end) if text[i] == " " and not inside[i]
              and not _BLOCK_START.match(text, i + 1) and text[i + 1:i + 2].strip()]   # a word after it
    lines: list[str] = []
    while True:
        room = width - len(_prefix(prefixes, first + len(lines)))
        later = [i for i in breaks if i > start and not _TAG_ALONE.fullmatch(text, start, i)]
        fitting = [i for i in later if i - start <= room]
        if end - start <= room or not later:
            return lines + [text[start:end]]
        cut = fitting[-1] if fitting else later[0]
        lines.append(text[start:cut])
        start = cut + 1


def _prefix(prefixes: Sequence[str], n: int) -> str:
    return prefixes[min(n, len(prefixes) - 1)]
