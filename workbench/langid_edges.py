"""Language identification, part 3b: where a foreign span starts and ends.

What a name span of another language leaves out of its edges: an English
possessive (`Deutsche Bahn's`), a title in front (`Mr Silvio Berlusconi`),
an ordinary English word after it (`Kadıköy Municipality`); which upper-case
words are acronyms (no language: `DİSK`, `KASDAŞ`); the Spanish marks
that open an exclamation or question (`¡No pasarán!`); and what a name span
takes in: a legal form of its language (`Logistik AG`, `S.p.A.`) and German
words cut before und/oder (`Transport- und Logistikgewerkschaft`); and a
short word of its language between two of its spans (`Ya hep beraber ya
hiçbirimiz`, `Hände weg vom Streikrecht`), also across a comma inside
the phrase (`Ya hep beraber, ya hiçbiri`); and names written with a dot
between their letters (`ver.di`), one word.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence, TypeVar

from workbench.langid_lexicon import frequencies, log_frequency
from workbench.langid_tokens import _Token, _lower

# Titles written before a person's name; they belong to the main language,
# not to the name (English writes Mr without a full stop, American Mr.).
HONORIFICS: dict[str, frozenset[str]] = {
    "en": frozenset("mr mrs ms miss dr sir dame lady lord prof mx".split()),
}
# An ordinary main-language word (log10 frequency at least this) that
# another candidate writes at least TRAILING_LEAD less often, after the
# words of a name, is the main language's (Kadıköy Municipality: the
# district is Turkish, the institution English).  Tuned on the press dev split.
TRAILING_MIN_FREQUENCY = -5.5
TRAILING_LEAD = 1.5
# An upper-case word (or words joined by hyphens) of up to this many letters
# is an acronym; a longer one too when no candidate writes it as a word
# (KASDAŞ, TEKSİF), while İŞÇİ (işçi, worker) is a word in capitals.
ACRONYM_MAX_LETTERS = 5
ACRONYM_WORD_FREQUENCY = -6.5


def honorific(word: str, main: str) -> bool:
    """`word` (lower case, a full stop allowed) is a title of the main language."""
    return word.rstrip(".") in HONORIFICS.get(main, ())


def trailing_main_word(word: str, main: str, cands: tuple[str, ...]) -> bool:
    """A capitalised word ending a name that is an ordinary word of the main
    language and clearly rarer in every other candidate."""
    if main not in cands:
        return False
    freqs = frequencies(word, cands)
    in_main = freqs[cands.index(main)]
    elsewhere = max(v for lang, v in zip(cands, freqs) if lang != main)
    return in_main >= TRAILING_MIN_FREQUENCY and in_main - elsewhere >= TRAILING_LEAD


def without_possessive_end(text: str, start: int, end: int, main: str) -> int:
    """The end of a span before an English possessive ending (Di Vittorio's)."""
    if main == "en" and end - start > 3 and text[end - 2:end] in ("'s", "’s"):
        return end - 2
    return end


def english_possessive(tok: _Token, main: str) -> bool:
    """A word ending in the English possessive in an English text: a name ends there ("Gaza's
    Hamas" is the Hamas of Gaza, two names, not one Turkish one). No candidate's suffix after an
    apostrophe is a bare s (Turkish writes DİSK'in, Ankara'da)."""
    return main == "en" and len(tok.text) > 3 and tok.text[-2:] in ("'s", "’s")


def abbreviation(text: str, tok: _Token) -> bool:
    """An upper-case word alone in brackets abbreviates the name before it,
    "… Trade Unions (DİSK)": an acronym, whatever its letters."""
    return (tok.text.isupper() and len(tok.text) >= 2 and text[tok.start - 1:tok.start] == "("
            and text[tok.end:tok.end + 1] == ")")


def lone_capitals(tokens: list[_Token], i: int, cands: tuple[str, ...]) -> bool:
    """An upper-case word between words that are not upper case is an
    acronym (DİSK, UGT, FICA-UGT, TEKSİF's) when it is short or no word of
    any candidate, whatever its letters; a slogan in capitals (İŞÇİ
    BİRLİĞİ) is words."""
    text = re.sub(r"['’]s$", "", tokens[i].text)
    if not (text.isupper() and all(len(part) >= 2 for part in text.split("-"))):
        return False
    if not all(len(part) <= ACRONYM_MAX_LETTERS for part in text.split("-")):
        lowered = text.lower()
        if "-" in text or max(frequencies(lowered, cands)) >= ACRONYM_WORD_FREQUENCY:
            return False
    return not any(0 <= j < len(tokens) and all_caps(tokens[j]) for j in (i - 1, i + 1))


def all_caps(tok: _Token) -> bool:
    return len(tok.text) >= 2 and tok.text.isupper()


def inverted_marks(text: str, start: int, end: int) -> tuple[int, int]:
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


# Legal forms and institution tails written after a company or association
# name in its own language (Hamburger Hafen- und Logistik AG); the initials
# may be written with spaces (e. V., S. A.).  Longer forms come first.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "de": ("GmbH & Co. KG", "gGmbH", "GmbH", "KGaA", "AG", "KG", "OHG", "e.V.", "eG"),
    "es": ("S.A.U.", "S.L.U.", "S.A.", "S.L.", "S. Coop.", "SAU", "SLU", "SA", "SL"),
    "tr": ("Tic. Ltd. Şti.", "Ltd. Şti.", "Ltd Şti", "A.Ş.", "AŞ"),
    "fr": ("S.A.R.L.", "SARL", "SASU", "SAS", "S.A.", "SA", "SCOP"),
    "it": ("S.p.A.", "S.r.l.", "S.n.c.", "SpA", "Srl", "SRL", "Snc", "Soc. Coop."),
}
# A word cut before 'und'/'oder' shares its second part with the next word
# (Transport- und Logistikgewerkschaft): a suspended compound, one name.
SUSPENDED_COMPOUND: dict[str, re.Pattern[str]] = {
    "de": re.compile(r"(?<![^\W\d_])[^\W\d_]+-(?:,\s*[^\W\d_]+-)*\s+(?:und|oder)\s+"),
}
_LETTER_AFTER = r"(?![^\W\d_])"


