"""Spaces in cleaned text: runs collapsed to one, no-break spaces kept where they bind.

Extractors of web pages and PDFs scatter no-break spaces (U+00A0) between
ordinary words ("of\u00a0the"): those become spaces.  Typography puts them,
and its narrow form (U+202F), where a line must not break, and a translator
must keep them there: between a number and its group or unit (10 000, 4 %,
5 km, 20 € / € 20, § 3, n° 5), inside French quotes and before the punctuation
French spaces (« mot », mot ; mot !), after an abbreviation (M. Dupont,
Mme Dupont, z. B., Nr. 5).  Code that compares or cuts text reads a kept one
as a space (Python's ``str.split`` and ``\\s`` do); ``plain_spaces`` gives the
text with ordinary spaces where a fixed string must match.
"""

from __future__ import annotations

import re

__all__ = ["NO_BREAK", "collapse_spaces", "plain_spaces"]

_ANY_SPACES = re.compile(r"\s+")
NO_BREAK = frozenset("\u00a0\u202f")
_SPACED_PUNCTUATION = frozenset(";:!?»›")
_NUMBER_SIGNS = frozenset("$€£¥₺₽₹¢§№°")
_UNIT = re.compile(
    r"(?:[%‰°$€£¥₺₽₹¢]|(?:km²|km|m²|m³|m|cm|mm|kg|mg|g|t|l|ml|h|min|s|ha|kWh|kW|MW|GW|W|V|Mio|Mrd|Mds|Md"
    r"|EUR|USD|TL|TRY|ARS|CHF|GBP)(?!\w))")  # not 'million' and the like: a number word, no unit
# a capitalised word of one to three letters, one lower-case letter, or a known short form, with its
# point; a few French titles without it
_ABBREVIATION = re.compile(
    r"[\s(\[«“„\"'](?:[A-ZÀ-ÖØ-Þ][a-zß-ÿ]{0,2}|[a-zß-ÿ]|Mlles?|MM|pp|ca|cf|vgl|bzw|ggf|inkl)\.$")
_TITLES = re.compile(r"[\s(\[«“„\"'](?:Mmes?|Mlles?|Mgr)$")


def collapse_spaces(text: str, spaces: re.Pattern = _ANY_SPACES) -> str:
    """Each run of ``spaces`` (by default any, line ends included) as one space, or as the
    no-break space it is where it binds (see above); no space at either end."""
    if not NO_BREAK.intersection(text):
        return spaces.sub(" ", text).strip()

    def one(match: re.Match) -> str:
        run, start = match.group(), match.start()
        if NO_BREAK.issuperset(run) and _binds(text[start - 8:start] if start >= 8 else " " + text[:start],
                                               text[match.end():match.end() + 12]):
            return run[0]
        return " "

    return spaces.sub(one, text).strip()


def _binds(before: str, after: str) -> bool:
    """Whether a no-break space between ``before`` and ``after`` is typography to keep."""
    if not before.strip() or not after:
        return False
    if after[0] in _SPACED_PUNCTUATION or before[-1] in "«‹":
        return True
    if before[-1].isdigit() and (after[0].isdigit() or _UNIT.match(after)):
        return True
    if before[-1] in _NUMBER_SIGNS and after[0].isdigit():
        return True
    if before[-1] == ".":
        return bool(_ABBREVIATION.search(before))
    return before[-1] in "esr" and bool(_TITLES.search(before))


def plain_spaces(text: str) -> str:
    """``text`` with each kept no-break space as an ordinary space (same length, same offsets)."""
    return text.translate(_PLAIN)


_PLAIN = {ord(c): " " for c in NO_BREAK}
