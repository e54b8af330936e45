"""Words split at a line end, with or without the hyphen.

Extractors of PDF columns leave ``strug-``/``gle`` (a hyphen that only
marks the line break) and, worse, ``inter``/``classist`` (the hyphen lost
altogether). A word-frequency lexicon (wordfreq) decides whether the joined
form is a word; known hyphenated forms (``so-called``, ``anti-`` before a word
the lexicon does not know joined) keep their hyphen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Languages whose lexicons are consulted: the press the workbench serves.
LEXICON_LANGS = ("en", "es", "de", "tr", "fr", "it", "pt")
# Zipf frequency (log10 per billion words) from which a string counts as a word.
WORD_ZIPF = 3.0
# Prefixes written solid (`interclassist`, `transnational`) even when the lexicon
# does not know the compound; none of them is an ordinary free-standing word.
SOLID_PREFIXES = frozenset("""inter intra trans sub multi semi re un non micro macro neo pan
ultra hyper infra pre""".split())
# Prefixes that keep their hyphen before a word the lexicon does not know joined.
HYPHEN_PREFIXES = frozenset("anti self ex quasi pseudo".split())
# Compounds written with a hyphen whose parts are also ordinary words; only forms
# that are not also a noun phrase of two words ("the working class" is).
HYPHENATED_WORDS = frozenset("so-called co-operation co-operative co-operatives".split())

_TRAILING_WORD = re.compile(r"(?:^|[^\w-])([^\W\d_]{2,})(-?)$")
_HYPHENATED = re.compile(r"\b[^\W\d_]++(?:-[^\W\d_]++)+")  # possessive: linear on a 5 MB word
_LEADING_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Lexicon:
    """Whether a string is a word in one of LEXICON_LANGS, remembered per call.

    wordfreq's "small" lists hold exactly the words from Zipf 3 up and load in
    0.03-0.08 s a language (the "best" lists take 0.1-1.7 s); languages are
    consulted in order and only until one knows the word."""
    langs: tuple[str, ...] = LEXICON_LANGS
    _seen: dict[str, bool] = field(default_factory=dict)

    def is_word(self, word: str) -> bool:
        word = word.lower()
        if word not in self._seen:
            from wordfreq import zipf_frequency

            self._seen[word] = any(zipf_frequency(word, lang, wordlist="small") >= WORD_ZIPF
                                   for lang in self.langs)
        return self._seen[word]


def rejoin_split_words(lines: list[str]) -> list[str]:
    """Join a word split over a line end onto the first line, keeping lines.

    ``strug-``/``gle`` -> ``struggle``; ``anti-``/``NATO`` keeps its hyphen;
    ``inter``/``classist`` -> ``interclassist``; ``anti``/``extremism`` ->
    ``anti-extremism``; ``so``/``called`` -> ``so-called``. A split over a page
    break (blank lines between) is joined when the line ends in a hyphen.
    """
    seen_hyphenated = frozenset(_HYPHENATED.findall("\n".join(lines)))
    lexicon = Lexicon()
    out = list(lines)
    for i, line in enumerate(out):
        split = _TRAILING_WORD.search(line)
        if split is None:
            continue
        hyphen = bool(split.group(2))
        j = _next_line(out, i, max_blank=3 if hyphen else 0)
        if j is None:
            continue
        head, _, rest = out[j].partition(" ")
        tail = _LEADING_WORD.match(head)
        if tail is None:
            continue
        stem = split.group(1)
        joined = _join(stem, tail.group(0), hyphen, seen_hyphenated, lexicon)
        if joined is None:
            continue
        out[i] = line[:split.start(1)] + joined + head[tail.end():]
        out[j] = rest
    return out


def _next_line(lines: list[str], i: int, max_blank: int) -> int | None:
    j = i + 1
    while j < len(lines) and j <= i + 1 + max_blank and not lines[j]:
        j += 1
    if j >= len(lines) or j > i + 1 + max_blank or not lines[j][:1].isalpha():
        return None
    return j


def _join(stem: str, tail: str, hyphen: bool, seen_hyphenated: frozenset[str],
          lexicon: Lexicon) -> str | None:
    """The joined form of stem + tail, or None where the line break was a space."""
    hyphenated, solid = f"{stem}-{tail}", stem + tail
    prefix = stem.lower()
    if hyphen and tail[0].isupper():
        return hyphenated  # anti-NATO
    if not hyphen and not tail[0].islower():
        return None  # a line ending before a name or a sentence
    if hyphenated.lower() in HYPHENATED_WORDS:
        return hyphenated
    if (not hyphen and prefix not in SOLID_PREFIXES | HYPHEN_PREFIXES
            and lexicon.is_word(stem) and lexicon.is_word(tail)):
        return None  # two words: the line break stands for a space
    if hyphenated in seen_hyphenated:
        return hyphenated
    if lexicon.is_word(solid):
        return solid
    if prefix in HYPHEN_PREFIXES:
        return hyphenated
    if hyphen or prefix in SOLID_PREFIXES:
        return solid  # a hyphen at a line end marks the break unless shown otherwise
    return None
