"""Find every occurrence of every glossary term of one language in a text.

The index maps each *base* of each term word (see ``morphology``) to the term
words it realizes, and each term to its first word. Matching walks the words
of the text once: a word's realizations are computed once per distinct word
form (a per-call table), candidate terms are those starting with one of its
realizations, and the longest (most words, then most characters) wins.
Multi-word terms match across line breaks and runs of spaces or hyphens but
not across other punctuation. In compounding languages (German) a word that
is no term itself is searched for term components and heads
(``Gewerkschaftsbürokratie`` contains ``Gewerkschaft``); a term that is a
whole word always wins (``Streikbrecher`` is not ``Streik``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.glossary.model import TERM_STATUSES, Concept, Glossary, Term
from workbench.glossary.morphology import EMPTY, Base, Morphology, morphology_for
from workbench.records import frozen_dataclass

WORD = re.compile(r"\w++(?:['’]\w++)*+")   # (possessive: nothing matched is given back, none needs to be)
GAP = re.compile(r"['’]?[\s\-‐‑–]+")
_REALIZED_LIMIT = 200_000   # words remembered per matcher before the memo starts again
# lower-case words inside English names ('Union of Soviet Socialist Republics')
_EN_CONNECTORS = frozenset(("of", "the", "and", "for"))
# capitalised only because they start a sentence: no evidence of a name
_FUNCTION_WORDS = frozenset((
    "the", "a", "an", "in", "on", "at", "of", "and", "for", "to", "by", "with", "from", "this", "that", "these",
    "those", "our", "their", "his", "her", "its", "all", "every", "no", "as", "when", "while", "but", "or", "if"))
# a capitalised one-word term ('Estado') is also written in lower case after a determiner
# ('el estado burgués'), except where it means a condition ('el estado de la vía')
_DETERMINERS = {"es": frozenset(("el", "del", "al", "este", "ese", "aquel", "nuestro", "su", "un", "cada", "todo"))}
_NOT_AFTER_LOWER = {"es": frozenset(("de", "del", "en", "actual", "que"))}
# words after which a word is a noun, not an adjective ('los comunistas', 'de política')
_NOUN_AFTER = {"es": frozenset(("el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "su", "sus", "este",
                                "esta", "estos", "estas", "ese", "esa", "esos", "esas", "nuestro", "nuestra",
                                "nuestros", "nuestras", "del", "al", "de", "por", "para", "con", "contra", "entre",
                                "sin", "a", "y", "e", "o", "ni", "cada", "todo", "toda", "todos", "todas", "muchos",
                                "otros", "otras", "sobre", "hacia", "desde", "como"))}
# words after which a bare noun-like word is a verb form
_VERB_MARKERS = {"en": frozenset(("to", "will", "would", "shall", "should", "can", "could", "may", "might",
                                  "must", "cannot", "did", "didn't", "don't", "doesn't", "won't")),
                 "es": frozenset(("he", "has", "ha", "hemos", "habéis", "han", "había", "habías", "habíamos",
                                  "habían", "habría", "habrían", "haya", "hayan", "hubo", "hubiera", "hubieran",
                                  "haber", "habiendo", "habrá", "habrán"))}
# English subjects after which a noun-like word is the verb ('they march', 'she marches'); "it"
# and "you" are left out ('made it march'?, 'thank you march stewards')
_PLURAL_SUBJECTS = frozenset(("i", "we", "they"))
_SINGULAR_SUBJECTS = frozenset(("he", "she"))
# one adverb between the subject or modal and the verb ('will also march', 'they still march')
_ADVERBS = frozenset(("not", "also", "still", "all", "never", "again", "just", "then", "both", "only", "soon",
                      "even", "now", "often", "always", "usually", "together", "once", "already", "really"))
# a plural noun as the subject of a headline verb ('Miners march from …'): words in -s that are
# no plural noun are left out; the verb is followed by one of these prepositions
_PLURAL_NOUN = re.compile(r"[^\W\d_]{2,}[^\W\d_suiSUI]s")
_NOT_PLURAL_NOUNS = frozenset(("has", "was", "does", "goes", "this", "his", "hers", "its", "yes", "always", "perhaps",
                               "whereas", "sometimes", "towards", "besides", "news", "less", "unless", "afterwards",
                               "thus", "plus", "series", "means", "politics", "economics", "lens", "ones", "others"))
_PREPOSITIONS = frozenset(("from", "to", "on", "through", "into", "onto", "against", "for", "in", "across", "toward",
                           "towards", "past", "along", "around", "over", "outside", "behind", "at", "with", "up"))
_DETERMINERS_EN = frozenset(("the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its",
                             "my", "your", "whose", "every", "each", "no", "some", "any"))
# English noun endings: after 'to' such a word is no verb ('an end to subcontracting')
_NOMINAL = re.compile(r"(?:tion|sion|ment|ism|ing|ity|cy|ness|ship|hood|ance|ence|age|ure|ist)s?$", re.I)
_SENTENCE_END = frozenset(".!?:…")
_OPENERS = " \t\r\n\"'“”‘’«»„([{*•-–—#>"


def heads(bases: dict, min_base: int) -> frozenset[str]:
    """The first ``min_base`` letters of every base text that long or longer: a prefix of a word
    that is ``min_base`` letters or longer can only be a base when its own first letters are one
    of these (derived from the index, never kept: see ``align.termcache``)."""
    return frozenset(text[:min_base] for text in bases if len(text) >= min_base)


def _titled(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins a sentence, a paragraph or a heading line."""
    k = start
    while k > 0 and text[k - 1] in _OPENERS:
        if text[k - 1] == "\n" and text[k - 2:k - 1] in ("\n", ""):
            return True
        k -= 1
    return k == 0 or text[k - 1] in _SENTENCE_END

