"""Which legacy code page a text file that is not UTF-8 was written in.

Articles come from old Windows and Mac machines as often as from new ones:
a Turkish text saved as Windows-1254, a Spanish one as Latin-1, an
Esperanto one as Latin-3.  A general charset detector (charset_normalizer)
judges by how "messy" each decoding looks, which on a paragraph or a
headline of Turkish or French picks Windows-1250 (`işçileri` becomes
`iţçileri`, `à` becomes `ŕ`).  Here every code page's decoding is read as
words instead: the decoding whose words with non-ASCII letters are written
in some language (wordfreq's lists of 28 languages; Esperanto through its
analyser) wins; a word no list holds counts by whether its letters stand
between neighbours some language writes; characters no text holds
(controls, unassigned, box drawing) and capitals inside a word count
against a decoding.  Where that leaves a tie, the more common code page.
Measured by bench/charsets.py.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from workbench import langid_lexicon
from workbench.load_once import load_once

# Most common first: a tie (every non-ASCII byte decodes alike, or no
# decoding gives a known word) goes to the first.
LEGACY_CODEPAGES = (
    "cp1252", "cp1254", "iso8859_15", "cp1250", "iso8859_2", "iso8859_3", "cp1257",
    "iso8859_13", "cp1251", "koi8_r", "cp866", "cp1253", "iso8859_7", "mac_roman", "cp850", "cp437",
)

# Languages whose words count as evidence: those of language identification
# and the other languages these code pages were made for (wordfreq's lists;
# Esperanto, which wordfreq lacks, through language identification's analyser).
LEXICON_LANGS = (
    "en", "es", "de", "fr", "it", "pt", "tr", "ca", "nl", "sv", "da", "nb", "fi", "is",
    "pl", "cs", "sk", "hu", "ro", "sl", "sh", "lt", "lv", "ru", "uk", "bg", "mk", "el",
)

# Non-letters that running text holds: quotes, dashes, currency, degrees …
_TEXT_PUNCTUATION = frozenset("“”‘’„‚«»‹›–—…•·°€£¥¢§©®™¡¿±×÷¶¹²³¼½¾ªº\u00a0\u00ad")
# A character no text holds (a control, unassigned, private use) costs this
# much, another symbol (box drawing, ¤, ‡) a third of it; a known word earns
# its log10 frequency above the lexicons' floor (up to ~7).
_IMPOSSIBLE_COST = 6.0
_ODD_SYMBOL_COST = 2.0
# A word no lexicon holds earns _SPELLING_WEIGHT per power of ten of the
# lexicon words that hold its non-ASCII letters between the same neighbours
# (mean over its letters), above _SPELLING_MIDDLE (10 words); below, it loses.
_SPELLING_WEIGHT = 0.2
_SPELLING_MIDDLE = 1.0
# Where the evidence is thin (one unknown word), the more common code page:
# this much less per place down LEGACY_CODEPAGES.
_RANK_COST = 0.1
# Enough words to tell code pages apart; a long file is not read to its end.
_MAX_WORDS = 3000
_SCORED_CHARS = 200_000

_WORD = re.compile(r"[^\W\d_]+")


class Guess(NamedTuple):
    text: str
    codec: str
    # whether most words with a non-ASCII letter are known words in this
    # decoding (else the choice rests on spelling, punctuation and order)
    words_known: bool
    # characters no text holds, symbols, words of mixed scripts or case
    odd: int
    # known words earn, odd characters and words no language spells cost
    score: float

    @property
    def plausible(self) -> bool:
        """Whether the text reads as some language's: known words, or
        nothing odd and nothing that no language spells."""
        return self.words_known or (not self.odd and self.score >= 0)


def decode_legacy(data: bytes) -> Guess | None:
    """The most plausible legacy code page's decoding of `data`, or None
    when no code page decodes it."""
    decodings: dict[str, str] = {}
    for codec in LEGACY_CODEPAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        decodings.setdefault(text, codec)
    if not decodings:
        return None
    scored = []
    for text, codec in decodings.items():
        rank = LEGACY_CODEPAGES.index(codec)
        score, words_known, odd = _plausibility(text[:_SCORED_CHARS])
        scored.append((score - _RANK_COST * rank, -rank, Guess(text, codec, words_known, odd, score)))
    return max(scored)[2]


def _plausibility(text: str) -> tuple[float, bool, int]:
    """A decoding's score (known words earn, odd characters cost), whether
    most of its words with non-ASCII letters are known words, and how many
    odd characters and words it holds."""
    words: dict[str, int] = {}
    letters_by_script: dict[str, int] = {}
    for match in _WORD.finditer(text):
        word = match.group(0)
        script = _script(word)
        letters_by_script[script] = letters_by_script.get(script, 0) + len(word)
        if not word.isascii():
            words[word] = words.get(word, 0) + 1
            if len(words) >= _MAX_WORDS:
                break
    main_script = max(letters_by_script, key=letters_by_script.__getitem__, default="LATIN")
    score = 0.0
    known = unknown = odd = 0
    for word, count in words.items():
        script = _script(word)
        if script == _MIXED or _case_breaks(word):
            # `gуrnikуw`: Cyrillic letters inside a Latin word; `categorÌcela`,
            # `żLe`: a capital inside a word at a non-ASCII letter
            score -= _ODD_SYMBOL_COST * count
            unknown += count
            odd += count
            continue
        # a lone Cyrillic or Greek word in Latin text (`Ч` for a dash) is no
        # evidence, nor is one letter (`ó`, `σ`: any code page makes some)
        if script != main_script or len(word) == 1:
            continue
        evidence = _word_evidence(word)
        if evidence > 0:
            known += count
            score += count * evidence
        else:
            unknown += count
            score += count * _spelling_evidence(word)
    for char in set(text):
        if char.isascii() or char.isalpha() or char.isspace() or char in _TEXT_PUNCTUATION:
            continue
        cost = _IMPOSSIBLE_COST if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn") else _ODD_SYMBOL_COST
        occurrences = text.count(char)
        score -= cost * occurrences
        odd += occurrences
    return score, known > 0 and known >= unknown, odd


_MIXED = "MIXED"


def _script(word: str) -> str:
    """The script of `word`'s letters (LATIN, CYRILLIC, GREEK …) or MIXED."""
    scripts = {"LATIN" if char.isascii() else unicodedata.name(char, "UNKNOWN").split()[0] for char in word}
    return scripts.pop() if len(scripts) == 1 else _MIXED


