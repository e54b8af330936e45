"""Sentence segmentation, per language, with spans into the original text.

Rule-based (in the manner of SRX break/no-break rules) rather than pysbd:
pysbd has no Turkish, splits Spanish ``p. ej.`` and ``Sr.`` and German
ordinals depend on its English rules, and it is slow on long documents.
The rules here are small and explicit:

* a break candidate is ``.``, ``!``, ``?``, ``…`` (or runs of them), followed by
  any closing quotes or brackets, then whitespace, then something that can
  start a sentence (not a lowercase letter);
* no break after a title (``Dr.``, ``Sr.``, ``Prof.``), a single letter
  (initials ``J. R.``, German ``z. B.``), ``no.``/``Nr.``/``núm.`` before a
  number, or an ordinal number in languages that write ordinals with a dot
  (``20. Jahrhundert``, ``1. Dünya Savaşı``);
* after abbreviations that may also end a sentence (``etc.``, ``usw.``,
  ``U.S.``, ``S.A.``, ``A.Ş.``) a break is made only when the next word is a
  common sentence opener of the language (``The``, ``Die``, ``Bu``…);
* a blank line always ends a sentence.

Joining the sentences of a paragraph with single spaces gives the paragraph
with its runs of whitespace collapsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SEGMENTER_VERSION = "rules-1"

_TITLES = {
    "en": "mr mrs ms dr prof st mt jr sr gen col lt sgt capt cpt gov sen rep rev hon pres supt cmdr adm maj",
    "es": "sr sra srta sres dr dra lic ing prof ud uds vd vds d dña da gral cnel tte sto sta",
    "de": "hr hrn fr dr prof st sr",
    "tr": "dr prof doç yrd av sn alb gen org kur müh öğr",
    "fr": "m mm mme mmes mlle dr pr prof me st ste",
    "it": "sig sigg dott dr prof avv ing on sen geom",
    "eo": "s-ro s-ino d-ro prof",
}
# Before a number these never end a sentence: "no. 5", "Nr. 3", "p. 12".
_NUMERIC = {
    "en": "no nos nr vol p pp art fig ch sec para",
    "es": "n nº núm art pág págs p pp vol cap fig",
    "de": "nr s abs art bd kap ziff",
    "tr": "no nr s sf md madde",
    "fr": "n no art p pp vol chap",
    "it": "n nr art p pp vol cap",
    "eo": "n-ro p",
}
# Abbreviations that may end a sentence: break only before a sentence opener.
_MAYBE_FINAL = {
    "en": "etc al inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec approx ca cf vs esp dept",
    "es": "etc ej aprox av avda cía ene feb abr jun jul ago sept oct nov dic vs pág ca",
    "de": "usw bzw vgl ca evtl ggf inkl allg jh jhd mio mrd tsd gmbh str vs zzgl",
    "tr": "vb vs bkz örn yy vd ltd şti cad sok mah blv",
    "fr": "etc cf env av bd vs",
    "it": "ecc ca vs",
    "eo": "ktp ekz",
}
_OPENERS = {
    "en": "the a an it he she we they i this that these those there in on at but and so yet "
          "however his her their our its what when why how who if after before then now as",
    "es": "el la los las un una lo en pero y este esta estos estas ese esa eso aquel no ya "
          "sin con por para cuando como si hoy su sus nuestro nuestra",
    "de": "die der das den dem des ein eine es er sie wir ich in im am auf aber und doch dies "
          "diese dieser dieses damit dann so wenn als nach vor heute seine ihre unsere",
    "tr": "bu şu o bir ve ama ancak fakat bunlar onlar biz ben siz sen bunun bugün şimdi "
          "sonra önce ise da de her hiç",
    "fr": "le la les un une il elle nous ils elles je ce cette ces en mais et dans",
    "it": "il lo la i gli le un una è ma e in questo questa",
    "eo": "la ni li ŝi ili mi tio ĉi sed kaj en",
}
# Languages that write ordinal numbers with a trailing dot.
_DOT_ORDINALS = {"de", "tr", "da", "no", "nb", "fi", "cs", "sk", "hu", "pl", "sl", "hr", "sr", "et", "lv", "is"}

_CANDIDATE = re.compile(
    r"(?:[.!?…]+|\.\.\.)"            # end punctuation (runs: ?! ... …)
    r"[\"'”’»›“‘«‹)\]}]*"             # closing quotes and brackets stay with the sentence
    r"(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_WORD_BEFORE = re.compile(r"([\w\-ºª]+(?:\.[\w\-]+)*)$", re.UNICODE)
_OPENING = "\"'“‘„«‹([{¿¡—–-"
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Rules:
    titles: frozenset[str]
    numeric: frozenset[str]
    maybe_final: frozenset[str]
    openers: frozenset[str]
    dot_ordinals: bool


@lru_cache(maxsize=64)
def _rules(lang: str | None) -> _Rules:
    base = (lang or "").lower().split("-")[0].split("_")[0]
    if base in _TITLES:
        langs = (base,)
    else:  # default: the union of the known lists, openers from all languages
        langs = tuple(_TITLES)
    pick = lambda table: frozenset(w for code in langs for w in table.get(code, "").split())  # noqa: E731
    return _Rules(pick(_TITLES), pick(_NUMERIC), pick(_MAYBE_FINAL), pick(_OPENERS), base in _DOT_ORDINALS)


def sentence_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into ``text``, without surrounding whitespace."""
    rules = _rules(lang)
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = block_start
        for m in _CANDIDATE.finditer(text, block_start, block_end):
            end = m.end()
            nxt = _skip_space(text, end, block_end)
            if nxt >= block_end:
                break
            if _is_break(text, m.start(), m.group(), nxt, block_end, rules):
                _add_span(text, start, end, spans)
                start = nxt
        _add_span(text, start, block_end, spans)
    return spans


