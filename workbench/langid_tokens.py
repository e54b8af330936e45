"""Language identification, part 1: words, candidate sets, glossary languages.

The pieces every detector shares: the Detection result, tokens (with the
Turkish dotted and dotless I lower-cased right), the letters that only some
languages write, the hand-written word lists (``langid_data/``), lingua's
detectors per candidate set, and the languages of a glossary's terms.
The public functions are re-exported by ``workbench.langid``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from typing import Iterable, NamedTuple

from workbench.errors import InputError
from workbench.load_once import load_once


@dataclass(frozen=True)
class Detection:
    lang: str          # ISO 639-1 code, or "und" when it cannot tell
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()


UNDETERMINED = Detection("und", 0.0)
DEFAULT_CANDIDATES = ("en", "es", "de", "tr", "fr", "it", "pt", "eo")

WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

# Letters that only some of the known languages write.
_LETTERS: dict[str, frozenset[str]] = {ch: frozenset(langs.split()) for ch, langs in {
    "ı": "tr", "İ": "tr", "ş": "tr", "Ş": "tr", "ğ": "tr", "Ğ": "tr",
    "ñ": "es", "Ñ": "es", "¿": "es", "¡": "es",
    "ß": "de", "ä": "de", "Ä": "de", "ö": "de tr", "Ö": "de tr", "ü": "de tr es", "Ü": "de tr es",
    "ĉ": "eo", "ĝ": "eo", "ĥ": "eo", "ĵ": "eo", "ŝ": "eo", "ŭ": "eo",
    "Ĉ": "eo", "Ĝ": "eo", "Ĥ": "eo", "Ĵ": "eo", "Ŝ": "eo", "Ŭ": "eo",
    "ã": "pt", "õ": "pt", "ç": "fr tr pt", "Ç": "fr tr pt",
    "á": "es pt", "í": "es pt", "ó": "es pt", "ú": "es pt", "Á": "es pt", "Í": "es pt", "Ó": "es pt",
    "Ú": "es pt", "é": "es fr pt it", "É": "es fr pt it", "è": "fr it", "È": "fr it",
    "ê": "fr pt", "à": "fr it pt", "À": "fr it pt", "â": "fr pt tr", "î": "fr tr", "ô": "fr pt",
    "û": "fr tr", "ë": "fr", "ï": "fr", "œ": "fr", "ì": "it", "ò": "it", "ù": "fr it",
}.items()}
# Letters a language writes only in loanwords: a weaker hint.
_RARE_LETTERS: dict[str, frozenset[str]] = {ch: frozenset(langs.split()) for ch, langs in {
    "w": "en de", "q": "en es de fr it pt", "x": "en es de fr it pt", "y": "en es de tr fr",
    "k": "en de tr eo", "j": "en es de tr fr eo pt",
}.items()}
_KNOWN = frozenset(DEFAULT_CANDIDATES)
# Suffixes written after an apostrophe on names (Erdoğan'ın, İstanbul'da).
_TR_APOSTROPHE = re.compile(r"['’](?:[ıiuü]n|[nsy]?[ıiuü]n?|[dt][ae]n?|n[ıiuü]n|l[ae]r[ıi]?n?|y[ae]|[ae]|[ıiuü]m?[ıiuü]z?)$",
                            re.IGNORECASE)
# Short function words that join the capitalised words of one name.
_CONNECTORS = frozenset("""
de del la las los el y e por para con en der die das des den dem und für von vom zur zum am im
du le les et pour d l di della delle dei degli del per il lo al ve ile da do dos das em
kaj la de por en of the and for
""".split())


class _Token(NamedTuple):
    start: int
    end: int
    text: str
    lower: str
    capitalised: bool
    acronym: bool


@load_once(maxsize=None)
def _lexicon(lang: str) -> frozenset[str]:
    """The word list written for `lang` (empty for languages without one)."""
    try:
        data = resources.files("workbench.langid_data").joinpath(f"{lang}.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    words: set[str] = set()
    for line in data.splitlines():
        if line.startswith("#"):
            continue
        words.update(_lower(w) for w in line.split())
    return frozenset(words)


@load_once(maxsize=512)
def _lingua(candidates: tuple[str, ...], low_accuracy: bool = False):
    """One lingua detector per candidate set (and mode), built once per
    process (lingua shares the language models between detectors)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in candidates:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is None:
            raise InputError(f"candidate language {code!r}: not an ISO 639-1 code lingua knows")
        languages.append(Language.from_iso_code_639_1(iso))
    if len(languages) < 2:
        raise InputError("candidates: give at least two languages")
    builder = LanguageDetectorBuilder.from_languages(*languages)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    detector = builder.build()
    codes = {lang: candidates.index(lang.iso_code_639_1.name.lower()) for lang in languages}
    return detector, codes


@functools.lru_cache(maxsize=64)
def _normalise(candidates: tuple[str, ...] | str) -> tuple[str, ...]:
    if isinstance(candidates, str):
        candidates = tuple(candidates.split(","))
    codes = tuple(dict.fromkeys(c.strip().lower() for c in candidates if c.strip()))
    for code in codes:
        if not re.fullmatch(r"[a-z]{2}", code):
            raise InputError(f"candidate language {code!r}: expected a two-letter ISO 639-1 code")
    if len(codes) < 2:
        raise InputError("candidates: give at least two languages, e.g. en,es,de,tr")
    _lingua(codes)  # validates the codes
    return codes


