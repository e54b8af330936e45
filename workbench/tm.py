"""Translation memory lookup: exact (after safe normalisation) and fuzzy.

Exact: the source matches a stored unit after normalising spaces and
quotation marks. A match that differs only in the case of the first letter
(a sentence-initial capital) is also exact; the stored target's first letter
is adjusted the same way. Other case differences are not reused blindly: they
are offered as fuzzy matches.

Fuzzy: rapidfuzz's ``fuzz.ratio`` (0-100) on the normalised sources, at or
above 75 by default; offered in review, never inserted without a person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.errors import InputError

if TYPE_CHECKING:
    from workbench.store import Store

FUZZY_THRESHOLD = 75.0
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2039": "'", "\u203a": "'", "`": "'",
})


@dataclass(frozen=True)
class TMMatch:
    unit_id: int
    source: str
    target: str
    score: float      # 100 for exact matches
    kind: str         # "exact", "exact-case" (first letter's case adjusted) or "fuzzy"
    origin: str


@dataclass(frozen=True)
class TMLookup:
    source: str
    exact: TMMatch | None = None
    fuzzy: tuple[TMMatch, ...] = field(default=())

    @property
    def best(self) -> TMMatch | None:
        return self.exact or (self.fuzzy[0] if self.fuzzy else None)


def normalise(text: str) -> str:
    """NFC, typographic quotes made plain, runs of white space made one space, trimmed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def fold_key(text: str) -> str:
    return normalise(text).casefold()


def lookup(store: "Store", source: str, src_lang: str, tgt_lang: str, *, fuzzy: bool = True,
           threshold: float = FUZZY_THRESHOLD, limit: int = 5) -> TMLookup:
    """Find the exact match (if any) and the best fuzzy matches for ``source``."""
    return lookup_many(store, [source], src_lang, tgt_lang, fuzzy=fuzzy, threshold=threshold, limit=limit)[source]


def lookup_many(store: "Store", sources, src_lang: str, tgt_lang: str, *, fuzzy: bool = True,
                threshold: float = FUZZY_THRESHOLD, limit: int = 5) -> dict[str, TMLookup]:
    """The TM lookup of many sources at once (a whole job): one indexed query for the exact
    matches and one for the fuzzy candidates. Returns a lookup for each distinct source."""
    distinct = list(dict.fromkeys(sources))
    keys = {s: normalise(s) for s in distinct}
    wanted = sorted({k for k in keys.values() if k})
    out = {s: TMLookup(s) for s in distinct}
    if not wanted:
        return out
    by_key: dict[str, list] = {}
    by_fold: dict[str, list] = {}
    for unit, key, fold in store.tm.by_keys(src_lang, tgt_lang, wanted, {k.casefold() for k in wanted}):
        by_key.setdefault(key, []).append(unit)   # newest first
        by_fold.setdefault(fold, []).append(unit)
    exact: dict[str, TMMatch | None] = {k: _exact_from(k, by_key.get(k, ()), by_fold.get(k.casefold(), ()))
                                        for k in wanted}
    fuzzy_found: dict[str, list[TMMatch]] = {}
    if fuzzy:
        fuzzy_found = _fuzzy_many(store, wanted, src_lang, tgt_lang, threshold, limit + 1)
    for source, key in keys.items():
        if not key:
            continue
        found = exact[key]
        matches: tuple[TMMatch, ...] = ()
        if fuzzy:
            matches = tuple(m for m in fuzzy_found.get(key, ())
                            if found is None or m.unit_id != found.unit_id)[:limit]
        out[source] = TMLookup(source, found, matches)
    return out


def _exact_from(key: str, same_key, same_fold) -> TMMatch | None:
    if same_key:
        u = same_key[0]
        return TMMatch(u.id, u.source, u.target, 100.0, "exact", u.origin)
    for u in same_fold:
        stored = normalise(u.source)
        if stored[1:] == key[1:] and stored[:1].casefold() == key[:1].casefold():
            return TMMatch(u.id, u.source, _match_initial_case(u.target, stored[:1], key[:1]),
                           100.0, "exact-case", u.origin)
    return None


