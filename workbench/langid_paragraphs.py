"""Language identification, part 4: documents, paragraphs and lines.

A paragraph is decided on our own evidence when it is sure and its words
read as that language better than as a close language outside the
candidates; otherwise langdetect (55 languages) is asked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import repeat
from typing import Iterable

from workbench.langid_evidence import ORDINARY_WORD_FREQUENCY, _decide, _score_words, detect_fragment
from workbench.langid_lexicon import log_frequency
from workbench.langid_spans import ForeignSpan, find_foreign_spans
from workbench.langid_tokens import (Detection, UNDETERMINED, _APOSTROPHE, _lexicon, _tokens, _without_addresses,
                                     _Words, _words, candidate_set, composed, glossary_languages)


# Sample of a long document that is judged (bounded time for megabytes).
DOCUMENT_SAMPLE_CHARS = 12000


def detect(text: str, candidates: Iterable[str] | str | None = None) -> Detection:
    """Language of a document or paragraph.

    Short texts (up to 15 words) are judged as fragments over the candidate
    languages; longer ones by langdetect (every language it knows) checked
    against the evidence over the candidates, so that Esperanto, which
    langdetect does not know, and close pairs (es/pt/it) come out right.
    """
    cands = candidate_set(candidates)
    # a bounded sample (start, middle, end), without web and mail addresses
    text = _without_addresses(composed(_sample(text)))
    words = _words(text)
    if len(words.content) < 3 and sum(map(len, words.content)) < 3:   # fewer than three letters
        return UNDETERMINED
    if len(words.lowered) <= 15:
        ours = detect_fragment(text, cands)
        if len(words.lowered) < 6 or _frequency_backs(ours, words.plain, cands):
            return ours
        # a short paragraph in a language outside the candidates (Polish, Dutch …)
        theirs = _langdetect(text)
        if theirs is not None and theirs.lang not in cands and theirs.confidence >= 0.95 \
                and not _lexicon_backs(ours.lang, words.lowered):
            return theirs
        return ours
    head = _Words(words.lowered[:400], words.content[:400], words.plain[:400])
    ours = _decide(_score_words(head.content or head.lowered, " ".join(head.lowered), text, cands, None, None))
    if _frequency_backs(ours, head.plain, cands) or _langdetect_cannot_overrule(ours, head.lowered):
        return ours   # our evidence is sure and its words are that language's: no langdetect
    theirs = _langdetect(text)
    if theirs is None:
        return ours
    # langdetect knows languages outside the candidates (Catalan, Dutch …):
    # its answer stands unless our evidence is sure and our word list agrees
    if theirs.lang not in cands and theirs.confidence >= 0.8 and (
            ours.confidence < 0.95 or not _lexicon_backs(ours.lang, head.lowered)
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


def _frequency_backs(found: Detection, plain: list[str], cands: tuple[str, ...]) -> bool:
    """Whether `found` is sure and its words read as its language better
    than as any close language outside the candidates (`plain`: the words
    written in lower case; names are nobody's ordinary words)."""
    if found.confidence < SURE_CONFIDENCE or found.lang == "und" or len(plain) < 5:
        return False
    langs = (found.lang, *(lang for lang in _NEIGHBOURS.get(found.lang, ()) if lang not in cands))
    # one cached row per word, summed column by column in word order (the
    # same sums, to the bit, as one pass per language)
    columns = list(zip(*map(_ordinary_frequencies, plain, repeat(langs))))
    share = len([v for v in columns[0] if v >= ORDINARY_WORD_FREQUENCY]) / len(plain)
    if share < SURE_WORD_SHARE:
        return False
    ours = sum(columns[0]) / len(plain)
    return all(ours - sum(column) / len(plain) >= NEIGHBOUR_GAP for column in columns[1:])


@functools.lru_cache(maxsize=100_000)
def _ordinary_frequencies(word: str, langs: tuple[str, ...]) -> tuple[float, ...]:
    """log10 frequencies in `langs` of a lower-case word, or of its longest
    part when apostrophes join parts (l'entreprise, Erdoğan'ın); cached:
    the same words come back in every paragraph."""
    if "'" in word or "’" in word:
        word = max(_APOSTROPHE.split(word), key=len)
    return tuple(log_frequency(word, lang) for lang in langs)


def _langdetect_cannot_overrule(found: Detection, words: list[str]) -> bool:
    """A sure answer in a language langdetect does not know (Esperanto)
    backed by our word list stands whatever langdetect says (see detect)."""
    return found.confidence >= 0.95 and found.lang not in _langdetect_languages() \
        and _lexicon_backs(found.lang, words)


# Languages outside the candidates that share many words with one of them
# (wordfreq has their lists; Galician and Azerbaijani it has not).
_NEIGHBOURS = {"es": ("ca", "pt"), "pt": ("ca", "es"), "fr": ("ca",), "it": ("ca", "ro", "pt", "es"),
               "de": ("nl", "da", "sv", "nb"), "en": ("nl",), "tr": ()}


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


def _lexicon_backs(lang: str, words: list[str]) -> bool:
    """Whether at least a third of the (lower-case) words are in `lang`'s word list."""
    lexicon = _lexicon(lang)
    if not lexicon or not words:
        return False
    return sum(w in lexicon for w in words) / len(words) >= 0.3


def _langdetect(text: str) -> Detection | None:
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    from workbench.langid_langdetect import detect_langs   # langdetect's answer, faster

    DetectorFactory.seed = 0
    try:
        ranked = detect_langs(text)
    except LangDetectException:
        return None
    best = ranked[0]
    return Detection(best.lang.split("-")[0], round(best.prob, 4),
                     tuple((r.lang.split("-")[0], round(r.prob, 4)) for r in ranked[1:4]))


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
    doc = Detection(main_lang.lower(), 1.0) if main_lang else detect(_joined_sample(texts), cands)
    out = tuple(_analysed_paragraph(index, text, cands, doc, glossary, with_spans) for index, text in enumerate(texts))
    return TextLanguages(doc.lang, doc.confidence, doc.alternatives, out)


def analyse_paragraph(index: int, text: str, candidates: tuple[str, ...], doc: Detection, glossary=None,
                      with_spans: bool = True) -> ParagraphLanguage:
    """One paragraph of `analyse_paragraphs`, given the document's language
    `doc`: the same answer, for a caller that analyses some paragraphs again
    (those where a glossary term was added)."""
    return _analysed_paragraph(index, text, candidate_set(candidates), doc, glossary_languages(glossary), with_spans)


def _analysed_paragraph(index: int, text: str, cands: tuple[str, ...], doc: Detection, glossary,
                        with_spans: bool) -> ParagraphLanguage:
    prior = None if doc.lang == "und" else doc.lang
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
    return ParagraphLanguage(index, text, found.lang, found.confidence, spans)


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
