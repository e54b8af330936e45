"""Term candidates from aligned paragraph pairs.

Every aligned unit (a source paragraph group and its translation) is cut into
word n-grams (1 to 3 words) on both sides; n-grams that begin or end with a
function word, that are numbers, or that overlap a term already in the
glossary are left out. Words are compared by their Snowball stem when the
language has one (``sendikalar`` and ``sendikaların`` count together), else
by their folded form. A source n-gram and a target n-gram that occur in the
same units are scored with the Dice coefficient over units (ties broken by
Dunning's log-likelihood ratio); each candidate keeps the units it came from.
Function words are found from the data (words in a large share of the units
of that language), so no language needs a list. A word the translation keeps as it
is (a name, a place) is no translation term, and month names are not proposed.

A pair needs evidence beyond sharing units: when another word occurs in exactly the units a
candidate comes from, the units cannot tell which of them translates the other side, and the
candidate is left out; two units are enough only when neither side occurs without the other;
each word is proposed in one pair (the best). A pair whose sides are spelt alike
(*Kilometer*, *kilometres*) needs none of this. On third-party reviewed pairs of 25 beads
(``bench/glossary_candidates.py``, judged by a dictionary) this left 4.3 candidates a pair
instead of 15.0, 57% right instead of 23% (test split).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from workbench.errors import InputError
from workbench.glossary.corpus import AlignedUnit, aligned_units
from workbench.glossary.matcher import WORD, TermMatcher
from workbench.glossary.model import Concept, Glossary, Term, slugify
from workbench.glossary.termbase import owned_by

NOUNS_CAPITALISED = frozenset({"de", "lb"})   # every noun written with a capital (German, Luxembourgish)

if TYPE_CHECKING:
    from workbench.store import Store

_STEMMERS = {"en": "english", "de": "german", "es": "spanish", "tr": "turkish", "fr": "french",
             "it": "italian", "pt": "portuguese", "nl": "dutch", "ca": "catalan", "eo": "esperanto"}


@dataclass(frozen=True)
class CandidateSource:
    pair_id: int
    pair_label: str
    source_paragraphs: tuple[int, ...]
    target_paragraphs: tuple[int, ...]
    source: str
    target: str


@dataclass(frozen=True)
class TermCandidate:
    src_lang: str
    tgt_lang: str
    source: str              # most frequent surface form
    target: str
    dice: float
    llr: float
    together: int            # units with both
    source_count: int        # units with the source n-gram
    target_count: int
    sources: tuple[CandidateSource, ...]


def find_candidates(units: Iterable[AlignedUnit], glossary: Glossary, src_lang: str, tgt_lang: str, *,
                    min_count: int = 2, max_n: int = 3, limit: int = 100,
                    function_share: float = 0.15) -> list[TermCandidate]:
    units = [u for u in units if u.src_lang == src_lang and u.tgt_lang == tgt_lang]
    if not units:
        return []
    src_m, tgt_m = TermMatcher(glossary, src_lang), TermMatcher(glossary, tgt_lang)
    src_stem, tgt_stem = _stemmer(src_lang), _stemmer(tgt_lang)
    src_grams = [_grams(u.source, src_m, max_n, src_stem) for u in units]
    tgt_grams = [_grams(u.target, tgt_m, max_n, tgt_stem) for u in units]
    src_common = _common_words(src_lang, src_m.morph.fold, src_stem)
    tgt_common = _common_words(tgt_lang, tgt_m.morph.fold, tgt_stem)
    src_stop = _function_words(src_grams, len(units), function_share) | src_common[0]
    tgt_stop = _function_words(tgt_grams, len(units), function_share) | tgt_common[0]
    src_sets = [_keep(g, src_stop) for g in src_grams]
    tgt_sets = [_keep(g, tgt_stop) for g in tgt_grams]
    s_count = Counter(k for s in src_sets for k in s)
    t_count = Counter(k for s in tgt_sets for k in s)
    together: dict[tuple, list[int]] = defaultdict(list)
    for i, (ss, ts) in enumerate(zip(src_sets, tgt_sets)):
        s_keys = [k for k in ss if s_count[k] >= min_count]
        t_keys = [k for k in ts if t_count[k] >= min_count]
        for sk in s_keys:
            for tk in t_keys:
                together[(sk, tk)].append(i)
    n = len(units)
    s_where, t_where = _where(src_sets), _where(tgt_sets)
    scored = []
    for (sk, tk), idx in together.items():
        k = len(idx)
        if k < min_count or _everyday(sk, tk, src_common[1], tgt_common[1]):
            continue
        dice = 2 * k / (s_count[sk] + t_count[tk])
        scored.append((dice, _llr(k, s_count[sk], t_count[tk], n), len(sk) + len(tk), sk, tk, idx))
    scored.sort(key=lambda x: (-x[0], -x[1], -x[2], x[3], x[4]))
    out: list[TermCandidate] = []
    # pairs looked at, by their units (a pair inside another with as many units has the same units)
    taken: dict[tuple, list[tuple[tuple, tuple]]] = defaultdict(list)
    linked: set[tuple] = set()
    for dice, llr, _, sk, tk, idx in scored:
        # a shorter n-gram pair inside a better one with the same units adds nothing
        same = taken[tuple(idx)]
        if any(_inside(sk, s2) and _inside(tk, t2) for s2, t2 in same):
            continue
        same.append((sk, tk))
        # the evidence first (cheap): words that share its units, two units with a side seen
        # without the other, a word a better candidate has; a pair spelt alike needs none
        if not _alike(sk, tk) and (_rivals(sk, idx, s_where) or _rivals(tk, idx, t_where)
                                   or (len(idx) < 3 and dice < 1) or sk in linked or tk in linked):
            continue
        source = _surface(src_sets, idx, sk, src_lang in NOUNS_CAPITALISED)
        target = _surface(tgt_sets, idx, tk, tgt_lang in NOUNS_CAPITALISED)
        if _both_names(source, target) or not _worth_proposing(source, target, [units[i] for i in idx]):
            continue
        linked.update((sk, tk))
        out.append(TermCandidate(
            src_lang, tgt_lang, source, target, round(dice, 4),
            round(llr, 2), len(idx), s_count[sk], t_count[tk],
            tuple(CandidateSource(units[i].pair_id, units[i].pair_label, units[i].source_paragraphs,
                                  units[i].target_paragraphs, units[i].source, units[i].target) for i in idx)))
        if len(out) >= limit:
            break
    return out


def candidates_from_store(store: "Store", src_lang: str, tgt_lang: str, **kwargs) -> list[TermCandidate]:
    """Candidates from the beads a reviewer confirmed, in the direction asked for
    (the aligner's unreviewed guesses and reference alignments are left out)."""
    return find_candidates(aligned_units(store, src_lang=src_lang, tgt_lang=tgt_lang, confirmed_only=True),
                           store.glossary.current(), src_lang, tgt_lang, **kwargs)


def usual_direction(store: "Store") -> tuple[str, str] | None:
    """(source, target) language of the reviewed work: the direction of the stored alignments
    with the most beads a reviewer confirmed (candidates come only from those), else the
    direction of most document pairs; None with neither. The Candidates section opened on the
    alphabetically first language, so an English-to-German pair was offered as German to English."""
    reviewed: Counter = Counter()
    repo = getattr(store, "alignments", None)
    for summary in repo.list() if repo is not None else ():
        if summary.src_lang and summary.tgt_lang and summary.reviewed:
            reviewed[(summary.src_lang, summary.tgt_lang)] += summary.reviewed
    if not reviewed:
        reviewed.update((p.source_lang, p.target_lang) for p in store.documents.pairs()
                        if p.source_lang and p.target_lang and p.source_lang != p.target_lang)
    return max(reviewed, key=lambda d: (reviewed[d], d[0] == "en"), default=None)


def accept_candidate(store: "Store", candidate: TermCandidate, *, user: str, concept_id: str | None = None,
                     subject: str = "history", definition: str = "", homonym: bool = False) -> Concept:
    """Put a candidate into the glossary: a new draft concept, or its missing
    terms added to ``concept_id``. Only a terminologist or an admin may. A new concept
    with a term another concept has is refused, unless ``homonym`` (she was warned by
    ``homonym_warning`` and goes on: homonyms exist)."""
    from workbench.users import require_approver

    require_approver(store, user, "accept term candidates")
    src = Term(candidate.src_lang, candidate.source)
    tgt = Term(candidate.tgt_lang, candidate.target)
    if concept_id:
        concept = store.glossary.get(concept_id)
        have = {(t.lang, t.text) for t in concept.terms}
        extra = tuple(t for t in (src, tgt) if (t.lang, t.text) not in have)
        from dataclasses import replace

        return store.glossary.save(replace(concept, terms=concept.terms + extra),
                                   expected_version=concept.version, user=user)
    if not homonym:
        _refuse_known_terms(store.glossary.current(), (src, tgt))
    base = slugify(candidate.source if candidate.src_lang == "en" else
                   (candidate.target if candidate.tgt_lang == "en" else candidate.source))
    cid, n = base, 2
    while store.glossary.exists(cid):
        cid, n = f"{base}-{n}", n + 1
    note = f"Proposed from {len(candidate.sources)} aligned paragraph(s) (Dice {candidate.dice:.2f})."
    return store.glossary.save(Concept(cid, subject, "draft", definition, note, 1, (src, tgt)),
                               expected_version=None, user=user)


def _refuse_known_terms(glossary: Glossary, terms: tuple[Term, ...]) -> None:
    """A new concept with a term another concept has is a duplicate: candidates accepted together
    often share one ("Prozent → per cent", "Monaten → per cent" made per-cent and per-cent-2)."""
    for term, c in glossary.owners(terms)[:1]:
        raise InputError(f"'{term.text}' ({term.lang}) is a term of '{c.id}' already: add the other term "
                         f"to '{c.id}' on its page if it belongs there")


def homonym_clashes(glossary: Glossary, candidates: Iterable[TermCandidate]) -> list[str]:
    """A line for each candidate with a term another concept has (same language, case aside,
    variants too) or a candidate before it in ``candidates`` has (accepted together, they were
    two concepts with one term: "Prozent → per cent", "Monaten → per cent"), naming them."""
    lines, picked = [], {}
    for c in candidates:
        terms = (Term(c.src_lang, c.source), Term(c.tgt_lang, c.target))
        said = [owned_by(t, owner) for t, owner in glossary.owners(terms)]
        said += [f"'{t.text}' ({t.lang}) is a term of “{picked[key]}” too, accepted with it"
                 for t in terms if (key := (t.lang, t.text.casefold())) in picked]
        if said:
            lines.append(f"“{c.source} → {c.target}”: " + "; ".join(said))
        for t in terms:
            picked.setdefault((t.lang, t.text.casefold()), f"{c.source} → {c.target}")
    return lines


def homonym_warning(glossary: Glossary, candidates: Iterable[TermCandidate], go_on: str) -> str:
    """What to tell before ``candidates`` become new concepts when a term of one is another
    concept's (``homonym_clashes``): empty when none. A warning, not a refusal, as for a new
    concept or an added term (``termbase.homonym_warning``); ``go_on``: how she goes on."""
    lines = homonym_clashes(glossary, candidates)
    if not lines:
        return ""
    return (f"{'; '.join(lines)}. If it means the same, leave it out and add the other term to that concept "
            f"under Concepts; if it is another meaning with the same spelling, {go_on}.")


# ---------------------------------------------------------------- n-grams

def _grams(text: str, matcher: TermMatcher, max_n: int, stem) -> dict[tuple, list[tuple[str, bool]]]:
    """n-gram key (tuple of word keys) -> (surface form, whether it opens a sentence or stands
    in a title-case headline: its capital says nothing). An n-gram that lies inside one known
    term is left out; one that extends a term is kept (``strike committee`` when ``strike``
    is known)."""
    covered = [(m.start, m.end) for m in matcher.find(text) if not m.compound]
    fold = matcher.morph.fold
    title = _title_case(text)
    tokens = []   # (key, surface, start, end, term index, capital says nothing) or None at a break
    last_end = 0
    for m in WORD.finditer(text):
        gap = text[last_end:m.start()]
        if tokens and re.search(r"[.,;:!?()\[\]«»\"“”]", gap):
            tokens.append(None)
        opening = title or last_end == 0 or re.search(r"[.!?:…]\W*$|\n", gap) is not None
        last_end = m.end()
        word = m.group()
        if word.isdigit() or not word[0].isalpha():
            tokens.append(None)
            continue
        term = next((i for i, (s, e) in enumerate(covered) if s < m.end() and m.start() < e), -1)
        f = fold(word.replace("’", "'").split("'")[0] or word)
        tokens.append((stem(f) if stem else f, word, m.start(), m.end(), term, opening))
    out: dict[tuple, list[tuple[str, bool]]] = defaultdict(list)
    for i in range(len(tokens)):
        for n in range(1, max_n + 1):
            window = tokens[i:i + n]
            if len(window) < n or any(t is None for t in window):
                break
            if window[0][4] >= 0 and all(t[4] == window[0][4] for t in window):
                continue
            out[tuple(t[0] for t in window)].append((text[window[0][2]:window[-1][3]], window[0][5]))
    return out


def _where(sets: list[dict]) -> dict[frozenset[int], set[str]]:
    """The units a word occurs in -> the (one-word keys of the) words that occur in just those."""
    where: dict[tuple, set[int]] = defaultdict(set)
    for i, grams in enumerate(sets):
        for key in grams:
            if len(key) == 1:
                where[key].add(i)
    words: dict[frozenset[int], set[str]] = defaultdict(set)
    for key, units in where.items():
        words[frozenset(units)].add(key[0])
    return words


def _rivals(key: tuple, idx: list[int], where: dict[frozenset[int], set[str]]) -> bool:
    """Another word occurs in exactly the units the candidate comes from: the units cannot tell
    which of them the other side translates ("Prozent", "Monaten" and "Laufzeit" each came as
    "per cent" from the same two beads). Only more units, or a spelling alike, can."""
    return bool(where.get(frozenset(idx), set()) - set(key))


def _alike(source: tuple, target: tuple) -> bool:
    """A word of each side spelt alike (word keys sharing a beginning of at least 4 letters and
    half the shorter key: *Kilometer*, *kilometres*; *Chronik*, *chronique*): evidence of its own."""
    for a in source:
        for b in target:
            common = len(os.path.commonprefix((a, b)))
            if common >= 4 and common >= min(len(a), len(b)) / 2:
                return True
    return False


def _title_case(text: str) -> bool:
    """A short line with most of its longer words capitalised: a headline in title case."""
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return 2 <= len(words) <= 14 and "\n" not in text.strip() and not re.search(r"[.!?]\s+\S", text) \
        and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def _worth_proposing(source: str, target: str, units: list[AlignedUnit]) -> bool:
    """Not a translation term: a word kept as it is in the translation (a place or a
    name, which the Fragments page registers as a proper name), on either side of the
    pair, or a date word (a month)."""
    from workbench.align.evidence import fold, is_month_name

    def kept(phrase: str, texts: list[str]) -> bool:
        pattern = re.compile(r"(?<!\w)" + re.escape(fold(phrase)) + r"(?!\w)")
        return all(pattern.search(fold(t)) for t in texts)

    if kept(source, [u.target for u in units]) or kept(target, [u.source for u in units]):
        return False
    return not any(all(is_month_name(w) for w in WORD.findall(side)) for side in (source, target))


def _common_words(lang: str, fold, stem) -> tuple[set, set]:
    """(function words, everyday words) of a language as word keys: words that a
    published stop-word list names and that are among the language's 150 (function)
    or 1,000 (everyday) most frequent words. The frequency cut keeps content words
    that long stop lists carry ('state', 'work', 'estado') out of the first set."""
    import stopwordsiso
    import wordfreq

    code = (lang or "").split("-")[0].lower()
    if not stopwordsiso.has_lang(code) or code not in wordfreq.available_languages():
        return set(), set()
    listed = stopwordsiso.stopwords(code)
    ranked = [w for w in wordfreq.top_n_list(code, 1000) if w in listed]
    top = set(wordfreq.top_n_list(code, 150))
    key = (lambda w: stem(fold(w))) if stem else fold
    return {key(w) for w in ranked if w in top}, {key(w) for w in ranked}


def _everyday(sk: tuple, tk: tuple, src_everyday: set, tgt_everyday: set) -> bool:
    """A one-word pair with an everyday word on a side ('zwischen' → 'between', 'between' →
    'Gewerkschaften') is no term: the price is everyday nouns ('work' → 'Arbeit') as one-word terms."""
    return len(sk) == 1 and len(tk) == 1 and (sk[0] in src_everyday or tk[0] in tgt_everyday)


def _both_names(source: str, target: str) -> bool:
    """Capitalised in every occurrence on both sides: a name, not a term."""
    return source[:1].isupper() and target[:1].isupper()


def _function_words(grams: list[dict], n_units: int, share: float) -> set[str]:
    df = Counter(k[0] for g in grams for k in g if len(k) == 1)
    limit = max(3, share * n_units)
    return {w for w, c in df.items() if c > limit} | {w for w in df if len(w) <= 2}


def _keep(grams: dict, stop: set[str]) -> dict[tuple, list[str]]:
    return {k: v for k, v in grams.items() if k[0] not in stop and k[-1] not in stop}


def _surface(sets: list[dict], idx: list[int], key: tuple, nouns_capitalised: bool = False) -> str:
    found = [form for i in idx for form in sets[i].get(key, ())]
    best = Counter(f for f, _ in found).most_common()
    top = best[0][1]
    # among the most frequent forms, the shortest (usually the base form), lower case unless a name;
    # a capital that opens a sentence or stands in a title-case headline is no sign of a name (a
    # candidate seen in headlines only kept it). German nouns keep theirs.
    choice = min((f for f, c in best if c == top), key=lambda f: (len(f), f))
    running = [f for f, opening in found if not opening]
    if running:
        name = all(f[:1].isupper() for f in running)
    else:
        name = nouns_capitalised or any(w.isupper() and len(w) > 1 or w[1:] != w[1:].lower()
                                        for w in WORD.findall(choice))
    return choice if choice[:1].isupper() and name else choice[:1].lower() + choice[1:]


def _inside(small: tuple, big: tuple) -> bool:
    if len(small) > len(big):
        return False
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


def _llr(k11: int, c1: int, c2: int, n: int) -> float:
    """Dunning's log-likelihood ratio for a 2x2 table of unit counts."""
    k12, k21 = c1 - k11, c2 - k11
    k22 = max(n - k11 - k12 - k21, 0)

    def h(*ks):
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k > 0)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def _stemmer(lang: str):
    name = _STEMMERS.get((lang or "").split("-")[0].lower())
    if not name:
        return None
    try:
        import snowballstemmer
    except ImportError:
        return None
    return snowballstemmer.stemmer(name).stemWord