def _case_breaks(word: str) -> bool:
    """Whether a lower-case letter is followed by a capital, one of them not
    ASCII (`informaciÛn`, `żLe`; ASCII `iPhone`, `McDonald` are names)."""
    return any(a.islower() and b.isupper() and not (a.isascii() and b.isascii())
               for a, b in zip(word, word[1:]))


def _folded_forms(word: str) -> tuple[str, str]:
    # wordfreq's lists are case-folded (ß as ss) with σ for a final ς;
    # Turkish lowers I to ı and İ to i
    return word.replace("İ", "i").casefold().replace("ς", "σ"), word.replace("I", "ı").replace("İ", "i").lower()


def _word_evidence(word: str) -> float:
    """How much more than the floor the most frequent reading of `word` is
    written in any lexicon language (0 for a word none writes)."""
    words = _lexicon().words
    best = max(max(words.get(form, langid_lexicon.FLOOR) for form in _folded_forms(word)),
               langid_lexicon.log_frequency(word.lower(), "eo"))
    return best - langid_lexicon.FLOOR


def _spelling_evidence(word: str) -> float:
    """For a word no lexicon holds: how commonly its non-ASCII letters,
    between their neighbours, are written in the lexicons' words, above or
    below a middle (`etkinleştir`: `eşt` is common Turkish; `etkinleþtir`: no
    language writes `eþt`; `kullanýlanlar`: `aný`, `ýl` are rare Czech and
    Icelandic where `anı`, `ıl` are common Turkish)."""
    trigrams = _lexicon().trigrams
    form = _folded_forms(word)[0]
    logs = [math.log10(1 + trigrams.get(gram, 0)) for gram in _non_ascii_trigrams(form)]
    evidence = _SPELLING_WEIGHT * (sum(logs) / len(logs) - _SPELLING_MIDDLE) if logs else 0.0
    if form[1:-1].isascii():
        # non-ASCII letters only at the edges (`Ťcontieneť`, `amigoť`): the
        # bytes are more likely punctuation another code page reads (« »)
        return min(evidence, 0.0)
    return evidence


def _non_ascii_trigrams(word: str) -> list[str]:
    padded = f" {word} "
    return [padded[i - 1:i + 2] for i in range(1, len(padded) - 1) if not padded[i].isascii()]


class _Lexicon(NamedTuple):
    # word with a non-ASCII letter (or one that folds to ASCII: Turkish
    # `iptal` for İptal, German `strasse`) -> highest log10 frequency
    words: dict[str, float]
    # each non-ASCII letter of those words with its neighbours (" " at an
    # edge) -> how many words of Latin-script languages hold it
    trigrams: dict[str, int]


# Languages whose words fold to ASCII from a non-ASCII capital or letter
# (İ -> i, ß -> ss): their ASCII words are kept too.
_FOLDING_LANGS = ("tr", "de")


@load_once(maxsize=1)
def _lexicon() -> _Lexicon:
    """Built from wordfreq's small lists (about 1 s for all the languages,
    where the large lists of language identification take seconds)."""
    import wordfreq

    kept_by_lang: list[list[list[str]]] = []
    latin_words: list[str] = []
    for lang in LEXICON_LANGS:
        try:
            buckets = wordfreq.get_frequency_list(lang, "small")
        except LookupError:
            continue
        keep_ascii = lang in _FOLDING_LANGS
        kept = [[word for word in bucket if keep_ascii or not word.isascii()] for bucket in buckets]
        kept_by_lang.append(kept)
        first = next((word for bucket in buckets for word in bucket if word.isalpha()), "")
        if _script(first) == "LATIN":
            # Cyrillic and Greek words would be most of the letters searched;
            # spelling is judged for Latin letters only
            latin_words.extend(word for bucket in kept for word in bucket if not word.isascii())
    words: dict[str, float] = {}
    # rarest first over all languages, so that a word's highest frequency in
    # any of them is written last (a bucket is one centibel of frequency)
    for index in range(max(map(len, kept_by_lang), default=0) - 1, -1, -1):
        for kept in kept_by_lang:
            if index < len(kept):
                words.update(dict.fromkeys(kept[index], -index / 100))
    # one string of the words, space-separated, searched at C speed
    joined = " " + "  ".join(latin_words) + " "
    return _Lexicon(words, Counter(_NON_ASCII_TRIGRAM.findall(joined)))


_NON_ASCII_TRIGRAM = re.compile(r"(?=(.[^\x00-\x7f].))")
