"""Word-frequency lexicons for language identification.

How often a word is written in each language is the strongest evidence a
short string gives ("Desktop", "Storage", "Idle" are frequent English words,
rare elsewhere).  The frequencies come from ``wordfreq`` (its data ships in
the wheel: en, es, de, fr, it, pt large lists, tr small list).  wordfreq has
no Esperanto; for it a word counts as known when ``literumilo``'s
morphological analysis accepts it (Esperanto words are built from a root
and regular endings, so an analyser covers the language better than a list)
and it gets a fixed frequency, tuned on the dev split of the langid bench
(for a word alone, hardly more than other languages give the same form: see
esperanto_alone).

Tables are loaded lazily, once per process and language.
"""

from __future__ import annotations

import functools

from workbench.load_once import load_once

# log10 frequency given to a word a language's lexicon does not have.
FLOOR = -8.0
# log10 frequency of an Esperanto word that literumilo accepts (wordfreq
# has no Esperanto counts); tuned on the dev split.
ESPERANTO_KNOWN = -5.0
# An Esperanto word built of more morphemes than a root and its ending is
# rarer, and more often a foreign word the analyser cut into pieces
# (`pak.etn.am.e` for Paketname, `art.ist.as` for Artistas): this much less
# log10 frequency per morpheme more.  Chosen on eight dev catalogues (one
# word +2 items from 0.6 to 1.5), checked on four others (+2).
ESPERANTO_PER_MORPHEME = 0.6
# log10 frequency of an Esperanto word the analyser accepts whole, without
# a grammatical ending (la, de, kaj, tie, nun): the closed class of articles,
# prepositions, conjunctions and correlatives, among the most written words
# of any text; tuned on the dev split.
ESPERANTO_CORE = -2.0
# An Esperanto word alone whose form these languages write too (Esperanto's
# vocabulary comes mostly from them) is at most this much (log10) more
# frequent in Esperanto than where it is written most (esperanto_alone).
# Chosen on eight dev catalogues (shift 0 to 1.5: 2,014-2,016 of 2,139 one-word
# strings; 0.25 and 0.5 best, 2,014 without), checked on the other four: 960
# -> 962 of 1,054.  Raising the frequent shared forms too (grupo, tipo, alta,
# evento) lost on the eight; lowering in longer strings too lost 3 Esperanto
# strings of 2-7 words (Debian versio).
ESPERANTO_COGNATE_LANGS = ("es", "it", "fr", "pt", "en", "de")
ESPERANTO_SHARED_SHIFT = 0.25

_WORDFREQ_LISTS = {"en": "large", "es": "large", "de": "large", "fr": "large", "it": "large",
                   "pt": "large", "tr": "small"}


def covered(lang: str) -> bool:
    """Whether `lang` has a frequency lexicon here."""
    return lang == "eo" or bool(_table(lang))


@load_once(maxsize=None)
def _table(lang: str) -> dict[str, float]:
    """word -> log10 frequency, for one wordfreq language (the small list of
    languages outside the candidates: Catalan, Dutch …; empty when wordfreq
    does not have the language)."""
    import math

    import wordfreq

    try:
        buckets = wordfreq.get_frequency_list(lang, _WORDFREQ_LISTS.get(lang, "small"))
    except LookupError:
        return {}
    # wordfreq's lists are buckets of words of one frequency: one log10 per
    # bucket (the values get_frequency_dict gives, then log10, a word by
    # word loop that made loading a third of a first ingest)
    table: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        table.update(dict.fromkeys(bucket, math.log10(wordfreq.cB_to_freq(-index))))
    return table


@functools.lru_cache(maxsize=200_000)
def _esperanto(word: str) -> float:
    extra_morphemes = esperanto_extra_morphemes(word)
    if extra_morphemes is None:
        return FLOOR
    if extra_morphemes < 0:
        return ESPERANTO_CORE
    return ESPERANTO_KNOWN - ESPERANTO_PER_MORPHEME * extra_morphemes


@functools.lru_cache(maxsize=200_000)
def esperanto_extra_morphemes(word: str) -> int | None:
    """How many morphemes the analyser finds in the lower-case `word` beyond
    a root and its ending: 0 for dosier.o, 2 for labor.ist.oj, -1 for a
    closed-class word without ending (la, kaj); None when it rejects it."""
    if len(word) < 2 or not word.isalpha():
        return None
    from literumilo import check_word

    analysis = check_word(word)
    if not analysis.valid:
        return None
    # the analyser marks morpheme boundaries with dots (trakt.il.o)
    return analysis.word.count(".") - 1


@functools.lru_cache(maxsize=100_000)
def esperanto_alone(word: str) -> float:
    """log10 frequency of the lower-case `word` in Esperanto for a word
    alone (a label): log_frequency's, or less for a form the analyser
    accepts that other languages write rarely.  Such a form is mostly one
    international word (termostato, kurdo, interlineado), about as rare in
    Esperanto as where it is written most; the analyser alone would call it
    an ordinary Esperanto word.  In running text the words around tell, and
    Esperanto's own words at the bottom of other languages' lists (versio,
    nivelo, faldi) would lose."""
    extra_morphemes = esperanto_extra_morphemes(word)
    if extra_morphemes is None or extra_morphemes < 0:
        return _esperanto(word)
    shared = max(_table(lang).get(word, FLOOR) for lang in ESPERANTO_COGNATE_LANGS)
    if shared <= FLOOR:
        return _esperanto(word)
    return min(ESPERANTO_KNOWN, shared + ESPERANTO_SHARED_SHIFT) - ESPERANTO_PER_MORPHEME * extra_morphemes


def log_frequency(word: str, lang: str) -> float:
    """log10 of how often the lower-case `word` is written in `lang`
    (FLOOR when unknown or when `lang` has no lexicon here)."""
    if lang == "eo":
        return _esperanto(word)
    return _table(lang).get(word, FLOOR)


def frequencies(word: str, langs: tuple[str, ...]) -> tuple[float, ...]:
    """log10 frequencies of `word` in each of `langs` (cached per word). A typographic
    apostrophe is the apostrophe the tables are written with: "Gaza’s" was a word no
    language knows, "Gaza's" one English writes."""
    if "’" in word:
        word = word.replace("’", "'")
    return _frequencies(word, langs)


@functools.lru_cache(maxsize=200_000)
def _frequencies(word: str, langs: tuple[str, ...]) -> tuple[float, ...]:
    return tuple(log_frequency(word, lang) for lang in langs)


def load(langs: tuple[str, ...]) -> None:
    """Load the tables of `langs` now (the app warms its models up front)."""
    for lang in langs:
        log_frequency("the", lang)
