"""Spaces in cleaned text: every run of white space, no-break and narrow no-break spaces
(U+00A0, U+202F) included, is one ordinary space.

Issue 2's cleaning rule, shared by every reader (plain text, Markdown, HTML, DOCX, ODT),
by a job's document runs and by the post-edited export, which must find the paragraphs
ingest made. Extractors of web pages and PDFs scatter no-break spaces between ordinary
words; a typographic one (French "4 %") is not told apart from them here.
"""

from __future__ import annotations

import re

__all__ = ["collapse_spaces"]

_ANY_SPACES = re.compile(r"\s+")   # \s covers U+00A0 and U+202F in str patterns


def collapse_spaces(text: str, spaces: re.Pattern = _ANY_SPACES) -> str:
    """Each run of ``spaces`` (by default any, line ends included) as one space; no space
    at either end. A no-break space inside a run that ``spaces`` does not match is a space."""
    return spaces.sub(" ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()
