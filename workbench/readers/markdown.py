"""Markdown through markdown-it-py (CommonMark): headings, paragraphs, list
items (each its own block), block quotes, code, tables; link text without its
URL, emphasis without its marks."""

from __future__ import annotations

import re
from typing import Sequence

from workbench.readers import BODY, HEADING, SEPARATOR, Block
from workbench.spaces import collapse_spaces

_ATX_HEADING = re.compile(r"(?m)^#{1,6}[ \t]+\S")
_INLINE_LINK = re.compile(r"\]\([^)\s]+\)|^\s*[-*+][ \t]+\S", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    """A .txt file or pasted text written in Markdown: it opens with a static
    site's front matter or a `#` heading, or has several headings and links/list items."""
    if front_matter_lines(text.split("\n", 200)) and _ATX_HEADING.search(text):
        return True
    first = next((line for line in text.split("\n", 50) if line.strip()), "")
    if _ATX_HEADING.match(first):
        return True
    return len(_ATX_HEADING.findall(text)) >= 2 and len(_INLINE_LINK.findall(text)) >= 2


def front_matter_lines(lines: Sequence[str]) -> int:
    """The number of lines of a static site's front matter (YAML between `---` lines at the
    very top: keys and settings, not text), 0 when there is none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    ends = [n for n, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")]
    return ends[0] + 1 if ends else 0


def blocks(text: str) -> list[Block]:
    """The blocks of a Markdown text; a static site's front matter (Hugo, Jekyll: title,
    date, tags between `---` lines) is no text of the article and is left out."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    out: list[Block] = []
    lines = text.split("\n")
    front = front_matter_lines(lines)
    # blank lines in its place keep the line numbers the tokens point at
    lines[:front] = [""] * front
    text = "\n".join(lines)
    heading_level = list_depth = 0
    for token in parser.parse(text):
        if token.type == "list_item_open":
            list_depth += 1
        elif token.type == "list_item_close":
            list_depth -= 1
        elif token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            _append(out, inline_text(token.children or []), HEADING if heading_level else BODY,
                    heading_level, list_item=list_depth > 0)
        elif token.type in ("fence", "code_block"):
            _append(out, token.content, BODY, 0)
        elif token.type == "html_block":
            _append(out, _TAG.sub(" ", token.content), BODY, 0)
        elif token.type == "hr":
            out.append(Block(lines[token.map[0]].strip(), SEPARATOR, 0))  # the line as written
    return out


def _append(out: list[Block], text: str, kind: str, level: int, list_item: bool = False) -> None:
    text = collapse_spaces(text)
    if text:
        out.append(Block(text, kind, level, list_item))


def inline_text(children) -> str:
    """The visible text of an inline token: link and image text kept, URLs,
    emphasis marks and inline HTML tags dropped."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or child.type == "html_inline" and _BR.match(child.content):
            parts.append("\n")  # a <br> written in Markdown too: the words on either side stay apart
    return "".join(parts)

