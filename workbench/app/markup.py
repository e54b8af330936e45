"""User and corpus text inside HTML/Markdown elements, shown exactly as typed."""

from __future__ import annotations

import html

# Characters that Markdown (and Streamlit's LaTeX) would interpret: written
# as entities, so text never turns into emphasis, links, formulas or tags.
_MARKDOWN = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|~<>$:&\"'="}


def inert(text: str) -> str:
    """``text`` as inert HTML: no tags, no Markdown, no LaTeX; line breaks kept."""
    return "".join(_MARKDOWN.get(c) or html.escape(c, quote=True) for c in text).replace("\n", "<br>")
