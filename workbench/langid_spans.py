"""Language identification, part 3: foreign spans inside a text.

Runs of capitalised words (names, never split) and of words with foreign
evidence are judged with the main language as prior; glossary terms and
names are spans of their language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, NamedTuple

from workbench.langid_edges import (abbreviation, all_caps, bridged, dotted, dotted_names, english_possessive,
                                    honorific, inverted_marks, legal_form_end, lone_capitals,
                                    suspended_compound_start, trailing_main_word, without_possessive_end)
from workbench.langid_evidence import ORDINARY_WORD_FREQUENCY, _decide, _score
from workbench.langid_lexicon import frequencies
from workbench.langid_names import ascii_german, ascii_turkish, foreign_place, main_title, name_evidence
from workbench.langid_tokens import (_ADDRESS, _CONNECTORS, _ELISION, _KNOWN, _LETTERS, _TR_APOSTROPHE, _Token,
                                     _glossary_langs, _lexicon, _tokens, candidate_set)
from workbench.load_once import load_once


@dataclass(frozen=True)
class ForeignSpan:
    start: int         # character offsets into the text given
    end: int
    text: str
    lang: str
    confidence: float


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
    tokens = dotted_names(text, _tokens(text), main)
    if not tokens:
        return []
    glossary_langs = _glossary_langs(glossary)
    hidden = [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    if hidden:  # web and mail addresses have no language: their words break runs
        tokens = [t._replace(acronym=True) if any(a <= t.start < b for a, b in hidden) else t for t in tokens]
    tokens = [t._replace(acronym=True) if abbreviation(text, t) or lone_capitals(tokens, i, cands) else t
              for i, t in enumerate(tokens)]
    words = [_classify(tok, main, cands) for tok in tokens]
    context = _context_language(tokens, main, cands)
    spans = _judged_runs(text, words, main, cands, glossary_langs, context)
    sure = {s.lang for s in spans if s.confidence >= COHERENT_CONFIDENCE} - {"und"}
    if context is None and len(sure) == 1:
        # names near a sure span of one language are likely of it too
        # ("Deutsche Post CEO Frank Appel"): judged again with it as context
        spans = _judged_runs(text, words, main, cands, glossary_langs, sure.pop())
    spans = _widened_to_glossary(text, tokens, spans, glossary_langs)
    taken = [(s.start, s.end) for s in spans]
    for span in _glossary_spans(text, words, main, glossary_langs):
        if not any(a < span.end and span.start < b for a, b in taken):
            spans.append(span)
    return bridged(text, sorted(spans, key=lambda s: s.start), main)


# Evidence for the language of the one country a text names (Turkey,
# German …) in each of its runs; tuned on the dev split of the press set.
W_CONTEXT = 1.5


@load_once(maxsize=1)
def _country_words() -> dict[str, str]:
    """Lower-case word naming a country or people -> the language spoken there."""
    data = resources.files("workbench.langid_data").joinpath("countries.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in data.splitlines():
        if line and not line.startswith("#"):
            lang, *words = line.split("\t")
            out.update((word, lang) for word in words)
    return out


def _context_language(tokens: list[_Token], main: str, cands: tuple[str, ...]) -> str | None:
    """The language of the one country the text names besides the main
    language's own (a report on Turkey: its unknown names are likely Turkish)."""
    countries = _country_words()
    named = {countries.get(_without_possessive(t.lower)) for t in tokens} - {None, main}
    return named.pop() if len(named) == 1 and next(iter(named)) in cands else None


# A span this sure gives its language as context to the other runs of the
# text when no country is named (tuned on the dev split of the press set).
COHERENT_CONFIDENCE = 0.85


def _judged_runs(text: str, words: list[_Word], main: str, cands: tuple[str, ...],
                 glossary_langs: dict[str, frozenset[str]] | None, context: str | None) -> list[ForeignSpan]:
    """The candidate runs that another language wins clearly, as spans."""
    spans: list[ForeignSpan] = []
    for run, threshold in _candidate_runs(text, words, main, cands, context):
        start, end = run[0].start, run[-1].end
        scores = _score(run, text[start:end], cands, main, glossary_langs, main=main)
        if context is not None:
            scores[context] += W_CONTEXT
        found = _decide(scores)
        # the span is kept when the main language is unlikely; its label is
        # the best other language
        foreign = 1.0 - _share(scores, main)
        if (found.lang in ("und", main) or foreign < threshold) and not (len(run) == 1 and dotted(run[0])):
            continue   # a dotted name (ver.di) is no word of the main language either
        lang = _supported_language(run, found.lang if found.lang != main else "und", cands, main,
                                   glossary_langs, context)
        while len(run) > 1 and run[-1].capitalised and trailing_main_word(run[-1].lower, main, (main, found.lang)):
            run = run[:-1]   # Çukurova Construction: a word English writes, Turkish hardly
            end = run[-1].end
        end = without_possessive_end(text, start, _name_tail(text, words, run[-1], found.lang, main, end), main)
        end = legal_form_end(text, start, end, found.lang)   # Logistik AG, Telefónica S.A.
        start = suspended_compound_start(text, start, found.lang)   # Transport- und Logistik…
        if found.lang == "es":
            start, end = inverted_marks(text, start, end)
        if spans and start < spans[-1].end:
            continue   # the rest of a legal form the span before took in (Ltd. Şti.)
        spans.append(ForeignSpan(start, end, text[start:end], lang,
                                 found.confidence if lang == found.lang else round(foreign, 4)))
    return spans