def _length_band(n: int, threshold: float) -> tuple[int, int]:
    # ratio = 2*M/(a+b) >= t/100 needs the shorter string to be >= t/(200-t) of the longer.
    frac = threshold / (200.0 - threshold) if threshold < 200 else 1.0
    return int(n * frac), (int(n / frac) + 1 if frac else 10**9)


def _fuzzy_many(store: "Store", keys: list[str], src_lang: str, tgt_lang: str, threshold: float,
                limit: int) -> dict[str, list[TMMatch]]:
    """Stored units whose normalised source is at least ``threshold`` similar (0-100, rapidfuzz's
    ratio) to each key, over the candidates of one query (the union of the keys' length bands);
    each key is scored against the units in its own band, in id order."""
    from bisect import bisect_left, bisect_right

    from rapidfuzz import fuzz, process

    bands = {k: _length_band(len(k), threshold) for k in keys}
    low, high = min(b[0] for b in bands.values()), max(b[1] for b in bands.values())
    units = store.tm.candidates_with_len(src_lang, tgt_lang, low, high)   # ordered by id
    if not units:
        return {}
    by_len = sorted(range(len(units)), key=lambda i: (units[i][1], i))
    lengths = [units[i][1] for i in by_len]
    normalised: dict[int, str] = {}
    out: dict[str, list[TMMatch]] = {}
    for key, (lo, hi) in bands.items():
        band = sorted(by_len[bisect_left(lengths, lo):bisect_right(lengths, hi)])   # back in id order
        if not band:
            continue
        for i in band:
            if i not in normalised:
                normalised[i] = normalise(units[i][0].source)
        choices = [normalised[i] for i in band]
        found = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
        out[key] = [TMMatch(units[band[j]][0].id, units[band[j]][0].source, units[band[j]][0].target,
                            round(score, 1), "fuzzy", units[band[j]][0].origin)
                    for _, score, j in sorted(found, key=lambda f: (-f[1], f[2]))]
    return out


def _match_initial_case(target: str, stored_initial: str, new_initial: str) -> str:
    if not target:
        return target
    if new_initial.isupper() and not stored_initial.isupper():
        return target[0].upper() + target[1:]
    if new_initial.islower() and not stored_initial.islower():
        return target[0].lower() + target[1:]
    return target


# --------------------------------------------------------------------------- files

@dataclass(frozen=True)
class PairsImport:
    """What a TM import did: units added or updated, and what the reader and the
    language handling mapped or could not keep (``log`` lines, printed by the CLI)."""
    added: int
    log: tuple[str, ...] = ()


def import_file(store: "Store", path, user: str = "translator", src_lang: str | None = None,
                tgt_lang: str | None = None, columns: str | None = None) -> PairsImport:
    """Add every segment pair of a TMX, XLIFF, CSV or TSV file to the TM (the format comes
    from the extension). A unit with segments in several languages gives a TM unit for each
    ordered pair of its languages (only from ``src_lang`` when given). Region subtags are
    folded (``en-GB`` is ``en``) unless a unit pairs two regions of one language
    (``en-US``/``en-GB``): those keep their codes. Both are counted in the log. All or
    nothing: parsed first, then one transaction; no pair at all is an error."""
    from workbench.files import read_bytes
    from workbench.formats.base import ReadLog, format_for

    fmt = format_for(path, "pairs")
    log = ReadLog()
    pairs = fmt.read(read_bytes(path, "file"), str(path), log, src_lang=src_lang, tgt_lang=tgt_lang,
                     columns=columns)
    rows = list(_ordered_pairs(pairs.units, src_lang, log))
    if not rows:
        langs = sorted({lang for u in pairs.units for lang in u.segments})
        raise InputError(f"{path}: no segment pairs to import ({len(pairs.units)} units, languages: "
                         f"{', '.join(langs) or 'none'}"
                         + (f"; none from {src_lang}" if src_lang else "") + ")")
    with store.transaction():
        for a, b, source, target, unit in rows:
            store.tm.add_unit(a, b, source, target, unit.props.get("x-origin", f"{fmt.name} import"),
                              unit.creationid or user)
    return PairsImport(len(rows), tuple(log.lines()))


def _ordered_pairs(units, src_lang: str | None, log):
    wanted = src_lang.lower() if src_lang else None
    for unit in units:
        segs = _unit_languages(unit, log)
        for a, source in segs.items():
            if wanted and a != wanted and a.split("-")[0] != wanted:
                continue
            for b, target in segs.items():
                if a != b:
                    yield a, b, source, target, unit