def _form_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = (re.sub(r"\\\.(?=[^\W\d_\\])", r"\\.\\s?", re.escape(f)) for f in forms)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(alternatives) + ")" + _LETTER_AFTER)


_FORM_PATTERNS = {lang: _form_pattern(forms) for lang, forms in LEGAL_FORMS.items()}


def legal_form_end(text: str, start: int, end: int, lang: str) -> int:
    """The end of a name span taking in a legal form of its language written
    right after it or cut by it at a full stop (S.A, S.p.A)."""
    pattern = _FORM_PATTERNS.get(lang)
    if pattern is None:
        return end
    gap = len(text[end:end + 2]) - len(text[end:end + 2].lstrip(" "))
    for m in pattern.finditer(text, max(start + 1, end - 12), end + gap + 24):
        if m.start() <= end + gap and m.end() > end:
            return m.end()
    return end


def suspended_compound_start(text: str, start: int, lang: str) -> int:
    """The start of a span taking in the cut words before it or in it
    (Transport-, Hafen- und Logistik…)."""
    pattern = SUSPENDED_COMPOUND.get(lang)
    if pattern is None:
        return start
    for m in pattern.finditer(text, max(0, start - 80), start + 80):
        if m.start() < start <= m.end():
            return m.start()
    return start


# A word of up to BRIDGE_MAX_LETTERS letters, alone between two spans of one
# language, joins them when that language writes it at least BRIDGE_LEAD
# (log10) more often than the main language: Turkish `ya` (either … or),
# German `weg`; English `and`, `to`, `in` keep two names apart.
BRIDGE_MAX_LETTERS = 3
BRIDGE_LEAD = 1.0
_BRIDGE_GAP = re.compile(r" ([^\W\d_]{1,%d}) " % BRIDGE_MAX_LETTERS)
_Span = TypeVar("_Span")


