"""Per-language folding and inflection used by the term matcher.

A term word is indexed under one or more *bases*; a word of a text realizes
the term word when it splits into a base plus a remainder that the
language's inflection grammar accepts (Turkish case/possessive/plural chains,
German case endings and umlaut plurals, Spanish number and gender, English
plural and possessive). Derivational suffixes are not in the grammars, so
``sınıfsız`` (classless) does not realize ``sınıf`` and ``grevci`` (striker)
does not realize ``grev``. Languages without a grammar here fall back to
Snowball stems (``snowballstemmer``) when it has the language, else to exact
folded forms; nothing assumes a fixed list of languages.

Matching Snowball stems of every word is the second baseline of
``bench/glossary.py``; on its test sets these grammars have clearly higher
precision and recall for tr, de and es (the bench prints both).
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.records import frozen_dataclass

_TR_V4 = "[ıiuü]"
# no equative -ca/-çe: it makes lexicalised derivations (tabanca 'pistol' is no form of taban)
_TR_CASE = (rf"(?:y?{_TR_V4}|y?[ae]|[dt][ae]|[dt][ae]n|n?{_TR_V4}n|y?l[ae]|n[ae]|n[dt][ae]|n[dt][ae]n|"
            rf"n{_TR_V4}|yl[ae])")
_TR_POSS = (rf"(?:{_TR_V4}?m|{_TR_V4}?n|s?{_TR_V4}|{_TR_V4}?m{_TR_V4}z|{_TR_V4}?n{_TR_V4}z|l[ae]r{_TR_V4})")
_TR_TAIL = rf"(?:ki|[dt]{_TR_V4}r|y?[dt]{_TR_V4}|y?m{_TR_V4}ş|y?s[ae]|y?ken)?"
# Turkish's suffix grammar is compiled when first used (``lazy_pattern("TR_SUFFIX")``): compiling it
# was 3 ms of every command that reads the glossary, in whatever languages
LAZY_PATTERNS = {"TR_SUFFIX": rf"(?:l[ae]r)?{_TR_POSS}?{_TR_CASE}?(?:ki)?{_TR_TAIL}"}


@lru_cache(maxsize=None)
def lazy_pattern(name: str) -> re.Pattern:
    """One of ``LAZY_PATTERNS``, compiled once."""
    return re.compile(LAZY_PATTERNS[name])
_TR_SOFTEN = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
_TR_HARDEN = {v: k for k, v in _TR_SOFTEN.items()}

DE_NOUN = re.compile(r"(?:e|en|n|s|es|er|ern|ns|in|innen|nen)?")
# nouns with these endings only take -en (Gewerkschaft-en, Arbeit-en): Gewerkschafter and Arbeiter are
# agent nouns, not forms
DE_EN_ONLY = re.compile(r"(?:schaft|ung|eit|ion|tät|ei)$")
DE_UMLAUT_PLURAL = re.compile(r"(?:e|en|er|ern|n)?")
DE_ADJ = re.compile(r"(?:e|er|es|en|em)?")
DE_LINKERS = ("", "s", "es", "n", "en", "e", "er")
# what follows a word inside a longer word when that word is a derivation, not a compound:
# Genossenschaft, staatlich, Streikende(n), Kapitälchen, Kapitalismus, Kapitalist
DE_DERIVATION = re.compile(r"^(?:(?:e|n|en|s|es)?(?:schaft|tum|heit|keit|ung|lich|isch|chen|lein|ig|nd|end)"
                           r"|er(?:in|innen|n|s)?$|ismus|ist)")
_DE_UMLAUT = {"a": "ä", "o": "ö", "u": "ü"}
# the capital I of gender-inclusive writing: KollegInnen, ArbeiterIn
_DE_INCLUSIVE = re.compile(r"(?<=[a-zäöüß])In(?:nen)?$")
_DE_INCLUSIVE_ENDS = ("In", "Innen", "In\n", "Innen\n")   # ($ matches before a last newline too)

ES_GENDERED = re.compile(r"(?:o|a|os|as)")
ES_CONSONANT = re.compile(r"(?:es|a|as)?")
ES_VOWEL = re.compile(r"(?:s|es)?")
ES_VOWEL_S = re.compile(r"s?")
ES_NUMBER = re.compile(r"(?:es)?")
EN_NOUN = re.compile(r"(?:s|es|'s|s')?")
EN_IES = re.compile(r"(?:ies|ies'|y's)")
EMPTY = re.compile(r"")
# the suffix patterns of the bases below (named, so that a kept matcher can name them: align.termcache)
TR_SOFTENED = re.compile(r"[aeıioöuü].*")
TR_HARDENED_PLURAL = re.compile(rf"l[ae]r{_TR_V4}?.*")
DE_EN_ONLY_SUFFIX = re.compile(r"(?:en)?")
DE_E_STEM = re.compile(r"(?:n|e|en|in|innen)")
DE_ISMUS_PLURAL = re.compile(r"en")
DE_NIS_PLURAL = re.compile(r"(?:e|en|es)")
ES_Z_PLURAL = re.compile("es")
ES_APOCOPE_SUFFIX = re.compile(r"(?:e|es|o|a|os|as)")
ES_S_PLURAL = re.compile(r"s")

_ACUTE = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_SNOWBALL = {"fr": "french", "it": "italian", "pt": "portuguese", "nl": "dutch", "sv": "swedish",
             "da": "danish", "no": "norwegian", "nb": "norwegian", "fi": "finnish", "hu": "hungarian",
             "ro": "romanian", "ru": "russian", "ca": "catalan", "eu": "basque", "el": "greek",
             "id": "indonesian", "ga": "irish", "lt": "lithuanian", "ne": "nepali", "sr": "serbian",
             "ar": "arabic", "hy": "armenian", "ta": "tamil", "yi": "yiddish", "eo": "esperanto"}


@frozen_dataclass
class Base:
    text: str
    suffixes: re.Pattern
    word: str            # the folded term word this base realizes


class Morphology:
    """Exact folded forms: the fallback for a language with no grammar or stemmer."""

    lang = ""
    min_base = 4         # shorter bases only match with no remainder
    max_suffix = 0
    compounds = False
    derivation: re.Pattern | None = None   # a remainder that makes a derivation, not a compound
    lexicalised: frozenset[str] = frozenset()   # folded words that are no form of another word
    nouns_capitalized = False
    stems = False        # whether ``stem`` gives a stem to look up (a Snowball language)

    def __init__(self, lang: str):
        self.lang = lang

    def fold(self, word: str) -> str:
        return word.replace("’", "'").lower().replace("\u0307", "")

    def bases(self, word: str, *, last: bool, multiword: bool, first: bool = True, pos: str = "noun") -> list[Base]:
        f = self.fold(word)
        return [Base(f, EMPTY, f)]

    def stem(self, folded: str) -> str | None:
        """A stem to look up when no base splits the word (Snowball fallback)."""
        return None

    def generic_length(self, word: str) -> int:
        """The length of the part of ``word`` to match: all of it, but for a gender-inclusive
        ending that would make it a feminine term (German 'ArbeiterInnen')."""
        return len(word)

    def apostrophe(self, folded: str) -> list[str]:
        """Parts of a word with an apostrophe that may realize a term word."""
        head, _, tail = folded.partition("'")
        return [tail] if tail else [head]


class Turkish(Morphology):
    min_base = 3
    max_suffix = 12
    # words that look inflected but are words of their own: 'birlikte' is 'together', not 'in unity'
    lexicalised = frozenset(("birlikte",))

    def fold(self, word: str) -> str:
        return word.replace("’", "'").replace("I", "ı").replace("İ", "i").lower()

    def bases(self, word, *, last, multiword, first=True, pos="noun"):
        f = self.fold(word)
        suffix = lazy_pattern("TR_SUFFIX")
        out = [Base(f, suffix, f)]
        if len(f) >= 3 and f[-1] in _TR_SOFTEN:
            out.append(Base(f[:-1] + _TR_SOFTEN[f[-1]], TR_SOFTENED, f))
        if last and multiword:   # izafet head: 'mücadelesi' -> 'mücadeleleri', 'birikimi' -> 'birikimleri'
            # both readings when ambiguous: 'milisi' is 'milis' + i, not 'mili' + si
            for pattern in (rf"^(.{{2,}}[aeıioöuü])s{_TR_V4}$", rf"^(.{{2,}}[^aeıioöuü]){_TR_V4}$"):
                m = re.match(pattern, f)
                if m:
                    out.append(Base(m.group(1), suffix, f))
                    # the softened stem before a consonant: yasağı -> yasakları, aracı -> araçlarına,
                    # sahibi -> sahiplerinin
                    if m.group(1)[-1] in _TR_HARDEN:
                        out.append(Base(m.group(1)[:-1] + _TR_HARDEN[m.group(1)[-1]],
                                        TR_HARDENED_PLURAL, f))
        return out

    def apostrophe(self, folded):
        head, _, tail = folded.partition("'")
        return [head] if re.fullmatch(r"[^\W\d_]{1,8}", tail or "x") else []


class German(Morphology):
    compounds = True
    derivation = DE_DERIVATION
    nouns_capitalized = True     # a noun term is not found as a lower-case word ('gewinnen' is no 'Gewinn')

    def generic_length(self, word):
        if not word.endswith(_DE_INCLUSIVE_ENDS):   # (what the pattern needs: most words end otherwise)
            return len(word)
        m = _DE_INCLUSIVE.search(word)
        return m.start() if m else len(word)

    def fold(self, word: str) -> str:
        return word.replace("’", "'").lower().replace("ß", "ss")

    def bases(self, word, *, last, multiword, first=True, pos="noun"):
        f = self.fold(word)
        if word[:1].islower() and len(f) > 5 and re.search(r"(?:e|er|es|en|em)$", f):   # adjective
            stem = re.sub(r"(?:er|es|en|em|e)$", "", f)
            return [Base(stem, DE_ADJ, f)]
        out = [Base(f, DE_EN_ONLY_SUFFIX if DE_EN_ONLY.search(f) else DE_NOUN, f)]
        if multiword and not last and re.search(r"(?:isch|lich|ig|sch|erst|weit|ritt|iert|ell|al|iv|är|ös|bar|sam"
                                                r"|los|haft)(?:e|er|es|en|em)$", f):
            # a capitalised adjective inside a name: Erster Mai -> am Ersten Mai,
            # Deutscher Gewerkschaftsbund -> des Deutschen Gewerkschaftsbundes
            out.append(Base(re.sub(r"(?:er|es|en|em|e)$", "", f), DE_ADJ, f))
        umlauted = _umlaut_last(f)
        if umlauted:
            out.append(Base(umlauted, DE_UMLAUT_PLURAL, f))
        if f.endswith("e") and len(f) > 4:     # Klasse -> Klassen-, Genosse -> Genossin, Genossinnen
            out.append(Base(f[:-1], DE_E_STEM, f))
        if f.endswith("ismus"):                # Imperialismus -> Imperialismen
            out.append(Base(f[:-2], DE_ISMUS_PLURAL, f))
        if f.endswith("nis"):                  # Wahlbündnis -> Wahlbündnisse, Wahlbündnissen
            out.append(Base(f + "s", DE_NIS_PLURAL, f))
        if re.search(r"(?:ig|igt|ant|ent|llt)er$", f):   # nominalized adjective: Beschäftigter, Beschäftigten
            out.append(Base(f[:-2], DE_ADJ, f))
        return out


class Spanish(Morphology):
    """Number always; gender (o/a) only where Spanish inflects for it: adjectives
    (also the words after the head of a multi-word term) and nouns for people
    (obrero/obrera, trabajador/trabajadora, burgués/burguesa). So 'paro' is not 'para' and
    'partido' is not 'partida'."""

    _APOCOPE = {"gran": "grand", "buen": "buen", "mal": "mal", "primer": "primer", "tercer": "tercer"}

    def fold(self, word: str) -> str:
        return word.replace("’", "'").lower().translate(_ACUTE)

    def bases(self, word, *, last, multiword, first=True, pos="noun"):
        f = self.fold(word)
        if len(f) < 3:
            return [Base(f, EMPTY, f)]
        gendered = (pos == "adjective" or not first or re.search(r"(?:er|ari|an|in|ad|on)[oa]$|or$", f)
                    or word.lower().endswith("és"))
        if f[-1] in "oa":
            if (len(f) > 4 and pos == "noun" and not multiword
                    and re.search(r"(?:er|ari|an|in|ad|on|or)a$", f)):
                # a noun for a woman ('obrera') is no form of the man's ('obrero'; the reverse holds);
                # its own key keeps it apart from the adjective inside 'clase obrera'
                return [Base(f, ES_VOWEL_S, f + "+f")]
            if gendered and len(f) > 4:
                return [Base(f[:-1], ES_GENDERED, f)]
            return [Base(f, ES_VOWEL_S, f)]
        if f[-1] in "eiu":
            return [Base(f, ES_VOWEL, f)]
        out = [Base(f, ES_CONSONANT if gendered else ES_NUMBER, f)]
        if f.endswith("z"):
            out.append(Base(f[:-1] + "c", ES_Z_PLURAL, f))
        if f in self._APOCOPE:                # gran potencia -> grandes potencias
            out.append(Base(self._APOCOPE[f], ES_APOCOPE_SUFFIX, f))
        if f[-1] not in "lnrdzjsxy":           # soviet -> soviets, boicot -> boicots
            out.append(Base(f, ES_S_PLURAL, f))
        return out


class English(Morphology):
    min_base = 3         # war -> wars, tax -> taxes
    def bases(self, word, *, last, multiword, first=True, pos="noun"):
        f = self.fold(word)
        if len(f) < 3:
            return [Base(f, EMPTY, f)]
        out = [Base(f, EN_NOUN, f)]
        if len(f) > 3 and f.endswith("y") and f[-2] not in "aeiou":
            out.append(Base(f[:-1], EN_IES, f))
        return out

    def apostrophe(self, folded):
        head, _, tail = folded.partition("'")
        return [head] if tail in ("s", "") else []


class Snowball(Morphology):
    stems = True

    def __init__(self, lang: str, algorithm: str):
        super().__init__(lang)
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer(algorithm)

    def bases(self, word, *, last, multiword, first=True, pos="noun"):
        f = self.fold(word)
        return [Base(f, EMPTY, f), Base("\x00" + self._stemmer.stemWord(f), EMPTY, f)]

    def stem(self, folded):
        return "\x00" + self._stemmer.stemWord(folded)


def morphology_for(lang: str) -> Morphology:
    """A morphology for a language code. Not cached: a Snowball stemmer keeps
    state while it stems, so each matcher gets its own."""
    base = (lang or "").split("-")[0].lower()
    if base == "tr" or base == "az":
        return Turkish(base)
    if base == "de":
        return German(base)
    if base == "es":
        return Spanish(base)
    if base == "en":
        return English(base)
    if base in _SNOWBALL:
        try:
            return Snowball(base, _SNOWBALL[base])
        except (ImportError, KeyError):
            pass
    return Morphology(base)


def _umlaut_last(f: str) -> str | None:
    """Kampf -> kämpf, Rat -> rät, Bau -> bäu: umlaut on the last vowel (group) of the word."""
    m = re.search(r"([aeiouäöüy]+)[^aeiouäöüy]*$", f)
    if not m or m.group(1) not in ("a", "o", "u", "au"):
        return None
    umlauted = "äu" if m.group(1) == "au" else _DE_UMLAUT[m.group(1)]
    return f[:m.start(1)] + umlauted + f[m.end(1):]
