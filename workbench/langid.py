"""Language identification for documents, paragraphs and short fragments,
and the foreign fragments inside a text.

Evidence, as a translator would use it:

* letters that belong to few languages (ı İ ş ğ, ñ ¿ ¡, ß, ĉ ĝ ĥ ĵ ŝ ŭ, ã õ …)
  and letters a language never writes (w in Italian, q and x in Turkish);
* function words and frequent words of the labour press (``langid_data/``);
* affixes (Turkish case suffixes after an apostrophe, Esperanto endings …);
* lingua's character n-gram models restricted to the candidate languages;
* terms and names registered in the glossary, when one is given;
* the document's main language as a prior.

The scores are added per candidate language and turned into a confidence
with a softmax.  lingua is asked only when the other evidence is not
decisive, and only about the contending languages (that keeps fragments
fast).  Everything is deterministic.  Documents are judged by langdetect
(seeded), which knows 55 languages, and by the same evidence over the
candidates (which adds Esperanto, unknown to langdetect).

Foreign spans: runs of capitalised words (names, never split) and of words
with foreign evidence are judged with the main language as prior.

Numbers: ``python bench/langid.py`` (held-out test split of bench/data/langid).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from typing import Iterable, NamedTuple

from workbench.errors import InputError
from workbench import langid_lexicon
from workbench.langid_lexicon import FLOOR, frequencies, word_profile


@dataclass(frozen=True)
class Detection:
    lang: str          # ISO 639-1 code, or "und" when it cannot tell
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class ForeignSpan:
    start: int         # character offsets into the text given
    end: int
    text: str
    lang: str
    confidence: float


UNDETERMINED = Detection("und", 0.0)
DEFAULT_CANDIDATES = ("en", "es", "de", "tr", "fr", "it", "pt", "eo")

# Sample of a long document that is judged (bounded time for megabytes).
DOCUMENT_SAMPLE_CHARS = 12000
# A fragment longer than this many words is judged on its first words only.
FRAGMENT_MAX_WORDS = 40
FRAGMENT_MAX_CHARS = 1000

# Weights of the evidence, tuned on the dev split of bench/data/langid.
W_LINGUA = 0.5
W_LEXICON = 1.6
W_LETTER = 4.0
W_RARE_LETTER = 1.2
W_AFFIX = 0.8
W_GLOSSARY = 6.0
W_PRIOR = 0.6
W_NAME_SUFFIX = 3.0
# A stem rarer than this (log10) in every language is a name or an acronym.
NAME_STEM_MAX_FREQUENCY = -6.0
# Per word, log10 frequency in each language (wordfreq, Esperanto analyser),
# counted down to FREQUENCY_SPAN below the word's best language.
W_FREQUENCY = 1.0
FREQUENCY_SPAN = 4.0

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
# A whitespace-separated word holding at least one of those letters.
_LETTER_WORD = re.compile("[^\\s]*[" + re.escape("".join(_LETTERS)) + "][^\\s]*")

# Word endings that point to a language (longest first within a language).
_AFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("ness", "ing", "ings", "ship", "ment", "ers", "ed", "ly", "ity", "ies", "ght", "th"),
    "es": ("ción", "ciones", "dad", "dades", "mente", "ado", "ada", "ados", "adas", "idos", "ismo", "ero", "eros", "aje"),
    "de": ("ung", "ungen", "schaft", "keit", "heit", "lich", "isch", "chen", "sch", "tz", "ierte", "igen", "eit"),
    "tr": ("lar", "ler", "ları", "leri", "ın", "ının", "nın", "nin", "dır", "dir", "mak", "mek", "lık", "lik",
           "cı", "ci", "çı", "si", "sı", "ğı", "yor", "ması", "mesi", "ini", "ını", "daki", "deki"),
    "fr": ("tion", "tions", "eux", "aux", "ement", "eau", "eaux", "oire", "ique", "ées", "ée", "iste", "ais", "ait"),
    "it": ("zione", "zioni", "mente", "ità", "ista", "isti", "ismo", "gli", "cchi", "ato", "ata", "ati", "ate", "ano"),
    "pt": ("ção", "ções", "mento", "agem", "ões", "inho", "dade", "ado", "ada"),
    "eo": ("oj", "ojn", "ajn", "aj", "on", "as", "is", "os", "ado", "ejo", "isto", "istoj", "ismo", "eco", "ulo",
           "ino", "aro", "ema", "iĝi", "igi"),
}
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


@functools.lru_cache(maxsize=None)
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


@functools.lru_cache(maxsize=512)
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


@dataclass(frozen=True, eq=False)  # hashed by identity: one per candidate set
class _Model:
    """The evidence tables for one candidate set, indexed like `cands`."""
    cands: tuple[str, ...]
    letters: dict[str, tuple[int, ...]]      # letter -> candidates that never write it
    rare: dict[str, tuple[int, ...]]         # letter -> candidates that write it only in loanwords
    lexicon: dict[str, tuple[int, ...]]      # word -> candidates whose word list has it
    affixes: dict[str, tuple[int, ...]]      # word ending -> candidates it points to
    longest_affix: int


@functools.lru_cache(maxsize=16)
def _model(cands: tuple[str, ...]) -> _Model:
    """Built once per candidate set and process (immutable)."""
    idx = {lang: i for i, lang in enumerate(cands)}
    letters = {ch: tuple(i for lang, i in idx.items() if lang in _KNOWN and lang not in langs)
               for ch, langs in _LETTERS.items()}
    rare = {ch: tuple(i for lang, i in idx.items() if lang in _KNOWN and lang not in langs)
            for ch, langs in _RARE_LETTERS.items()}
    lexicon: dict[str, list[int]] = {}
    for lang, i in idx.items():
        for word in _lexicon(lang):
            lexicon.setdefault(word, []).append(i)
    affixes: dict[str, list[int]] = {}
    for lang, i in idx.items():
        for suffix in _AFFIXES.get(lang, ()):
            affixes.setdefault(suffix, []).append(i)
    return _Model(cands, {k: v for k, v in letters.items() if v}, {k: v for k, v in rare.items() if v},
                  {k: tuple(v) for k, v in lexicon.items()}, {k: tuple(v) for k, v in affixes.items()},
                  max(map(len, affixes), default=0))


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


def _is_acronym(word: str) -> bool:
    """ILWU, CGIL: no language; but İŞÇİ, IŞIK (letters of one language) are words."""
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha() and _LETTERS.keys().isdisjoint(word)


# From this many words on, letters count per word: a language loses the
# full W_LETTER when LETTER_VOTE_SHARE of the words carry letters it never writes.
LETTER_VOTE_WORDS = 6
LETTER_VOTE_SHARE = 0.34
# Our evidence alone decides when its best language leads by this much;
# otherwise lingua's n-gram model is consulted (tuned on the dev split).
DECISIVE_MARGIN = 2.0
# Fragments of this many words or more use lingua's faster trigram mode.
LOW_ACCURACY_WORDS = 4


def _evidence(model: _Model, lowered: list[str], key: str, text: str, prior: str | None,
              glossary_langs: dict[str, frozenset[str]] | None) -> list[float]:
    """Scores per candidate from letters, words, affixes, glossary and prior.

    `lowered`: the words (acronyms left out) in lower case; `key`: all the
    words, lower case, joined by spaces (looked up in the glossary); `text`:
    the stretch of text they come from (its letters and marks count)."""
    scores = [0.0] * len(model.cands)
    letters = model.letters
    if len(lowered) < LETTER_VOTE_WORDS:
        # a name or a short phrase: one foreign letter speaks for all of it
        for ch in letters.keys() & set(text):
            for i in letters[ch]:
                scores[i] -= W_LETTER
    else:
        # a sentence: letters speak for the words that carry them (a few
        # Turkish names do not make an English sentence Turkish)
        against = [0] * len(scores)
        for word in _LETTER_WORD.findall(text):   # only the words that carry such letters
            excluded: set[int] = set()
            for ch in letters.keys() & set(word):
                excluded.update(letters[ch])
            for i in excluded:
                against[i] += 1
        share = LETTER_VOTE_SHARE * len(lowered)
        for i, n in enumerate(against):
            if n:
                scores[i] -= W_LETTER * min(1.0, n / share)
    rare = model.rare
    for ch in rare.keys() & set(key):
        for i in rare[ch]:
            scores[i] -= W_RARE_LETTER
    single = len(lowered) == 1
    vectors = [_word_scores(model, word, single) for word in lowered]
    scores = [base + total for base, total in zip(scores, map(sum, zip(*vectors)))] if vectors else scores
    if glossary_langs:
        langs = glossary_langs.get(key, ())
        for lang in langs:
            if lang in model.cands:
                scores[model.cands.index(lang)] += W_GLOSSARY / len(langs)
    if prior in model.cands:
        scores[model.cands.index(prior)] += W_PRIOR
    return scores


@functools.lru_cache(maxsize=100_000)
def _word_scores(model: _Model, word: str, single: bool) -> tuple[float, ...]:
    """What one lower-case word says for each candidate: its frequency in
    each language, the word lists, endings and Turkish suffixes after an
    apostrophe (cached: the same words come back all the time)."""
    scores = [0.0] * len(model.cands)
    stem = word
    if "'" in word or "’" in word:
        m = _TR_APOSTROPHE.search(word)
        if _ELISION.match(word):
            stem = re.split(r"['’]", word, maxsplit=1)[1]
        elif m and "tr" in model.cands:
            stem = word[:m.start()]
            if len(stem) >= 2 and max(frequencies(stem, model.cands)) < NAME_STEM_MAX_FREQUENCY:
                # an acronym or a name with a Turkish case ending (WSWS'yi,
                # PCInt'in): the ending is all the language there is
                scores[model.cands.index("tr")] += W_NAME_SUFFIX
                return tuple(scores)
            scores[model.cands.index("tr")] += W_AFFIX * 2
        else:
            stem = re.split(r"['’]", word)[0]
    freqs = frequencies(stem, model.cands)
    low = max(freqs) - FREQUENCY_SPAN
    for i, v in enumerate(freqs):
        scores[i] += W_FREQUENCY * (v if v > low else low)
    hits = model.lexicon.get(stem) or model.lexicon.get(word)
    if hits:
        gain = W_LEXICON / math.sqrt(len(hits)) * (2.0 if single else 1.0)
        for i in hits:
            scores[i] += gain
    elif len(stem) >= 4:
        found: set[int] = set()
        for k in range(2, min(len(stem) - 1, model.longest_affix + 1)):
            found.update(model.affixes.get(stem[-k:], ()))
        for i in found:
            scores[i] += W_AFFIX
    return tuple(scores)


def _add_lingua(model: _Model, scores: list[float], words: list[str]) -> None:
    """Add lingua's judgement over the contenders: the candidates within
    DECISIVE_MARGIN of the best (fewer languages, faster n-gram scoring)."""
    best = max(scores)
    contenders = tuple(lang for lang, v in zip(model.cands, scores) if v > best - DECISIVE_MARGIN)
    if len(contenders) < 2:
        return
    detector, codes = _lingua(contenders, len(words) >= LOW_ACCURACY_WORDS)
    values = [0.0] * len(contenders)
    for c in detector.compute_language_confidence_values(" ".join(words)):
        values[codes[c.language]] = c.value
    floor = W_LINGUA * math.log(0.02)
    for i, lang in enumerate(model.cands):
        scores[i] += W_LINGUA * math.log(values[contenders.index(lang)] + 0.02) if lang in contenders else floor


def _score(tokens: list[_Token], text: str, candidates: tuple[str, ...], prior: str | None,
           glossary_langs: dict[str, frozenset[str]] | None, use_lingua: bool = True) -> dict[str, float]:
    lowered = [t.lower for t in tokens if not t.acronym] or [t.lower for t in tokens]
    key = " ".join(t.lower for t in tokens)
    return _score_words(lowered, key, text, candidates, prior, glossary_langs, use_lingua)


def _score_words(lowered: list[str], key: str, text: str, candidates: tuple[str, ...], prior: str | None,
                 glossary_langs: dict[str, frozenset[str]] | None, use_lingua: bool = True) -> dict[str, float]:
    model = _model(candidates)
    scores = _evidence(model, lowered, key, text, prior, glossary_langs)
    if use_lingua and not _decisive(scores):
        if len(lowered) >= LETTER_VOTE_WORDS:
            # lingua lets one distinctive letter decide for a whole text;
            # in a sentence the letters have been counted per word already
            plain = [w for w in lowered if _LETTERS.keys().isdisjoint(w)]
            _add_lingua(model, scores, plain if len(plain) >= 3 else lowered)
        else:
            _add_lingua(model, scores, lowered)
    return dict(zip(candidates, scores))


def _decisive(scores: list[float]) -> bool:
    if len(scores) < 2:
        return True
    first, second = sorted(scores, reverse=True)[:2]
    return first - second >= DECISIVE_MARGIN


def _decide(scores: dict[str, float]) -> Detection:
    """The best language, with softmax confidences (ties go to the smaller code)."""
    ranked = sorted([(-v, lang) for lang, v in scores.items()])   # best first, ties by code
    top = ranked[0][0]
    exp = math.exp
    weights = [exp(top - nv) for nv, _ in ranked]
    total = sum(weights)
    return Detection(ranked[0][1], round(1.0 / total, 4),
                     tuple((lang, round(w / total, 4)) for (_, lang), w in zip(ranked[1:4], weights[1:4])))


def detect_fragment(text: str, candidates: Iterable[str] | str | None = None, prior: str | None = None,
                    glossary=None) -> Detection:
    """Language of a short string (1 to 15 words): a name, a term, a phrase.

    Returns ``UNDETERMINED`` for text without words, or made only of
    acronyms (ILWU, CGIL) and numbers.
    """
    cands = candidate_set(candidates)
    head = text[:FRAGMENT_MAX_CHARS]
    # UmutSen, KiracıSen: the words of a name written together
    words = WORD_RE.findall(_CAMEL.sub(" ", head))[:FRAGMENT_MAX_WORDS]
    if not words:
        return UNDETERMINED
    lowered_all = _lower(" ".join(words)).split(" ")
    lowered = [low for word, low in zip(words, lowered_all) if not (word.isupper() and _is_acronym(word))]
    if sum(map(len, lowered)) < 2:
        return UNDETERMINED
    glossary_langs = None if glossary is None else _glossary_langs(glossary)
    key = " ".join(lowered_all)
    if not (glossary_langs and key in glossary_langs) and _no_word(lowered):
        return UNDETERMINED   # Xft, dlg: no word of any language, no telling letter
    return _decide(_score_words(lowered, key, head, cands, prior, glossary_langs))


_CAMEL = re.compile(r"(?<=[^\W\d_])(?<=[a-zçğıöşüéèàáíóúñ])(?=[A-ZÇĞİÖŞÜ][a-zçğıöşü])")
_VOWELS = frozenset("aeiouyàáâãäåèéêëìíîïòóôõöùúûüıœæ")


def _no_word(lowered: list[str]) -> bool:
    """Xft, dlg: tokens without a vowel are no word of any language
    (abbreviations, file names, key names)."""
    return all(_VOWELS.isdisjoint(word) for word in lowered)


def detect(text: str, candidates: Iterable[str] | str | None = None) -> Detection:
    """Language of a document or paragraph.

    Short texts (up to 15 words) are judged as fragments over the candidate
    languages; longer ones by langdetect (every language it knows) checked
    against the evidence over the candidates, so that Esperanto, which
    langdetect does not know, and close pairs (es/pt/it) come out right.
    """
    cands = candidate_set(candidates)
    # a bounded sample (start, middle, end), without web and mail addresses
    text = _without_addresses(_sample(text))
    tokens = _tokens(text)
    if sum(len(t.text) for t in tokens if not t.acronym) < 3:
        return UNDETERMINED
    if len(tokens) <= 15:
        ours = detect_fragment(text, cands)
        if len(tokens) < 6 or _frequency_backs(ours, tokens, cands):
            return ours
        # a short paragraph in a language outside the candidates (Polish, Dutch …)
        theirs = _langdetect(text)
        if theirs is not None and theirs.lang not in cands and theirs.confidence >= 0.95 \
                and not _lexicon_backs(ours.lang, tokens):
            return theirs
        return ours
    sample = text
    ours = _decide(_score(tokens[:400], sample, cands, None, None))
    if _frequency_backs(ours, tokens[:400], cands) or _langdetect_cannot_overrule(ours, tokens[:400]):
        return ours   # our evidence is sure and its words are that language's: no langdetect
    theirs = _langdetect(sample)
    if theirs is None:
        return ours
    # langdetect knows languages outside the candidates (Catalan, Dutch …):
    # its answer stands unless our evidence is sure and our word list agrees
    if theirs.lang not in cands and theirs.confidence >= 0.8 and (
            ours.confidence < 0.95 or not _lexicon_backs(ours.lang, tokens[:400])
            or (theirs.confidence >= 0.99 and ours.lang in _langdetect_languages())):
        return theirs
    return ours


# A paragraph is decided without langdetect when our evidence gives its best
# language this confidence, at least this share of its words are ordinary
# words of that language, and their mean log10 frequency in it beats every
# close language outside the candidates (Catalan, Portuguese, Dutch … via
# wordfreq's lists) by NEIGHBOUR_GAP; otherwise langdetect, which knows 55
# languages, is asked (tuned on the dev split of the catalogue paragraphs
# and of Portuguese paragraphs asked about without Portuguese).
SURE_CONFIDENCE = 0.99
SURE_WORD_SHARE = 0.4
NEIGHBOUR_GAP = 0.8
# log10 frequency from which a word counts as an ordinary word of a language.
ORDINARY_WORD_FREQUENCY = -6.5


def _frequency_backs(found: Detection, tokens: list[_Token], cands: tuple[str, ...]) -> bool:
    """Whether `found` is sure and its words read as its language better
    than as any close language outside the candidates."""
    if found.confidence < SURE_CONFIDENCE or found.lang == "und":
        return False
    # lower-case words only: names are nobody's ordinary words
    words = [t.lower for t in tokens if not (t.acronym or t.capitalised)]
    if len(words) < 5:
        return False
    words = [max(_APOSTROPHE.split(w), key=len) if "'" in w or "’" in w else w for w in words]
    share, ours = word_profile(words, found.lang, ORDINARY_WORD_FREQUENCY)
    if share < SURE_WORD_SHARE:
        return False
    others = [lang for lang in _NEIGHBOURS.get(found.lang, ()) if lang not in cands]
    return all(ours - word_profile(words, other, ORDINARY_WORD_FREQUENCY)[1] >= NEIGHBOUR_GAP for other in others)


def _langdetect_cannot_overrule(found: Detection, tokens: list[_Token]) -> bool:
    """A sure answer in a language langdetect does not know (Esperanto)
    backed by our word list stands whatever langdetect says (see detect)."""
    return found.confidence >= 0.95 and found.lang not in _langdetect_languages() \
        and _lexicon_backs(found.lang, tokens)


# Languages outside the candidates that share many words with one of them
# (wordfreq has their lists; Galician and Azerbaijani it has not).
_NEIGHBOURS = {"es": ("ca", "pt"), "pt": ("ca", "es"), "fr": ("ca",), "it": ("ca", "ro", "pt", "es"),
               "de": ("nl", "da", "sv", "nb"), "en": ("nl",), "tr": ()}


_APOSTROPHE = re.compile(r"['’]")


@functools.lru_cache(maxsize=1)
def _langdetect_languages() -> frozenset[str]:
    """The languages langdetect has profiles for (Esperanto is not one)."""
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    return frozenset(name.split("-")[0] for name in os.listdir(PROFILES_DIRECTORY))


def _sample(text: str) -> str:
    if len(text) <= DOCUMENT_SAMPLE_CHARS:
        return text
    third = DOCUMENT_SAMPLE_CHARS // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2: middle + third // 2], text[-third:]))


def _lexicon_backs(lang: str, tokens: list[_Token]) -> bool:
    """Whether at least a third of the words are in `lang`'s word list."""
    lexicon = _lexicon(lang)
    if not lexicon or not tokens:
        return False
    return sum(t.lower in lexicon for t in tokens) / len(tokens) >= 0.3