def bridged(text: str, spans: Sequence[_Span], main: str) -> list[_Span]:
    """`spans` (sorted, with start, end, text, lang, confidence) with each two
    of one language joined across a short word of theirs between them, or
    across a comma inside a phrase of theirs."""
    out: list = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and last.lang == span.lang and last.lang != "und" and (
                _bridge_word(text[last.end:span.start], span.lang, main)
                or _phrase_comma(text, last, span, main)):
            out[-1] = replace(last, end=span.end, text=text[last.start:span.end],
                              confidence=min(last.confidence, span.confidence))
        else:
            out.append(span)
    return out


def _bridge_word(gap: str, lang: str, main: str) -> bool:
    m = _BRIDGE_GAP.fullmatch(gap)
    if m is None or (len(m.group(1)) > 1 and m.group(1).isupper()):   # an acronym has no language
        return False
    word = _lower(m.group(1))
    return log_frequency(word, lang) >= log_frequency(word, main) + BRIDGE_LEAD


# A phrase goes on after a comma (`Ya hep beraber, ya hiçbiri`) when the
# words on both sides of the comma are lower case: a list of names (`Kartal,
# Maltepe and Beykoz`) starts each item with a capital.
_WORD = r"[^\W\d_]{1,%d}" % BRIDGE_MAX_LETTERS
_COMMA_GAP = re.compile(r"(?: (%s))?, (?:(%s) )?" % (_WORD, _WORD))


def _phrase_comma(text: str, left, right, main: str) -> bool:
    """Two spans of one language with only a comma between them, perhaps a
    short word of theirs on either side of it, the words next to the comma
    lower case: one phrase."""
    m = _COMMA_GAP.fullmatch(text[left.end:right.start])
    if m is None:
        return False
    before, after = m.group(1) or left.text, m.group(2) or right.text
    if not (before[-1:].islower() and after[:1].islower()):
        return False
    return all(log_frequency(_lower(w), right.lang) >= log_frequency(_lower(w), main) + BRIDGE_LEAD
               for w in m.groups() if w is not None)


# Endings of web addresses written without http or www (labournet.org): the
# part after the dot is no name.
_ADDRESS_ENDINGS = frozenset("com org net edu gov info int eu uk de es tr fr it pt at ch be nl ar us io co js py"
                             .split())


# Two words of the text's language run together at a full stop without its
# space (`strike.the union`, `picket.workers`) are no dotted name: the second
# one this common, or both this common (log10 frequency in the main language).
DOTTED_NEXT_COMMON = -3.0
DOTTED_BOTH_COMMON = -4.5


def dotted_names(text: str, tokens: list[_Token], main: str = "") -> list[_Token]:
    """`tokens` with a name written with a dot between its letters (`ver.di`)
    as one token: two words of at least two letters each, the second lower
    case, joined by a single full stop; not `i.e.` (one letter), an address
    (`labournet.org`) nor two common words of the `main` language whose
    sentence lost the space after its full stop."""
    out: list[_Token] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (prev is not None and tok.start == prev.end + 1 and text[prev.end] == "."
                and not _run_together(prev, tok, main)
                and "." not in prev.text and prev.text.isalpha() and tok.text.isalpha()
                and len(prev.text) >= 2 and len(tok.text) >= 2 and tok.text[0].islower()
                and tok.lower not in _ADDRESS_ENDINGS and not re.match(r"[.@][^\W\d_]", text[tok.end:tok.end + 2])
                and text[prev.start - 1:prev.start] not in (".", "@", "/")):
            joined = text[prev.start:tok.end]
            out[-1] = prev._replace(end=tok.end, text=joined, lower=_lower(joined), acronym=False)
        else:
            out.append(tok)
    return out


def _run_together(first: _Token, second: _Token, main: str) -> bool:
    if not main:
        return False
    first_frequency, second_frequency = log_frequency(first.lower, main), log_frequency(second.lower, main)
    return second_frequency >= DOTTED_NEXT_COMMON or min(first_frequency, second_frequency) >= DOTTED_BOTH_COMMON


def dotted(tok: _Token) -> bool:
    return "." in tok.text
