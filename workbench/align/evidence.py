"""Lexical evidence that two segments translate each other.

Each segment is reduced to a set of *keys*; a source and a target segment
share a key when the same fact shows on both sides. Key kinds and weights
(the weight is what one shared key adds to the match; see ``KIND_WEIGHTS``):

==========  ======  ===========================================================
kind        weight  what is shared
==========  ======  ===========================================================
``n``       3.0     a number, separators removed (``1.000`` = ``1,000``)
``m``       2.0     a month name in any known language (``October`` = ``Ekim``)
``g``       2.5     a glossary concept matched on both sides (TermMatcher)
``c``       1.0     a cognate: a name or long word whose first five letters,
                    folded (no accents, dotless i, ß = ss), are equal
``d``       1.0     a word pair found in a bilingual dictionary (FreeDict/Ding)
``l``       1.0     a word pair of the translation table learnt from the text
                    itself (``workbench.align.lexicon``; second pass only)
``t``       1.0     a word of the machine translation of the source found in
                    the target (only when an MT engine is given)
``p``       0.5     punctuation: question and exclamation marks, quotes,
                    brackets, colons
==========  ======  ===========================================================

A key occurring twice in a segment becomes two keys (``n:5``, ``n:5#2``),
so counts matter. How well the two sides of a bead share their keys is
scored in ``workbench.align.dp`` (per-segment coverage, weighted as above and
lowered for keys found in many segments).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import field
from functools import lru_cache

from workbench.records import frozen_dataclass

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from typing import Protocol

    class MTEngine(Protocol):
        """What the optional MT evidence needs: translate a batch of texts."""

        def translate_batch(self, texts: Sequence[str]) -> list[str]: ...

    class TermFinder(Protocol):
        """The part of the glossary's TermMatcher used here."""

        def find(self, text: str) -> list: ...

KIND_WEIGHTS = {"n": 3.0, "m": 2.0, "g": 2.5, "c": 1.0, "d": 1.0, "l": 1.0, "t": 1.0, "p": 0.5}

_PUNCT_CLASSES = {"?": "?", "¿": "?", "!": "!", "¡": "!", "(": "(", "[": "(", ":": ":",
                  "\"": "q", "“": "q", "”": "q", "„": "q", "«": "q", "»": "q", "‘": "q", "‹": "q"}
# each mark's key, and the marks found by one regex call (a loop over every character took 5 of
# the evidence keys' ~50 ms on 1,945 sentences)
_PUNCT_KEYS = {ch: "p:" + cls for ch, cls in _PUNCT_CLASSES.items()}
# The patterns, compiled when first used (``pattern``): where the C extension is built, an
# alignment reads words and marks in C and compiles only the number patterns, for a text with
# numbers (Python's compiler spends ~0.5 M instructions on each pattern).
_PATTERNS = {
    "number": r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:([.,])(\d+))?",
    # (possessive: what a run of letters matched is never given back, which no match needs; ~10% faster)
    "word": r"[^\W\d_]++(?:[-'’][^\W\d_]++)*+",
    "punct": "[" + re.escape("".join(_PUNCT_CLASSES)) + "]",
    # Roman numerals of two letters or more, up to 399 (a camp, a chapter, a king numbered in
    # digits on the other side: Text+Berg's "Lager 4" is "camp IV"); one letter is too often a word
    "roman": r"\b(?=[IVXLC]{2,}\b)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b",
    # what any match of the number pattern (it starts with a digit) and of the numeral one (two of
    # its letters) contains
    "digit": r"\d",
    "roman_pair": "[IVXLC]{2}",
}


@lru_cache(maxsize=None)
def pattern(name: str) -> re.Pattern:
    """One of the evidence's regular expressions (``_PATTERNS``), compiled once."""
    return re.compile(_PATTERNS[name])