_STATUS_RANK = {s: i for i, s in enumerate(TERM_STATUSES)}


@frozen_dataclass
class TermMatch:
    start: int
    end: int
    concept_id: str
    term: Term
    matched: str
    status: str
    proper_name: bool
    form: str = ""           # the term text or variant that matched
    compound: bool = False   # found as a component of a longer word


def _spans(text: str, found: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each of ``found``, the words of ``text`` in order."""
    # findall runs in C; a word starts with a word character and the text between
    # two words has none, so find() from the last end gives its start
    words = []
    append, find, pos = words.append, text.find, 0
    for w in found:
        start = find(w, pos)
        pos = start + len(w)
        append((start, pos, w))
    return words


@frozen_dataclass
class _Entry:
    words: tuple[str, ...]
    concept_id: str
    term: Term
    form: str


class TermMatcher:
    """Matcher for the terms of ``lang`` (plus proper names of every language)."""

    def __init__(self, glossary: Glossary, lang: str, *, include_names: bool = True):
        self.lang = lang
        self.morph: Morphology = morphology_for(lang)
        self._bases: dict[str, list[Base]] = {}
        # every entry (a term form of a concept), once; the index below names them by position
        self._entries: Sequence[_Entry] = []
        self._first: dict[str, list[int]] = {}
        self._compound_bases: dict[str, list[Base]] = {}
        self._compound_prefix: set[str] = set()
        self._single: dict[str, list[int]] = {}
        self._has_exact_case = False
        self._capital_keys: set[str] = set()
        self._trie: dict[str, tuple[list, dict]] = {}     # term words, word by word
        # the term keys of each text word seen so far: a text repeats its words (and an
        # aligner calls find once per sentence), and _realize is the costly part of find
        self._realized: dict[str, frozenset[str]] = {}
        self._lower_capitals: set[str] = set()
        self._components_of: dict[tuple[str, bool], tuple] = {}   # (word form, all concepts): _parts
        # word form -> whether a match can start at it (``_can_start``), without and with all concepts
        self._start_forms: tuple[dict[str, bool], dict[str, bool]] = ({}, {})
        self._determiners = _DETERMINERS.get(self.morph.lang, frozenset())
        # only English names and verb uses ('to march', 'ha estado') make a term word no term
        self._use_checks = self.morph.lang == "en" or self.morph.lang in _VERB_MARKERS
        for concept in glossary.concepts:
            for term in concept.terms:
                if term.lang == lang or (include_names and term.proper_name):
                    for form in (term.text, *term.variants):
                        self._add(concept, term, form)
        self.size = sum(len(v) for v in self._first.values())
        self._heads = heads(self._bases, self.morph.min_base)

    # ------------------------------------------------------------ index

    def _add(self, concept: Concept, term: Term, form: str) -> None:
        words = WORD.findall(form)
        if not words:
            return
        keys = []
        foreign_name = term.proper_name and term.lang.split("-")[0].lower() != self.morph.lang
        for i, word in enumerate(words):
            if foreign_name:
                # a name of another language: only its exact form (no inflection, no case folding)
                key = "=" + word
                self._has_exact_case = True
                bases = [Base(key, EMPTY, key)]
            elif term.case_sensitive:
                key = "=" + word
                self._has_exact_case = True
                bases = [Base(key, b.suffixes, key) for b in self.morph.bases(word, last=i == len(words) - 1,
                                                                              multiword=len(words) > 1,
                                                                              first=i == 0, pos=term.pos)
                         if b.text == self.morph.fold(word)] or [Base(key, re.compile(""), key)]
            else:
                bases = self.morph.bases(word, last=i == len(words) - 1, multiword=len(words) > 1, first=i == 0,
                                         pos=term.pos)
                key = bases[0].word
            if (not key.startswith("=") and word[:1].isupper()
                    and (term.pos in ("noun", "properNoun") if self.morph.nouns_capitalized else len(words) == 1)):
                # a capitalised term word ('Partei'; in other languages a one-word term, 'Internacional',
                # 'Estado') is only realized by a capitalised word of the text; its key is kept apart
                # from the lower-case one ('internacional' the adjective, 'ha estado')
                self._capital_keys.add(key)
                key = "^" + key
            keys.append(key)
            for base in bases:
                bucket = self._bases.setdefault(base.text, [])
                if base not in bucket:
                    bucket.append(base)
        entry = len(self._entries)
        self._entries.append(_Entry(tuple(keys), concept.id, term, form))
        self._first.setdefault(keys[0], []).append(entry)
        node = self._trie.setdefault(keys[0], ([], {}))
        for key in keys[1:]:
            node = node[1].setdefault(key, ([], {}))
        node[0].append(entry)
        if (self.morph.compounds and len(words) == 1 and not term.case_sensitive and not foreign_name
                and words[0][:1].isupper() and len(words[0]) >= 4):
            self._single.setdefault(keys[0].lstrip("^"), []).append(entry)
            for base in self.morph.bases(words[0], last=True, multiword=False):
                if len(base.text) >= 4:
                    self._compound_bases.setdefault(base.text, []).append(base)
                    self._compound_prefix.add(base.text[:4])

    # ------------------------------------------------------------ matching

    def realize(self, word: str) -> frozenset[str]:
        """The term words (folded keys) that this word of a text is a form of."""
        return self._realize(word, self.morph.fold(word))

    def _realize(self, word: str, f: str) -> frozenset[str]:
        generic = self.morph.generic_length(word)
        if generic < len(word):     # 'ArbeiterInnen' is the generic 'Arbeiter', not 'Arbeiterin'
            word, f = word[:generic], f[:generic]
        if f in self.morph.lexicalised and f not in self._bases:
            return frozenset()
        if self._starts_no_base(word, f):   # most words of a text
            return frozenset()
        keys: set[str] = set()
        self._split(f, keys)
        if self._has_exact_case:
            self._split("=" + word, keys, exact=True)
        if "'" in f:
            for part in self.morph.apostrophe(f):
                if part:
                    self._split(part, keys)
                    if self._has_exact_case:
                        raw = word.replace("’", "'")
                        head, _, tail = raw.partition("'")
                        self._split("=" + (head if self.morph.fold(head) == part else tail), keys, exact=True)
        if not keys:
            stem = self.morph.stem(f)
            if stem:
                for base in self._bases.get(stem, ()):
                    keys.add(base.word)
        if self._capital_keys and word[:1].isupper():
            keys |= {"^" + k for k in keys if k in self._capital_keys}
        return frozenset(keys)

    def _starts_no_base(self, word: str, f: str) -> bool:
        """Whether ``_realize`` can find nothing by looking: no base is the word, no base starts
        as it does (``_split`` looks no further; also for the exact-case form), no apostrophe, and
        the language has no stem to look up instead."""
        bases, heads, n = self._bases, self._heads, self.morph.min_base
        if f in bases or f[:n] in heads or "'" in f or self.morph.stems:
            return False
        if self._has_exact_case:
            exact = "=" + word
            return exact not in bases and exact[:n] not in heads
        return True

    def _split(self, f: str, keys: set, exact: bool = False) -> None:
        if not f:
            return
        bases = self._bases
        # the whole word, then its prefixes longest first; a prefix shorter than the shortest
        # base that takes a remainder can only be the whole word, so those are not looked up
        candidates = bases.get(f)
        if candidates:
            for base in candidates:
                if base.suffixes.fullmatch(""):
                    keys.add(base.word)
        # every prefix looked up below is min_base letters or longer, so it can be a base only
        # when its first min_base letters begin one (``_heads``): most words' do not
        min_base = self.morph.min_base
        if f[:min_base] not in self._heads:
            return
        n = len(f)
        low = max(1, n - self.morph.max_suffix - 6) if not exact else 1
        for i in range(n - 1, max(low, min_base + exact) - 1, -1):
            candidates = bases.get(f[:i])
            if candidates:
                rest = f[i:]
                for base in candidates:
                    if base.suffixes.fullmatch(rest):
                        keys.add(base.word)

    def find(self, text: str, *, all_concepts: bool = False, nested: bool = False,
             text_words: list[str] | None = None) -> list[TermMatch]:
        """Term occurrences in ``text``, left to right, longest match first.

        With ``all_concepts``, a span that is a term of several concepts is
        reported once per concept (term QA needs them all). With ``nested``
        (which implies ``all_concepts``), the terms inside a longer match are
        reported too, after it: the words of ``Komünist Partisi`` are also
        communist and party, the components of ``Klassenkampf`` class and
        struggle; matches then overlap. ``text_words``: the text's words as ``WORD`` finds them,
        when the caller has them (an aligner reads every segment's at once)."""
        all_concepts = all_concepts or nested
        found_words, realized, words = self._words(text, text_words)
        starts = self._starts(found_words, realized, all_concepts, remembered=words is None)
        if not starts:   # most sentences: their words' places are not needed
            return []
        compounds = bool(self._compound_bases)
        lower_ok = not self.morph.nouns_capitalized
        if words is None:
            words = _spans(text, found_words)
        matches: list[TermMatch] = []
        after = 0    # the first word not inside a match
        for i in starts:
            if i < after:
                continue
            found = self._walk(i, words, realized, text) if realized[i] else None
            if found:
                best_len = max(found)
                start, end = words[i][0], words[i + best_len - 1][1]
                for entry in self._pick(self._by_use(found[best_len], words, i, best_len), all_concepts):
                    matches.append(self._match(start, end, text, entry))
                if nested:
                    self._inner(i, best_len, words, realized, text, matches)
                after = i + best_len
                continue
            w = words[i][2]
            if compounds and len(w) >= 7 and (lower_ok or not w[:1].islower()):
                self._add_components(words[i], text, all_concepts, matches)
            after = i + 1
        return matches

    def _words(self, text: str, found: list[str] | None = None) -> tuple[list[str], list, list | None]:
        """The words of ``text`` (``found``: as ``WORD`` finds them, when the caller has them), the
        term keys each realizes, and their spans where they were needed here (a lower-case form
        that may realize a capitalised term), else None."""
        memo = self._realized
        if len(memo) > _REALIZED_LIMIT:  # bounded: a long-running app matches many texts
            memo.clear()
            self._lower_capitals.clear()
            self._components_of.clear()
            for known in self._start_forms:
                known.clear()
        if found is None:
            found = WORD.findall(text)
        realized = list(map(memo.get, found))
        if None in realized:     # words seen for the first time, in order (a word twice: once)
            fold = self.morph.fold
            for i, r in enumerate(realized):
                if r is None:
                    w = found[i]
                    r = memo.get(w)
                    if r is None:
                        r = memo[w] = self._realize(w, fold(w))
                        if self._determiners and w[:1].islower() and not r.isdisjoint(self._capital_keys):
                            self._lower_capitals.add(w)
                    realized[i] = r
        lower_capitals = self._lower_capitals      # forms that may realize a capitalised term
        if lower_capitals:
            # (a form joins it when first realized, at or before its first place in the text)
            places = [i for i, w in enumerate(found) if w in lower_capitals]
            if places:
                words = _spans(text, found)
                for i in places:
                    self._after_determiner(i, words, realized, text)
                return found, realized, words
        return found, realized, None

    def _starts(self, found: list[str], realized: list, all_concepts: bool, remembered: bool) -> list[int]:
        """The places of ``found`` where a match can start (``_can_start``); ``remembered``: each
        word's ``realized`` keys are its form's remembered ones, so the answer is the form's too."""
        if not remembered:
            return [i for i, (w, r) in enumerate(zip(found, realized)) if self._can_start(w, r, all_concepts)]
        known = self._start_forms[all_concepts]
        flags = list(map(known.get, found))
        if None in flags:
            for i, flag in enumerate(flags):
                if flag is None:
                    w = found[i]
                    flags[i] = known[w] = self._can_start(w, realized[i], all_concepts)
        return [i for i, flag in enumerate(flags) if flag] if True in flags else []

    def _can_start(self, w: str, keys: frozenset[str], all_concepts: bool) -> bool:
        """Whether a match can start at a word: its keys begin a term, or (a compounding language)
        it holds a component. (At any other word ``find`` would only step on.)"""
        if keys and not self._trie.keys().isdisjoint(keys):   # (looks up each key, in C)
            return True
        # only words of 7 letters or more can hold a component (German nouns: capitalised ones)
        return bool(self._compound_bases and len(w) >= 7 and (not self.morph.nouns_capitalized or not w[:1].islower())
                    and self._parts(w, all_concepts))

    def _parts(self, w: str, all_concepts: bool) -> tuple:
        """``_components`` of a word form, remembered (a text repeats its long nouns, and an aligner
        asks once per sentence)."""
        key = (w, all_concepts)
        parts = self._components_of.get(key)
        if parts is None:
            parts = self._components_of[key] = tuple(self._components(w, all_concepts))
        return parts

    def _after_determiner(self, i: int, words, realized, text: str) -> None:
        """Let a lower-case word realize a capitalised term after a determiner ('el estado burgués')."""
        fold = self.morph.fold
        if i == 0 or fold(words[i - 1][2]) not in self._determiners:
            return
        if not GAP.fullmatch(text, words[i - 1][1], words[i][0]):
            return
        if i + 1 < len(words) and fold(words[i + 1][2]) in _NOT_AFTER_LOWER.get(self.morph.lang, ()):
            return
        keys = realized[i]
        realized[i] = keys | {"^" + k for k in keys & self._capital_keys}

    def _walk(self, i: int, words, realized, text: str, limit: int = 0) -> dict[int, list[_Entry]]:
        """The terms that start at word ``i``: entries by their number of words (at most ``limit``,
        given for the terms inside a longer match, whose capitals are the longer term's)."""
        here = realized[i]
        if not here:
            return {}
        found: dict[int, list[_Entry]] = {}
        trie, n = self._trie, len(words)
        stack = [(trie[key], 1) for key in here if key in trie]
        while stack:
            (entries, children), depth = stack.pop()
            if entries:
                found.setdefault(depth, []).extend(map(self._entries.__getitem__, entries))
            j = i + depth
            if children and j < n and (not limit or depth < limit) and GAP.fullmatch(text, words[j - 1][1], words[j][0]):
                for key in realized[j]:
                    child = children.get(key)
                    if child is not None:
                        stack.append((child, depth + 1))
        if found and self._use_checks and not limit:
            # the longest term that is no name or verb use wins; shorter ones are not looked at
            for depth in sorted(found, reverse=True):
                kept = [e for e in found.pop(depth) if not self._proper_use(e, words, i, depth, text)]
                if kept:
                    return {depth: kept}
        return found

    def _by_use(self, entries: list[_Entry], words, i: int, n_words: int) -> list[_Entry]:
        """Where one word is both an adjective term and a noun term ('comunista', 'política'),
        the one its place asks for: in Spanish a noun after an article or a preposition or at
        the start, an adjective after another word ('partido comunista', 'huelga política');
        in German a noun when capitalised ('die Kommunistische Internationale')."""
        if n_words != 1 or len(entries) < 2 or not (self._determiners or self.morph.nouns_capitalized):
            return entries
        adjectives = [e for e in entries if e.term.pos == "adjective"]
        if not adjectives or len(adjectives) == len(entries):
            return entries
        if self.morph.nouns_capitalized:     # German: the capital says it ('die Internationale')
            noun_place = words[i][2][:1].isupper()
        else:
            before = self.morph.fold(words[i - 1][2]) if i > 0 else ""
            noun_place = not before or before in _NOUN_AFTER[self.morph.lang] or before.isdigit()
        return [e for e in entries if (e.term.pos == "adjective") != noun_place]

    def _inner(self, i: int, length: int, words, realized, text: str, matches) -> None:
        """The terms nested in the match of ``length`` words at word ``i``: shorter terms at each
        of its words, and the term components of its words (compounding languages)."""
        for k in range(i, i + length):
            inner = self._walk(k, words, realized, text, limit=i + length - k)
            for depth in sorted(inner, reverse=True):
                if k == i and depth == length:
                    continue
                start, end = words[k][0], words[k + depth - 1][1]
                entries = self._by_use(inner[depth], words, k, depth)
                if k > i:   # after the head word: 'obrera' in 'clase obrera' is the adjective, no woman
                    entries = [e for e in entries if not e.words[0].endswith("+f")]
                for entry in self._pick(entries, True) if entries else ():
                    matches.append(self._match(start, end, text, entry))
            w = words[k][2]
            if self._compound_bases and len(w) >= 7 and not (self.morph.nouns_capitalized and w[:1].islower()):
                self._add_components(words[k], text, True, matches)

    def _add_components(self, word, text: str, all_concepts: bool, matches) -> None:
        w_start, _, w = word
        for rel_start, rel_end, entry in self._parts(w, all_concepts):
            matches.append(self._match(w_start + rel_start, w_start + rel_end, text, entry, compound=True))

    def _proper_use(self, entry: _Entry, words, i: int, n_words: int, text: str) -> bool:
        """A noun term used as a verb ('to march', 'ha estado'), or, in English, a lower-case
        common-noun term written capitalised as part of a name or a date: 'Union' in 'the
        Soviet Union', any capitalised use inside a sentence ('in March', 'on 8 March') or
        before a number ('March 3'). In the other languages a term inside a name is still the
        concept ('Emek Partisi', 'Policía Federal', 'Londra İşçileri Derneği'): translators
        check it there too."""
        term = entry.term
        if term.proper_name or term.case_sensitive or term.pos == "properNoun":
            return False
        if n_words == 1 and term.pos == "noun" and self._verb_use(entry.form, words, i, text):
            return True      # 'to march', 'they will strike', 'who march': the verb
        if entry.form != entry.form.lower():
            return False
        # a multi-word term in title case is still the concept ('Birinci Dünya Savaşı', 'General Strike')
        if n_words > 1 or not _titled(words[i][2]) or self.morph.lang != "en":
            return False
        line_start = text.rfind("\n", 0, words[i][0]) + 1
        line_end = text.find("\n", words[i][1])
        line = text[line_start:line_end if line_end >= 0 else len(text)]
        line_words = WORD.findall(line)
        if line.lstrip().startswith("#") or (3 <= len(line_words) <= 20 and _titled(line_words[0])
                                             and line.rstrip()[-1:] not in ".!?;:,"
                                             and sum(_titled(w) for w in line_words) * 2 > len(line_words)):
            return False     # a heading in title case: capitals say nothing there
        initial = _sentence_start(text, words[i][0])
        connectors = _EN_CONNECTORS
        # a capitalised neighbour, across lower-case connectors ('Sindicato Obrero de Trabajadores')
        k = i - 1
        while k >= 0 and words[k][2] in connectors and GAP.fullmatch(text, words[k][1], words[k + 1][0]):
            k -= 1
        if (k >= 0 and GAP.fullmatch(text, words[k][1], words[k + 1][0]) and _titled(words[k][2])
                and self.morph.fold(words[k][2]) not in _FUNCTION_WORDS):
            return True
        k = i + n_words
        while k < len(words) and words[k][2] in connectors and GAP.fullmatch(text, words[k - 1][1], words[k][0]):
            k += 1
        # the next word only counts when the capital is not explained by the start of a sentence
        if (not initial and k < len(words) and GAP.fullmatch(text, words[k - 1][1], words[k][0])
                and _titled(words[k][2])):
            return True
        # English writes common nouns in lower case inside a sentence ('in March', 'on 8 March')
        if not initial:
            return True
        nxt = i + n_words
        return nxt < len(words) and words[nxt][2].isdigit() and GAP.fullmatch(text, words[nxt - 1][1], words[nxt][0])

    def _verb_use(self, form: str, words, i: int, text: str) -> bool:
        """The word at ``i`` is a verb by the word before it: a modal, an auxiliary or 'to'
        ('an end to subcontracting' is no verb); in English also a subject pronoun or 'who'
        with the verb's own form ('they march', 'she marches', 'pensioners who march'),
        across one adverb ('will also march', 'they still march')."""
        k = i - 1
        if k < 0 or not GAP.fullmatch(text, words[k][1], words[i][0]):
            return False
        before = self.morph.fold(words[k][2])
        if self.morph.lang != "en":
            return before in _VERB_MARKERS.get(self.morph.lang, ())
        if before in _ADVERBS and k > 0 and GAP.fullmatch(text, words[k - 1][1], words[k][0]):
            before = self.morph.fold(words[k - 1][2])
            if before == "to":
                return False     # 'to all states', 'Letter to All Revolutionary Organizations': nouns
        # the verb's own form: 'to strike', not 'to workers' nor 'to all states'
        word, base = words[i][2].lower(), form.lower()
        third_person = word in (base + "s", base + "es")
        if before in _VERB_MARKERS["en"] or before in _PLURAL_SUBJECTS:
            return word == base and not (before == "to" and _NOMINAL.search(word))
        if before in _SINGULAR_SUBJECTS or before == "who":
            return third_person or (word == base and before == "who")
        return word == base and _after_plural_subject(words, i, text)

    def _pick(self, best, all_concepts: bool) -> list[_Entry]:
        if len(best) == 1:
            return best
        # a name written alike in several languages has an entry in each: the text's language's,
        # else the first language's, not the first in the index's order (which language a match
        # named changed with the process's hash seed)
        lang = self.morph.lang
        ranked = sorted(best, key=lambda e: (_STATUS_RANK[e.term.status], e.concept_id, e.term.lang != lang,
                                             e.term.lang, e.form))
        if not all_concepts:
            return ranked[:1]
        seen, out = set(), []
        for e in ranked:
            if e.concept_id not in seen:
                seen.add(e.concept_id)
                out.append(e)
        return out

    @staticmethod
    def _match(start: int, end: int, text: str, entry: _Entry, compound: bool = False) -> TermMatch:
        return TermMatch(start, end, entry.concept_id, entry.term, text[start:end], entry.term.status,
                         entry.term.proper_name, entry.form, compound)

    def _components(self, w: str, all_concepts: bool) -> list[tuple[int, int, _Entry]]:
        """Term components of one word: (start, end within the word, entry)."""
        w = w[:self.morph.generic_length(w)]
        f = self.morph.fold(w)
        back = None                 # folded offset -> offset in the word ('Großkapitals', ß -> ss)
        if len(f) != len(w):
            back = [i for i, ch in enumerate(w) for _ in self.morph.fold(ch)] + [len(w)]
            if len(back) != len(f) + 1:
                return []
        out, pos, L = [], 0, len(f)
        while pos <= L - 4:
            found = None
            if f[pos:pos + 4] in self._compound_prefix:
                for e in range(L, pos + 3, -1):
                    for base in self._compound_bases.get(f[pos:e], ()):
                        rest = f[e:]
                        # a component before it has three letters or more ('Re|aktion' is no compound);
                        # one after it four or more ('Inter|nation|ale' holds no nation)
                        if base.suffixes.fullmatch(rest) and pos >= 3:
                            found = (e + len(rest), base)        # the head, with its ending
                        elif (len(rest) >= 4 and (pos == 0 or pos >= 3) and _modifier_form(base, rest)
                              and not base.suffixes.fullmatch(rest)   # the word itself, inflected
                              and not (self.morph.derivation and self.morph.derivation.match(rest))):
                            found = (e, base)                    # a component before another
                        if found:
                            break
                    if found:
                        break
            if found:
                end, base = found
                entries = list(map(self._entries.__getitem__, self._single.get(base.word, ())))
                for entry in self._pick(entries, all_concepts) if entries else []:
                    out.append((pos, end, entry) if back is None else (back[pos], back[end], entry))
                pos = end
            else:
                pos += 1
        return out


def _after_plural_subject(words, i: int, text: str) -> bool:
    """A bare noun-like word between a plural noun that opens its sentence or line (alone or
    after one capitalised word) and a preposition is the verb of a headline or a report
    ('Miners march from Soma to Ankara', 'Soma miners march on Ankara', 'Communists call for');
    'the miners' march from' keeps the noun, and so does an object inside a sentence ('these
    vices brings peace to', 'and perpetrates genocide in': a verb in -s looks like a plural)."""
    k = i - 1
    subject = words[k][2]
    if (not _PLURAL_NOUN.fullmatch(subject) or subject.lower() in _NOT_PLURAL_NOUNS
            or not text[words[k][1]:words[i][0]].isspace() or i + 1 >= len(words)
            or words[i + 1][2].lower() not in _PREPOSITIONS or not text[words[i][1]:words[i + 1][0]].isspace()):
        return False
    if _sentence_start(text, words[k][0]):
        return True
    return (k > 0 and _sentence_start(text, words[k - 1][0]) and _titled(words[k - 1][2])
            and words[k - 1][2].lower() not in _DETERMINERS_EN)


def _modifier_form(base: Base, rest: str) -> bool:
    """Whether a component before another is written as a modifier is: the term word itself
    ('Klasse|nkampf', 'Streik|welle'), or without its final -e before a linking -n
    ('Klasse' in 'Klassen|kampf'); not a plural stem ('Völk|ermord') or a cut word
    ('Kommun|ikation')."""
    return base.text == base.word or (base.word == base.text + "e" and rest[:1] == "n")

