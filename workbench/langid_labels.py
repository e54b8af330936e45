"""Short-label lexicon: how often a word is written in the short strings
(labels, menu items, headings) of each language.

Word frequencies of running text (wordfreq) miss what short strings are
made of: `General`, `Error`, `Portrait` are labels of English far more often
than of Spanish or French, although those languages write the words too.
``langid_data/labels.tsv.gz`` counts, per language, the word forms of the
strings of up to seven words of 89 free-software translation catalogues
(English from the msgids, the others from their translations; the
catalogues are listed in bench/data/langid/label_sources.tsv, none of them
in the bench's dev or test split; built by build_labels.py).  Fragments of
one to three words use it (langid_evidence).  The table is read on first
use, once per process.
"""

from __future__ import annotations

import functools
import gzip
import math
from importlib import resources
from typing import NamedTuple

from workbench.load_once import load_once

# Additive smoothing of the counts (a word a language's labels never showed
# gets this many occurrences); tuned on the dev split of the langid bench.
SMOOTHING = 0.5
# How far (log10) a language can fall behind the best one for a single word.
SPAN = 2.0


class _Labels(NamedTuple):
    langs: tuple[str, ...]
    counts: dict[str, tuple[int, ...]]    # word form -> count per language of `langs`
    totals: tuple[int, ...]               # words counted per language


@load_once(maxsize=1)
def _labels() -> _Labels:
    """The table, read once (about 28,500 word forms, 150 KB)."""
    return read_table(resources.files("workbench.langid_data").joinpath("labels.tsv.gz").read_bytes())


def read_table(raw: bytes) -> _Labels:
    """A table as build_labels.py writes it (gzip TSV: header, totals, words)."""
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    header, totals, *rows = (line.split("\t") for line in lines)
    counts = {row[0]: tuple(map(int, row[1:])) for row in rows}
    return _Labels(tuple(header[1:]), counts, tuple(map(int, totals[1:])))


def label_scores(word: str, cands: tuple[str, ...]) -> tuple[float, ...] | None:
    """Per candidate, log10 P(word | labels of that language) minus the best
    candidate's, down to -SPAN; None when no language's labels hold `word`
    (then the labels say nothing).  A candidate without counts here gets
    the mean of the others (no evidence for or against it)."""
    return _label_scores(word, cands)


@functools.lru_cache(maxsize=100_000)
def _label_scores(word: str, cands: tuple[str, ...]) -> tuple[float, ...] | None:
    table = _labels()
    counts = table.counts.get(word)
    if counts is None:
        return None
    size = len(table.counts)
    by_lang = {lang: math.log10((n + SMOOTHING) / (total + SMOOTHING * size))
               for lang, n, total in zip(table.langs, counts, table.totals)}
    known = [by_lang[lang] for lang in cands if lang in by_lang]
    if not known:
        return None
    best = max(known)
    relative = {lang: max(by_lang[lang] - best, -SPAN) for lang in cands if lang in by_lang}
    mean = sum(relative.values()) / len(relative)
    return tuple(relative.get(lang, mean) for lang in cands)


def load() -> None:
    """Read the table now (the app warms its models up front)."""
    _labels()
