"""Inline code inside a sentence: never translated, kept in its place.

A Markdown or HTML sentence with inline code ("Run `make app` to start.") goes
to the engine whole, so the code is in the sentence as a code span in
backticks (an HTML ``<code>`` shows as one too; Review shows it so). Before the
engine sees the sentence each code span is replaced by a placeholder made of
ASCII letters and digits (``QC0Z``, ``QC1Z``…, apart from the glossary's
``QX0Z``), which SentencePiece vocabularies encode and models tend to copy;
after translation the placeholders are replaced by the code as it was. A code
span the model dropped is put back at the end of its sentence (before the
closing punctuation) and the segment is flagged for review: no code is lost.

Only .md and .html mark code so (``marks_code``): in a .txt, .docx or .odt a backtick is a
character like any other, and the sentence goes to the engine as it is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

# a run of backticks, the code, the same run of backticks (CommonMark's code span)
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_PLACEHOLDER = "QC{}Z"
_FOUND = re.compile(r"Q\s?C\s?(\d{1,3})\s?Z", re.IGNORECASE)
_CLOSING = re.compile(r"[.!?;:…\"'»”)\]]*\s*$")


CODE_FORMATS = (".md", ".markdown", ".html", ".htm")   # formats whose runs show inline code as code spans


def marks_code(name: str) -> bool:
    """Whether backticks in the runs of a file of this name are code spans (.md, .html)."""
    return Path(name).suffix.lower() in CODE_FORMATS


class Masked(NamedTuple):
    text: str                 # the sentence with placeholders for its code spans
    codes: tuple[str, ...]    # the code spans, in order (placeholder n is codes[n])


def mask_code(sentence: str, inline_code: bool = True) -> Masked:
    """``sentence`` with placeholders for its code spans (none when ``inline_code`` is false:
    its backticks are plain characters)."""
    if not inline_code:
        return Masked(sentence, ())
    codes: list[str] = []

    def placeholder(match: re.Match) -> str:
        codes.append(match.group(0))
        return _PLACEHOLDER.format(len(codes) - 1)

    return Masked(CODE_SPAN.sub(placeholder, sentence), tuple(codes))


def restore_code(translation: str, masked: Masked) -> tuple[str, tuple[str, ...]]:
    """The translation with its code spans back, and a flag for each one the model dropped
    (put back at the end of the sentence)."""
    if not masked.codes:
        return translation, ()
    seen: set[int] = set()

    def code(match: re.Match) -> str:
        n = int(match.group(1))
        if n >= len(masked.codes) or n in seen:
            return ""                  # a placeholder the model made up or repeated
        seen.add(n)
        return masked.codes[n]

    text = re.sub(r"[ \t]{2,}", " ", _FOUND.sub(code, translation)).strip()
    flags = []
    for n, span in enumerate(masked.codes):
        if n not in seen:
            text = at_sentence_end(text, span)
            flags.append(f"inline code {span} lost by the model: put back at the end of the sentence")
    return text, tuple(flags)


def at_sentence_end(text: str, insert: str) -> str:
    """``insert`` after the last word of ``text``, before its closing punctuation."""
    end = _CLOSING.search(text).start()
    return f"{text[:end]} {insert}{text[end:]}" if text[:end].strip() else f"{insert}{text[end:]}"


def translate_keeping_code(translate: Callable[[list[str]], list[str]], sentences: Sequence[str],
                           inline_code: bool = True) -> list[str]:
    """``translate(sentences)`` with each sentence's code spans masked and restored (with
    ``inline_code`` false, as they are)."""
    masked = [mask_code(s, inline_code) for s in sentences]
    done = translate([m.text for m in masked]) if masked else []
    return [restore_code(t, m)[0] for t, m in zip(done, masked)]