def _langdetect(text: str) -> Detection | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    best = ranked[0]
    return Detection(best.lang.split("-")[0], round(best.prob, 4),
                     tuple((r.lang.split("-")[0], round(r.prob, 4)) for r in ranked[1:4]))


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


# --- foreign fragments inside a text -------------------------------------

SPAN_MIN_CONFIDENCE = 0.7
# Endings that mark a word as foreign to English even when it is capitalised.
_STRONG_AFFIXES: dict[str, tuple[str, ...]] = {
    "es": ("ción", "ciones", "dades"),
    "de": ("schaft", "ungen", "keit", "heit", "lich", "isch"),
    "tr": ("ları", "leri", "ının", "ması", "mesi", "daki", "deki"),
    "fr": ("eaux", "ième"),
    "it": ("zione", "zioni", "ità"),
    "pt": ("ção", "ções", "ões"),
    "eo": ("ojn", "ajn", "oj", "ema", "aĵo", "ejo", "istoj", "iĝi"),
}


# Judging thresholds: a run with foreign evidence, a name of several
# capitalised words without it, one long capitalised word (a compound).
NAME_MIN_CONFIDENCE = 0.9
COMPOUND_MIN_LETTERS = 12
# English (and other main-language) words that make a capitalised run a
# name of the main language: "Giovanni and Helga", "Bank of England".
_MAIN_JOINERS = frozenset("and of the for".split())
# Endings of ordinary lower-case words of a main language (promising, reached).
_MAIN_SUFFIXES: dict[str, tuple[str, ...]] = {"en": ("ing", "ed", "ly", "ness", "ship", "ful", "less", "ous")}
_ELISION = re.compile(r"^(?:l|d|dell|all|dall|nell|sull|un|qu)['’](?=\w)", re.IGNORECASE)


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def _without_addresses(text: str) -> str:
    """`text` with web and mail addresses blanked (the regular expression
    only runs where one may be: it is slow on plain text)."""
    if "@" in text or "://" in text or "www." in text.lower():
        return _ADDRESS.sub(" ", text)
    return text