def _unit_languages(unit, log) -> dict[str, str]:
    """The unit's non-empty segments by language code: regions folded, unless two
    segments share a base language (then both keep their region)."""
    segs = {lang.lower(): text for lang, text in unit.segments.items() if text and text.strip()}
    bases = [code.split("-")[0] for code in segs]
    if len(set(bases)) < len(bases):
        log.note(f"kept region variants of one language as separate languages ({' ↔ '.join(sorted(segs))})")
        return segs
    folded = {}
    for code, text in segs.items():
        if "-" in code:
            log.note(f"folded region code {code} to {code.split('-')[0]}")
        folded[code.split("-")[0]] = text
    return folded


def add_confirmed(store: "Store", src_lang: str, tgt_lang: str, source: str, target: str, *, origin: str,
                  user: str) -> int:
    """A pair a translator confirmed (an accepted bead, e.g. post-edited MT): stored whole and,
    when both sides have as many sentences, sentence by sentence too, since a job looks its
    segments up one sentence at a time. Returns the units added or updated."""
    store.tm.add_unit(src_lang, tgt_lang, source, target, origin=origin, user=user)
    pairs = sentence_pairs(source, target, src_lang, tgt_lang)
    for src_sentence, tgt_sentence in pairs:
        store.tm.add_unit(src_lang, tgt_lang, src_sentence, tgt_sentence, origin=f"{origin}, sentence", user=user)
    return 1 + len(pairs)


def sentence_pairs(source: str, target: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
    """The sentences of a confirmed pair, paired in order when both sides have as many (two or more)."""
    from workbench.segment import split_sentences

    sources, targets = split_sentences(source, src_lang), split_sentences(target, tgt_lang)
    return list(zip(sources, targets)) if 2 <= len(sources) == len(targets) else []


def import_tmx(store: "Store", path, user: str = "translator", src_lang: str | None = None) -> int:
    """``import_file`` of a TMX file; returns the number of units added or updated."""
    return import_file(store, path, user, src_lang).added


def export_tmx(store: "Store", path, src_lang: str | None = None, tgt_lang: str | None = None) -> int:
    """Write the TM (or one language pair of it) as TMX 1.4b; returns the number of units."""
    return export_file(store, path, src_lang, tgt_lang)


def export_file(store: "Store", path, src_lang: str | None = None, tgt_lang: str | None = None, *,
                xliff_version: str = "2.0") -> int:
    """Write the TM (or one language pair of it) as TMX, XLIFF, CSV or TSV (by the extension);
    returns the number of units. A pair stored in both directions (as an import makes it) is
    written once. The file is written whole or not at all."""
    from workbench.files import write_text_atomic
    from workbench.formats.base import PairsFile, format_for
    from workbench.formats.tmx import TmxUnit

    fmt = format_for(path, "pairs")
    units = _one_direction(store.tm.units(src_lang, tgt_lang))
    if not units:
        raise InputError("the translation memory has no units"
                         + (f" for {src_lang or '*'}->{tgt_lang or '*'}" if src_lang or tgt_lang else ""))
    srclang = src_lang or (units[0].src_lang if len({u.src_lang for u in units}) == 1 else "*all*")
    tgtlang = tgt_lang or (units[0].tgt_lang if len({u.tgt_lang for u in units}) == 1 else None)
    if fmt.name == "xliff" and (srclang == "*all*" or not tgtlang):
        raise InputError(f"{path}: an XLIFF file holds one language pair: give --from and --to")
    pairs = PairsFile([TmxUnit({u.src_lang: u.source, u.tgt_lang: u.target}, props={"x-origin": u.origin},
                               tuid=str(u.id), creationdate=u.created_at, creationid=u.created_by,
                               changedate=u.updated_at) for u in units], src_lang=srclang, tgt_lang=tgtlang)
    write_text_atomic(path, fmt.write(pairs, version=xliff_version), newline=None)
    return len(units)


def _one_direction(units) -> list:
    seen, out = set(), []
    for u in units:
        if (u.tgt_lang, u.src_lang, u.target, u.source) in seen:
            continue
        seen.add((u.src_lang, u.tgt_lang, u.source, u.target))
        out.append(u)
    return out