# A run of at least this many words that no candidate writes is a phrase
# or an organisation's name in a language outside the candidates (Basque
# `Langile Abertzaleen Batzordeak`): foreign, of a language not told.
UNSUPPORTED_MIN_WORDS = 3


def _supported_language(run: list[_Token], best: str, cands: tuple[str, ...], main: str,
                        glossary_langs: dict[str, frozenset[str]] | None, context: str | None) -> str:
    """`best`, or `und` when nothing real speaks for any language: a run of
    UNSUPPORTED_MIN_WORDS words or a dotted name (`ver.di`) none of whose
    words a candidate writes, without letters of one language, a town or a
    first name, nor a glossary entry.  A dotted name in a text on one
    country takes that country's language (`ver.di` beside Germany)."""
    words = [t for t in run if not t.acronym]
    if not words or not (len(words) >= UNSUPPORTED_MIN_WORDS or (len(words) == 1 and dotted(words[0]))):
        return best
    if glossary_langs and " ".join(t.lower for t in run) in glossary_langs:
        return best
    for t in words:
        if not dotted(t) and (max(frequencies(t.lower, cands)) >= UNKNOWN_WORD_FREQUENCY
                              or not _LETTERS.keys().isdisjoint(t.text)):
            return best
    if any(name_evidence([t.text for t in words], cands, main)):
        return best
    return context if context is not None and len(words) == 1 else "und"


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


# A capitalised main-language word right after a span ends its name when it
# is at least this frequent (log10) in the span's language and written about
# as often there as in the main language (Deutsche Post, Iniciativa
# Legislativa Popular; not Koç Group: English words are written in every language).
NAME_TAIL_FREQUENCY = -5.0
# Languages that join a noun to a name with a suffix (Gezi Parkı): a bare
# noun after such a name is the main language's (Gezi Park).
_SUFFIXED_COMPOUNDS = frozenset({"tr"})
NAME_TAIL_GAP = 0.6


def _name_tail(text: str, words: list[_Word], last: _Token, lang: str, main: str, end: int) -> int:
    """The end of a span, taking in one following capitalised word of the main
    language that is also an ordinary word of the span's language, directly or
    after a connector of that language the main one lacks (Sindacale di Base)."""
    i = next((k for k, w in enumerate(words) if w.tok.start == last.start), None)
    if i is None or i + 1 >= len(words) or lang in _SUFFIXED_COMPOUNDS:
        return end
    nxt = words[i + 1]
    if (nxt.tok.lower in _CONNECTORS and not nxt.tok.capitalised and nxt.tok.lower in _lexicon(lang)
            and nxt.tok.lower not in _lexicon(main) and i + 2 < len(words) and _joined(text, last, nxt.tok)):
        last, nxt = nxt.tok, words[i + 2]
    if not (nxt.main and nxt.tok.capitalised and not nxt.tok.acronym and not all_caps(nxt.tok)
            and _joined(text, last, nxt.tok)):
        return end
    in_main, in_lang = frequencies(nxt.tok.lower, (main, lang))
    return nxt.tok.end if in_lang >= max(NAME_TAIL_FREQUENCY, in_main - NAME_TAIL_GAP) else end


def _share(scores: dict[str, float], lang: str) -> float:
    """Softmax probability of `lang` among the scores (0 when absent)."""
    if lang not in scores:
        return 0.0
    best = max(scores.values())
    return math.exp(scores[lang] - best) / sum(math.exp(v - best) for v in scores.values())


def _classify(tok: _Token, main: str, cands: tuple[str, ...]) -> _Word:
    if tok.acronym:
        return _Word(tok, False, False, False, False, False)
    if dotted(tok):   # ver.di: a name no language writes as a word
        return _Word(tok, False, True, False, True, False)
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
    hint = strong or (not in_main and foreign_word) or (tok.capitalised and (
        _frequent_elsewhere(word, main, cands) or bool(foreign_place(tok.text, cands, main))
        or (main != "tr" and ascii_turkish(tok.text, cands))
        or (main != "de" and ascii_german(tok.text, cands))))
    is_main = (in_main or (not tok.capitalised and word.endswith(_MAIN_SUFFIXES.get(main, ()))
                           and len(word) >= 6)) and not strong
    return _Word(tok, strong, hint, is_main, tok.capitalised and not is_main, foreign_word)