class _Word(NamedTuple):
    tok: _Token
    strong: bool      # letters, suffixes or endings the main language never has
    hint: bool        # strong, or a word of another language's list
    main: bool        # a word of the main language's list (and not strong)
    name: bool        # capitalised and not a main-language word
    foreign_word: bool  # in another language's list (perhaps in the main one's too)


def find_foreign_spans(text: str, main_lang: str, glossary=None,
                       candidates: Iterable[str] | str | None = None) -> list[ForeignSpan]:
    """Fragments of `text` in a language other than `main_lang`.

    Candidates are runs of capitalised words (a name, joined by short
    function words such as "por la" or "di", never split) and runs of words
    that carry foreign evidence (letters, words of another language, endings).
    A run is judged with the main language as prior; it becomes a span when
    another language wins clearly.  Runs without any foreign evidence (names
    of two or more unknown capitalised words, long compounds) need more
    confidence.  Terms and names registered in the glossary in another
    language are spans whatever their look.  Acronyms (ILWU, CGIL) are
    never a language.
    """
    cands = candidate_set(candidates)
    main = (main_lang or "").lower()
    if main not in cands and re.fullmatch(r"[a-z]{2}", main):
        cands = cands + (main,)
    tokens = _tokens(text)
    if not tokens:
        return []
    glossary_langs = _glossary_langs(glossary)
    spans: list[ForeignSpan] = []
    hidden = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    if hidden:  # web and mail addresses have no language: their words break runs
        tokens = [t._replace(acronym=True) if any(a <= t.start < b for a, b in hidden) else t for t in tokens]
    words = [_classify(tok, main, cands) for tok in tokens]
    for run, threshold in _candidate_runs(text, words, main, cands):
        start, end = run[0].start, run[-1].end
        scores = _score(run, text[start:end], cands, main, glossary_langs)
        found = _decide(scores)
        # the span is kept when the main language is unlikely; its label is
        # the best other language
        foreign = 1.0 - _share(scores, main)
        if found.lang in ("und", main) or foreign < threshold:
            continue
        if found.lang == "es":
            start, end = _inverted_marks(text, start, end)
        spans.append(ForeignSpan(start, end, text[start:end], found.lang, found.confidence))
    taken = [(s.start, s.end) for s in spans]
    for span in _glossary_spans(text, words, main, glossary_langs):
        if not any(a < span.end and span.start < b for a, b in taken):
            spans.append(span)
    return sorted(spans, key=lambda s: s.start)


