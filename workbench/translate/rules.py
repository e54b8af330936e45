"""The rules that decide what the engine is given for a segment, and their version.

A job's segment records the version of these rules its translation was made under
(``translation_segments.rules``). A translation made under an older version is reused only
where the engine would be given the same text now; elsewhere it is translated again when its
job is run again (``jobs.find_or_plan``), and a translation-memory unit that is such an old
machine translation, confirmed unchanged, is not reused as an exact match either.

Versions (bump ``RULES`` and say here what changed when segmentation or masking changes):

1. Stores from before the versions were recorded: a pair of backticks was inline code in every
   format (``Type `strike` to join`` went to the engine as ``Type QC0Z to join``).
2. Backticks are inline code only in .md and .html documents (``inline_code.marks_code``); in a
   .txt, .docx or .odt they are characters of the sentence.

A change of segmentation needs no case here: a stored segment whose boundaries the current
segmentation does not give again is translated again.
"""

from __future__ import annotations

import re

from workbench.translate.inline_code import mask_code

RULES = 2
_PLACEHOLDER = re.compile(r"\bQ[CX]\d{1,3}Z\b")


def engine_input(source: str, code_format: bool, rules: int = RULES) -> str:
    """What the engine was (or is) given for ``source`` under the rules of version ``rules``,
    in a document whose format marks code (``code_format``) or not."""
    return mask_code(source, code_format or rules < 2).text


def still_current(source: str, code_format: bool, rules: int) -> bool:
    """Whether a translation of ``source`` made under ``rules`` is the one the current rules would ask for."""
    return rules == RULES or engine_input(source, code_format, rules) == engine_input(source, code_format)


def leftover_placeholder(source: str, target: str) -> bool:
    """Whether ``target`` holds a masking placeholder (``QC0Z``, ``QX1Z``) its source does not:
    a translation whose code or name was never put back."""
    return any(p not in source for p in _PLACEHOLDER.findall(target))