# A capitalised word rare in the main language (log10 frequency below
# ORDINARY_WORD_FREQUENCY) and at least this frequent in another candidate
# is a hint of that language (Manisa, Adana: names of places and people).
NAME_ELSEWHERE_FREQUENCY = -5.5


def _frequent_elsewhere(word: str, main: str, cands: tuple[str, ...]) -> bool:
    if "-" in word:   # a name of several words written with hyphens (Memur-Sen)
        return any(_frequent_elsewhere(part, main, cands) for part in word.split("-"))
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


def _loose(text: str, words: list[_Word], i: int, neighbour: int, main: str, cands: tuple[str, ...],
           connectors: frozenset[str]) -> bool:
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


def _candidate_runs(text: str, words: list[_Word], main: str, cands: tuple[str, ...],
                    context: str | None = None) -> list[tuple[list[_Token], float]]:
    """Runs worth judging, each with the confidence it needs."""
    out: list[tuple[list[_Token], float]] = []
    main_lex = _lexicon(main)
    connectors = _CONNECTORS - main_lex
    run: list[int] = []
    pending: list[int] = []   # connectors waiting for the next member

    def loose(i: int, neighbour: int) -> bool:
        return _loose(text, words, i, neighbour, main, cands, connectors)

    def close():
        nonlocal run, pending
        run = _without_leading_places(run, words, main, cands)
        while len(run) >= 2 and words[run[-1]].tok.capitalised and not words[run[-1]].strong \
                and trailing_main_word(words[run[-1]].tok.lower, main, cands):
            run = run[:-1]   # Kadıköy Municipality: the institution is English
        if run:
            first, last = run[0], run[-1]
            if not words[first].tok.capitalised and loose(first - 1, first):
                run.insert(0, first - 1)
            if loose(last + 1, last):
                run.append(last + 1)
            members = [words[i] for i in run]
            judged = _worth_judging(members, main, cands, text, context)
            if judged is not None:
                out.append(([w.tok for w in members], judged))
        run, pending = [], []

    for i, w in enumerate(words):
        tok = w.tok
        if run and (not _joined(text, words[(pending or run)[-1]].tok, tok)
                    or not pending and english_possessive(words[run[-1]].tok, main)):
            close()
        if tok.acronym:
            close()
            continue
        if w.hint or w.name:
            run.extend(pending)
            pending = []
            run.append(i)
        elif run and len(pending) < 2 and (tok.lower in connectors and not tok.capitalised or tok.capitalised and w.main):
            # a connector, or a capitalised word of the main language, between
            # two members: "Unión General de Trabajadores"
            pending.append(i)
        else:
            close()
    close()
    return out


def _without_leading_places(run: list[int], words: list[_Word], main: str, cands: tuple[str, ...]) -> list[int]:
    """"Istanbul Eğitim Sen": the city is English, the union Turkish;
    "Chancellor Gerhard Schroeder": the title is English, the name German.
    A country's name in its own language, which the main language hardly
    writes, is part of the name ("Türk Metal", "Türkiye Gazeteciler Sendikası")."""
    countries = _country_words()
    while run:
        first, rest = words[run[0]], [words[i].tok.lower for i in run[1:]]
        title = rest and not first.strong and (honorific(first.tok.lower, main)
                                                or main_title(first.tok.lower, rest, main, cands))
        place = _without_possessive(first.tok.lower)
        if not (title or (place in countries and _main_writes(place, main))):
            return run
        run = run[1:]
    return run


def _main_writes(word: str, main: str) -> bool:
    return frequencies(word, (main,))[0] >= ESTABLISHED_NAME_FREQUENCY