_MONTHS = {
    1: "january enero januar jänner ocak janvier gennaio januaro",
    2: "february febrero februar feber şubat février febbraio februaro",
    3: "march marzo märz mart mars marto",
    4: "april abril nisan avril aprile aprilo",
    5: "may mayo mai mayıs maggio majo",
    6: "june junio juni haziran juin giugno junio",
    7: "july julio juli temmuz juillet luglio julio",
    8: "august agosto ağustos août aŭgusto",
    9: "september septiembre setiembre eylül septembre settembre septembro",
    10: "october octubre oktober ekim octobre ottobre oktobro",
    11: "november noviembre kasım novembre novembro",
    12: "december diciembre dezember aralık décembre dicembre decembro",
}


@lru_cache(maxsize=1)
def _month_table() -> dict[str, int]:
    return {fold(name): number for number, names in _MONTHS.items() for name in names.split()}


@lru_cache(maxsize=1)
def _month_keys() -> dict[str, str]:
    """Folded month name -> its evidence key (``m:3``)."""
    return {f: f"m:{number}" for f, number in _month_table().items()}


def is_month_name(word: str) -> bool:
    """True for a month name in one of the languages of the month table."""
    return fold(word) in _month_table()


class EngineMT:
    """Adapts a translation engine (``translate(sentences, src, tgt)`` returning
    n-best lists, as the translate package's engines do) to ``MTEngine``."""

    def __init__(self, engine, src_lang: str, tgt_lang: str):
        self.engine, self.src_lang, self.tgt_lang = engine, src_lang, tgt_lang
        self.name = engine.describe(src_lang, tgt_lang) if hasattr(engine, "describe") else type(engine).__name__

    def translate_batch(self, texts: Sequence[str]) -> list[str]:
        hyps = self.engine.translate(list(texts), self.src_lang, self.tgt_lang)
        return [h[0] if h else "" for h in hyps]