def candidate_set(candidates: Iterable[str] | str | None) -> tuple[str, ...]:
    """Normalise a candidate list ("en,es,de" or a sequence) to codes."""
    if candidates is None:
        return DEFAULT_CANDIDATES
    return _normalise(candidates if isinstance(candidates, str) else tuple(candidates))


_TURKISH_LETTERS = frozenset("ıİşŞğĞ")


def composed(text: str) -> str:
    """`text` in composed form (NFC): files written on some systems carry
    accents as separate marks (u + combining acute), which would split
    Menú into two words and hide the letter that tells the language."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _lower(word: str) -> str:
    """Lower case that knows Turkish I: in a word with Turkish letters
    I is ı and İ is i (BAĞIMSIZ -> bağımsız); elsewhere I is i."""
    if _TURKISH_LETTERS.isdisjoint(word):
        return word.replace("İ", "i").lower()
    return word.replace("I", "ı").replace("İ", "i").lower()


def _tokens(text: str, limit: int | None = None) -> list[_Token]:
    out = []
    # without Turkish letters in the text, str.lower is _lower (faster)
    lower = str.lower if _TURKISH_LETTERS.isdisjoint(text) else _lower
    for m in islice(WORD_RE.finditer(text), limit):
        word = m.group()
        capitalised = word[0].isupper()
        out.append(_Token(m.start(), m.end(), word, lower(word), capitalised, capitalised and _is_acronym(word)))
    return out


class _Words(NamedTuple):
    """The words of a paragraph, without offsets (cheaper than _tokens)."""
    lowered: list[str]     # every word, lower case
    content: list[str]     # lower case, acronyms left out
    plain: list[str]       # lower-case words as written (no names, no acronyms)


def _words(text: str) -> _Words:
    words = WORD_RE.findall(text)
    lowered = _lowered(text, words)
    capitalised = [w[0].isupper() for w in words]
    content = [low for w, low, cap in zip(words, lowered, capitalised) if not (cap and _is_acronym(w))]
    plain = [low for low, cap in zip(lowered, capitalised) if not cap]
    return _Words(lowered, content, plain)


def _lowered(text: str, words: list[str]) -> list[str]:
    """The words of `text` in lower case (Turkish I as _lower has it)."""
    if not words or not _TURKISH_LETTERS.isdisjoint(text):
        return [_lower(w) for w in words]
    if "Σ" not in text:
        # Outside Turkish İ, lower case maps every letter to one letter and
        # nothing else to a letter (checked over all of Unicode), and
        # only Σ depends on its neighbours: the words lower-cased at once.
        return " ".join(words).lower().split(" ")
    lowered = WORD_RE.findall(text.lower())
    return lowered if len(lowered) == len(words) else [_lower(w) for w in words]


def _is_acronym(word: str) -> bool:
    """ILWU, CGIL: no language; but İŞÇİ, IŞIK (letters of one language) are words."""
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha() and _LETTERS.keys().isdisjoint(word)


_APOSTROPHE = re.compile(r"['’]")


@dataclass(frozen=True)
class GlossaryLanguages:
    """The languages of a glossary's terms and names, prepared once for many
    calls (pass it wherever a glossary is accepted)."""
    langs: dict[str, frozenset[str]]

    def language_of(self, text: str) -> str | None:
        """The language of the glossary term or name written `text` (the
        first in alphabetical order when it is in several), if any."""
        langs = self.langs.get(" ".join(t.lower for t in _tokens(text)))
        return min(langs) if langs else None


def glossary_languages(glossary) -> GlossaryLanguages | None:
    """Prepare a `workbench.glossary.Glossary` (or anything with
    ``.terms(lang)``) for the detectors; None stays None."""
    if glossary is None or isinstance(glossary, GlossaryLanguages):
        return glossary
    langs = _glossary_langs(glossary)
    return None if langs is None else GlossaryLanguages(langs)


def _glossary_langs(glossary) -> dict[str, frozenset[str]] | None:
    """Lower-cased glossary terms and names (and their variants) -> their languages."""
    if isinstance(glossary, GlossaryLanguages):
        return glossary.langs
    if glossary is None or not hasattr(glossary, "terms"):
        return None
    out: dict[str, str] = {}
    for lang in _glossary_languages(glossary):
        try:
            terms = glossary.terms(lang)
        except Exception:  # noqa: BLE001 - a glossary without that language
            continue
        for item in terms:
            term = item[-1] if isinstance(item, tuple) else item
            texts = [term] if isinstance(term, str) else \
                [getattr(term, "text", None) or ""] + list(getattr(term, "variants", ()) or ())
            for text in texts:
                key = " ".join(t.lower for t in _tokens(text))
                if key:
                    out[key] = out.get(key, frozenset()) | {lang}
    return out


def _glossary_languages(glossary) -> list[str]:
    langs = getattr(glossary, "languages", None)
    if callable(langs):
        langs = langs()
    return sorted(langs) if langs else list(DEFAULT_CANDIDATES)
_ELISION = re.compile(r"^(?:l|d|dell|all|dall|nell|sull|un|qu)['’](?=\w)", re.IGNORECASE)


_WWW = re.compile(r"www\.", re.IGNORECASE)   # as "www." in text.lower(), without lower-casing the text
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def _without_addresses(text: str) -> str:
    """`text` with web and mail addresses blanked (the regular expression
    only runs where one may be: it is slow on plain text)."""
    if "@" in text or "://" in text or _WWW.search(text):
        return _ADDRESS.sub(" ", text)
    return text