def _worth_judging(run: list[_Word], main: str, cands: tuple[str, ...], text: str,
                   context: str | None) -> float | None:
    """The confidence a run needs to become a span, or None to skip it.
    With a `context` language (the text names a country), names without
    evidence of their own are judged like runs with evidence."""
    hints = sum(w.hint for w in run)
    strong = any(w.strong for w in run)
    names = [w for w in run if w.name]
    joiners = {w.tok.lower for w in run if not w.tok.capitalised}
    if len(run) == 1:
        w = run[0]
        if w.strong or dotted(w.tok):
            return SPAN_MIN_CONFIDENCE
        # A lone word of another list, capitalised and long enough, is a name;
        # a lone lower-case one is too often an English word as well (basis,
        # popular, brief).
        if w.hint and w.tok.capitalised and (len(w.tok.text) >= 5 or foreign_place(w.tok.text, cands, main)):
            return SPAN_MIN_CONFIDENCE
        if w.name and len(w.tok.text) >= COMPOUND_MIN_LETTERS and not _sentence_start(text, w.tok):
            return NAME_MIN_CONFIDENCE
        if context and _unknown_name(w, main, context, cands, text):
            return SPAN_MIN_CONFIDENCE
        return None
    if strong or (hints and names) or hints >= 2:
        return SPAN_MIN_CONFIDENCE
    if hints and all(w.hint or w.foreign_word for w in run):
        return SPAN_MIN_CONFIDENCE
    if len(names) >= 2 and not joiners & _MAIN_JOINERS and not any(w.main for w in run):
        if context and any(frequencies(w.tok.lower, (main,))[0] < ESTABLISHED_NAME_FREQUENCY for w in names):
            return SPAN_MIN_CONFIDENCE
        return NAME_MIN_CONFIDENCE
    return None


# A capitalised word this much more frequent (log10) in the context language
# than in the main one reads as a name of the context (Bursa, Tarsus) unless
# the main language writes it often enough to have made it its own (Valencia,
# Ankara); a word no language writes this often is a name of the context.
CONTEXT_NAME_LEAD = 1.0
ESTABLISHED_NAME_FREQUENCY = -6.0
UNKNOWN_WORD_FREQUENCY = -7.5


def _unknown_name(w: _Word, main: str, context: str, cands: tuple[str, ...], text: str) -> bool:
    """A capitalised word, not first in its sentence, that reads as a name
    of the context language rather than of the main one."""
    if not w.name or len(w.tok.lower) < 4 or _sentence_start(text, w.tok) \
            or _without_possessive(w.tok.lower) in _country_words() or _main_compound(w.tok.lower, main):
        return False
    freqs = dict(zip(cands, frequencies(w.tok.lower, cands)))
    if freqs[main] >= ESTABLISHED_NAME_FREQUENCY:
        return False
    return freqs[context] - freqs[main] >= CONTEXT_NAME_LEAD or max(freqs.values()) < UNKNOWN_WORD_FREQUENCY


def _main_compound(word: str, main: str) -> bool:
    """A hyphenated word made of main-language words and country words
    (German-made, Turkish-born) is the main language's own compound."""
    parts = _without_possessive(word).split("-")
    countries = _country_words()
    return len(parts) > 1 and all(p in _lexicon(main) or p in countries for p in parts)


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


# How many words a span may grow by on each side to cover a glossary name it is part of.
_WIDEN_WORDS = 2


def _widened_to_glossary(text: str, tokens: list[_Token], spans: list[ForeignSpan],
                         glossary_langs: dict[str, frozenset[str]] | None) -> list[ForeignSpan]:
    """Each span that is part of a longer glossary name or term of its language, written with
    spaces only between its words, widened to the whole of it: "IG Metall" was found as
    "Metall" (the acronym is no language), and the translator looks up or adds the name, not a
    piece of it. A widened span never takes in another span's words."""
    if not glossary_langs or not spans:
        return spans
    out = []
    for n, span in enumerate(spans):
        inside = [i for i, t in enumerate(tokens) if span.start <= t.start and t.end <= span.end]
        best = None
        if inside:
            lo_min = max(0, inside[0] - _WIDEN_WORDS)
            hi_max = min(len(tokens) - 1, inside[-1] + _WIDEN_WORDS)
            others = [(o.start, o.end) for m, o in enumerate(spans) if m != n]
            for lo in range(inside[0], lo_min - 1, -1):
                if lo < inside[0] and text[tokens[lo].end:tokens[lo + 1].start].strip():
                    break
                for hi in range(inside[-1], hi_max + 1):
                    if hi > inside[-1] and text[tokens[hi - 1].end:tokens[hi].start].strip():
                        break
                    if (lo, hi) == (inside[0], inside[-1]) or best and hi - lo <= best[1] - best[0]:
                        continue
                    start, end = tokens[lo].start, tokens[hi].end
                    key = " ".join(t.lower for t in tokens[lo:hi + 1])
                    if span.lang in glossary_langs.get(key, ()) and not any(a < end and start < b for a, b in others):
                        best = (lo, hi)
        if best is None:
            out.append(span)
        else:
            start, end = tokens[best[0]].start, tokens[best[1]].end
            out.append(ForeignSpan(start, end, text[start:end], span.lang, span.confidence))
    return out


def _foreign_enough(matched: list[_Word]) -> bool:
    if all(w.tok.acronym for w in matched) or all(w.main for w in matched):
        return False
    if len(matched) == 1:
        return matched[0].strong or matched[0].hint or matched[0].name
    return any(not w.main for w in matched)


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