def split_sentences(text: str, lang: str | None) -> list[str]:
    """The sentences of ``text``, each with its whitespace runs collapsed to one space."""
    return [_SPACE.sub(" ", text[s:e]) for s, e in sentence_spans(text, lang)]


def normalise(text: str) -> str:
    """What joining ``split_sentences(text)`` with single spaces gives back."""
    return _SPACE.sub(" ", text).strip()


def _blocks(text: str):
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _next_word(text: str, pos: int, end: int) -> tuple[str, str]:
    """(first significant character, first word) of what follows ``pos``."""
    i = pos
    while i < end and text[i] in _OPENING:
        i += 1
    j = i
    while j < end and (text[j].isalnum() or text[j] in "'’-"):
        j += 1
    first = text[i] if i < end else ""
    return first, text[i:j].rstrip("'’-")


def _is_break(text: str, punct_start: int, punct: str, nxt: int, end: int, rules: _Rules) -> bool:
    first, word = _next_word(text, nxt, end)
    if first and first.islower():
        return False  # "…" she asked; z. B. gut; etc. and
    if punct[-1] in "\"'”’»›“‘«‹" and text[nxt] in "([":
        return False  # a quotation followed by its gloss: “Ya basta!” (“Enough!”).
    if not punct.startswith("."):
        return True  # ! ? … followed by a capital or an opener
    if punct.startswith("..") or punct.startswith("…"):
        return True
    m = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start)
    if not m:
        return True
    before = m.group(1)
    low = before.lower()
    opener = word.lower() in rules.openers
    if low in rules.titles:
        return False
    if low in rules.numeric and first.isdigit():
        return False
    if len(before) == 1 and before.isalpha():
        return False  # initials, z. B., p. ej.
    if "." in before:  # U.S., S.A., A.Ş., EE.UU., d.h.
        return opener
    if before.isdigit():
        if rules.dot_ordinals and not opener and (len(before) <= 3 or not first.isupper()):
            return False  # 20. Jahrhundert, 1. Dünya Savaşı
        return True
    if low in rules.maybe_final:
        return opener
    return True
