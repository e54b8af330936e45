"""Compounds: a word no frequency list knows, read as two known words of a language.

German writes `Paketname`, `Fokusmodus`, `Tastaturmaus` as one word, and no
list holds every such compound; each of their parts is a frequent German
word (`Paket` + `Name`), with or without a linking element (`Arbeit-s-platz`).
For a word that no candidate's list knows, a language gains evidence when
the word splits into two parts of at least PART_MIN_LETTERS letters, each
written at least PART_MIN_FREQUENCY often in it.  How much that says depends
on how freely the language forms such compounds, measured on its own
lexicon: the share of its long, rarer words that split so (about 0.4 for
German, 0.16 for English, 0.05 for Spanish).  The word's log10 frequency in
the language is then estimated as its rarer part's plus log10 of that share
(best split), and counts like a listed word's frequency.

Esperanto is left to its morphological analyser, which knows its compounds.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from typing import Iterator

from workbench.langid_lexicon import FLOOR, _table, frequencies
from workbench.load_once import load_once

# Parts shorter than this split too many words by chance (`ab` + `end`).
PART_MIN_LETTERS = 4
# Each part must be at least this frequent (log10) in the language.
PART_MIN_FREQUENCY = -5.5
# Linking elements between the parts, per language (no link is always tried).
LINKS: dict[str, tuple[str, ...]] = {"de": ("s", "n", "en", "es", "e", "er")}
# A word some candidate's list has at least this often (log10) is no unknown word.
UNKNOWN_BELOW = -7.5
# The words a language's share of compounds is measured on: at least this
# long, at most this frequent (log10), every SAMPLE_STEP-th of them in order.
SHARE_MIN_LETTERS = 9
SHARE_MAX_FREQUENCY = -5.5
SAMPLE_STEP = 50


def splits(word: str, lang: str) -> Iterator[tuple[str, str, str]]:
    """Every split of `word` into two known parts of `lang` with a linking
    element between them (`paketname` -> ("paket", "", "name"))."""
    table = _table(lang)
    for cut in range(PART_MIN_LETTERS, len(word) - PART_MIN_LETTERS + 1):
        head, tail = word[:cut], word[cut:]
        if table.get(tail, FLOOR) < PART_MIN_FREQUENCY:
            continue
        for link in ("",) + LINKS.get(lang, ()):
            stem = head[:len(head) - len(link)]
            if head.endswith(link) and len(stem) >= PART_MIN_LETTERS and table.get(stem, FLOOR) >= PART_MIN_FREQUENCY:
                yield stem, link, tail


def compound_share(lang: str) -> float:
    """The share of `lang`'s long, rarer listed words that split into two
    known parts (0.0 for a language without a list here): the stored
    number, or measured now for a language the file does not hold."""
    stored = _stored_shares()
    return stored[lang] if lang in stored else measure_compound_share(lang)


SHARES_FILE = "compound_shares.tsv"


@load_once(maxsize=1)
def _stored_shares() -> dict[str, float]:
    return read_shares(resources.files("workbench.langid_data").joinpath(SHARES_FILE).read_text(encoding="utf-8"))


def read_shares(text: str) -> dict[str, float]:
    """The shares as `shares_table` writes them (comment lines start with #)."""
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {lang: float(share) for lang, share in rows}


def shares_table(langs: tuple[str, ...], source: str) -> str:
    """The measured shares of `langs`, one `lang<TAB>share` line each (the
    float written exactly, so a stored share is the measured one to the
    bit); `source` names the lists they were measured on."""
    lines = [f"# share of long, rarer listed words that split into two known parts ({source})"]
    lines += [f"{lang}\t{measure_compound_share(lang)!r}" for lang in langs]
    return "\n".join(lines) + "\n"


@load_once(maxsize=None)
def measure_compound_share(lang: str) -> float:
    """Measure `lang`'s share on its frequency list (0.5 s)."""
    words = sorted(w for w, f in _table(lang).items()
                   if f <= SHARE_MAX_FREQUENCY and len(w) >= SHARE_MIN_LETTERS and w.isalpha())
    sample = words[::SAMPLE_STEP]
    if not sample:
        return 0.0
    return sum(1 for w in sample if next(splits(w, lang), None)) / len(sample)


def compound_frequency(word: str, lang: str) -> float | None:
    """Estimated log10 frequency of `word` in `lang` read as a compound (its
    best split), or None when it does not split into two known parts."""
    if lang == "eo" or len(word) < 2 * PART_MIN_LETTERS or not word.isalpha():
        return None
    table = _table(lang)
    rarer_parts = [min(table[head], table[tail]) for head, _, tail in splits(word, lang)]
    share = compound_share(lang)
    if not rarer_parts or share <= 0.0:
        return None
    return max(rarer_parts) + math.log10(share)


@functools.lru_cache(maxsize=20_000)
def compound_gains(word: str, cands: tuple[str, ...]) -> tuple[float, ...] | None:
    """Per candidate, how much more often the lower-case `word` is written
    in it read as a compound than as listed (log10, 0.0 where it is no
    compound there); None for a word some candidate's list knows or that
    no candidate reads as a compound."""
    listed = frequencies(word, cands)
    if len(word) < 2 * PART_MIN_LETTERS or max(
            (f for f, lang in zip(listed, cands) if lang != "eo"), default=FLOOR) >= UNKNOWN_BELOW:
        return None
    estimates = [compound_frequency(word, lang) for lang in cands]
    gains = tuple(max(0.0, e - f) if e is not None else 0.0 for e, f in zip(estimates, listed))
    return gains if any(gains) else None