def _inverted_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A Spanish span inside ¡…! or ¿…? takes the whole exclamation or
    question ("¡No pasarán!"), when the marks are close and in one sentence."""
    for opening, closing in (("¡", "!"), ("¿", "?")):
        i = text.rfind(opening, max(0, start - 30), start + 1)
        if i < 0 or re.search(r"[.!?;:\n]", text[i + 1:start]):
            continue
        j = text.find(closing, end, end + 30)
        if j < 0 or re.search(r"[.!?;:¡¿\n]", text[end:j]):
            continue
        return i, j + 1
    return start, end


def _share(scores: dict[str, float], lang: str) -> float:
    """Softmax probability of `lang` among the scores (0 when absent)."""
    if lang not in scores:
        return 0.0
    best = max(scores.values())
    return math.exp(scores[lang] - best) / sum(math.exp(v - best) for v in scores.values())


def _classify(tok: _Token, main: str, cands: tuple[str, ...]) -> _Word:
    if tok.acronym:
        return _Word(tok, False, False, False, False, False)
    word = tok.lower
    strong = False
    main_lex = _lexicon(main)
    in_main = word in main_lex or (word[-2:] in ("'s", "’s") and word[:-2] in main_lex)
    if main in _KNOWN and not in_main:
        for ch in tok.text:
            langs = _LETTERS.get(ch)
            if langs is not None and main not in langs:
                strong = True
                break
    if not strong and main != "tr" and ("'" in word or "’" in word) and _TR_APOSTROPHE.search(word):
        strong = True
    if not strong and _ELISION.match(word) and main not in ("fr", "it"):
        strong = True
    if not strong and len(word) > 5:
        for lang, suffixes in _STRONG_AFFIXES.items():
            if lang != main and lang in cands and word.endswith(suffixes):
                strong = True
                break
    foreign_word = len(word) >= 3 and any(lang != main and word in _lexicon(lang) for lang in cands)
    hint = strong or (not in_main and foreign_word) or (tok.capitalised and _frequent_elsewhere(word, main, cands))
    is_main = (in_main or (not tok.capitalised and word.endswith(_MAIN_SUFFIXES.get(main, ()))
                           and len(word) >= 6)) and not strong
    return _Word(tok, strong, hint, is_main, tok.capitalised and not is_main, foreign_word)


# A capitalised word rare in the main language (log10 frequency below
# ORDINARY_WORD_FREQUENCY) and at least this frequent in another candidate
# is a hint of that language (Manisa, Adana: names of places and people).
NAME_ELSEWHERE_FREQUENCY = -5.5


def _frequent_elsewhere(word: str, main: str, cands: tuple[str, ...]) -> bool:
    if len(word) < 4 or main not in cands:
        return False
    freqs = frequencies(word, cands)
    if freqs[cands.index(main)] >= ORDINARY_WORD_FREQUENCY:
        return False
    return any(v >= NAME_ELSEWHERE_FREQUENCY for lang, v in zip(cands, freqs) if lang != main)


def _joined(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end:right.start]
    if gap.strip() == "" or gap.strip() == "-":
        return len(gap) <= 8 and gap.count("\n") <= 1
    # an initial: "Juan B. Justo"
    return gap in (". ", ".") and len(left.text) == 1 and left.text.isupper()


def _candidate_runs(text: str, words: list[_Word], main: str,
                    cands: tuple[str, ...]) -> list[tuple[list[_Token], float]]:
    """Runs worth judging, each with the confidence it needs."""
    out: list[tuple[list[_Token], float]] = []
    main_lex = _lexicon(main)
    connectors = _CONNECTORS - main_lex
    run: list[int] = []
    pending: list[int] = []   # connectors waiting for the next member

    def loose(i: int, neighbour: int) -> bool:
        """An unknown lower-case word next to a foreign word belongs to it
        ("huelga general", "Confédération paysanne", "syndicalisme révolutionnaire")."""
        if not 0 <= i < len(words):
            return False
        w, n = words[i], words[neighbour]
        if w.tok.capitalised or w.tok.acronym or w.tok.lower in connectors or len(w.tok.lower) < 4:
            return False
        if not _joined(text, *sorted((w.tok, n.tok))):
            return False
        if not w.main:
            if not (n.strong or (n.hint and not n.tok.capitalised)):
                return False
            return w.foreign_word or _decide(_score([w.tok], w.tok.text, cands, main, None)).lang != main
        return n.hint and any(lang != main and w.tok.lower in _lexicon(lang) and n.tok.lower in _lexicon(lang)
                              for lang in _KNOWN)

    def close():
        nonlocal run, pending
        if run:
            first, last = run[0], run[-1]
            if not words[first].tok.capitalised and loose(first - 1, first):
                run.insert(0, first - 1)
            if loose(last + 1, last):
                run.append(last + 1)
            members = [words[i] for i in run]
            judged = _worth_judging(members, main, text)
            if judged is not None:
                out.append(([w.tok for w in members], judged))
        run, pending = [], []

    for i, w in enumerate(words):
        tok = w.tok
        if run and not _joined(text, words[(pending or run)[-1]].tok, tok):
            close()
        if tok.acronym:
            close()
            continue
        if w.hint or w.name:
            run.extend(pending)
            pending = []
            run.append(i)
        elif run and len(pending) < 2 and tok.lower in connectors and not tok.capitalised:
            pending.append(i)
        else:
            close()
    close()
    return out


def _worth_judging(run: list[_Word], main: str, text: str) -> float | None:
    """The confidence a run needs to become a span, or None to skip it."""
    hints = sum(w.hint for w in run)
    strong = any(w.strong for w in run)
    names = [w for w in run if w.name]
    joiners = {w.tok.lower for w in run if not w.tok.capitalised}
    if len(run) == 1:
        w = run[0]
        if w.strong:
            return SPAN_MIN_CONFIDENCE
        # A lone word of another list, capitalised and long enough, is a name;
        # a lone lower-case one is too often an English word as well (basis,
        # popular, brief).
        if w.hint and w.tok.capitalised and len(w.tok.text) >= 5:
            return SPAN_MIN_CONFIDENCE
        if w.name and len(w.tok.text) >= COMPOUND_MIN_LETTERS and not _sentence_start(text, w.tok):
            return NAME_MIN_CONFIDENCE
        return None
    if strong or (hints and names) or hints >= 2:
        return SPAN_MIN_CONFIDENCE
    if hints and all(w.hint or w.foreign_word for w in run):
        return SPAN_MIN_CONFIDENCE
    if len(names) >= 2 and not joiners & _MAIN_JOINERS and not any(w.main for w in run):
        return NAME_MIN_CONFIDENCE
    return None


def _sentence_start(text: str, tok: _Token) -> bool:
    before = text[:tok.start].rstrip()
    return not before or before[-1] in ".!?:;\"“«(\n"


def _glossary_spans(text: str, words: list[_Word], main: str,
                    glossary_langs: dict[str, frozenset[str]] | None) -> list[ForeignSpan]:
    """Terms and names the glossary registers in another language only.

    A match is kept when it is a name (capitalised) or carries foreign
    evidence, and is not also a term of the main language (bourgeoisie,
    proletariat are English too), nor an acronym, nor made of main-language
    words only.
    """
    if not glossary_langs:
        return []
    by_first: dict[str, list[tuple[list[str], str]]] = {}
    for key, langs in glossary_langs.items():
        if main in langs or len(langs) != 1 or not key:
            continue
        parts = key.split()
        by_first.setdefault(parts[0], []).append((parts, next(iter(langs))))
    spans: list[ForeignSpan] = []
    i = 0
    while i < len(words):
        best = None
        for parts, lang in by_first.get(words[i].tok.lower, ()):
            n = len(parts)
            if [w.tok.lower for w in words[i:i + n]] == parts and (best is None or n > len(best[0])):
                best = (parts, lang)
        if best is None:
            i += 1
            continue
        n = len(best[0])
        matched = words[i:i + n]
        if _foreign_enough(matched):
            start, end = matched[0].tok.start, matched[-1].tok.end
            spans.append(ForeignSpan(start, end, text[start:end], best[1], 0.99))
        i += n
    return spans


def _foreign_enough(matched: list[_Word]) -> bool:
    if all(w.tok.acronym for w in matched) or all(w.main for w in matched):
        return False
    if len(matched) == 1:
        return matched[0].strong or matched[0].hint or matched[0].name
    return any(not w.main for w in matched)


# --- a whole text: document, paragraphs, spans ---------------------------

# Paragraphs with fewer words than this are judged as fragments with the
# document's language as prior (a heading, a signature, a slogan).
PARAGRAPH_MIN_WORDS = 16
# Below this confidence a short paragraph takes the document's language.
SHORT_PARAGRAPH_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class ParagraphLanguage:
    index: int
    text: str
    lang: str
    confidence: float
    spans: tuple[ForeignSpan, ...] = ()


@dataclass(frozen=True)
class TextLanguages:
    lang: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...]
    paragraphs: tuple[ParagraphLanguage, ...]

    @property
    def spans(self) -> list[tuple[int, ForeignSpan]]:
        """Every foreign span with the index of its paragraph."""
        return [(p.index, s) for p in self.paragraphs for s in p.spans]


def analyse_paragraphs(paragraphs: Iterable[str], candidates: Iterable[str] | str | None = None,
                       glossary=None, main_lang: str | None = None, with_spans: bool = True) -> TextLanguages:
    """Language of a text, of each of its paragraphs, and the foreign spans
    of each paragraph (relative to that paragraph's language; a short
    paragraph is searched against the document's language).

    `main_lang` forces the document language; otherwise it is detected.
    Short paragraphs (headings, list items) are judged with the document's
    language as prior and take it when unsure.  ``with_spans=False`` skips
    the span search (languages only, e.g. at ingest).
    """
    texts = list(paragraphs)
    cands = candidate_set(candidates)
    glossary = glossary_languages(glossary)
    if main_lang:
        doc = Detection(main_lang.lower(), 1.0)
    else:
        doc = detect(_joined_sample(texts), cands)
    prior = None if doc.lang == "und" else doc.lang
    out = []
    for index, text in enumerate(texts):
        found, long = _paragraph_language(text, cands, prior, glossary)
        spans_main: tuple[ForeignSpan, ...] | None = None
        if prior is not None and found.lang not in (prior, "und"):
            # Foreign names can outweigh the words around them ("… thanked
            # Bağımsız Maden İş and Kiracılar Meclisi …"): judge again
            # without the spans found against the document's language.
            spans_main = tuple(find_foreign_spans(text, prior, glossary, cands))
            rest = _without(text, spans_main)
            if 2 * len(_tokens(rest)) >= len(_tokens(text)):
                again, _ = _paragraph_language(rest, cands, prior, glossary)
                if again.lang == prior:
                    found = again
        if found.lang == "und" and prior is not None:
            found = Detection(prior, doc.confidence)
        # a short paragraph (a heading, a list item naming an organisation)
        # is searched for spans against the document's language
        main = found.lang if long or prior is None else prior
        if main == "und" or not with_spans:
            spans: tuple[ForeignSpan, ...] = ()
        elif main == prior and spans_main is not None:
            spans = spans_main
        else:
            spans = tuple(find_foreign_spans(text, main, glossary, cands))
        out.append(ParagraphLanguage(index, text, found.lang, found.confidence, spans))
    return TextLanguages(doc.lang, doc.confidence, doc.alternatives, tuple(out))


def _paragraph_language(text: str, cands: tuple[str, ...], prior: str | None, glossary) -> tuple[Detection, bool]:
    """A paragraph's language, and whether it is long enough to be judged
    on its own (short ones lean on the document's language)."""
    plain = _without_addresses(text)  # web and mail addresses have no language
    words = len(_tokens(plain, PARAGRAPH_MIN_WORDS))
    if words >= PARAGRAPH_MIN_WORDS:
        return detect(plain, cands), True
    if not words:
        return UNDETERMINED, False
    found = detect_fragment(plain, cands, prior=prior, glossary=glossary)
    return (UNDETERMINED if found.confidence < SHORT_PARAGRAPH_MIN_CONFIDENCE else found), False


def _without(text: str, spans: Iterable[ForeignSpan]) -> str:
    """`text` with the spans blanked out."""
    out, pos = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[pos:span.start])
        out.append(" ")
        pos = max(pos, span.end)
    out.append(text[pos:])
    return "".join(out)


def _joined_sample(texts: list[str]) -> str:
    """The paragraphs joined, cut to a bounded sample for long documents."""
    out, size = [], 0
    for text in texts:
        out.append(text)
        size += len(text) + 2
        if size > 4 * DOCUMENT_SAMPLE_CHARS:
            break
    return "\n\n".join(out)


def lines_languages(lines: Iterable[str], candidates: Iterable[str] | str | None = None,
                    min_confidence: float = 0.0) -> Iterable[str]:
    """One ISO 639-1 code per line of input, ``und`` when it cannot tell
    (no words, only acronyms or numbers, or confidence below the bar)."""
    cands = candidate_set(candidates)
    for line in lines:
        found = detect_fragment(line.rstrip("\r\n"), cands)
        yield found.lang if found.confidence >= min_confidence and found.lang != "und" else "und"


def name_concept(text: str, lang: str, subject: str = "organisations", user_note: str = "", gloss: str = ""):
    """A draft glossary concept registering `text` as a proper name in `lang`
    (to be kept, not translated), with an optional English `gloss`."""
    from workbench.glossary import Concept, Term
    from workbench.glossary.model import slugify

    text = " ".join(text.split())
    if not text:
        raise InputError("proper name: the text is empty")
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        raise InputError(f"proper name {text!r}: language {lang!r} is not an ISO 639 code")
    term = Term(lang=lang, text=text, pos="properNoun", proper_name=True, case_sensitive=True,
                gloss=" ".join(gloss.split()))
    return Concept(id=slugify(text), subject=subject, status="draft",
                   note=user_note or "Added from the Fragments page: a foreign name to keep as it is.",
                   terms=(term,))


def load_models(candidates: Iterable[str] | str | None = None) -> tuple[str, ...]:
    """Build the word tables, frequency lexicons and lingua's detectors for
    a candidate set now (they are built once per process; the app calls this
    from its resource cache so that the first request does not pay for it)."""
    cands = candidate_set(candidates)
    _model(cands)
    langid_lexicon.load(cands)
    for low in (False, True):
        detector, _ = _lingua(cands, low)
        detector.compute_language_confidence_values("warm up the models")
    return cands


def split_at_spans(text: str, spans: Iterable[ForeignSpan]) -> list[tuple[str, ForeignSpan | None]]:
    """`text` cut into pieces: plain pieces with None, span pieces with their
    span (spans sorted; overlapping or out-of-range spans are skipped)."""
    out: list[tuple[str, ForeignSpan | None]] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.start < pos or span.end > len(text) or span.start >= span.end:
            continue
        if span.start > pos:
            out.append((text[pos:span.start], None))
        out.append((text[span.start:span.end], span))
        pos = span.end
    if pos < len(text):
        out.append((text[pos:], None))
    return out