@frozen_dataclass
class EvidenceConfig:
    """Which evidence to use; everything optional is off unless given."""

    numbers: bool = True
    months: bool = True
    cognates: bool = True
    punctuation: bool = True
    src_terms: TermFinder | None = field(default=None, compare=False)
    tgt_terms: TermFinder | None = field(default=None, compare=False)
    dictionary: "object | None" = field(default=None, compare=False)  # BilingualDictionary
    mt: MTEngine | None = field(default=None, compare=False)
    table: "object | None" = field(default=None, compare=False)  # lexicon.TranslationTable

    def describe(self) -> dict:
        return {"numbers": self.numbers, "months": self.months, "cognates": self.cognates,
                "punctuation": self.punctuation, "glossary": self.src_terms is not None,
                "dictionary": getattr(self.dictionary, "name", None) if self.dictionary else None,
                "mt": (getattr(self.mt, "name", None) or type(self.mt).__name__) if self.mt else None,
                "learnt_table": len(self.table) if self.table is not None else None,
                "weights": KIND_WEIGHTS}


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lowercase, strip accents, dotless ı to i, ß to ss: for cognate comparison."""
    if word.isascii():   # (most words: nothing to replace, decompose or strip)
        return word.lower()
    word = word.replace("ı", "i").replace("İ", "i").replace("ß", "ss").lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def folded_words(words: Sequence[str]) -> list[str]:
    """Each word folded, without what follows an apostrophe (``l'homme``: ``l``)."""
    # (a word without an apostrophe, most of them, is folded whole: no splitting)
    return [fold(w) if "'" not in w and "’" not in w else fold(w.split("'")[0].split("’")[0]) for w in words]


def words(text: str) -> list[str]:
    """The words of a text (letters, with inner hyphens and apostrophes)."""
    return pattern("word").findall(text)


def segment_keys(text: str, config: EvidenceConfig, side: str,
                 translation: str | None = None, read: "tuple[list[str], list[str]] | None" = None,
                 compiled=None, term_words: list[str] | None = None) -> frozenset[str]:
    """The evidence keys of one segment; ``side`` is "source" or "target". ``read``: its words
    and their folded forms (``read_words``), when the caller has them. ``compiled``: the C
    extension (``dp.compiled_extension``), which finds the same keys of the words and marks.
    ``term_words``: its words as the glossary's term search reads them (a ``TermMatcher``'s)."""
    keys: list[str] = []
    if compiled is not None:
        digit, roman, marks = compiled.text_marks(text, _PUNCT_KEYS)
    else:
        # (each search first asks a cheaper regex whether the segment can hold one: a digit, two
        # capital Roman letters in a row; ~1 segment in 80 of the speed set does)
        digit, roman, marks = pattern("digit").search(text), pattern("roman_pair").search(text), None
    if config.numbers and digit:
        keys += ["n:" + number_key(m) for m in pattern("number").finditer(text)]
    if config.numbers and roman:
        keys += ["n:" + str(roman_value(m.group())) for m in pattern("roman").finditer(text) if m.group()]
    words, folded = read or read_words(text)
    if compiled is not None:
        keys += compiled.word_keys(words, folded, _month_keys() if config.months else None, config.cognates)
    else:
        if config.months:
            months = _month_keys()
            keys += [months[f] for f in folded if f in months]
        if config.cognates:
            keys += ["c:" + f[:5] for word, f in zip(words, folded)
                     if (len(f) >= 6) or (word[:1].isupper() and len(f) >= 3)]
    if config.punctuation:
        keys += marks if marks is not None else [_PUNCT_KEYS[ch] for ch in pattern("punct").findall(text)]
    finder = config.src_terms if side == "source" else config.tgt_terms
    if finder is not None:
        matches = finder.find(text) if term_words is None else finder.find(text, text_words=term_words)
        keys += [f"g:{m.concept_id}" for m in matches]
    if config.dictionary is not None:
        keys += config.dictionary.keys(folded, side)
    if config.table is not None:
        keys += config.table.keys(folded, side)
    if translation is not None:
        keys += ["t:" + fold(w) for w in pattern("word").findall(translation)]
    elif side == "target" and config.mt is not None:
        keys += ["t:" + f for f in folded]
    if compiled is not None:
        found = compiled.numbered(keys)
        if found is not None:
            return found
    return _numbered(keys)


_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """The value of a well-formed Roman numeral (``XIV`` = 14)."""
    values = [_ROMAN_DIGITS[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))


def number_key(match: re.Match) -> str:
    """A number's digits without separators and leading zeros; a decimal part without its
    trailing zeros (``8847,60`` = ``8847,6``, as a translation may round it)."""
    digits = re.sub(r"\D", "", match.group())
    decimals = match.group(2)
    if decimals:
        digits = digits[:len(digits) - len(decimals)] + decimals.rstrip("0")
    return digits.lstrip("0") or "0"


def _numbered(keys: list[str]) -> frozenset[str]:
    once = frozenset(keys)
    if len(once) == len(keys):   # no key twice (most segments): each is its own first occurrence
        return once
    seen: dict[str, int] = {}
    out = []
    for k in keys:
        n = seen.get(k, 0) + 1
        seen[k] = n
        out.append(k if n == 1 else f"{k}#{n}")
    return frozenset(out)


def key_weight(key: str) -> float:
    return KIND_WEIGHTS.get(key[0], 1.0)


def read_words(text: str) -> tuple[list[str], list[str]]:
    """A segment's words and their folded forms (``folded_words``)."""
    found = pattern("word").findall(text)
    if "'" in text or "’" in text:
        return found, folded_words(found)
    return found, list(map(fold, found))   # (no word to cut at an apostrophe: each folded whole)


def all_keys(texts: Sequence[str], config: EvidenceConfig, side: str,
             read: Sequence[tuple[list[str], list[str]]] | None = None) -> list[frozenset[str]]:
    """Each text's evidence keys (``read``: each text's ``read_words``, when the caller has them)."""
    translations: list[str | None] = [None] * len(texts)
    if side == "source" and config.mt is not None and texts:
        translations = list(config.mt.translate_batch(list(texts)))
    read = read or [None] * len(texts)
    from workbench.align.dp import compiled_extension   # (dp imports this module)

    compiled = compiled_extension()
    finder = config.src_terms if side == "source" else config.tgt_terms
    term_words = [None] * len(texts)
    if compiled is not None and finder is not None:
        from workbench.glossary.matcher import TermMatcher

        if isinstance(finder, TermMatcher):   # (the words of every segment in one call to C)
            term_words = compiled.term_words(list(texts))
    return [segment_keys(t, config, side, tr, r, compiled, w)
            for t, tr, r, w in zip(texts, translations, read, term_words)]
