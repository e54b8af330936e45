"""User and corpus text inside HTML/Markdown elements, shown exactly as typed."""

from __future__ import annotations

import html
import re

# Characters that Markdown (and Streamlit's LaTeX) would interpret: written
# as entities, so text never turns into emphasis, links, formulas or tags.
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~<>$:&\"'="}


def inert(text: str) -> str:
    """``text`` as inert HTML: no tags, no Markdown, no LaTeX; line breaks kept."""
    return "".join(_MARKDOWN.get(c) or html.escape(c, quote=True) for c in text).replace("\n", "<br>")


# Characters that start Markdown inline syntax (links and images need "[", emphasis,
# code, HTML and autolinks, tables), Streamlit's LaTeX ($) and its :emoji: and
# :red[...] directives; and the marks that start a block at a line's beginning
# (headings, quotes, lists, setext rules). CommonMark makes each literal after "\\".
_INLINE = re.compile(r"([\\`*_{}\[\]<>$~|&:])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)
# GitHub-style autolinks are made after escapes are resolved: an invisible word
# joiner inside "://", "www." and after "@" keeps addresses and emails plain text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def md(text: object) -> str:
    """User or file text (a title, a file name, a term, an error) for an element that
    renders Markdown (captions, messages, labels): shown exactly as written, so
    ``![p](http://host/x.png)`` stays text and never makes the browser fetch anything."""
    escaped = _LINE_START.sub(_escape_block_mark, _INLINE.sub(r"\\\1", str(text)))
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def _escape_block_mark(match: re.Match) -> str:
    indent, mark = match.groups()
    return f"{indent}{mark}\\" if mark.isdigit() else f"{indent}\\{mark}"   # "12\\." or "\\#"
